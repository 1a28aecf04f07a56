import type {
	BacktestProgress,
	BacktestRunDetail,
	BacktestRunSummary,
	BarSymbol,
	StoredStrategy
} from '$workers/contract';
import { proxy } from 'comlink';
import type { EquityCurve } from '$lib/core/analytics';
import type { Timeframe } from '$lib/core/indicators';
import { STRATEGY_TEMPLATES } from '$lib/core/strategy/templates';
import { strategyProblem, type StrategyDefinition } from '$lib/core/strategy/types';
import { changes, mode } from './app.svelte';
import { BAR_TABLES } from './changes.svelte';
import { engine } from './engine';
import { EXCHANGE_ZONE } from './paper.svelte';
import { positiveNumber, startOfDay } from './paper-words';
import { View } from './view.svelte';

/** The backtest form as typed: numbers as text until Run checks them. */
export interface BacktestForm {
	/** The primary symbol. */
	symbol: string;
	/** More symbols run with it on one clock and one account (never the primary). */
	others: string[];
	/** Null: as imported. */
	timeframe: Timeframe | null;
	/** New York days, YYYY-MM-DD; '' for the first (last) bar. */
	fromDay: string;
	toDay: string;
	startingCash: string;
	/** Commission per share in dollars, with a minimum per order; 0 per share: none. */
	perShare: string;
	minimum: string;
}

/** What the strategies page reads. */
export interface StrategiesView {
	loaded: boolean;
	strategies: StoredStrategy[];
	/** Every run, newest first. */
	runs: BacktestRunSummary[];
	symbols: BarSymbol[];
	/** The strategy open in the editor; null for none. */
	selected: string | null;
	/** The editor's definition as typed (changed through `edit`); null with none open. */
	draft: StrategyDefinition | null;
	form: BacktestForm;
	/** A backtest running: bars done of total; null when none runs. */
	progress: BacktestProgress | null;
	/** What the last action did or why not. */
	message: { tone: 'ok' | 'error'; text: string } | null;
}

const FRESH_FORM: BacktestForm = {
	symbol: '',
	others: [],
	timeframe: null,
	fromDay: '',
	toDay: '',
	startingCash: '10000',
	perShare: '0.005',
	minimum: '1'
};

/** A new strategy id. */
const newId = () => `st-${crypto.randomUUID()}`;

/**
 * The strategy lab: stored strategies (paper mode), the one open in the editor with its problem,
 * the backtest form, a running backtest's progress (with Cancel) and every run.
 */
