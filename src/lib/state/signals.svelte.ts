import type { BarSymbol, PriceChart, SymbolSignals } from '$workers/contract';
import type { Timeframe } from '$lib/core/indicators';
import {
	DEFAULT_SIGNAL_PARAMS,
	resolveSignalParams,
	type Signal,
	type SignalParams
} from '$lib/core/signals';
import type { StudySpec } from '$lib/core/studies';
import { changes, displayZone, mode } from './app.svelte';
import { BAR_TABLES } from './changes.svelte';
import { engine } from './engine';
import { preferenceStorage, rememberPreference } from './preferences';
import { View } from './view.svelte';

const PARAMS_KEY = 'fillbook.signals.params';

/** The signal parameters remembered in this browser, or the defaults where none (or none valid) are. */
export function readSignalParams(storage = preferenceStorage): SignalParams {
	try {
		const saved = JSON.parse(storage?.getItem(PARAMS_KEY) ?? 'null') as Partial<SignalParams> | null;
		return resolveSignalParams(saved ?? {});
	} catch {
		return resolveSignalParams();
	}
}

/** The trend group's lines, drawn on the chart under the signals: SuperTrend and the two averages. */
function trendStudies(p: SignalParams): StudySpec[] {
	return [
		{ kind: 'supertrend', params: [p.supertrend.atrPeriod, p.supertrend.factor] },
		{ kind: p.movingAverages.kind, params: [p.movingAverages.fast] },
		{ kind: p.movingAverages.kind, params: [p.movingAverages.slow] }
	];
}

/** A signal with the symbol it belongs to, as the table lists it. */
export interface SignalRow {
	key: string;
	symbol: string;
	timeframeLabel: string;
	signal: Signal;
}

/** What the Signals page reads. */
export interface SignalsView {
	/** The symbols with bars. */
	symbols: BarSymbol[];
	/** Null: every symbol with bars. */
	symbol: string | null;
	/** Null: as imported. */
	timeframe: Timeframe | null;
	/** The parameters being edited (checked as a whole by `run`); changed through `editParams`. */
	params: SignalParams;
	/** The last run's signals per symbol; null before a run. */
	runs: SymbolSignals[] | null;
	/** The chart of the opened signal's symbol with the trend lines. */
	chart: PriceChart | null;
	/** The key of the signal opened with its lineage. */
	opened: string | null;
	/** Whether the generator is running. */
	running: boolean;
	/** Why the last run stopped (a parameter out of range), or null. */
	error: string | null;
}

/**
 * The Signals page: which symbols to run, the generator's parameters (every one editable, checked
 * as a whole before a run, remembered), the run's signals of every symbol, the one opened with its
 * lineage, and the chart of its symbol with the signals on it.
 */
export class SignalsState {
	readonly #view = new View<SignalsView>(() => ({
		symbols: [],
		symbol: null,
		timeframe: null,
		params: readSignalParams(),
		runs: null,
		chart: null,
		opened: null,
		running: false,
		error: null
	}));

	get view(): Readonly<SignalsView> {
		return this.#view.current;
	}

	setSymbol(symbol: string | null): void {
		this.#view.set({ symbol });
	}

	setTimeframe(timeframe: Timeframe | null): void {
		this.#view.set({ timeframe });
	}

	/** Changes parameters as typed (on a copy, which replaces them); they are checked when the generator runs. */
	editParams(edit: (params: SignalParams) => void): void {
		const params = structuredClone(this.view.params);
		edit(params);
		this.#view.set({ params });
	}

	get rows(): SignalRow[] {
		return (this.view.runs ?? []).flatMap((run) =>
			run.signals.map((signal) => ({
				key: `${run.symbol}:${signal.index}`,
				symbol: run.symbol,
				timeframeLabel: run.timeframeLabel,
				signal
			}))
		);
	}

	get openedRow(): SignalRow | null {
		return this.rows.find((r) => r.key === this.view.opened) ?? null;
	}

	async loadSymbols(): Promise<void> {
		// Read again when another tab imports or removes bars.
		changes.track(BAR_TABLES);
		const asked = mode.current;
		const symbols = await engine.barSymbols();
		if (asked !== mode.current) return;
		let symbol = this.view.symbol;
		if (symbol && !symbols.some((s) => s.symbol === symbol)) symbol = null;
		if (symbol === null && symbols.length === 1) symbol = symbols[0]!.symbol;
		this.#view.set({ symbols, symbol });
	}

	resetParams(): void {
		this.#view.set({ params: resolveSignalParams(DEFAULT_SIGNAL_PARAMS) });
	}

	/** Runs the generator; a parameter out of range stops it with the parameter named. */
	async run(): Promise<void> {
		let params: SignalParams;
		try {
			params = resolveSignalParams(this.view.params);
		} catch (e) {
			this.#view.set({ error: (e as Error).message });
			return;
		}
		// Remembered where storage allows; the run uses them either way.
		rememberPreference(PARAMS_KEY, JSON.stringify(params));
		const asked = mode.current;
		this.#view.set({ running: true, error: null });
		try {
			const symbol = this.view.symbol;
			const timeframe = symbol ? this.view.timeframe : null;
			const [runs, chart] = await Promise.all([
				engine.runSignals({
					symbols: symbol ? [symbol] : null,
					timeframe,
					params,
					zone: displayZone.current
				}),
				symbol
					? engine.priceChart({
							symbol,
							timeframe,
							studies: trendStudies(params),
							zone: displayZone.current
						})
					: Promise.resolve(null)
			]);
			if (asked !== mode.current) return;
			this.#view.set({ runs, chart });
			const rows = this.rows;
			this.#view.set({ opened: rows.length ? rows[rows.length - 1]!.key : null });
		} catch (e) {
			this.#view.set({ error: (e as Error).message });
		} finally {
			this.#view.set({ running: false });
		}
	}

	/** Opens a signal; its symbol's chart is drawn when the run covered several symbols. */
	async open(row: SignalRow): Promise<void> {
		this.#view.set({ opened: row.key });
		if (this.view.chart?.symbol === row.symbol) return;
		const chart = await engine.priceChart({
			symbol: row.symbol,
			timeframe: null,
			studies: trendStudies(row.signal.lineage.params),
			zone: displayZone.current
		});
		if (this.view.opened === row.key) this.#view.set({ chart });
	}
	/** Back to a fresh page (tests): nothing listed, run or opened; the parameters as remembered. */
	reset(): void {
		this.#view.reset();
	}
}
