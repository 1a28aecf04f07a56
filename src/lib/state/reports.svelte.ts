import type { MonteCarloReport } from '$workers/contract';
import { BREAKDOWN_KEYS, type Breakdown, type BreakdownKey, type Unit } from '$lib/core/analytics';
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

/**
 * The Reports page's questions to the engine: a breakdown of the filtered trades and a Monte
 * Carlo of their R multiples. Answers to an older question are dropped, so a slow answer never
 * overwrites a newer one. The $/R unit is the dashboard's preference (one choice for both pages);
 * the breakdown picked is remembered too.
 */
export class ReportsState {
	/** Replaced wholesale on every answer. */
	breakdown = $state.raw<Breakdown | null>(null);
	loading = $state(true);
	monteCarlo = $state.raw<MonteCarloReport | null>(null);
	/** Why the last Monte Carlo could not run (inputs out of range), or null. */
	monteCarloError = $state<string | null>(null);
	#unit = $state<Unit>(read(DASHBOARD_UNIT_KEY) === 'R' ? 'R' : '$');
	#key = $state<BreakdownKey>(readKey());
	#generation = 0;
	#mcGeneration = 0;

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
		this.loading = true;
		const result = await engine.breakdownReport(filter, displayZone.current, unit, key);
		if (generation !== this.#generation || asked !== mode.current) return;
		this.breakdown = result;
		this.loading = false;
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
			this.monteCarlo = result;
			this.monteCarloError = null;
		} catch (e) {
			if (generation !== this.#mcGeneration) return;
			// A RangeError from the engine names the input that is out of range.
			this.monteCarloError = e instanceof Error ? e.message : String(e);
		}
	}
}

function read(key: string): string | null {
	try {
		return preferenceStorage?.getItem(key) ?? null;
	} catch {
		return null;
	}
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
