import type { BarSymbol, PriceChart } from '$workers/contract';
import type { Timeframe } from '$lib/core/indicators';
import { checkStudy, defaultStudy, withParam, type StudyKind, type StudySpec } from '$lib/core/studies';
import { changes, displayZone, mode } from './app.svelte';
import { BAR_TABLES } from './changes.svelte';
import { engine } from './engine';
import { filter } from './filter.svelte';
import { preferenceStorage, readPreference, rememberPreference } from './preferences';
import { View } from './view.svelte';

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
 * The settings remembered for a symbol, checked, and why any of them were left out. A setting
 * stored by an older version, or by hand, that no longer fits (an unknown study, a parameter out
 * of range, a MACD whose fast period is not shorter than its slow) is left out rather than drawn
 * wrong or allowed to stop the chart from drawing; the notice tells the page what was dropped.
 */
export function readChartSettings(
	symbol: string,
	storage = preferenceStorage
): { settings: SymbolChartSettings; notice: string | null } {
	const text = readPreference(settingsKey(symbol), storage);
	if (text === null) return { settings: { ...FRESH, studies: [] }, notice: null };
	let saved: Partial<SymbolChartSettings>;
	try {
		saved = JSON.parse(text) as Partial<SymbolChartSettings>;
		if (typeof saved !== 'object' || saved === null) throw new TypeError('not an object');
	} catch {
		return {
			settings: { ...FRESH, studies: [] },
			notice: `The saved chart settings for ${symbol} could not be read, so the defaults are shown.`
		};
	}
	const studies: StudySpec[] = [];
	const dropped: string[] = [];
	for (const s of Array.isArray(saved.studies) ? saved.studies : []) {
		try {
			studies.push(checkStudy(s));
		} catch (e) {
			dropped.push((e as Error).message);
		}
	}
	const notice = dropped.length
		? `${dropped.length === 1 ? 'A saved indicator was' : `${dropped.length} saved indicators were`} left out: ${dropped.join('; ')}. The chart shows the rest.`
		: null;
	return {
		settings: { timeframe: typeof saved.timeframe === 'string' ? saved.timeframe : null, studies },
		notice
	};
}

/**
 * What a link to the Charts page can ask for (`/charts?symbol=RIVN&timeframe=5m&studies=sma:3,sma:8&at=…`,
 * e.g. a backtest trade with its strategy's indicators): the symbol, a timeframe, studies and an
 * instant to point at. Studies that do not check are left out; null without a symbol.
 */
export interface ChartLink {
	symbol: string;
	timeframe: Timeframe | null;
	studies: StudySpec[];
	/** Epoch ms: the time the link is about (a trade's entry), or null. */
	at: number | null;
}

export function readChartLink(params: URLSearchParams): ChartLink | null {
	const symbol = params.get('symbol');
	if (!symbol) return null;
	const studies: StudySpec[] = [];
	for (const text of (params.get('studies') ?? '').split(',').filter(Boolean)) {
		const [kind, ...values] = text.split(':');
		try {
			studies.push(checkStudy({ kind: kind as StudyKind, params: values.map(Number) }));
		} catch {
			// A link made by hand or by an older version: the chart draws without that study.
		}
	}
	const at = Number(params.get('at'));
	return {
		symbol,
		timeframe: (params.get('timeframe') as Timeframe | null) || null,
		studies,
		at: params.get('at') && Number.isFinite(at) ? at : null
	};
}

/** What the Charts page reads. */
export interface ChartsView {
	/** The symbols with bars, with the timeframes they can be shown in. */
	symbols: BarSymbol[];
	/** The symbol shown; null when there are no bars. */
	symbol: string | null;
	/** The shown symbol's timeframe and studies; changed through setTimeframe, addStudy, removeStudy, setParam. */
	settings: SymbolChartSettings;
	/** The chart of the last answer; null before it or without a symbol. */
	chart: PriceChart | null;
	/** Whether a chart is being computed. */
	loading: boolean;
	/** Why the last chart could not be computed, or null. */
	error: string | null;
	/**
	 * What was left out of the saved settings, or drawn without, and why (a stored MACD that
	 * cannot be computed); null when the chart is as asked. Cleared when the settings change.
	 */
	notice: string | null;
}

/**
 * The Charts page: the symbols with bars, the one shown with its timeframe and studies (remembered
 * per symbol, in this browser), and the chart the engine computes for them. An answer to an older
 * question is dropped, so a slow answer never overwrites a newer one.
 */
