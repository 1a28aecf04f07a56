/**
 * A backtest: a strategy over one symbol's bars, through a paper session, so a backtest and a
 * replay with the strategy attached are the same code path (the same broker, the same risk
 * manager, the same log of actions). Each bar is revealed to the session (orders placed before it
 * fill on it), then the stepper reads its close, then the intents of that close become actions.
 *
 * The broker's conventions hold: a market order placed on a bar's close fills at the next bar's
 * open; a stop and a target placed with the entry work from the bar after the entry fills, and
 * when one bar touches both the broker's `bothTouched` rule decides. Long only, one position at a
 * time: an entry while holding (or while an entry is working) is declined, an exit while flat is
 * ignored. An exit cancels the strategy's working stop and target, then sells at market.
 */
import type {
	AccountState,
	Bar,
	BrokerConfig,
	Order,
	OrderRequest,
	OrderSubmission,
	PaperExecution
} from '../broker/types';
import { roundTrips } from '../paper/desk-stats';
import { PaperSession, type PaperSessionFacts } from '../paper/session';
import { riskAmount, sizeFromRisk } from '../paper/sizing';
import type { RiskConfig } from '../risk';
import { StrategyStepper, type Intent } from './signals';
import type { StrategyDefinition } from './types';

/** An order the strategy placed, with the intent that caused it. */
export interface StrategyOrder {
	order: Order;
	intent: Intent;
}

/** An intent that placed no order, and why. */
export interface DeclinedIntent {
	intent: Intent;
	reason: string;
}

export interface BacktestSummary {
	/** Closed flat-to-flat round trips. */
	trades: number;
	/** Closed trades whose net P&L (after commissions) is above 0. */
	wins: number;
	/** Net P&L of the closed trades, after commissions; integer cents. */
	netPnlCents: number;
	/** Every commission paid, open position's included; integer cents. */
	commissionsCents: number;
	/** Signed units still held after the last bar (+ long). */
	openQuantity: number;
	/** Equity after the last bar; integer cents. */
	endingEquityCents: number;
}

export interface BacktestResult {
	executions: PaperExecution[];
	/** Equity after each step (one per bar), in dollars. */
	equity: number[];
	/** Every order the strategy placed, in submission order. */
	orders: StrategyOrder[];
	declined: DeclinedIntent[];
	summary: BacktestSummary;
	/** The session's facts: storing them replays the backtest exactly. */
	facts: PaperSessionFacts;
}

const WORKING: ReadonlySet<Order['status']> = new Set(['new', 'accepted', 'partially_filled']);

/**
 * The strategy over `bars` (one symbol's, by time; `timeframeMs` their length), all at once.
 * @example backtest(def, bars, { ...DEFAULT_BROKER_CONFIG, startingCash: 100_000 }, allRulesOff(), 60_000).summary
 */
export function backtest(
	def: StrategyDefinition,
	bars: readonly Bar[],
	broker: BrokerConfig,
	risk: RiskConfig,
	timeframeMs: number
): BacktestResult {
	const run = new Backtest(def, bars, broker, risk, timeframeMs);
	run.advance(Infinity);
	return run.result();
}

/**
 * A backtest taken in slices, so a worker can report progress and hear a Cancel between them:
 * `advance(n)` runs up to n more bars; `result()` is the run so far (the whole run once `finished`).
 * @example const run = new Backtest(def, bars, broker, risk, 60_000); while (!run.advance(65_536)) report(run.done / run.total);
 */
export class Backtest {
	readonly #session: PaperSession;
	readonly #stepper: StrategyStepper;
	readonly #runner: IntentRunner;
	#done = 0;

