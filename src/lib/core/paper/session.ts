/**
 * A paper-trading replay session: bars revealed one at a time to the paper broker, and the
 * trader's actions between them, every order passing the risk manager first.
 *
 * The facts are small and plain: the session's settings, how many bars have been revealed
 * (`cursor`) and the log of actions, each stamped with the cursor it happened at. Everything else
 * (orders, executions, the account, risk rejections, rule states) is a view: replaying the facts
 * rebuilds it exactly, because the broker and the risk manager are deterministic. So a session
 * survives a reload, and what is stored can never disagree with what is shown.
 *
 * Time: an action is stamped with the open time of the last revealed bar (bars are stamped with
 * their open), the broker's convention for "placed while that bar was the latest": orders fill
 * from the next bar on, a market order at its open.
 */
import { PaperBroker } from '../broker';
import type {
	AccountState,
	Bar,
	BrokerConfig,
	Execution,
	Order,
	OrderChanges,
	OrderRequest,
	OrderSubmission
} from '../broker';
import {
	evaluateOrder,
	INITIAL_CIRCUIT_BREAKER,
	isHalted,
	ruleStates,
	tradingDate,
	updateCircuitBreaker,
	type CircuitBreakerState,
	type RiskConfig,
	type RiskContext,
	type RiskViolation,
	type RuleState
} from '../risk';

/** One thing the trader did, at `at` bars revealed. */
export type PaperAction =
	| { kind: 'submit'; at: number; submission: OrderSubmission }
	| { kind: 'modify'; at: number; orderId: string; changes: OrderChanges }
	| { kind: 'cancel'; at: number; orderId: string }
	/** Emergency flatten: cancel every working order, close every position at the next price. */
	| { kind: 'flatten'; at: number }
	/** New risk limits from this point on. */
	| { kind: 'risk'; at: number; risk: RiskConfig };

/** What is stored of a session. */
export interface PaperSessionFacts {
	id: string;
	symbol: string;
	/** The bars replayed: the symbol's bars with from ≤ time < to. */
	from: number;
	to: number;
	broker: BrokerConfig;
	/** The risk limits at the start (later changes are actions). */
	risk: RiskConfig;
	/** Bars revealed so far. */
	cursor: number;
	actions: PaperAction[];
	/** Stopped: no more bars or orders; the record stays for the journal. */
	status: 'running' | 'stopped';
	createdAt: number;
}

/** An order the risk manager stopped before the broker saw it. */
export interface RiskRejection {
	/** Index of the submit action in the log. */
	action: number;
	time: number;
	symbol: string;
	side: 'buy' | 'sell';
	quantity: number;
	type: OrderRequest['type'];
	orderClass: OrderSubmission['orderClass'];
	/** The headline violation (rule, limit, value, message) and every other one. */
	violation: RiskViolation;
	violations: RiskViolation[];
}

/** What the desk shows: the view of the facts. */
export interface PaperView {
	cursor: number;
	/** Time (ms) the session stands at: the open time of the last revealed bar; null before any bar. */
	now: number | null;
	orders: Order[];
	executions: Execution[];
	account: AccountState;
	rejections: RiskRejection[];
	rules: RuleState[];
	/** Until when the circuit breaker halts new orders; null when it does not. */
	haltedUntil: number | null;
	/** Equity after each revealed bar (for the equity line), dollars. */
	equity: number[];
}

/** The outcome of one action. */
export type ActionOutcome =
	{ ok: true; orders: Order[] } | { ok: false; reason: string; rejection: RiskRejection | null };

/** The entry (or first) order of a submission: what the risk manager judges. */
export function leadOrder(submission: OrderSubmission): OrderRequest {
	switch (submission.orderClass) {
		case 'single':
			return submission.order;
		case 'bracket':
			return submission.entry;
		case 'oco':
			return submission.legs[0];
		case 'oto':
			return submission.primary;
	}
}

/**
 * A live session: the broker with the facts replayed into it. Acting on it appends to the facts
 * (the caller stores them); `view()` is what the UI draws.
 */
export class PaperSession {
	readonly facts: PaperSessionFacts;
	readonly #bars: readonly Bar[];
	readonly #timeframeMs: number;
	#broker: PaperBroker;
	#risk: RiskConfig;
	#breaker: CircuitBreakerState = INITIAL_CIRCUIT_BREAKER;
	#startOfDay: number;
	#day: string | null = null;
	#peak: number;
	#equity: number[] = [];
	#rejections: RiskRejection[] = [];
	#submissions: { symbol: string; time: number }[] = [];

	/**
	 * `bars` are the session's bars sorted by time; `timeframeMs` their length. The facts are
	 * replayed at once: the same facts always give the same view.
	 */
	constructor(facts: PaperSessionFacts, bars: readonly Bar[], timeframeMs: number) {
		if (facts.cursor > bars.length)
			throw new RangeError(
				`Session ${facts.id} has revealed ${facts.cursor} bars, but only ${bars.length} exist`
			);
		this.#bars = bars;
		this.#timeframeMs = timeframeMs;
		const replayed: PaperSessionFacts = { ...facts, cursor: 0, actions: [], status: 'running' };
		this.facts = replayed;
		this.#broker = new PaperBroker(facts.broker);
		this.#risk = facts.risk;
		this.#startOfDay = this.#peak = facts.broker.startingCash;
		let next = 0;
		const actions = facts.actions;
		for (let i = 0; i <= facts.cursor; i++) {
			while (next < actions.length && actions[next]!.at === i) this.act(actions[next++]!);
			if (i < facts.cursor) this.step();
		}
		if (next < actions.length)
			throw new RangeError(`Session ${facts.id}: action ${next + 1} is after the last revealed bar`);
		replayed.status = facts.status;
	}

