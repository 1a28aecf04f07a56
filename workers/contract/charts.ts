/** Charts and signals over imported bars. */
import type { TradeFilter } from '$lib/core/trades/query';
import type { Excursion } from '$lib/core/analytics/excursion';
import type { Timeframe } from '$lib/core/indicators';
import type { BarColumns } from '$lib/core/model/journal';
import type { Mode } from '$lib/core/model/mode';
import type { Signal, SignalParamsInput } from '$lib/core/signals';
import type { StudySpec } from '$lib/core/studies';

/** Bars of one symbol as columns, sorted by time (epoch ms; volume NaN where the file had none). */
export type ChartBars = BarColumns;

export interface TradeChart {
	symbol: string;
	/** Bars around the trade, or null when no imported bars reach its time. */
	bars: ChartBars | null;
	/** Spacing of the bars (ms); null without bars. */
	timeframeMs: number | null;
	/** Null without bars, or when they do not cover the trade from first to last execution. */
	excursion: Excursion | null;
}

/** A symbol with imported bars, as the Charts and Signals pages list it. */
export interface BarSymbol {
	symbol: string;
	/** The finest spacing among its imports (ms): what the chart shows as imported. */
	nativeMs: number;
	nativeLabel: string;
	/** Bars at that spacing, all imports merged. */
	count: number;
	firstTime: number;
	lastTime: number;
	/** Longer timeframes the bars can be resampled to. */
	timeframes: Timeframe[];
	/** Bar files (imports) with bars at that spacing. */
	files: number;
	/** Times at that spacing where the files disagree (Charts → Bar sources compares them). */
	disagreeing: number;
}

export interface ChartRequest {
	symbol: string;
	/** Null: as imported (the finest spacing); else one of the symbol's `timeframes`. */
	timeframe: Timeframe | null;
	studies: StudySpec[];
	/**
	 * The display zone. Not used for buckets: bars are grouped on the instrument's session (US
	 * equities' hours from 09:30 New York time, crypto's on UTC; see `PriceChart.sessionLabel`).
	 */
	zone: string;
	/**
	 * The trade filter: only executions of trades it lets through are drawn (days in
	 * `filterZone`, the display zone). None: every execution.
	 */
	filter?: TradeFilter;
	filterZone?: string;
}

export interface ChartStudy {
	spec: StudySpec;
	label: string;
	/** One column per line of the study's catalogue entry, the bars' length. */
	lines: Float64Array[];
}

export interface ChartExecution {
	time: number;
	side: 'buy' | 'sell';
	quantity: number;
	price: number;
}

export interface PriceChart {
	symbol: string;
	timeframeMs: number;
	/** `1m`, `1D`, `15m`…: what the bars are. */
	timeframeLabel: string;
	/** Where the instrument's hours and days start, as the chart states it (marketSession's label). */
	sessionLabel?: string;
	bars: ChartBars;
	studies: ChartStudy[];
	/** The symbol's executions within the bars' time span, oldest first (every account). */
	executions: ChartExecution[];
	/** Executions in the span that the trade filter left out (0 without a filter). */
	hiddenExecutions: number;
}

export interface SignalsRequest {
	/** Null: every symbol with bars. */
	symbols: string[] | null;
	timeframe: Timeframe | null;
	params: SignalParamsInput;
	zone: string;
}

export interface SymbolSignals {
	symbol: string;
	timeframeLabel: string;
	bars: number;
	/** The open time of the last bar read, or null when none. */
	lastBarTime: number | null;
	/** Every signal of the run, newest last; each carries its lineage. */
	signals: Signal[];
	/** Why the symbol could not be run (e.g. its bars have no volume), or null. */
	error: string | null;
}

export interface ChartsApi {
	/** Every symbol with imported bars, by name. */
	barSymbols(mode: Mode): Promise<BarSymbol[]>;
	/** A symbol's bars with studies and executions; null when it has no bars. */
	priceChart(mode: Mode, request: ChartRequest): Promise<PriceChart | null>;
	/** The signal generator over each symbol's bars (or every symbol with bars). */
	runSignals(mode: Mode, request: SignalsRequest): Promise<SymbolSignals[]>;
	/** The bars around a trade and its excursion; null when there is no such trade. */
	tradeChart(mode: Mode, tradeId: string): Promise<TradeChart | null>;
}
