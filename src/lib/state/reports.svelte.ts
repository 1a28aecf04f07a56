import type { MonteCarloReport } from '$workers/contract';
import {
	BREAKDOWN_KEYS,
	ruinProbability,
	type Breakdown,
	type BreakdownKey,
	type Unit
} from '$lib/core/analytics';
import type { TradeFilter } from '$lib/core/trades/query';
import { changes, displayZone, mode } from './app.svelte';
import { TRADE_TABLES } from './changes.svelte';
import { DASHBOARD_UNIT_KEY } from './dashboard.svelte';
import { engine } from './engine';
import { readPreference, rememberPreference } from './preferences';
import { View } from './view.svelte';

export const REPORTS_KEY_KEY = 'fillbook.reports.key';

/** What the Reports page reads. */
export interface ReportsView {
	/** Null before the first answer; replaced wholesale on every answer. */
	breakdown: Breakdown | null;
	/** Whether a breakdown question is on its way. */
	loading: boolean;
	monteCarlo: MonteCarloReport | null;
	/** Why the last Monte Carlo could not run (inputs out of range), or null. */
	monteCarloError: string | null;
	/** How many equity paths the Monte Carlo draws. */
	paths: number;
	/** Null: as many trades per path as there are trades with an R. */
	tradesPerPath: number | null;
	/** The drawdown, in R, whose chance the page shows. */
	drawdownR: number;
	/** $ or R: the dashboard's preference. */
	unit: Unit;
	/** The breakdown picked, as remembered. */
	key: BreakdownKey;
}

export interface MonteCarloInputs {
	paths: number;
	/** Null: as many trades per path as there are trades with an R. */
	tradesPerPath: number | null;
}

/** Every run uses this seed, so the same trades and inputs always draw the same picture. */
const SEED = 1;
const DEFAULT_PATHS = 1000;
const DEFAULT_DRAWDOWN_R = 10;

/**
 * The Reports page's questions to the engine: a breakdown of the filtered trades and a Monte
 * Carlo of their R multiples. Answers to an older question are dropped, so a slow answer never
 * overwrites a newer one. The $/R unit is the dashboard's preference (one choice for both pages);
 * the breakdown picked is remembered too.
 */
export class ReportsState {
	readonly #view = new View<ReportsView>(() => ({
		breakdown: null,
		loading: true,
		monteCarlo: null,
		monteCarloError: null,
		paths: DEFAULT_PATHS,
		tradesPerPath: null,
		drawdownR: DEFAULT_DRAWDOWN_R,
		unit: readUnit(),
		key: readKey()
	}));
	#generation = 0;
	#mcGeneration = 0;

	get view(): Readonly<ReportsView> {
		return this.#view.current;
	}

	/** Null (empty input): the default, 1,000. */
	setPaths(paths: number | null): void {
		this.#view.set({ paths: paths === null ? DEFAULT_PATHS : Math.round(paths) });
	}

	setTradesPerPath(trades: number | null): void {
		this.#view.set({ tradesPerPath: trades === null ? null : Math.round(trades) });
	}

	/** Null (empty input): 0, for which no chance is shown. */
	setDrawdownR(drawdownR: number | null): void {
		this.#view.set({ drawdownR: drawdownR ?? 0 });
	}

	/**
	 * The share of the simulated paths that fell `drawdownR` from a peak, recomputed from the
	 * paths' drawdowns as the threshold is typed (no new simulation); null without paths or a
	 * threshold above zero.
	 */
	get ruin(): number | null {
		const result = this.view.monteCarlo?.result;
		const r = this.view.drawdownR;
		return result && r > 0 && Number.isFinite(r) ? ruinProbability(result, r) : null;
	}

	/** The worst drawdown of the typical path and of the unlucky one (95th percentile), in R. */
	get worst(): { median: number; p95: number } | null {
		const d = this.view.monteCarlo?.result?.maxDrawdowns;
		if (!d || d.length === 0) return null;
		const at = (q: number) => d[Math.min(d.length - 1, Math.floor(q * d.length))]!;
		return { median: at(0.5), p95: at(0.95) };
	}

	/** The unit (also in the view), remembered as the dashboard's when set. */
	get unit(): Unit {
		return this.view.unit;
	}

	set unit(unit: Unit) {
		this.#view.set({ unit });
		rememberPreference(DASHBOARD_UNIT_KEY, unit);
	}

	/** The breakdown picked (also in the view), remembered when set. */
	get key(): BreakdownKey {
		return this.view.key;
	}

	set key(key: BreakdownKey) {
		this.#view.set({ key });
		rememberPreference(REPORTS_KEY_KEY, key);
	}

	async load(filter: TradeFilter, unit: Unit, key: BreakdownKey): Promise<void> {
		// Asked again when another tab changes the trades.
		changes.track(TRADE_TABLES);
		const generation = ++this.#generation;
		const asked = mode.current;
		this.#view.set({ loading: true });
		const result = await engine.breakdownReport(filter, displayZone.current, unit, key);
		if (generation !== this.#generation || asked !== mode.current) return;
		this.#view.set({ breakdown: result, loading: false });
	}

	/** The breakdown as CSV text, for the same question as the table on screen. */
	csv(filter: TradeFilter): Promise<string> {
		return engine.breakdownCsv(filter, displayZone.current, this.view.unit, this.view.key);
	}

	async simulate(filter: TradeFilter, inputs: MonteCarloInputs, ruinDrawdownR: number): Promise<void> {
		const generation = ++this.#mcGeneration;
		const asked = mode.current;
		try {
			const result = await engine.monteCarloReport(filter, displayZone.current, {
				paths: inputs.paths,
				tradesPerPath: inputs.tradesPerPath ?? undefined,
				seed: SEED,
				ruinDrawdownR
			});
			if (generation !== this.#mcGeneration || asked !== mode.current) return;
			this.#view.set({ monteCarlo: result, monteCarloError: null });
		} catch (e) {
			if (generation !== this.#mcGeneration) return;
			// A RangeError from the engine names the input that is out of range.
			this.#view.set({ monteCarloError: e instanceof Error ? e.message : String(e) });
		}
	}

	/** Back to the state of a fresh page; answers still on their way are dropped. */
	reset(): void {
		this.#generation++;
		this.#mcGeneration++;
		this.#view.reset();
	}
}

function readUnit(): Unit {
	return readPreference(DASHBOARD_UNIT_KEY) === 'R' ? 'R' : '$';
}

function readKey(): BreakdownKey {
	const saved = readPreference(REPORTS_KEY_KEY);
	return BREAKDOWN_KEYS.find((k) => k === saved) ?? 'symbol';
}