	get bars(): readonly Bar[] {
		return this.#bars;
	}

	/** The revealed bars. */
	get revealed(): readonly Bar[] {
		return this.#bars.slice(0, this.facts.cursor);
	}

	get finished(): boolean {
		return this.facts.cursor >= this.#bars.length;
	}

	/** When an action taken now happens: the last revealed bar's time. */
	get now(): number | null {
		return this.#bars[this.facts.cursor - 1]?.time ?? null;
	}

	/** Reveals the next bar to the broker; its executions. */
	step(): Execution[] {
		if (this.facts.status !== 'running') throw new Error('The session is stopped');
		const bar = this.#bars[this.facts.cursor];
		if (!bar) return [];
		const day = tradingDate(bar.time);
		if (day !== this.#day) {
			// The daily loss counts from the equity the trading day opened with.
			this.#day = day;
			this.#startOfDay = this.#equityNow();
		}
		const executions = this.#broker.onBar(bar);
		this.facts.cursor++;
		const equity = this.#equityNow();
		this.#equity.push(equity);
		this.#peak = Math.max(this.#peak, equity);
		this.#breaker = updateCircuitBreaker(this.#risk, this.#breaker, equity, bar.time + this.#timeframeMs);
		return executions;
	}

	/**
	 * Applies one action now (its `at` is set to the current cursor) and logs it. A submission
	 * passes the risk manager first; a rejection is logged too (the log replays to the same
	 * rejection) and named in the outcome.
	 */
	act(action: PaperAction): ActionOutcome {
		if (this.facts.status !== 'running')
			return { ok: false, reason: 'The session is stopped', rejection: null };
		const time = this.now;
		if (time === null && action.kind !== 'risk')
			return { ok: false, reason: 'Reveal the first bar before placing orders', rejection: null };
		const logged = { ...action, at: this.facts.cursor };
		const index = this.facts.actions.length;
		this.facts.actions.push(logged);
		const at = time ?? this.facts.from;
		switch (logged.kind) {
			case 'risk':
				this.#risk = logged.risk;
				return { ok: true, orders: [] };
			case 'flatten':
				return { ok: true, orders: this.#broker.flattenAll(at) };
			case 'cancel': {
				const result = this.#broker.cancel(logged.orderId, at);
				return result.ok
					? { ok: true, orders: [result.order] }
					: { ok: false, reason: result.reason, rejection: null };
			}
			case 'modify': {
				const result = this.#broker.modify(logged.orderId, logged.changes, at);
				return result.ok
					? { ok: true, orders: [result.order] }
					: { ok: false, reason: result.reason, rejection: null };
			}
			case 'submit':
				return this.#submit(logged.submission, at, index);
		}
	}

	#submit(submission: OrderSubmission, time: number, index: number): ActionOutcome {
		const lead = leadOrder(submission);
		const estimate = this.#broker.estimateOrderValue(lead);
		const price = estimate?.price ?? this.#broker.lastPrice(lead.symbol);
		if (price === null || !(price > 0))
			return { ok: false, reason: `No price for ${lead.symbol} yet to value the order`, rejection: null };
		const result = evaluateOrder(this.#risk, this.#context(), {
			symbol: lead.symbol,
			side: lead.side,
			quantity: lead.quantity,
			price,
			time
		});
		this.#breaker = result.circuitBreaker;
		if (!result.ok) {
			const rejection: RiskRejection = {
				action: index,
				time,
				symbol: lead.symbol,
				side: lead.side,
				quantity: lead.quantity,
				type: lead.type,
				orderClass: submission.orderClass,
				violation: { rule: result.rule, limit: result.limit, value: result.value, message: result.message },
				violations: result.violations
			};
			this.#rejections.push(rejection);
			return { ok: false, reason: result.message, rejection };
		}
		this.#submissions.push({ symbol: lead.symbol, time });
		const orders = this.#broker.submit(submission, time);
		const rejected = orders.find((o) => o.status === 'rejected');
		if (rejected) return { ok: false, reason: rejected.reason ?? 'Rejected by the broker', rejection: null };
		return { ok: true, orders };
	}

	stop(): void {
		this.facts.status = 'stopped';
	}

	#equityNow(): number {
		return this.#broker.account().equityCents / 100;
	}

	#context(): RiskContext {
		const account = this.#broker.account();
		return {
			equity: account.equityCents / 100,
			cash: account.cashCents / 100,
			startOfDayEquity: this.#startOfDay,
			peakEquity: Math.max(this.#peak, account.equityCents / 100),
			marginAccount: this.facts.broker.marginMultiplier > 1,
			positions: account.positions
				.filter((p) => p.quantity !== 0)
				.map((p) => ({ symbol: p.symbol, quantity: p.quantity, price: p.lastPrice ?? p.averagePrice ?? 0 })),
			submissions: this.#submissions,
			executions: this.#broker
				.executions()
				.map((e) => ({ symbol: e.symbol, side: e.side, quantity: e.quantity, time: e.time })),
			circuitBreaker: this.#breaker
		};
	}

	view(): PaperView {
		const now = this.now;
		return {
			cursor: this.facts.cursor,
			now,
			orders: this.#broker.orders(),
			executions: this.#broker.executions(),
			account: this.#broker.account(),
			rejections: [...this.#rejections],
			rules: ruleStates(this.#risk, this.#context(), now ?? this.facts.from),
			haltedUntil: now !== null && isHalted(this.#breaker, now) ? this.#breaker.haltedUntil : null,
			equity: [...this.#equity]
		};
	}
}