export class ChartsState {
	readonly #view = new View<ChartsView>(() => ({
		symbols: [],
		symbol: null,
		settings: { ...FRESH, studies: [] },
		chart: null,
		loading: true,
		error: null,
		notice: null
	}));
	#generation = 0;

	get view(): Readonly<ChartsView> {
		return this.#view.current;
	}

	/** The symbol's entry in the list (timeframes it can be shown in), if any. */
	get current(): BarSymbol | null {
		return this.view.symbols.find((s) => s.symbol === this.view.symbol) ?? null;
	}

	async loadSymbols(preferred: string | null = null): Promise<void> {
		// Read again when another tab imports or removes bars.
		changes.track(BAR_TABLES);
		const asked = mode.current;
		const symbols = await engine.barSymbols();
		if (asked !== mode.current) return;
		this.#view.set({ symbols });
		const pick = [preferred, this.view.symbol, readPreference(SYMBOL_KEY)].find(
			(s) => s && symbols.some((x) => x.symbol === s)
		);
		this.select(pick ?? symbols[0]?.symbol ?? null);
		if (!symbols.length) this.#view.set({ loading: false });
	}

	select(symbol: string | null): void {
		this.#view.set({ symbol });
		if (!symbol) {
			this.#view.set({ chart: null });
			return;
		}
		rememberPreference(SYMBOL_KEY, symbol);
		const { settings, notice } = readChartSettings(symbol);
		// A timeframe the bars no longer offer (another import changed them) falls back to as imported.
		const offered = this.current?.timeframes ?? [];
		if (settings.timeframe && !offered.includes(settings.timeframe)) settings.timeframe = null;
		this.#view.set({ settings, notice });
	}

	/**
	 * Shows what a link asks for: its symbol with its timeframe (when the bars offer it) and its
	 * studies, for this visit only (the symbol's remembered settings stay as they were).
	 */
	async openLink(link: ChartLink): Promise<void> {
		await this.loadSymbols(link.symbol);
		if (this.view.symbol !== link.symbol) return;
		const offered = this.current?.timeframes ?? [];
		const timeframe = link.timeframe && offered.includes(link.timeframe) ? link.timeframe : null;
		this.#view.set({ settings: { timeframe, studies: link.studies }, notice: null });
	}

	/** Shows the settings and remembers them for the symbol shown. */
	#setSettings(settings: SymbolChartSettings): void {
		this.#view.set({ settings, notice: null });
		if (this.view.symbol) rememberPreference(settingsKey(this.view.symbol), JSON.stringify(settings));
	}

	setTimeframe(timeframe: Timeframe | null): void {
		this.#setSettings({ ...this.view.settings, timeframe });
	}

	addStudy(kind: StudyKind): void {
		const { studies } = this.view.settings;
		this.#setSettings({ ...this.view.settings, studies: [...studies, defaultStudy(kind)] });
	}

	removeStudy(index: number): void {
		const { studies } = this.view.settings;
		this.#setSettings({ ...this.view.settings, studies: studies.filter((_, i) => i !== index) });
	}

	/** Sets one parameter; a value out of range is refused with the reason (the chart keeps the last good one). */
	setParam(index: number, param: number, value: number): string | null {
		const { studies } = this.view.settings;
		const study = studies[index];
		if (!study) return null;
		let checked: StudySpec;
		try {
			checked = withParam(study, param, value);
		} catch (e) {
			return (e as Error).message;
		}
		this.#setSettings({ ...this.view.settings, studies: studies.map((s, i) => (i === index ? checked : s)) });
		return null;
	}

	async load(): Promise<void> {
		const { symbol, settings } = this.view;
		if (!symbol) return;
		const generation = ++this.#generation;
		const asked = mode.current;
		this.#view.set({ loading: true });
		const ask = (studies: StudySpec[]) =>
			engine.priceChart({
				symbol,
				timeframe: settings.timeframe,
				studies,
				zone: displayZone.current,
				// Only the executions of trades the shared filter lets through are drawn.
				...(filter.active ? { filter: $state.snapshot(filter.current), filterZone: displayZone.current } : {})
			});
		try {
			let chart: PriceChart | null;
			let notice = this.view.notice;
			try {
				chart = await ask(settings.studies);
			} catch (e) {
				// The bars still draw when a study cannot be computed: a setting never blanks the page.
				if (!settings.studies.length) throw e;
				chart = await ask([]);
				notice = `The indicators could not be drawn (${(e as Error).message}), so the chart is shown without them.`;
			}
			if (generation !== this.#generation || asked !== mode.current) return;
			this.#view.set({ chart, error: null, notice });
		} catch (e) {
			if (generation !== this.#generation) return;
			this.#view.set({ error: (e as Error).message });
		}
		this.#view.set({ loading: false });
	}

	/** Back to a fresh page (a mode switch, tests); an answer to a question asked before is dropped. */
	reset(): void {
		this.#generation++;
		this.#view.reset();
	}
}
