/**
 * A strategy attached to a paper session: `StrategyDriver.advance()`, called after each step of
 * the session, pushes the symbol's newly revealed bars through the stepper and (while running)
 * turns their intents into session actions. A backtest is a driver on a session stepped to the
 * end; a replay is a driver on a session the trader steps. Both take the same path, so they place
 * the same orders and get the same executions.
 *
 * What the driver knows is rebuilt from the session: a driver built on a session that already
 * revealed bars pushes them through the stepper without acting (its indicators warm), and reads
 * which orders are its own from the logged submit actions, each carrying the strategy and the
 * intent that placed it (`origin`). So a reload, a rewind or an undo leaves nothing to store but
 * the session's facts and the attachment.
 *
 * Paused: bars still go through the stepper (the indicators stay warm) but nothing acts. The
 * risk manager pauses it: a strategy order rejected by the daily loss limit or the circuit
 * breaker pauses the strategy and `pausedBecause` says why.
 */
import { isFinal } from '../broker/paper-broker';
import type { Bar, Order, OrderRequest, OrderSubmission } from '../broker/types';
import { entryWithExits } from '../paper/bracket';
import {
	PaperSession,
	type ActionOutcome,
	type PaperAction,
	type RiskRejection,
	type StrategyOrigin
} from '../paper/session';
import { riskAmount, sizeFromRisk } from '../paper/sizing';
import type { RuleId } from '../risk';
import { StrategyStepper, type Intent } from './signals';
import type { StrategyDefinition } from './types';

/** An order the strategy placed, with the intent that caused it. */
export interface StrategyOrder {
	order: Order;
	intent: Intent;
}

/** An intent that placed no order, and why (with the risk manager's rejection when it was that). */
export interface DeclinedIntent {
	intent: Intent;
	reason: string;
	rejection?: RiskRejection;
}

/** Rejections by these rules pause the strategy: trading on would only be refused again. */
const PAUSING_RULES: ReadonlySet<RuleId> = new Set(['dailyLoss', 'circuitBreaker']);

export interface DriverOptions {
	/** The symbol it trades; the session's primary symbol when absent. */
	symbol?: string;
	/** Acting on intents (true) or only reading bars (false, paused); true when absent. */
	running?: boolean;
}

/**
 * A strategy trading one symbol of a paper session.
 * @example const driver = new StrategyDriver(session, def, 60_000); session.step(); driver.advance();
 */
export class StrategyDriver {
	readonly #session: PaperSession;
	readonly #def: StrategyDefinition;
	readonly #symbol: string;
	readonly #stepper: StrategyStepper;
	readonly #runner: IntentRunner;
	/** The symbol's bars (all of them, revealed or not: the session's list, fixed when it was made). */
	readonly #bars: readonly Bar[];
	/** The symbol's bars pushed through the stepper so far. */
	#pushed = 0;
	#running: boolean;
	#pausedBecause: string | null = null;