export class StrategiesState {
	readonly #view = new View<StrategiesView>(() => ({
		loaded: false,
		strategies: [],
		runs: [],
		symbols: [],
		selected: null,
		draft: null,
		form: { ...FRESH_FORM },
		progress: null,
		message: null
	}));
	#job: string | null = null;

	get view(): Readonly<StrategiesView> {
		return this.#view.current;
	}

	/** The stored strategy open in the editor. */
	get stored(): StoredStrategy | null {
		return this.view.strategies.find((s) => s.definition.id === this.view.selected) ?? null;
	}

	/** Why the draft cannot be saved (the core's words), or null. */
	get problem(): string | null {
		const draft = this.view.draft;
		return draft ? strategyProblem({ ...draft, version: Math.max(1, draft.version) }) : null;
	}

	/** Whether the draft differs from what is stored. */
	get dirty(): boolean {
		const { draft } = this.view;
		const stored = this.stored?.definition;
		if (!draft || !stored) return false;
		const body = (d: StrategyDefinition) => JSON.stringify([d.name, d.rule, d.sizing, d.exits]);
		return body(draft) !== body(stored);
	}

	/** Reads strategies, runs and the symbols with bars (again when another tab changes them). */
	async load(): Promise<void> {
		changes.track(['strategies', 'strategyVersions', 'backtestRuns', ...BAR_TABLES]);
		const asked = mode.current;
		if (asked !== 'paper') {
			this.#view.set({ loaded: true, strategies: [], runs: [] });
			return;
		}
		const [strategies, runs, symbols] = await Promise.all([
			engine.strategies(),
			engine.backtestRuns(null),
			engine.barSymbols()
		]);
		if (asked !== mode.current) return;
		const form = this.view.form;
		const symbol = symbols.some((s) => s.symbol === form.symbol) ? form.symbol : (symbols[0]?.symbol ?? '');
		const others = form.others.filter((o) => o !== symbol && symbols.some((s) => s.symbol === o));
		this.#view.set({ strategies, runs, symbols, loaded: true, form: { ...form, symbol, others } });
		const selected = strategies.find((s) => s.definition.id === this.view.selected) ?? strategies[0] ?? null;
		if (selected && (this.view.draft === null || this.view.draft.id !== selected.definition.id))
			this.#open(selected.definition);
		if (!selected) this.#view.set({ selected: null, draft: null });
	}

	#open(definition: StrategyDefinition): void {
		this.#view.set({ selected: definition.id, draft: structuredClone(definition) });
	}

	/** Opens a stored strategy in the editor (what was typed in another is dropped). */
	select(id: string): void {
		const found = this.view.strategies.find((s) => s.definition.id === id);
		if (found) this.#open(found.definition);
	}

	/** Changes the draft as typed (on a copy, which replaces it); checked as a whole by `problem`. */
	edit(change: (draft: StrategyDefinition) => void): void {
		if (!this.view.draft) return;
		const draft = structuredClone(this.view.draft);
		change(draft);
		this.#view.set({ draft });
	}

	/** Puts back what is stored. */
	revert(): void {
		const stored = this.stored;
		if (stored) this.#open(stored.definition);
	}

	async #save(definition: StrategyDefinition, said: (saved: StrategyDefinition) => string): Promise<void> {
		try {
			const saved = await engine.saveStrategy(definition);
			this.#view.set({ selected: saved.id, draft: null, message: { tone: 'ok', text: said(saved) } });
			await this.load();
		} catch (e) {
			this.#view.set({ message: { tone: 'error', text: (e as Error).message } });
		}
	}

	/** Stores a copy of a template as a new strategy (version 1) and opens it. */
	newFromTemplate(templateId: string): Promise<void> {
		const template = STRATEGY_TEMPLATES.find((t) => t.id === templateId);
		if (!template) return Promise.resolve();
		return this.#save({ ...structuredClone(template), id: newId() }, (s) => `Saved ${s.name} v${s.version}.`);
	}

	/** Saves the draft: a change as the next version. */
	save(): Promise<void> {
		const draft = this.view.draft;
		if (!draft || this.problem) return Promise.resolve();
		return this.#save(draft, (s) => `Saved ${s.name} v${s.version}.`);
	}

	/** Stores a copy of the open strategy, as typed, under a new id and name (version 1). */
	duplicate(): Promise<void> {
		const draft = this.view.draft;
		if (!draft || this.problem) return Promise.resolve();
		return this.#save(
			{ ...structuredClone(draft), id: newId(), name: `${draft.name} (copy)`, version: 1 },
			(s) => `Saved ${s.name} v${s.version}.`
		);
	}

	/** Deletes a strategy and its versions; its runs stay. */
	async remove(id: string): Promise<void> {
		const name = this.view.strategies.find((s) => s.definition.id === id)?.definition.name ?? id;
		await engine.deleteStrategy(id);
		if (this.view.selected === id) this.#view.set({ selected: null, draft: null });
		this.#view.set({ message: { tone: 'ok', text: `Deleted ${name}; its runs stay.` } });
		await this.load();
	}

	setForm(patch: Partial<BacktestForm>): void {
		const form = { ...this.view.form, ...patch };
		this.#view.set({ form: { ...form, others: form.others.filter((o) => o !== form.symbol) } });
	}

	/** Adds a symbol to the run (or takes it off), beside the primary one. */
	setOther(symbol: string, on: boolean): void {
		const others = this.view.form.others.filter((o) => o !== symbol);
		const known = this.view.symbols.map((s) => s.symbol);
		this.setForm({ others: on ? known.filter((k) => k === symbol || others.includes(k)) : others });
	}

	/** Runs the open strategy's stored version over the form's bars; why not, in words. */
	async run(): Promise<void> {
		const strategy = this.stored;
		const form = this.view.form;
		const fail = (text: string) => this.#view.set({ message: { tone: 'error', text } });
		if (!strategy) return fail('Save a strategy first.');
		if (this.dirty) return fail('Save the changes first: a run names the version it ran.');
		if (!form.symbol) return fail('Import bars first: a backtest runs over imported bars.');
		const startingCash = positiveNumber(form.startingCash);
		if (startingCash === null) return fail('Starting cash must be a positive amount.');
		const perShare = Number(form.perShare || '0');
		const minimum = Number(form.minimum || '0');
		if (!(perShare >= 0) || !(minimum >= 0))
			return fail('Commission per share and minimum must be amounts of 0 or more.');
		const from = form.fromDay ? startOfDay(form.fromDay, EXCHANGE_ZONE) : null;
		const to = form.toDay ? startOfDay(form.toDay, EXCHANGE_ZONE, 1) : null;
		if ((form.fromDay && from === null) || (form.toDay && to === null))
			return fail('Pick the first and last days as dates.');
		if (from !== null && to !== null && to <= from)
			return fail('The last day must be on or after the first.');
		const job = crypto.randomUUID();
		this.#job = job;
		this.#view.set({ progress: { done: 0, total: 0 }, message: null });
		const outcome = await engine.runBacktest(
			job,
			{
				strategyId: strategy.definition.id,
				symbol: form.symbol,
				...(form.others.length ? { symbols: [form.symbol, ...form.others] } : {}),
				timeframe: form.timeframe,
				from,
				to,
				startingCash,
				commission: perShare > 0 ? { kind: 'per_share', perShare, minimum } : { kind: 'none' }
			},
			proxy((progress: BacktestProgress) => {
				if (this.#job === job) this.#view.set({ progress });
			})
		);
		if (this.#job !== job) return;
		this.#job = null;
		this.#view.set({
			progress: null,
			message: outcome.ok
				? {
						tone: 'ok',
						text: `Backtest of ${outcome.run.strategyName} v${outcome.run.version} on ${outcome.run.symbols.join(', ')} stored: ${outcome.run.metrics.trades} closed trade${outcome.run.metrics.trades === 1 ? '' : 's'}.`
					}
				: { tone: outcome.cancelled ? 'ok' : 'error', text: outcome.message }
		});
		await this.load();
	}

	/** Cancels the running backtest: nothing of it is stored. */
	cancel(): void {
		if (this.#job) void engine.cancelBacktest(this.#job);
	}

	async deleteRun(id: string): Promise<void> {
		await engine.deleteBacktestRun(id);
		this.#view.set({ message: { tone: 'ok', text: 'Run deleted, with its executions.' } });
		await this.load();
	}

	/** Back to a fresh page (a mode switch, tests); a running backtest's answer is dropped. */
	reset(): void {
		this.#job = null;
		this.#view.reset();
	}
}

