import type {
	BacktestProgress,
	BarSymbol,
	SweepAxis,
	SweepCell,
	SweepMetric,
	SweepParameter,
	SweepProgress,
	SweepRequest,
	SweepResult,
	WalkForwardResult,
	WalkForwardSpec
} from '$workers/contract';
import { proxy } from 'comlink';
import { DEFAULT_BROKER_CONFIG } from '$lib/core/broker';
import type { Timeframe } from '$lib/core/indicators';
import { allRulesOff } from '$lib/core/risk';
import { STRATEGY_TEMPLATES } from '$lib/core/strategy/templates';
import { sweepParameters, withParameter } from '$lib/core/strategy/sweep';
import type { StrategyDefinition } from '$lib/core/strategy/types';
import { changes, mode } from './app.svelte';
import { BAR_TABLES } from './changes.svelte';
import { engine } from './engine';
import { View } from './view.svelte';

/**
 * The strategies a sweep can start from: the lab's stored strategies (paper mode), then the
 * built-in templates.
 */
export async function strategyChoices(): Promise<readonly StrategyDefinition[]> {
	const stored = mode.current === 'paper' ? (await engine.strategies()).map((s) => s.definition) : [];
	return [...stored, ...STRATEGY_TEMPLATES];
}

/** An axis as the form edits it: a parameter key ('' for none on the second) and its range. */
export type AxisDraft = SweepAxis;

export interface SweepView {
	symbols: BarSymbol[];
	symbol: string | null;
	timeframe: Timeframe | null;
	choices: readonly StrategyDefinition[];
	/** The strategy swept, with its parameters as edited. */
	strategy: StrategyDefinition | null;
	/** Across, then down (key '' for a one-parameter sweep). */
	axes: [AxisDraft, AxisDraft];
	metric: SweepMetric;
	windows: WalkForwardSpec;
	/** What runs now; null when nothing does. */
	/** What runs: the sweep, the walk-forward, or a cell opened as a stored run. */
	running: 'sweep' | 'walk-forward' | 'run' | null;
	progress: SweepProgress | null;
	sweep: SweepResult | null;
	/** The cell opened under the heatmap (its index), or null. */
	selected: number | null;
	walkForward: WalkForwardResult | null;
	/** Why the last run stopped, or that it was cancelled; null when it ran. */
	error: string | null;
	notice: string | null;
}

let jobs = 0;

/** The second axis's range when the first is `key`: around the parameter's value. */
function axisAround(p: SweepParameter): AxisDraft {
	const step = Number.isInteger(p.value) ? Math.max(1, Math.round(p.value / 4)) : Math.max(0.1, p.value / 4);
	return { key: p.key, from: p.value - step, to: p.value + step, step };
}

/**
 * The sweep page: the symbol and timeframe, the strategy and its parameters, the one or two swept
 * with their ranges and the metric; a sweep and a walk-forward run in the engine with progress
 * and Cancel; the heatmap's cell opened.
 */
