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
import { engine } from './engine';
import { preferenceStorage } from './preferences';

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

/**
 * The Signals page: which symbols to run, the generator's parameters (every one editable, checked
 * as a whole before a run, remembered), the run's signals of every symbol, the one opened with its
 * lineage, and the chart of its symbol with the signals on it.
 */
export class SignalsState {
	#symbols = $state.raw<BarSymbol[]>([]);
	#symbol = $state<string | null>(null);
	#timeframe = $state<Timeframe | null>(null);
	#params = $state<SignalParams>(readSignalParams());
	#runs = $state.raw<SymbolSignals[] | null>(null);
	#chart = $state.raw<PriceChart | null>(null);
	#opened = $state<string | null>(null);
	#running = $state(false);
	#error = $state<string | null>(null);

	get symbols(): BarSymbol[] {
		return this.#symbols;
	}
	/** Null: every symbol with bars. */
	get symbol(): string | null {
		return this.#symbol;
	}
	get timeframe(): Timeframe | null {
		return this.#timeframe;
	}
	/** The parameters being edited (checked as a whole by `run`); changed through `editParams`. */
	get params(): SignalParams {
		return this.#params;
	}
	get runs(): SymbolSignals[] | null {
		return this.#runs;
	}
	get chart(): PriceChart | null {
		return this.#chart;
	}
	/** The key of the signal opened with its lineage. */
	get opened(): string | null {
		return this.#opened;
	}
	get running(): boolean {
		return this.#running;
	}
	get error(): string | null {
		return this.#error;
	}

	setSymbol(symbol: string | null): void {
		this.#symbol = symbol;
	}

	setTimeframe(timeframe: Timeframe | null): void {
		this.#timeframe = timeframe;
	}

	/** Changes parameters as typed; they are checked when the generator runs. */
	editParams(edit: (params: SignalParams) => void): void {
		edit(this.#params);
	}

	get rows(): SignalRow[] {
		return (this.#runs ?? []).flatMap((run) =>
			run.signals.map((signal) => ({
				key: `${run.symbol}:${signal.index}`,
				symbol: run.symbol,
				timeframeLabel: run.timeframeLabel,
				signal
			}))
		);
	}

	get openedRow(): SignalRow | null {
		return this.rows.find((r) => r.key === this.#opened) ?? null;
	}

	async loadSymbols(): Promise<void> {
		// Read again when another tab imports or removes bars.
		changes.track(['barChunks']);
		const asked = mode.current;
		const symbols = await engine.barSymbols();
		if (asked !== mode.current) return;
		this.#symbols = symbols;
		if (this.#symbol && !symbols.some((s) => s.symbol === this.#symbol)) this.#symbol = null;
		if (this.#symbol === null && symbols.length === 1) this.#symbol = symbols[0]!.symbol;
	}

	resetParams(): void {
		this.#params = resolveSignalParams(DEFAULT_SIGNAL_PARAMS);
	}

	/** Runs the generator; a parameter out of range stops it with the parameter named. */
	async run(): Promise<void> {
		let params: SignalParams;
		try {
			params = resolveSignalParams($state.snapshot(this.#params));
		} catch (e) {
			this.#error = (e as Error).message;
			return;
		}
		try {
			preferenceStorage?.setItem(PARAMS_KEY, JSON.stringify(params));
		} catch {
			// Not remembered (storage blocked); the run still uses them.
		}
		const asked = mode.current;
		this.#running = true;
		this.#error = null;
		try {
			const symbol = this.#symbol;
			const timeframe = symbol ? this.#timeframe : null;
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
			this.#runs = runs;
			this.#chart = chart;
			const rows = this.rows;
			this.#opened = rows.length ? rows[rows.length - 1]!.key : null;
		} catch (e) {
			this.#error = (e as Error).message;
		} finally {
			this.#running = false;
		}
	}

	/** Opens a signal; its symbol's chart is drawn when the run covered several symbols. */
	async open(row: SignalRow): Promise<void> {
		this.#opened = row.key;
		if (this.#chart?.symbol === row.symbol) return;
		const chart = await engine.priceChart({
			symbol: row.symbol,
			timeframe: null,
			studies: trendStudies(row.signal.lineage.params),
			zone: displayZone.current
		});
		if (this.#opened === row.key) this.#chart = chart;
	}
	/** Back to a fresh page (tests): nothing listed, run or opened; the parameters as remembered. */
	reset(): void {
		this.#symbols = [];
		this.#symbol = null;
		this.#timeframe = null;
		this.#params = readSignalParams();
		this.#runs = null;
		this.#chart = null;
		this.#opened = null;
		this.#running = false;
		this.#error = null;
	}
}
