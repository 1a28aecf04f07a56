import type { BarSymbol, PriceChart } from '$workers/contract';
import type { Timeframe } from '$lib/core/indicators';
import { checkStudy, defaultStudy, type StudyKind, type StudySpec } from '$lib/core/studies';
import { changes, displayZone, mode } from './app.svelte';
import { engine } from './engine';
import { preferenceStorage } from './preferences';

/** What the Charts page remembers per symbol: its timeframe and its studies. */
export interface SymbolChartSettings {
	timeframe: Timeframe | null;
	studies: StudySpec[];
}

const SYMBOL_KEY = 'fillbook.charts.symbol';
const settingsKey = (symbol: string) => `fillbook.charts.settings.${symbol}`;
/** A new symbol's chart: the bars and volume, nothing added yet. */
const FRESH: SymbolChartSettings = { timeframe: null, studies: [] };

/**
 * The settings remembered for a symbol, checked: anything stored by an older version that no
 * longer fits (an unknown study, a parameter out of range) is left out rather than drawn wrong.
 */
export function readChartSettings(symbol: string, storage = preferenceStorage): SymbolChartSettings {
	try {
		const saved = JSON.parse(
			storage?.getItem(settingsKey(symbol)) ?? 'null'
		) as Partial<SymbolChartSettings> | null;
		if (!saved) return { ...FRESH, studies: [] };
		const studies: StudySpec[] = [];
		for (const s of Array.isArray(saved.studies) ? saved.studies : []) {
			try {
				studies.push(checkStudy(s));
			} catch {
				// Dropped: see above.
			}
		}
		return { timeframe: typeof saved.timeframe === 'string' ? saved.timeframe : null, studies };
	} catch {
		return { ...FRESH, studies: [] };
	}
}

function remember(key: string, value: string): void {
	try {
		preferenceStorage?.setItem(key, value);
	} catch {
		// Not remembered (storage blocked); the choice still applies to this visit.
	}
}

/**
 * The Charts page: the symbols with bars, the one shown with its timeframe and studies (remembered
 * per symbol, in this browser), and the chart the engine computes for them. An answer to an older
 * question is dropped, so a slow answer never overwrites a newer one.
 */
export class ChartsState {
	#symbols = $state.raw<BarSymbol[]>([]);
	#symbol = $state<string | null>(null);
	#settings = $state<SymbolChartSettings>({ ...FRESH, studies: [] });
	#chart = $state.raw<PriceChart | null>(null);
	#loading = $state(true);
	#error = $state<string | null>(null);
	#generation = 0;

	get symbols(): BarSymbol[] {
		return this.#symbols;
	}
	get symbol(): string | null {
		return this.#symbol;
	}
	/** The shown symbol's timeframe and studies; changed through setTimeframe, addStudy, removeStudy, setParam. */
	get settings(): SymbolChartSettings {
		return this.#settings;
	}
	get chart(): PriceChart | null {
		return this.#chart;
	}
	get loading(): boolean {
		return this.#loading;
	}
	get error(): string | null {
		return this.#error;
	}

	/** The symbol's entry in the list (timeframes it can be shown in), if any. */
	get current(): BarSymbol | null {
		return this.#symbols.find((s) => s.symbol === this.#symbol) ?? null;
	}

	async loadSymbols(preferred: string | null = null): Promise<void> {
		// Read again when another tab imports or removes bars.
		changes.track(['barChunks']);
		const asked = mode.current;
		const symbols = await engine.barSymbols();
		if (asked !== mode.current) return;
		this.#symbols = symbols;
		let saved: string | null = null;
		try {
			saved = preferenceStorage?.getItem(SYMBOL_KEY) ?? null;
		} catch {
			saved = null;
		}
		const pick = [preferred, this.#symbol, saved].find((s) => s && symbols.some((x) => x.symbol === s));
		this.select(pick ?? symbols[0]?.symbol ?? null);
		if (!symbols.length) this.#loading = false;
	}

	select(symbol: string | null): void {
		this.#symbol = symbol;
		if (!symbol) {
			this.#chart = null;
			return;
		}
		remember(SYMBOL_KEY, symbol);
		const settings = readChartSettings(symbol);
		// A timeframe the bars no longer offer (another import changed them) falls back to as imported.
		const offered = this.current?.timeframes ?? [];
		if (settings.timeframe && !offered.includes(settings.timeframe)) settings.timeframe = null;
		this.#settings = settings;
	}

	#save(): void {
		if (this.#symbol) remember(settingsKey(this.#symbol), JSON.stringify($state.snapshot(this.#settings)));
	}

	setTimeframe(timeframe: Timeframe | null): void {
		this.#settings.timeframe = timeframe;
		this.#save();
	}

	addStudy(kind: StudyKind): void {
		this.#settings.studies.push(defaultStudy(kind));
		this.#save();
	}

	removeStudy(index: number): void {
		this.#settings.studies.splice(index, 1);
		this.#save();
	}

	/** Sets one parameter; a value out of range is refused with the reason (the chart keeps the last good one). */
	setParam(index: number, param: number, value: number): string | null {
		const study = this.#settings.studies[index];
		if (!study) return null;
		const params = [...study.params];
		params[param] = value;
		try {
			this.#settings.studies[index] = checkStudy({ kind: study.kind, params });
		} catch (e) {
			return (e as Error).message;
		}
		this.#save();
		return null;
	}

	async load(): Promise<void> {
		const symbol = this.#symbol;
		if (!symbol) return;
		const generation = ++this.#generation;
		const asked = mode.current;
		this.#loading = true;
		try {
			const chart = await engine.priceChart({
				symbol,
				timeframe: this.#settings.timeframe,
				studies: $state.snapshot(this.#settings.studies),
				zone: displayZone.current
			});
			if (generation !== this.#generation || asked !== mode.current) return;
			this.#chart = chart;
			this.#error = null;
		} catch (e) {
			if (generation !== this.#generation) return;
			this.#error = (e as Error).message;
		}
		this.#loading = false;
	}

	/** Back to a fresh page (a mode switch, tests); an answer to a question asked before is dropped. */
	reset(): void {
		this.#generation++;
		this.#symbols = [];
		this.#symbol = null;
		this.#settings = { ...FRESH, studies: [] };
		this.#chart = null;
		this.#loading = true;
		this.#error = null;
	}
}
