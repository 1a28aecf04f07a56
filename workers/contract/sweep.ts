/**
 * Parameter sweeps and walk-forward over a symbol's imported bars: every cell a whole backtest,
 * run in parallel workers started by the engine. Read-only: nothing is stored.
 */
import type { BrokerConfig } from '$lib/core/broker';
import type { Timeframe } from '$lib/core/indicators';
import type { Mode } from '$lib/core/model/mode';
import type { RiskConfig } from '$lib/core/risk';
import type { StrategyDefinition } from '$lib/core/strategy/types';
import type { SweepCell, SweepGrid, SweepMetric } from '$lib/core/strategy/sweep';
import type { WalkForwardReport, WalkForwardSpec } from '$lib/core/strategy/walk-forward';

export type { SweepAxis, SweepCell, SweepGrid, SweepMetric, SweepParameter } from '$lib/core/strategy/sweep';
export type {
	WalkForwardReport,
	WalkForwardRow,
	WalkForwardSpec,
	WalkForwardWindow
} from '$lib/core/strategy/walk-forward';

export interface SweepRequest {
	symbol: string;
	/** Null: the bars as imported; else one of the symbol's longer timeframes. */
	timeframe: Timeframe | null;
	strategy: StrategyDefinition;
	grid: SweepGrid;
	metric: SweepMetric;
	/** Broker settings; what is not given keeps DEFAULT_BROKER_CONFIG's ($100,000, no costs). */
	broker?: Partial<BrokerConfig>;
	/** Risk rules; none given: every rule off (a sweep compares the rule itself). */
	risk?: RiskConfig;
}

export interface WalkForwardRequest extends SweepRequest {
	windows: WalkForwardSpec;
}

/** The bars a sweep ran over. */
export interface SweepBars {
	symbol: string;
	/** `1m`, `1D`: what the bars are. */
	timeframeLabel: string;
	count: number;
	/** Open times of the first and last bar; epoch ms, UTC. */
	firstTime: number;
	lastTime: number;
}

export interface SweepResult {
	bars: SweepBars;
	metric: SweepMetric;
	/** The swept parameters, across then down, with the page's names. */
	axes: { key: string; label: string }[];
	/** Values across (first axis) and down (second; [] for one parameter). */
	columns: number[];
	rows: number[];
	/** Every cell in reading order (row by row). */
	cells: SweepCell[];
	/** Index of the best cell by the metric; null when none has a value. */
	best: number | null;
	/** How many workers ran the cells (1: in the engine itself). */
	workers: number;
}

export interface WalkForwardResult {
	bars: SweepBars;
	report: WalkForwardReport;
	/** Each window's bar open times: in-sample start, out-of-sample start and its last bar. */
	times: { isStart: number; oosStart: number; oosLast: number }[];
	/** The overfitting rule the warnings apply, in words. */
	rule: string;
	workers: number;
}

/** Cells (or runs) done of the whole. */
export interface SweepProgress {
	done: number;
	total: number;
}

export type SweepOutcome<T> = { ok: true; result: T } | { ok: false; cancelled: boolean; message: string };

export interface SweepApi {
	/** Runs every cell of the grid over the symbol's bars; `jobId` names it for `cancelSweep`. */
	runSweep(
		mode: Mode,
		jobId: string,
		request: SweepRequest,
		onProgress: (p: SweepProgress) => void
	): Promise<SweepOutcome<SweepResult>>;
	/** Optimises the grid on each in-sample window and runs the winner on the next out-of-sample one. */
	runWalkForward(
		mode: Mode,
		jobId: string,
		request: WalkForwardRequest,
		onProgress: (p: SweepProgress) => void
	): Promise<SweepOutcome<WalkForwardResult>>;
	/** Stops a running sweep or walk-forward (its workers end; nothing is kept); false when none runs. */
	cancelSweep(mode: Mode, jobId: string): boolean;
}