export class SweepState {
	readonly #view = new View<SweepView>(() => ({
		symbols: [],
		symbol: null,
		timeframe: null,
		choices: [],
		strategy: null,
		axes: [
			{ key: '', from: 0, to: 0, step: 1 },
			{ key: '', from: 0, to: 0, step: 1 }
		],
		metric: 'netPnl',
		windows: { unit: 'bars', inSample: 200, outOfSample: 50, step: 50 },
		running: null,
		progress: null,
		sweep: null,
		selected: null,
		walkForward: null,
		error: null,
		notice: null
	}));
	#job: string | null = null;
	/** What the shown sweep ran: its cells open as runs of exactly that. */
	#ran: SweepRequest | null = null;

	get view(): Readonly<SweepView> {
		return this.#view.current;
	}

	/** The numeric parameters of the strategy, with their values as edited. */
	get parameters(): SweepParameter[] {
		return this.view.strategy ? sweepParameters(this.view.strategy) : [];
	}

	/** The cell opened, or null. */
	get selectedCell(): SweepCell | null {
		const { sweep, selected } = this.view;
		return sweep && selected !== null ? (sweep.cells[selected] ?? null) : null;
	}

	async load(): Promise<void> {
		changes.track(BAR_TABLES);
		const asked = mode.current;
		const [symbols, choices] = await Promise.all([engine.barSymbols(), strategyChoices()]);
		if (asked !== mode.current) return;
		let symbol = this.view.symbol;
		if (symbol && !symbols.some((s) => s.symbol === symbol)) symbol = null;
		if (symbol === null && symbols.length) symbol = symbols[0]!.symbol;
		this.#view.set({ symbols, symbol, choices });
		if (!this.view.strategy && choices.length) this.chooseStrategy(choices[0]!.id);
	}

	setSymbol(symbol: string | null): void {
		this.#view.set({ symbol, timeframe: null });
	}

	setTimeframe(timeframe: Timeframe | null): void {
		this.#view.set({ timeframe });
	}

	/** Starts from a strategy of the choices: its first two parameters swept around their values. */
	chooseStrategy(id: string): void {
		const strategy = this.view.choices.find((c) => c.id === id);
		if (!strategy) return;
		const params = sweepParameters(strategy);
		this.#view.set({
			strategy,
			axes: [axisAround(params[0]!), params[1] ? axisAround(params[1]) : { key: '', from: 0, to: 0, step: 1 }]
		});
	}

	/** Sets one of the strategy's parameters (the value the cells keep where it is not swept). */
	setParameter(key: string, value: number): void {
		if (!this.view.strategy || !Number.isFinite(value)) return;
		this.#view.set({ strategy: withParameter(this.view.strategy, key, value) });
	}

	/** Changes axis 0 (across) or 1 (down); a new parameter starts around its value. */
	setAxis(which: 0 | 1, patch: Partial<AxisDraft>): void {
		const axes: [AxisDraft, AxisDraft] = [{ ...this.view.axes[0] }, { ...this.view.axes[1] }];
		const param = patch.key ? this.parameters.find((p) => p.key === patch.key) : undefined;
		axes[which] = param ? axisAround(param) : { ...axes[which], ...patch };
		this.#view.set({ axes });
	}

	setMetric(metric: SweepMetric): void {
		this.#view.set({ metric });
	}

	setWindows(patch: Partial<WalkForwardSpec>): void {
		this.#view.set({ windows: { ...this.view.windows, ...patch } });
	}

	select(index: number | null): void {
		this.#view.set({ selected: index });
	}

	#request(): SweepRequest | string {
		const { symbol, strategy, axes, timeframe, metric } = this.view;
		if (!symbol) return 'Pick a symbol with bars';
		if (!strategy) return 'Pick a strategy';
		if (!axes[0].key) return 'Pick a parameter to sweep';
		const grid = axes[1].key ? ([axes[0], axes[1]] as const) : ([axes[0]] as const);
		return { symbol, timeframe, strategy: $state.snapshot(strategy), grid: $state.snapshot(grid), metric };
	}

	/** Runs `start` as the one job of the page, keeping its answer when it is still the one asked. */
	async #run<T>(
		kind: 'sweep' | 'walk-forward',
		start: (
			request: SweepRequest,
			jobId: string,
			onProgress: (p: SweepProgress) => void
		) => Promise<{ ok: true; result: T } | { ok: false; cancelled: boolean; message: string }>,
		keep: (result: T) => void
	): Promise<void> {
		if (this.view.running) return;
		const request = this.#request();
		if (typeof request === 'string') {
			this.#view.set({ error: request, notice: null });
			return;
		}
		const jobId = `sweep-${++jobs}`;
		this.#job = jobId;
		if (kind === 'sweep') this.#ran = request;
		const asked = mode.current;
		this.#view.set({ running: kind, progress: null, error: null, notice: null });
		try {
			const outcome = await start(request, jobId, (progress) => {
				if (this.#job === jobId) this.#view.set({ progress });
			});
			if (this.#job !== jobId || asked !== mode.current) return;
			if (outcome.ok) keep(outcome.result);
			else if (outcome.cancelled) this.#view.set({ notice: outcome.message });
			else this.#view.set({ error: outcome.message });
		} catch (e) {
			if (this.#job === jobId) this.#view.set({ error: (e as Error).message });
		} finally {
			if (this.#job === jobId) {
				this.#job = null;
				this.#view.set({ running: null, progress: null });
			}
		}
	}

	runSweep(): Promise<void> {
		return this.#run(
			'sweep',
			(request, jobId, onProgress) => engine.runSweep(jobId, request, proxy(onProgress)),
			(sweep) => this.#view.set({ sweep, selected: sweep.best })
		);
	}

	/**
	 * Opens a cell as a stored run: the cell's definition saved as a strategy of its own ("SMA
	 * cross · fast 10, slow 30"), backtested on the sweep's bars with the sweep's settings ($100,000,
	 * the default costs, no risk rule), so the run's figures are the cell's. The run's id, or null
	 * (the reason is in `error`).
	 */
	async openCell(cell: SweepCell): Promise<string | null> {
		const ran = this.#ran;
		const sweep = this.view.sweep;
		if (!ran || !sweep || cell.problem !== null || this.view.running) return null;
		let def = ran.strategy;
		for (const [key, value] of Object.entries(cell.params)) def = withParameter(def, key, value);
		const label = sweep.axes.map((a) => `${a.label} ${cell.params[a.key]}`).join(', ');
		const jobId = `sweep-${++jobs}`;
		this.#job = jobId;
		this.#view.set({ running: 'run', progress: null, error: null, notice: null });
		try {
			const saved = await engine.saveStrategy({
				...def,
				id: `st-${crypto.randomUUID()}`,
				name: `${def.name} · ${label}`,
				version: 1
			});
			const outcome = await engine.runBacktest(
				jobId,
				{
					strategyId: saved.id,
					symbol: ran.symbol,
					timeframe: ran.timeframe,
					from: null,
					to: null,
					startingCash: ran.broker?.startingCash ?? DEFAULT_BROKER_CONFIG.startingCash,
					commission: ran.broker?.commission ?? DEFAULT_BROKER_CONFIG.commission,
					risk: ran.risk ?? allRulesOff()
				},
				proxy(({ done, total }: BacktestProgress) => {
					if (this.#job === jobId) this.#view.set({ progress: { done, total } });
				})
			);
			if (outcome.ok) return outcome.run.id;
			this.#view.set({ error: outcome.message });
			return null;
		} catch (e) {
			this.#view.set({ error: (e as Error).message });
			return null;
		} finally {
			if (this.#job === jobId) {
				this.#job = null;
				this.#view.set({ running: null, progress: null });
			}
		}
	}

	runWalkForward(): Promise<void> {
		const windows = $state.snapshot(this.view.windows);
		return this.#run(
			'walk-forward',
			(request, jobId, onProgress) =>
				engine.runWalkForward(jobId, { ...request, windows }, proxy(onProgress)),
			(walkForward) => this.#view.set({ walkForward })
		);
	}

	/** Stops the run: the engine ends its workers and keeps nothing. */
	cancel(): void {
		if (!this.#job) return;
		if (this.view.running === 'run') void engine.cancelBacktest(this.#job);
		else void engine.cancelSweep(this.#job);
	}

	reset(): void {
		this.cancel();
		this.#job = null;
		this.#view.reset();
	}
}
