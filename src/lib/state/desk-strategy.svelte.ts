/**
 * The strategy attached to the open paper session, as the desk drives it: which strategy to
 * attach (a template now; the lab's stored strategies join the same list through `setStored`),
 * its parameters as typed, and the Start, Pause, Stop and Emergency flatten commands, each asked
 * for and then confirmed. What is attached, its state and why it paused come with the desk from
 * the engine (`PaperDesk.strategy`), so a reload shows what is stored.
 */
import type { DeskStrategy, StrategyCommand } from '$workers/contract';
import type { Order } from '$lib/core/broker';
import {
	ruleProblem,
	STRATEGY_TEMPLATES,
	strategyKindLabel,
	type StrategyDefinition,
	type StrategyRule
} from '$lib/core/strategy';
import { changes, mode } from './app.svelte';
import { engine } from './engine';
import { isOpenOrder, paper } from './paper.svelte';
import { View } from './view.svelte';

export interface DeskStrategyView {
	/** The id of the strategy picked to attach. */
	choice: string;
	/** Its rule's parameters as typed, by name. */
	params: Record<string, string>;
	/** The command waiting for its confirmation, or null. */
	confirming: StrategyCommand | null;
}

const DONE: Record<StrategyCommand, string> = {
	start: 'Strategy started: it acts on the bars revealed from now on',
	pause: 'Strategy paused: it reads bars but places no orders',
	stop: 'Strategy stopped: its working orders were cancelled',
	flatten: 'Flattening: every order cancelled, every position closes at the next price; strategy stopped'
};

/** A rule's numeric parameters as text, by name (a composed rule's conditions are edited in the lab). */
function paramsOf(rule: StrategyRule): Record<string, string> {
	return Object.fromEntries(
		Object.entries(rule)
			.filter(([k, v]) => k !== 'kind' && typeof v === 'number')
			.map(([k, v]) => [k, String(v)])
	);
}

class DeskStrategyState {
	readonly #view = new View<DeskStrategyView>(() => ({
		choice: STRATEGY_TEMPLATES[0]!.id,
		params: paramsOf(STRATEGY_TEMPLATES[0]!.rule),
		confirming: null
	}));
	/** The command last asked for: the dialog closes (dismissing it) before it confirms. */
	#asked: StrategyCommand | null = null;
	/** Stored strategies offered besides the templates (the lab's). */
	#stored = $state.raw<readonly StrategyDefinition[]>([]);

	get view(): Readonly<DeskStrategyView> {
		return this.#view.current;
	}

	/** Every strategy that can be attached: the templates, then the stored ones. */
	get choices(): readonly StrategyDefinition[] {
		return [...STRATEGY_TEMPLATES, ...this.#stored];
	}

	/** The strategy attached to the open session, or null. */
	get attached(): DeskStrategy | null {
		return paper.view.desk?.strategy ?? null;
	}

	/** The strategy picked, its parameters as typed. */
	get chosen(): StrategyDefinition {
		return this.choices.find((c) => c.id === this.view.choice) ?? this.choices[0]!;
	}

	/** The strategy's orders on the desk, newest last. */
	get orders(): Order[] {
		const ids = this.attached?.orderIds ?? [];
		return (paper.view.desk?.view.orders ?? []).filter((o) => ids.includes(o.id));
	}

	/** Its orders still working. */
	get working(): Order[] {
		return this.orders.filter(isOpenOrder);
	}

	/** The name of the strategy that placed an order of the desk, or null when the trader did. */
	nameOf(orderId: string): string | null {
		const attached = this.attached;
		return attached?.orderIds.includes(orderId) ? attached.definition.name : null;
	}

	/** Offers stored strategies besides the templates. */
	setStored(list: readonly StrategyDefinition[]): void {
		this.#stored = list;
	}

	/** Reads the lab's stored strategies (paper mode only: a strategy trades only on paper). */
	async loadStored(): Promise<void> {
		if (mode.current !== 'paper') return this.setStored([]);
		changes.track(['strategies']);
		const stored = await engine.strategies();
		this.setStored(stored.map((s) => s.definition));
	}

	choose(id: string): void {
		const picked = this.choices.find((c) => c.id === id);
		if (picked) this.#view.set({ choice: id, params: paramsOf(picked.rule) });
	}

	setParam(name: string, value: string): void {
		this.#view.set({ params: { ...this.view.params, [name]: value } });
	}

	/**
	 * The strategy to attach: the one picked, with the parameters typed; changed parameters make a
	 * strategy of their own (`SMA cross 2/3`). Why not, when a parameter does not add up.
	 */
	definition(): StrategyDefinition | string {
		const base = this.chosen;
		const rule = { ...base.rule } as Record<string, unknown>;
		for (const [name, text] of Object.entries(this.view.params)) {
			const value = Number(text.trim());
			if (text.trim() === '' || !Number.isFinite(value)) return `${name} must be a number`;
			rule[name] = value;
		}
		const typed = rule as StrategyRule;
		const problem = ruleProblem(typed);
		if (problem) return problem;
		const values = Object.values(paramsOf(typed));
		if (values.join() === Object.values(paramsOf(base.rule)).join()) return base;
		return {
			...base,
			id: `${base.id}(${values.join(',')})`,
			name: `${strategyKindLabel(typed.kind)} ${values.join('/')}`,
			rule: typed
		};
	}

	/** Attaches the strategy picked to the open session (paused until started). */
	async attach(): Promise<boolean> {
		const def = this.definition();
		if (typeof def === 'string') {
			paper.fail(def);
			return false;
		}
		return paper.changeWith(
			(id) => engine.paperAttachStrategy(id, def),
			`${def.name} attached: start it to trade`
		);
	}

	/** Asks for a command; it runs once confirmed. */
	ask(command: StrategyCommand): void {
		this.#asked = command;
		this.#view.set({ confirming: command });
	}

	dismiss(): void {
		this.#view.set({ confirming: null });
	}

	/** Runs the command asked for. */
	async confirm(): Promise<boolean> {
		const command = this.#asked;
		this.#asked = null;
		this.#view.set({ confirming: null });
		if (command === null) return false;
		if (command === 'flatten') paper.pause();
		return paper.changeWith((id) => engine.paperStrategy(id, command), DONE[command]);
	}

	reset(): void {
		this.#view.reset();
		this.#asked = null;
		this.#stored = [];
	}
}

export { DeskStrategyState };
export const deskStrategy = new DeskStrategyState();