	constructor(
		def: StrategyDefinition,
		bars: readonly Bar[],
		broker: BrokerConfig,
		risk: RiskConfig,
		timeframeMs: number
	) {
		this.#stepper = new StrategyStepper(def, timeframeMs);
		const symbol = bars[0]?.symbol ?? '';
		const other = bars.find((b) => b.symbol !== symbol);
		const symbols = other ? new Set(bars.map((b) => b.symbol)) : new Set([symbol]);
		if (symbols.size > 1)
			throw new RangeError(`A backtest runs one symbol's bars, got ${[...symbols].join(', ')}`);
		const facts: PaperSessionFacts = {
			id: `backtest:${def.id}@${def.version}`,
			symbol,
			from: bars[0]?.time ?? 0,
			to: (bars[bars.length - 1]?.time ?? 0) + timeframeMs,
			broker,
			risk,
			cursor: 0,
			actions: [],
			status: 'running',
			createdAt: 0
		};
		this.#session = new PaperSession(facts, bars, timeframeMs);
		if (this.#session.readOnly !== null)
			throw new RangeError(`The backtest cannot run: ${this.#session.readOnly}`);
		this.#runner = new IntentRunner(this.#session, def.sizing);
	}

	/** Bars run so far. */
	get done(): number {
		return this.#done;
	}

	get total(): number {
		return this.#session.bars.length;
	}

	get finished(): boolean {
		return this.#done >= this.total;
	}

	/** Runs up to `count` more bars; whether the run is finished. */
	advance(count: number): boolean {
		const bars = this.#session.bars;
		const end = Math.min(bars.length, this.#done + Math.max(0, count));
		for (; this.#done < end; this.#done++) {
			this.#session.step();
			const intents = this.#stepper.push(bars[this.#done]!);
			if (intents.length) this.#runner.run(intents);
		}
		return this.finished;
	}

	/** The run so far: its executions, orders, declined intents, summary and facts. */
	result(): BacktestResult {
		// The parts of the view a result holds, without the rest (risk rules, desk figures).
		const session = this.#session;
		const executions = session.executions();
		return {
			executions,
			equity: session.equityCurve(),
			orders: this.#runner.orders(session.orders()),
			declined: this.#runner.declined,
			summary: summarise(executions, session.account()),
			facts: session.facts
		};
	}
}

/**
 * Turns intents into session actions, keeping which intent placed which order. It reads the
 * session through its cheap accessors (a position, an order's status, the equity), never the
 * whole view, so an intent costs the same on the millionth bar as on the first.
 */
class IntentRunner {
	readonly #session: PaperSession;
	readonly #sizing: StrategyDefinition['sizing'];
	readonly #intentOf = new Map<string, Intent>();
	readonly declined: DeclinedIntent[] = [];
	/** The last entry order placed, and its stop and target. */
	#entryId: string | null = null;
	#exitIds: string[] = [];
	/**
	 * The last exit order placed. An exit is placed only while no earlier one works, so it is
	 * the only exit that can be working.
	 */
	#exitId: string | null = null;

	constructor(session: PaperSession, sizing: StrategyDefinition['sizing']) {
		this.#session = session;
		this.#sizing = sizing;
	}

	run(intents: readonly Intent[]): void {
		for (const intent of intents) {
			// Read afresh for each: the exit before an entry on one bar changes nothing yet (its order fills on the next bar).
			const held = this.#session.position(intent.symbol);
			if (intent.kind === 'exit') this.#exit(intent, held);
			else this.#entry(intent, held);
		}
	}

	/** Whether the order `id` (if any) is still working. */
	#working(id: string | null): id is string {
		const status = id === null ? null : this.#session.orderStatus(id);
		return status !== null && WORKING.has(status);
	}

	#entry(intent: Extract<Intent, { kind: 'entry' }>, held: number): void {
		if (intent.blocked !== null) return this.#decline(intent, intent.blocked);
		if (held !== 0) return this.#decline(intent, `already holding ${held} ${intent.symbol}`);
		if (this.#working(this.#entryId))
			return this.#decline(intent, `an entry (${this.#entryId}) is still working`);
		const quantity = this.#quantity(intent, this.#session.equityCents / 100);
		if (typeof quantity === 'string') return this.#decline(intent, quantity);
		const entry: OrderRequest = { symbol: intent.symbol, side: 'buy', quantity, type: 'market' };
		const outcome = this.#session.act({ kind: 'submit', at: 0, submission: submission(entry, intent) });
		if (!outcome.ok) return this.#decline(intent, outcome.reason);
		for (const o of outcome.orders) this.#intentOf.set(o.id, intent);
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
		// (refused, "already cancelled", yet logged) is in every stored backtest's log.
		const working = this.#exitIds.filter((id) => this.#working(id));
		for (const id of working) this.#session.act({ kind: 'cancel', at: 0, orderId: id });
		this.#exitIds = [];
		const outcome = this.#session.act({
			kind: 'submit',
			at: 0,
			submission: {
				orderClass: 'single',
				order: { symbol: intent.symbol, side: 'sell', quantity: held, type: 'market' }
			}
		});
		if (!outcome.ok) return this.#decline(intent, outcome.reason);
		for (const o of outcome.orders) this.#intentOf.set(o.id, intent);
		this.#exitId = outcome.orders[0]!.id;
	}

	#decline(intent: Intent, reason: string): void {
		this.declined.push({ intent, reason });
	}

	/** The strategy's orders as they are now, each with its intent. */
	orders(all: readonly Order[]): StrategyOrder[] {
		return all.flatMap((order) => {
			const intent = this.#intentOf.get(order.id);
			return intent ? [{ order, intent }] : [];
		});
	}
}

/** The entry with its stop and target: a bracket with both, an OTO with one, a single order with none. */
function submission(entry: OrderRequest, intent: Extract<Intent, { kind: 'entry' }>): OrderSubmission {
	const exit = (o: Pick<OrderRequest, 'type' | 'stopPrice' | 'limitPrice'>): OrderRequest => ({
		symbol: entry.symbol,
		side: 'sell',
		quantity: entry.quantity,
		timeInForce: 'gtc',
		...o
	});
	if (intent.stop !== null && intent.target !== null)
		return {
			orderClass: 'bracket',
			entry,
			stopLoss: { stopPrice: intent.stop },
			takeProfit: { limitPrice: intent.target },
			exitTimeInForce: 'gtc'
		};
	if (intent.stop !== null)
		return { orderClass: 'oto', primary: entry, secondary: exit({ type: 'stop', stopPrice: intent.stop }) };
	if (intent.target !== null)
		return {
			orderClass: 'oto',
			primary: entry,
			secondary: exit({ type: 'limit', limitPrice: intent.target })
		};
	return { orderClass: 'single', order: entry };
}

function summarise(executions: readonly PaperExecution[], account: AccountState): BacktestSummary {
	const closed = roundTrips(executions).filter((t) => t.closeTime !== null);
	return {
		trades: closed.length,
		wins: closed.filter((t) => t.netCents > 0).length,
		netPnlCents: closed.reduce((sum, t) => sum + t.netCents, 0),
		commissionsCents: account.commissionsCents,
		openQuantity: account.positions.reduce((sum, p) => sum + p.quantity, 0),
		endingEquityCents: account.equityCents
	};
}
