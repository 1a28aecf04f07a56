/**
 * The strategy lab: stored, versioned strategies and backtests of them over imported bars, run in
 * the engine in slices (progress, Cancel) and stored as runs whose executions are paper executions.
 * Paper mode only: a strategy trades only on paper.
 */
import type { BrokerConfig, CommissionModel } from '$lib/core/broker';
import type { Timeframe } from '$lib/core/indicators';
import type { Mode } from '$lib/core/model/mode';
import type { RiskConfig } from '$lib/core/risk';
import type { BacktestMetrics, BacktestTrade, SymbolFigures } from '$lib/core/strategy/metrics';
import type { PromotionColumn } from '$lib/core/strategy/promotion';

export type { PromotionColumn };
import type { StrategyDefinition } from '$lib/core/strategy/types';

/** A stored strategy: its current definition, when it was made and last saved, its runs. */
export interface StoredStrategy {
	definition: StrategyDefinition;
	/** Epoch ms, UTC. */
	createdAt: number;
	updatedAt: number;
	runs: number;
}

export interface BacktestRequest {
	strategyId: string;
	/** The primary symbol: the first of `symbols` (a caller naming one symbol may give only this). */
	symbol: string;
	/** Every symbol to run, on one clock with one account; absent: `symbol` alone. */
	symbols?: string[];
	/** Null: the bars as imported (every symbol's the same spacing); else a timeframe the bars resample to. */
	timeframe: Timeframe | null;
	/** Bars with from ≤ open time < to (epoch ms); null: from the first, to after the last. */
	from: number | null;
	to: number | null;
	/** Dollars. */
	startingCash: number;
	commission: CommissionModel;
	/** Risk limits; absent: the paper desk's defaults (a sweep's cell opened as a run passes its own). */
	risk?: RiskConfig;
}

/** Bars run so far of a backtest. */
export interface BacktestProgress {
	done: number;
	total: number;
}

/** A run as the strategies page lists it. */
export interface BacktestRunSummary {
	id: string;
	strategyId: string;
	version: number;
	strategyName: string;
	/** The primary symbol (the first of `symbols`). */
	symbol: string;
	/** Every symbol run, the primary first. */
	symbols: string[];
	timeframeLabel: string;
	firstBarTime: number;
	lastBarTime: number;
	bars: number;
	createdAt: number;
	metrics: BacktestMetrics;
}

/** A run as its report shows it. */
export interface BacktestRunDetail extends BacktestRunSummary {
	/** Each symbol's closed trades and net P&L, in `symbols`' order. */
	bySymbol: SymbolFigures[];
	definition: StrategyDefinition;
	/** Null: the bars as imported; else the timeframe they were resampled to. */
	timeframe: Timeframe | null;
	timeframeMs: number;
	/** SHA-256 (hex) of the bars run, packed as columns: time, open, high, low, close, volume. */
	barHash: string;
	broker: BrokerConfig;
	risk: RiskConfig;
	trades: BacktestTrade[];
	/** The equity curve (dollars) at `equityTime` (epoch ms), transferred. */
	equityTime: Float64Array;
	equity: Float64Array;
}

export type BacktestOutcome =
	{ ok: true; run: BacktestRunSummary } | { ok: false; cancelled: boolean; message: string };

export interface StrategyApi {
	/** Every stored strategy, the last saved first (none in real mode). */
	strategies(mode: Mode): Promise<StoredStrategy[]>;
	/** Every saved version of a strategy, oldest first. */
	strategyVersions(mode: Mode, strategyId: string): Promise<StrategyDefinition[]>;
	/**
	 * Saves a definition: a new id at version 1, a change as the next version, the same
	 * definition as nothing new. Refused with the problem (see strategyProblem) when it cannot run.
	 */
	saveStrategy(mode: Mode, definition: StrategyDefinition): Promise<StrategyDefinition>;
	/** Deletes a strategy and its versions; its runs stay, naming the version they ran. */
	deleteStrategy(mode: Mode, strategyId: string): Promise<boolean>;
	/**
	 * Runs a backtest of a strategy's current version in slices, reporting bars done after each,
	 * and stores the run; a Cancel (cancelBacktest with the same job id) stores nothing.
	 */
	runBacktest(
		mode: Mode,
		jobId: string,
		request: BacktestRequest,
		onProgress: (p: BacktestProgress) => void
	): Promise<BacktestOutcome>;
	/** Cancels a running backtest (nothing of it is stored); false when no such job runs. */
	cancelBacktest(mode: Mode, jobId: string): boolean;
	/** Every run (of one strategy, or of all with null), newest first. */
	backtestRuns(mode: Mode, strategyId: string | null): Promise<BacktestRunSummary[]>;
	backtestRun(mode: Mode, id: string): Promise<BacktestRunDetail | null>;
	/** Deletes a run and its executions; false when there was none. */
	deleteBacktestRun(mode: Mode, id: string): Promise<boolean>;
}

/**
 * Paper to real: a strategy's backtests, paper replays and the real trades named after it, side by
 * side (see core/strategy/promotion.ts).
 */
export interface PromotionReport {
	strategyName: string;
	/** Backtest runs counted (every version's). */
	runs: number;
	/** Paper sessions the strategy was attached to. */
	sessions: number;
	columns: { backtest: PromotionColumn; replay: PromotionColumn; real: PromotionColumn };
	/** What differs between the tested and the live columns, in words; [] when nothing stands out. */
	notes: string[];
	/** Sessions that could not be replayed (their bars are gone), each with why. */
	skipped: string[];
}

export interface PromotionApi {
	/**
	 * The promotion report of a stored strategy (paper mode; null in real mode or for no such
	 * strategy). Real trades count when their strategy (from the journal) has the strategy's name.
	 */
	strategyPromotion(mode: Mode, strategyId: string): Promise<PromotionReport | null>;
}