	constructor(
		session: PaperSession,
		def: StrategyDefinition,
		timeframeMs: number,
		options: DriverOptions = {}
	) {
		this.#session = session;
		this.#def = def;
		this.#symbol = options.symbol ?? session.facts.symbol;
		this.#bars = session.barsOf(this.#symbol);
		this.#running = options.running ?? true;
		this.#stepper = new StrategyStepper(def, timeframeMs);
		this.#runner = new IntentRunner(session, def.sizing, {
			strategyId: def.id,
			name: def.name,
			version: def.version
		});
		this.#rebuild(timeframeMs);
	}

	get definition(): StrategyDefinition {
		return this.#def;
	}

	get symbol(): string {
		return this.#symbol;
	}

	get running(): boolean {
		return this.#running;
	}

	/** Why the risk manager paused it (the rejection's message), or null. */
	get pausedBecause(): string | null {
		return this.#pausedBecause;
	}

	/** Intents that placed no order, in the order they came. */
	get declined(): readonly DeclinedIntent[] {
		return this.#runner.declined;
	}

	/** Acts on the intents of the bars revealed from now on. */
	start(): void {
		this.#running = true;
		this.#pausedBecause = null;
	}

	/** Reads bars on without acting. */
	pause(): void {
		this.#running = false;
	}

	/**
	 * Pushes the symbol's bars revealed since the last call through the stepper and, while running,
	 * acts on their intents now. Call it after each step of the session: an intent acts at the
	 * cursor it is read at, so bars revealed by several steps before one call act late.
	 */
	advance(): void {
		const bars = this.#bars;
		// The symbol's bars up to the session's time are revealed (`revealedCount`, without its
		// binary search: a step reveals the next bar or none).
		const now = this.#session.now;
		if (now === null) return;
		for (; this.#pushed < bars.length && bars[this.#pushed]!.time <= now; this.#pushed++) {
			const intents = this.#stepper.push(bars[this.#pushed]!);
			if (!this.#running || !intents.length) continue;
			const before = this.#runner.declined.length;
			this.#runner.run(intents);
			this.#pauseOnRisk(this.#runner.declined.slice(before));
		}
	}

	#pauseOnRisk(declined: readonly DeclinedIntent[]): void {
		const stopped = declined.find((d) => d.rejection && PAUSING_RULES.has(d.rejection.violation.rule));
		if (!stopped) return;
		this.#running = false;
		this.#pausedBecause = stopped.rejection!.violation.message;
	}

	/** Cancels the strategy's working orders (its entries and their stops and targets, its exits). */
	cancelWorking(): void {
		for (const order of this.#session.view().orders)
			if (!isFinal(order) && this.#runner.intentOf(order.id))
				this.#session.act({ kind: 'cancel', at: 0, orderId: order.id });
	}

	/** The strategy's orders among `all` (the session's orders), each with its intent. */
	orders(all: readonly Order[]): StrategyOrder[] {
		return this.#runner.orders(all);
	}

	/** The intent that placed an order of the session, or undefined when the strategy did not. */
	intentOf(orderId: string): Intent | undefined {
		return this.#runner.intentOf(orderId);
	}

	/**
	 * Warms the stepper on the bars already revealed (without acting), and reads the strategy's
	 * orders from the logged submissions carrying its id (see `loggedSubmissions`).
	 */
	#rebuild(timeframeMs: number): void {
		const session = this.#session;
		const own = session.facts.actions.some(
			(a) => a.kind === 'submit' && a.origin?.strategyId === this.#def.id
		);
		const placed = own
			? loggedSubmissions(session, timeframeMs).filter((p) => p.origin.strategyId === this.#def.id)
			: [];
		const bars = session.barsOf(this.#symbol);
		let next = 0;
		for (let i = 0; i <= session.facts.cursor; i++) {
			let intents: readonly Intent[] = [];
			for (const end = session.revealedCount(this.#symbol, i); this.#pushed < end; this.#pushed++)
				intents = this.#stepper.push(bars[this.#pushed]!);
			for (; next < placed.length && placed[next]!.at === i; next++) {
				const { origin, outcome } = placed[next]!;
				// The intent as the stepper reads it again (exact numbers, NaN included), else as logged.
				const intent =
					intents.find((x) => x.kind === origin.intent.kind && x.time === origin.intent.time) ??
					origin.intent;
				this.#runner.record(intent, outcome);
			}
		}
	}
}

/** A logged submission a strategy made, and what it came to. */
export interface LoggedSubmission {
	/** Its index in the session's log, and the cursor it was taken at. */
	index: number;
	at: number;
	origin: StrategyOrigin;
	outcome: ActionOutcome;
}

/**
 * Every submission a strategy made in the session's log with its outcome (the orders it placed, or
 * the rejection); see `replayedSubmissions`.
 * @example loggedSubmissions(session, 60_000).find((s) => s.outcome.ok && s.outcome.orders.some((o) => o.id === 'o3'))
 */
export function loggedSubmissions(session: PaperSession, timeframeMs: number): LoggedSubmission[] {
	return replayedSubmissions(session, timeframeMs, (a) => a.origin !== undefined).map(
		({ index, at, action, outcome }) => ({ index, at, origin: action.origin!, outcome })
	);
}

/** A submit action of a session's log. */
export type SubmitAction = Extract<PaperAction, { kind: 'submit' }>;

/** A logged submission (any: a strategy's, a signal taken, the trader's own) and what it came to. */
export interface ReplayedSubmission {
	/** Its index in the session's log, and the cursor it was taken at. */
	index: number;
	at: number;
	action: SubmitAction;
	outcome: ActionOutcome;
}

/**
 * The logged submissions `wanted` picks, each with its outcome: a twin of the session replays the
 * log one action at a time, so each logged submission is matched with the orders the broker gave it.
 * @example replayedSubmissions(session, 60_000, (a) => a.signal !== undefined)[0]?.outcome.ok
 */
export function replayedSubmissions(
	session: PaperSession,
	timeframeMs: number,
	wanted: (action: SubmitAction) => boolean
): ReplayedSubmission[] {
	const facts = session.facts;
	const twin = new PaperSession(
		{ ...facts, cursor: 0, actions: [], status: 'running' },
		session.bars,
		timeframeMs
	);
	const found: ReplayedSubmission[] = [];
	let next = 0;
	for (let i = 0; i <= facts.cursor; i++) {
		for (; next < facts.actions.length && facts.actions[next]!.at === i; next++) {
			const action = facts.actions[next]!;
			const outcome = twin.act(action);
			if (action.kind === 'submit' && wanted(action)) found.push({ index: next, at: i, action, outcome });
		}
		if (i < facts.cursor) twin.step();
	}
	return found;
}

/**
 * Turns intents into session actions, keeping which intent placed which order. It reads the
 * session through its cheap accessors (a position, an order's status, the equity), never the
 * whole view, so an intent costs the same on the millionth bar as on the first.
 */
class IntentRunner {
	readonly #session: PaperSession;
	readonly #sizing: StrategyDefinition['sizing'];
	readonly #origin: Omit<StrategyOrigin, 'intent'>;
	/**
	 * Which intent placed which order: kept as two lists while the run goes (an order costs two
	 * pushes), put in the map only when it is read (see #intents).
	 */
	readonly #placedIds: string[] = [];
	readonly #placedIntents: Intent[] = [];
	readonly #intentOf = new Map<string, Intent>();
	/** How many of the placed orders the map holds. */
	#mapped = 0;
	readonly declined: DeclinedIntent[] = [];
	/** The last entry order placed, and its stop and target. */
	#entryId: string | null = null;
	#exitIds: string[] = [];
	/**
	 * The last exit order placed. An exit is placed only while no earlier one works, so it is
	 * the only exit that can be working.
	 */
	#exitId: string | null = null;

	constructor(
		session: PaperSession,
		sizing: StrategyDefinition['sizing'],
		origin: Omit<StrategyOrigin, 'intent'>
	) {
		this.#session = session;
		this.#sizing = sizing;
		this.#origin = origin;
	}

	run(intents: readonly Intent[]): void {
		for (const intent of intents) {
			// Read afresh for each: the exit before an entry on one bar changes nothing yet (its order fills on the next bar).
			const held = this.#session.position(intent.symbol);
			if (intent.kind === 'exit') this.#exit(intent, held);
			else this.#entry(intent, held);
		}
	}

	/** Whether the order `id` (if any) is still open: working, or held (`new`) for its parent. */
	#working(id: string | null): id is string {
		const status = id === null ? null : this.#session.orderStatus(id);
		return status !== null && !isFinal({ status });
	}

	intentOf(orderId: string): Intent | undefined {
		return this.#intents().get(orderId);
	}

	#entry(intent: Extract<Intent, { kind: 'entry' }>, held: number): void {
		if (intent.blocked !== null) return this.#decline(intent, intent.blocked);
		if (held !== 0) return this.#decline(intent, `already holding ${held} ${intent.symbol}`);
		if (this.#working(this.#entryId))
			return this.#decline(intent, `an entry (${this.#entryId}) is still working`);
		const quantity = this.#quantity(intent, this.#session.equityCents / 100);
		if (typeof quantity === 'string') return this.#decline(intent, quantity);
		const entry: OrderRequest = { symbol: intent.symbol, side: 'buy', quantity, type: 'market' };
		this.#submit(intent, entrySubmission(entry, intent));
	}

	#submit(intent: Intent, submission: OrderSubmission): void {
		// Written out, not `{ ...this.#origin, intent }`: a key added after a spread costs ~1.7 µs.
		const { strategyId, name, version } = this.#origin;
		const origin: StrategyOrigin = { strategyId, name, version, intent };
		this.record(intent, this.#session.act({ kind: 'submit', at: 0, submission, origin }));
	}

	/** What a submission of `intent` came to: its orders kept as the strategy's, or the intent declined. */
	record(intent: Intent, outcome: ActionOutcome): void {
		if (intent.kind === 'exit') this.#exitIds = [];
		if (!outcome.ok) return this.#decline(intent, outcome.reason, outcome.rejection ?? undefined);
		for (const o of outcome.orders) {
			this.#placedIds.push(o.id);
			this.#placedIntents.push(intent);
		}
		if (intent.kind === 'exit') {
			this.#exitId = outcome.orders[0]!.id;
			return;
		}
		this.#entryId = outcome.orders.find(
			(o) => o.role === 'entry' || o.role === 'primary' || o.role === 'single'
		)!.id;
		this.#exitIds = outcome.orders.filter((o) => o.id !== this.#entryId).map((o) => o.id);
	}

	#quantity(intent: Extract<Intent, { kind: 'entry' }>, equity: number): number | string {
		const sizing = this.#sizing;
		if (sizing.by === 'quantity') return sizing.quantity;
		if (intent.stop === null) return 'sizing by risk needs a stop';
		const amount =
			sizing.by === 'risk-amount'
				? sizing.amount
				: riskAmount({ by: 'percent', value: sizing.percent }, equity);
		const sized = sizeFromRisk({ amount, entry: intent.reference, stop: intent.stop });
		return sized.ok ? sized.quantity : sized.reason;
	}

	#exit(intent: Extract<Intent, { kind: 'exit' }>, held: number): void {
		if (held <= 0) return;
		if (this.#working(this.#exitId))
			return this.#decline(intent, `an exit (${this.#exitId}) is already working`);
		// Which exits work is read before cancelling any, as from one view: a bracket's stop and
		// target are an OCO pair, so the second is cancelled with the first, and its own cancel
		// (refused, "already cancelled", yet logged) is in every stored log.
		const working = this.#exitIds.filter((id) => this.#working(id));
		for (const id of working) this.#session.act({ kind: 'cancel', at: 0, orderId: id });
		this.#submit(intent, {
			orderClass: 'single',
			order: { symbol: intent.symbol, side: 'sell', quantity: held, type: 'market' }
		});
	}

	#decline(intent: Intent, reason: string, rejection?: RiskRejection): void {
		this.declined.push(rejection ? { intent, reason, rejection } : { intent, reason });
	}

	/** The map of order ids to intents, brought up to date with the orders placed since it was last read. */
	#intents(): Map<string, Intent> {
		const ids = this.#placedIds;
		for (let i = this.#mapped; i < ids.length; i++) this.#intentOf.set(ids[i]!, this.#placedIntents[i]!);
		this.#mapped = ids.length;
		return this.#intentOf;
	}

	/** The strategy's orders as they are now, each with its intent. */
	orders(all: readonly Order[]): StrategyOrder[] {
		const intents = this.#intents();
		const out: StrategyOrder[] = [];
		for (const order of all) {
			const intent = intents.get(order.id);
			if (intent) out.push({ order, intent });
		}
		return out;
	}
}

