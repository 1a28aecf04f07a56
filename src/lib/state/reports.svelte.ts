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
import { preferenceStorage } from './preferences';

export const REPORTS_KEY_KEY = 'fillbook.reports.key';

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
	/** Replaced wholesale on every answer. */
	#breakdown = $state.raw<Breakdown | null>(null);
	#loading = $state(true);
	#monteCarlo = $state.raw<MonteCarloReport | null>(null);
	#monteCarloError = $state<string | null>(null);
	#paths = $state(DEFAULT_PATHS);
	#tradesPerPath = $state<number | null>(null);
	#drawdownR = $state(DEFAULT_DRAWDOWN_R);
	#unit = $state<Unit>(readUnit());
	#key = $state<BreakdownKey>(readKey());
	#generation = 0;
	#mcGeneration = 0;

	get breakdown(): Breakdown | null {
		return this.#breakdown;
	}

	get loading(): boolean {
		return this.#loading;
	}

	get monteCarlo(): MonteCarloReport | null {
		return this.#monteCarlo;
	}

	/** Why the last Monte Carlo could not run (inputs out of range), or null. */
	get monteCarloError(): string | null {
		return this.#monteCarloError;
	}

	/** How many equity paths the Monte Carlo draws. */
	get paths(): number {
		return this.#paths;
	}

	/** Null (empty input): the default, 1,000. */
	setPaths(paths: number | null): void {
		this.#paths = paths === null ? DEFAULT_PATHS : Math.round(paths);
	}

	/** Null: as many trades per path as there are trades with an R. */
	get tradesPerPath(): number | null {
		return this.#tradesPerPath;
	}

	setTradesPerPath(trades: number | null): void {
		this.#tradesPerPath = trades === null ? null : Math.round(trades);
	}

	/** The drawdown, in R, whose chance the page shows. */
	get drawdownR(): number {
		return this.#drawdownR;
	}

	/** Null (empty input): 0, for which no chance is shown. */
	setDrawdownR(drawdownR: number | null): void {
		this.#drawdownR = drawdownR ?? 0;
	}

	/**
	 * The share of the simulated paths that fell `drawdownR` from a peak, recomputed from the
	 * paths' drawdowns as the threshold is typed (no new simulation); null without paths or a
	 * threshold above zero.
	 */
	get ruin(): number | null {
		const result = this.#monteCarlo?.result;
		const r = this.#drawdownR;
		return result && r > 0 && Number.isFinite(r) ? ruinProbability(result, r) : null;
	}

	/** The worst drawdown of the typical path and of the unlucky one (95th percentile), in R. */
	get worst(): { median: number; p95: number } | null {
		const d = this.#monteCarlo?.result?.maxDrawdowns;
		if (!d || d.length === 0) return null;
		const at = (q: number) => d[Math.min(d.length - 1, Math.floor(q * d.length))]!;
		return { median: at(0.5), p95: at(0.95) };
	}

	get unit(): Unit {
		return this.#unit;
	}

	set unit(unit: Unit) {
		this.#unit = unit;
		remember(DASHBOARD_UNIT_KEY, unit);
	}

	get key(): BreakdownKey {
		return this.#key;
	}

	set key(key: BreakdownKey) {
		this.#key = key;
		remember(REPORTS_KEY_KEY, key);
	}

	async load(filter: TradeFilter, unit: Unit, key: BreakdownKey): Promise<void> {
		// Asked again when another tab changes the trades.
		changes.track(TRADE_TABLES);
		const generation = ++this.#generation;
		const asked = mode.current;
		this.#loading = true;
		const result = await engine.breakdownReport(filter, displayZone.current, unit, key);
		if (generation !== this.#generation || asked !== mode.current) return;
		this.#breakdown = result;
		this.#loading = false;
	}

	/** The breakdown as CSV text, for the same question as the table on screen. */
	csv(filter: TradeFilter): Promise<string> {
		return engine.breakdownCsv(filter, displayZone.current, this.#unit, this.#key);
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
			this.#monteCarlo = result;
			this.#monteCarloError = null;
		} catch (e) {
			if (generation !== this.#mcGeneration) return;
			// A RangeError from the engine names the input that is out of range.
			this.#monteCarloError = e instanceof Error ? e.message : String(e);
		}
	}

	/** Back to the state of a fresh page; answers still on their way are dropped. */
	reset(): void {
		this.#generation++;
		this.#mcGeneration++;
		this.#breakdown = null;
		this.#loading = true;
		this.#monteCarlo = null;
		this.#monteCarloError = null;
		this.#paths = DEFAULT_PATHS;
		this.#tradesPerPath = null;
		this.#drawdownR = DEFAULT_DRAWDOWN_R;
		this.#unit = readUnit();
		this.#key = readKey();
	}
}

function read(key: string): string | null {
	try {
		return preferenceStorage?.getItem(key) ?? null;
	} catch {
		return null;
	}
}

function readUnit(): Unit {
	return read(DASHBOARD_UNIT_KEY) === 'R' ? 'R' : '$';
}

function readKey(): BreakdownKey {
	const saved = read(REPORTS_KEY_KEY);
	return BREAKDOWN_KEYS.find((k) => k === saved) ?? 'symbol';
}

function remember(key: string, value: string): void {
	try {
		preferenceStorage?.setItem(key, value);
	} catch {
		// Not remembered (storage blocked); the choice still applies to this page.
	}
}