/** What a run's report reads. */
export interface RunReportView {
	run: BacktestRunDetail | null;
	loading: boolean;
	error: string | null;
}

/** One backtest run's report. */
export class RunReportState {
	readonly #view = new View<RunReportView>(() => ({ run: null, loading: true, error: null }));

	get view(): Readonly<RunReportView> {
		return this.#view.current;
	}

	/**
	 * The run's curve as the equity chart draws the dashboard's: the P&L since the start (equity less
	 * the starting cash, open positions at the bar's close) per bar, and the drawdown below its peak.
	 */
	get curve(): EquityCurve | null {
		const run = this.view.run;
		if (!run) return null;
		const start = run.metrics.startingEquity;
		const equity = run.equity.map((e) => e - start);
		const drawdown = new Float64Array(equity.length);
		const pnl = new Float64Array(equity.length);
		let peak = 0;
		let before = 0;
		equity.forEach((e, i) => {
			peak = Math.max(peak, e);
			drawdown[i] = peak - e;
			pnl[i] = e - before;
			before = e;
		});
		return { unit: '$', time: run.equityTime, equity, drawdown, pnl, ids: [], open: 0, excluded: 0 };
	}

	async load(id: string): Promise<void> {
		changes.track(['backtestRuns']);
		const asked = mode.current;
		this.#view.set({ loading: true });
		try {
			const run = asked === 'paper' ? await engine.backtestRun(id) : null;
			if (asked !== mode.current) return;
			const missing =
				asked === 'paper'
					? 'No such run: it was deleted.'
					: 'Backtest runs live in paper mode: switch to paper mode to open this one.';
			this.#view.set({ run, error: run ? null : missing });
		} catch (e) {
			this.#view.set({ error: (e as Error).message });
		}
		this.#view.set({ loading: false });
	}

	reset(): void {
		this.#view.reset();
	}
}