/**
 * A strategy's entry with its intent's stop and target (`entryWithExits`, as the order ticket,
 * the alert inbox and the scans build theirs): a bracket with both, an OTO with one, a single
 * order with none; the exits GTC, on the side opposite the entry's.
 * @example
 * entrySubmission(
 * 	{ symbol: 'SYN', side: 'sell', quantity: 100, type: 'market' },
 * 	{ ...intent, stop: 101.5, target: null }
 * )
 * // { orderClass: 'oto', primary: { …the entry }, secondary:
 * //   { symbol: 'SYN', side: 'buy', quantity: 100, timeInForce: 'gtc', type: 'stop', stopPrice: 101.5 } }
 */
export function entrySubmission(
	entry: OrderRequest,
	intent: Pick<Extract<Intent, { kind: 'entry' }>, 'stop' | 'target'>
): OrderSubmission {
	return entryWithExits(entry, { stopLoss: intent.stop, takeProfit: intent.target, timeInForce: 'gtc' });
}

/**
 * A strategy attached to a paper session, as stored with the session: the definition as it was
 * attached (a later edit of the strategy does not change a running replay), its state and since
 * when it is attached.
 */
export interface StrategyAttachment {
	definition: StrategyDefinition;
	/** Running: acts on its intents; paused: reads bars only; stopped: its working orders were cancelled. */
	state: 'running' | 'paused' | 'stopped';
	/** The session's cursor when it was attached. */
	attachedAt: number;
	/** Why it paused or stopped when the trader did not ask (the risk manager, an emergency flatten); else null. */
	reason: string | null;
}
