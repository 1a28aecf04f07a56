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
 *
 * Several symbols share one clock: the session's bars are all its symbols' bars merged by time,
 * and one step (the cursor counts steps) reveals every symbol's bar at the next time any of them
 * has one — one bar interval on, or past a gap such as a night. A symbol without a bar at that
 * time reveals none. One account trades them all.
 */
import { orderRequestProblem, PaperBroker, trailProblem } from '../broker';
import { SessionStats, type PaperStats } from './stats';
import type {
	AccountState,
	Bar,
	BrokerConfig,
	PaperExecution,
	Order,
	OrderChanges,
	OrderRequest,
	OrderSubmission
} from '../broker';
import type { Intent } from '../strategy/signals';
import { signalOriginProblem, type SignalOrigin } from './signal-origin';
import { tradingDayOf } from '../instruments/sessions';
import { isCryptoSymbol, marketSession } from '../time/market-session';
import { isoDate, ZoneDates } from '../time/zone-dates';
import {
	DayTradeBook,
	evaluateOrder,
	INITIAL_CIRCUIT_BREAKER,
	RULE_ORDER,
	isHalted,
	MARKET_ZONE,
	RATE_WINDOW_MS,
	ruleStates,
	updateCircuitBreaker,
	type CircuitBreakerState,
	type RiskConfig,
	type RiskContext,
	type RiskViolation,
	type RuleState
} from '../risk';

/** The strategy whose intent placed a submission (absent: the trader placed it). */
export interface StrategyOrigin {
	strategyId: string;
	/** Its name when it placed the order, for the desk and the lineage. */
	name: string;
	version: number;
	/** The intent, with its lineage (the bar, the indicator values, the rule in words). */
	intent: Intent;
}

/** One thing the trader (or a strategy attached to the session) did, at `at` bars revealed. */
export type PaperAction =
	| {
			kind: 'submit';
			at: number;
			submission: OrderSubmission;
			origin?: StrategyOrigin;
			/** The Signals page's signal the trader took (the ticket was filled from it). */
			signal?: SignalOrigin;
	  }
	| { kind: 'modify'; at: number; orderId: string; changes: OrderChanges }
	| { kind: 'cancel'; at: number; orderId: string }
	/** Emergency flatten: cancel every working order, close every position at the next price. */
	| { kind: 'flatten'; at: number }
	/** New risk limits from this point on. */
	| { kind: 'risk'; at: number; risk: RiskConfig };

/** What is stored of a session. */
export interface PaperSessionFacts {
	id: string;
	/** The primary symbol: the first of `symbols`. */
	symbol: string;
	/**
	 * Every symbol replayed, the primary first, on one clock; absent in single-symbol sessions
	 * (and every session stored before several symbols could be replayed).
	 */
	symbols?: string[];
	/** The bars replayed: the symbols' bars with from ≤ time < to. */
	from: number;
	to: number;
	broker: BrokerConfig;
	/** The risk limits at the start (later changes are actions). */
	risk: RiskConfig;
	/** Steps taken so far: with one symbol, bars revealed (see the file comment). */
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

/** A stored action the replay left out, and why (the next save stores the log without it). */
export interface SkippedAction {
	/** Its index in the stored log. */
	index: number;
	kind: string;
	reason: string;
}

/** What the desk shows: the view of the facts. */
export interface PaperView {
	cursor: number;
	/** Time (ms) the session stands at: the open time of the last revealed bar; null before any bar. */
	now: number | null;
	orders: Order[];
	executions: PaperExecution[];
	account: AccountState;
	rejections: RiskRejection[];
	rules: RuleState[];
	/** Until when the circuit breaker halts new orders; null when it does not. */
	haltedUntil: number | null;
	/** Equity after each revealed bar (for the equity line), dollars. */
	equity: number[];
	/** Stored actions that could not be replayed (invalid, or out of place) and were left out. */
	skipped: SkippedAction[];
	/** Why the session cannot go on (it could not be replayed to its end), or null: see PaperSession. */
	readOnly: string | null;
	/** Realised P&L, closed trades and wins, each open position's worst unrealised P&L (see stats.ts). */
	stats: PaperStats;
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
 * What is wrong with an action on its own, or null: it is checked before it enters the log, so
 * the log only ever holds actions that replay (a quantity of −5 is refused, never stored).
 * @example actionProblem({ kind: 'cancel', at: 0, orderId: '' }) // 'no order named to cancel'
 */
export function actionProblem(action: PaperAction): string | null {
	if (typeof action !== 'object' || action === null) return 'not an action';
	const problem = (what: string, p: string | null) => (p === null ? null : `${what}: ${p}`);
	switch (action.kind) {
		case 'submit':
			return (
				submissionProblem(action.submission) ??
				originProblem(action.origin) ??
				signalOriginProblem(action.signal)
			);
		case 'modify': {
			if (typeof action.orderId !== 'string' || action.orderId === '') return 'no order named to change';
			const c = action.changes as Partial<OrderChanges> | null;
			if (typeof c !== 'object' || c === null) return 'no change given';
			if (c.quantity !== undefined && !positive(c.quantity)) return 'quantity must be a number > 0';
			if (c.limitPrice !== undefined && !positive(c.limitPrice)) return 'limit price must be a number > 0';
			if (c.stopPrice !== undefined && !positive(c.stopPrice)) return 'stop price must be a number > 0';
			if (c.trail !== undefined) return problem('trail', trailShapeProblem(c.trail));
			return null;
		}
		case 'cancel':
			return typeof action.orderId === 'string' && action.orderId !== '' ? null : 'no order named to cancel';
		case 'flatten':
			return null;
		case 'risk':
			return riskProblem(action.risk);
		default:
			return `unknown action ${String((action as { kind?: unknown }).kind)}`;
	}
}

function submissionProblem(s: OrderSubmission): string | null {
	if (typeof s !== 'object' || s === null) return 'no order given';
	const order = (what: string, r: OrderRequest) =>
		typeof r === 'object' && r !== null ? prefixed(what, orderRequestProblem(r)) : `${what}: missing`;
	switch (s.orderClass) {
		case 'single':
			return typeof s.order === 'object' && s.order !== null
				? orderRequestProblem(s.order)
				: 'no order given';
		case 'bracket':
			return (
				order('entry', s.entry) ||
				(positive(s.stopLoss?.stopPrice) ? '' : 'the stop-loss needs a stop price > 0') ||
				(s.stopLoss.limitPrice === undefined || positive(s.stopLoss.limitPrice)
					? ''
					: 'the stop-loss limit price must be > 0') ||
				(positive(s.takeProfit?.limitPrice) ? '' : 'the take-profit needs a limit price > 0') ||
				null
			);
		case 'oco':
			return Array.isArray(s.legs) && s.legs.length === 2
				? order('first leg', s.legs[0]) || order('second leg', s.legs[1]) || null
				: 'an OCO needs two legs';
		case 'oto':
			return order('primary', s.primary) || order('secondary', s.secondary) || null;
		default:
			return `unknown order class ${String((s as { orderClass?: unknown }).orderClass)}`;
	}
}

function originProblem(origin: StrategyOrigin | undefined): string | null {
	if (origin === undefined) return null;
	const o = origin as Partial<StrategyOrigin> | null;
	if (typeof o !== 'object' || o === null) return 'the strategy origin is not one';
	if (typeof o.strategyId !== 'string' || o.strategyId === '') return 'the strategy origin names no strategy';
	if (!Number.isInteger(o.version)) return 'the strategy origin has no version';
	const kind = (o.intent as { kind?: unknown } | null)?.kind;
	return kind === 'entry' || kind === 'exit' ? null : 'the strategy origin has no intent';
}

/** `what: problem`, or '' when there is none. */
function prefixed(what: string, problem: string | null): string {
	return problem === null ? '' : `${what}: ${problem}`;
}

function trailShapeProblem(trail: unknown): string | null {
	const t = trail as { by?: unknown; value?: unknown } | null;
	if (typeof t !== 'object' || t === null) return 'missing';
	return trailProblem({ by: String(t.by), value: t.value as number });
}

/** Every rule present, on or off, with finite numbers for its limits. */
function riskProblem(risk: RiskConfig): string | null {
	if (typeof risk !== 'object' || risk === null) return 'no risk limits given';
	for (const id of RULE_ORDER) {
		const rule = risk[id] as unknown as Record<string, unknown> | undefined;
		if (typeof rule !== 'object' || rule === null) return `the ${id} rule is missing`;
		if (typeof rule.enabled !== 'boolean') return `the ${id} rule is neither on nor off`;
		for (const key of ['limit', 'haltMs', 'minEquity', 'businessDays'])
			if (key in rule && !Number.isFinite(rule[key])) return `the ${id} rule's ${key} must be a number`;
	}
	return null;
}

const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** The message of anything thrown. */
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * A live session: the broker with the facts replayed into it. Acting on it appends to the facts
 * (the caller stores them); `view()` is what the UI draws.
 *
 * Replaying never throws. A stored action that is invalid or out of place is left out and
 * listed in `view().skipped`. A session that cannot be replayed to its end (its bars are gone or
 * changed, its broker settings are invalid) opens read-only: it shows what replayed, `readOnly`
 * says why, and it takes no more bars or actions (so its stored facts are never overwritten).
 */
export class PaperSession {
	readonly facts: PaperSessionFacts;
	/** Every symbol's bars, by time (and by the symbols' order at one time). */
	readonly #bars: readonly Bar[];
	/** `#ends[k]`: how many of `#bars` step k + 1 has revealed. */
	readonly #ends: Int32Array;
	readonly #bySymbol: ReadonlyMap<string, readonly Bar[]>;
	readonly #timeframeMs: number;
	readonly #stats = new SessionStats();
	#broker: PaperBroker;
	#risk: RiskConfig;
	#breaker: CircuitBreakerState = INITIAL_CIRCUIT_BREAKER;
	/**
	 * With the circuit breaker off, the equity it re-arms at when next read (see #breakerNow): an
	 * update of an off breaker only re-arms it, and a step would re-arm it at every bar.
	 */
	#rearmAt: number | null = null;
	#startOfDay: number;
	#day: string | null = null;
	/**
	 * Trading days, for the daily loss (see #tradingDays); remembered, as a step asks at every bar.
	 */
	#days: { dateOf(time: number): string };
	/** The day-trade count's ledger, kept up to date with the broker's executions (see #context). */
	#dayTrades = new DayTradeBook();
	#ledgered = 0;
	#peak: number;
	/** Equity after each step, in dollars (the first `cursor` entries). */
	readonly #equity: Float64Array;
	#rejections: RiskRejection[] = [];
	#submissions: { symbol: string; time: number }[] = [];
	#skipped: SkippedAction[] = [];
	#readOnly: string | null = null;

	/**
	 * `bars` are the session's bars (every symbol's) sorted by time; `timeframeMs` their length.
	 * The facts are replayed at once: the same facts always give the same view.
	 */
	constructor(facts: PaperSessionFacts, bars: readonly Bar[], timeframeMs: number) {
		const symbols = sessionSymbols(facts);
		const rank = new Map(symbols.map((s, i) => [s, i]));
		// Stable: one symbol's bars keep their order; at one time the symbols go in the session's order.
		const order = (a: Bar, b: Bar) =>
			a.time - b.time || (rank.get(a.symbol) ?? Infinity) - (rank.get(b.symbol) ?? Infinity);
		const primary = symbols[0]!;
		// Bars usually come in that order already (a backtest's million): then one pass checks
		// them and finds each step's end (a million bars read once, not three times).
		let scan = scanBars(bars, order, primary);
		this.#bars = scan.sorted ? bars.slice() : [...bars].sort(order);
		if (!scan.sorted) scan = scanBars(this.#bars, order, primary);
		const all = this.#bars;
		const steps = scan.ends.length;
		this.#ends = scan.ends;
		const bySymbol = new Map<string, readonly Bar[]>();
		if (symbols.length === 1 && scan.primaryOnly) bySymbol.set(primary, all);
		else {
			const lists = new Map<string, Bar[]>(symbols.map((s) => [s, []]));
			for (const bar of all) {
				const list = lists.get(bar.symbol);
				if (list) list.push(bar);
				else lists.set(bar.symbol, [bar]);
			}
			for (const [symbol, list] of lists) bySymbol.set(symbol, list);
		}
		this.#bySymbol = bySymbol;
		this.#equity = new Float64Array(steps);
		this.#timeframeMs = timeframeMs;
		const replayed: PaperSessionFacts = { ...facts, cursor: 0, actions: [], status: 'running' };
		this.facts = replayed;
		this.#risk = facts.risk;
		try {
			this.#broker = new PaperBroker(facts.broker);
		} catch (e) {
			// Nothing can be replayed without the broker: shown as it started, read-only.
			this.#broker = new PaperBroker();
			this.#readOnly = `its broker settings cannot be used (${messageOf(e)})`;
		}
		this.#startOfDay = this.#peak = this.#broker.equityCents / 100;
		this.#days = this.#tradingDays();
		if (this.#readOnly === null) this.#replay(facts);
		replayed.status = facts.status;
	}

	/** Replays the stored facts into this session (see the class comment). */
	#replay(facts: PaperSessionFacts): void {
		const actions = Array.isArray(facts.actions) ? facts.actions : [];
		const last = Math.min(facts.cursor, this.length);
		let next = 0;
		try {
			for (let i = 0; i <= last; i++) {
				// Actions stamped at this bar, and any stamped at none (or an earlier one: out of place).
				while (next < actions.length && !(Number((actions[next] as PaperAction | null)?.at) > i)) {
					const action = actions[next]!;
					if (action?.at === i) this.#replayOne(action, next);
					else this.#skip(next, action, `stamped at bar ${String(action?.at)}, out of place in the log`);
					next++;
				}
				if (i < last) this.step();
			}
		} catch (e) {
			this.#readOnly = `replaying it failed at bar ${this.facts.cursor + 1} (${messageOf(e)})`;
			return;
		}
		if (facts.cursor > this.length) {
			this.#readOnly = `it revealed ${facts.cursor} bars, but only ${this.length} of its bars are stored now (were they removed or imported again?)`;
			return;
		}
		for (; next < actions.length; next++)
			this.#skip(next, actions[next]!, 'it is after the last revealed bar');
	}

	#replayOne(action: PaperAction, index: number): void {
		const logged = this.facts.actions.length;
		const outcome = this.act(action);
		// Refused (not logged): the stored log had an action that does not replay.
		if (this.facts.actions.length === logged)
			this.#skip(index, action, outcome.ok ? 'it did nothing' : outcome.reason);
	}

	#skip(index: number, action: PaperAction, reason: string): void {
		const kind = typeof action === 'object' && action !== null ? String(action.kind) : 'unknown';
		this.#skipped.push({ index, kind, reason });
	}

	/** Why the session cannot go on, or null. */
	get readOnly(): string | null {
		return this.#readOnly;
	}

	/** Every symbol's bars, by time. */
	get bars(): readonly Bar[] {
		return this.#bars;
	}

	/** Steps the whole session takes: with one symbol, its bars. */
	get length(): number {
		return this.#ends.length;
	}

	/** The symbols replayed, the primary first. */
	get symbols(): string[] {
		return sessionSymbols(this.facts);
	}

	/** One symbol's bars (all of them, revealed or not), by time; [] for a symbol not replayed. */
	barsOf(symbol: string): readonly Bar[] {
		return this.#bySymbol.get(symbol) ?? [];
	}

	/** How many of `symbol`'s bars `cursor` steps reveal. */
	revealedCount(symbol: string, cursor = this.facts.cursor): number {
		const time = this.#timeAt(cursor);
		const bars = this.barsOf(symbol);
		if (time === null) return 0;
		let lo = 0;
		let hi = bars.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (bars[mid]!.time <= time) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** The steps at which the last bar at or before `time` is the latest: at most the cursor, 0 before any. */
	cursorAt(time: number): number {
		let lo = 0;
		let hi = this.facts.cursor;
		while (lo < hi) {
			const mid = (lo + hi + 1) >>> 1;
			if (this.#timeAt(mid)! <= time) lo = mid;
			else hi = mid - 1;
		}
		return lo;
	}

	/** The revealed bars (every symbol's). */
	get revealed(): readonly Bar[] {
		return this.#bars.slice(0, this.#ends[this.facts.cursor - 1] ?? 0);
	}

	get finished(): boolean {
		return this.facts.cursor >= this.length;
	}

	/** When an action taken now happens: the last revealed bar's time. */
	get now(): number | null {
		return this.#timeAt(this.facts.cursor);
	}

	/** The time `cursor` steps stand at (the last revealed bar's), or null before any. */
	#timeAt(cursor: number): number | null {
		return cursor > 0 ? (this.#bars[(this.#ends[cursor - 1] ?? 0) - 1]?.time ?? null) : null;
	}

	/** Signed units held of `symbol` now (0 when flat): what `view().account.positions` says, cheaply. */
	position(symbol: string): number {
		return this.#broker.quantity(symbol);
	}

	/** An order's status now, or null for no such order: what `view().orders` says, cheaply. */
	orderStatus(id: string): Order['status'] | null {
		return this.#broker.orderStatus(id);
	}

	/** Equity now, integer cents: `view().account.equityCents`, cheaply. */
	get equityCents(): number {
		return this.#broker.equityCents;
	}

	/** `view().orders`, `executions`, `account` and `equity` alone, without the rest of the view. */
	orders(): Order[] {
		return this.#broker.orders();
	}

	executions(): PaperExecution[] {
		return this.#broker.executions();
	}

	account(): AccountState {
		return this.#broker.account();
	}

	/** The broker's orders and executions, not copied, for a caller done with the session (see PaperBroker.handOver). */
	handOver(): { orders: Order[]; executions: PaperExecution[] } {
		return this.#broker.handOver();
	}

	equityCurve(): number[] {
		// A loop, not Array.from of the typed array (which iterates: ~35 ms for a million).
		const equity = this.#equity;
		// Sized at once (pushing a million regrows the list twenty times).
		const n = this.facts.cursor;
		const out = new Array<number>(n);
		for (let i = 0; i < n; i++) out[i] = equity[i]!;
		return out;
	}

	/** Takes the next step: reveals each symbol's bar at the next time to the broker; their executions. */
	step(): PaperExecution[] {
		if (this.facts.status !== 'running') throw new Error('The session is stopped');
		if (this.#readOnly !== null) throw new Error(`The session is read-only: ${this.#readOnly}`);
		const cursor = this.facts.cursor;
		const end = this.#ends[cursor];
		if (end === undefined) return [];
		// Once a bar, in a backtest a million times: no slices, no account, a time zone once a day.
		const start = this.#ends[cursor - 1] ?? 0;
		const bars = this.#bars;
		const time = bars[start]!.time;
		const day = this.#days.dateOf(time);
		if (day !== this.#day) {
			// The daily loss counts from the equity the trading day opened with.
			this.#day = day;
			this.#startOfDay = this.#equityNow();
		}
		const broker = this.#broker;
		let executions = broker.onBar(bars[start]!);
		for (let i = start + 1; i < end; i++) {
			const more = broker.onBar(bars[i]!);
			if (more.length) executions = executions.concat(more);
		}
		this.facts.cursor++;
		for (let i = start; i < end; i++) {
			const symbol = bars[i]!.symbol;
			const quantity = broker.quantity(symbol);
			// Flat (most bars of a backtest): no average price to look up.
			this.#stats.onBar(bars[i]!, quantity, quantity === 0 ? null : broker.averagePrice(symbol));
		}
		const equity = broker.equityCents / 100;
		this.#equity[cursor] = equity;
		if (equity > this.#peak) this.#peak = equity;
		if (this.#risk.circuitBreaker.enabled)
			this.#breaker = updateCircuitBreaker(this.#risk, this.#breaker, equity, time + this.#timeframeMs);
		else this.#rearmAt = equity;
		return executions;
	}

	/**
	 * How the session counts trading days. With the session-end rule for DAY orders
	 * (BrokerConfig.dayOrderRule), and every symbol on one session: that session's trading day
	 * (tradingDayOf: a future's day from 18:00 New York the evening before, crypto's the UTC
	 * date, an equity's New York's). Else as before: UTC dates when every symbol is a crypto pair
	 * (with instrument sessions), New York's otherwise.
	 */
	#tradingDays(): { dateOf(time: number): string } {
		const config = this.#broker.config;
		if (this.#instrumentSessions && config.dayOrderRule !== 'session-date' && this.symbols.length > 0) {
			const sessions = new Set(this.symbols.map((s) => marketSession(s)));
			const [session] = sessions;
			if (sessions.size === 1 && session && session.dayStartMinute !== 0) {
				// Remembered by the hour: session days change on the hour (17:00, 18:00 New York).
				const hours = new Map<number, string>();
				return {
					dateOf: (time) => {
						const hour = Math.floor(time / 3_600_000);
						let day = hours.get(hour);
						if (day === undefined) {
							if (hours.size > 100_000) hours.clear();
							hours.set(hour, (day = tradingDayOf(session, time)));
						}
						return day;
					}
				};
			}
		}
		return this.#instrumentSessions && this.symbols.every(isCryptoSymbol)
			? new ZoneDates('UTC', isoDate)
			: new ZoneDates(MARKET_ZONE, isoDate);
	}

	get #instrumentSessions(): boolean {
		return this.#broker.config.instrumentSessions === true;
	}

	/**
	 * Applies one action now (its `at` is set to the current cursor) and logs it. The action is
	 * checked first: an invalid one (a quantity of −5, a price of 0) is refused with the reason and
	 * never logged. A submission passes the risk manager next; a rejection is logged (the log
	 * replays to the same rejection) and named in the outcome.
	 */
	act(action: PaperAction): ActionOutcome {
		if (this.facts.status !== 'running')
			return { ok: false, reason: 'The session is stopped', rejection: null };
		if (this.#readOnly !== null)
			return { ok: false, reason: `The session is read-only: ${this.#readOnly}`, rejection: null };
		const problem = actionProblem(action);
		if (problem !== null) return { ok: false, reason: `Refused: ${problem}`, rejection: null };
		const time = this.now;
		if (time === null && action.kind !== 'risk')
			return { ok: false, reason: 'Reveal the first bar before placing orders', rejection: null };
		const logged = { ...action, at: this.facts.cursor };
		const index = this.facts.actions.length;
		this.facts.actions.push(logged);
		try {
			return this.#apply(logged, time ?? this.facts.from, index);
		} catch (e) {
			// Checked above, so this is not expected; still, what throws is never logged.
			this.facts.actions.pop();
			return { ok: false, reason: `Refused: ${messageOf(e)}`, rejection: null };
		}
	}

	#apply(logged: PaperAction, at: number, index: number): ActionOutcome {
		switch (logged.kind) {
			case 'risk':
				this.#breakerNow(); // re-armed under the limits it was off by
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
		const result = evaluateOrder(this.#risk, this.#context(time), {
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
		return this.#broker.equityCents / 100;
	}

	/**
	 * What the risk manager reads, built when an order is checked and for the view. What grows
	 * with the session is kept small: submissions older than the rate window are dropped (time
	 * only goes forward), and the day-trade ledger, read only when the day-trade rule is, takes
	 * in only the executions since it was last read (instead of a list of every execution).
	 */
	#context(now: number): RiskContext {
		// The broker's figures read directly, without building its account (positions, P&L).
		const broker = this.#broker;
		const equity = broker.equityCents / 100;
		const submissions = this.#submissions;
		let old = 0;
		while (old < submissions.length && now - submissions[old]!.time >= RATE_WINDOW_MS) old++;
		if (old) submissions.splice(0, old);
		return {
			equity,
			cash: broker.cashCents / 100,
			startOfDayEquity: this.#startOfDay,
			peakEquity: Math.max(this.#peak, equity),
			marginAccount: this.facts.broker.marginMultiplier > 1,
			positions: broker.heldPositions(),
			submissions,
			// Not read: the ledger of them is given.
			executions: [],
			dayTradeLedger: this.#dayTradeLedger,
			circuitBreaker: this.#breakerNow()
		};
	}

	/** The circuit breaker now: re-armed first when steps with it off left that pending. */
	#breakerNow(): CircuitBreakerState {
		if (this.#rearmAt !== null) {
			// Off, an update ignores the time and re-arms it at the equity: the last one is all that counts.
			this.#breaker = updateCircuitBreaker(this.#risk, this.#breaker, this.#rearmAt, 0);
			this.#rearmAt = null;
		}
		return this.#breaker;
	}

	/** The day-trade ledger, brought up to date with the executions since it was last read. */
	#dayTradeLedger = (): DayTradeBook => {
		const broker = this.#broker;
		if (this.#ledgered < broker.executionCount) {
			// The day-trade rule is FINRA's, for US securities: crypto pairs' executions are not day trades.
			const sessions = this.#instrumentSessions;
			for (const e of broker.executionsFrom(this.#ledgered))
				if (!(sessions && isCryptoSymbol(e.symbol))) this.#dayTrades.add(e);
			this.#ledgered = broker.executionCount;
		}
		return this.#dayTrades;
	};

	view(): PaperView {
		const now = this.now;
		const account = this.#broker.account();
		const executions = this.#broker.executions();
		return {
			cursor: this.facts.cursor,
			now,
			orders: this.#broker.orders(),
			executions,
			account,
			rejections: [...this.#rejections],
			rules: ruleStates(this.#risk, this.#context(now ?? this.facts.from), now ?? this.facts.from),
			haltedUntil: now !== null && isHalted(this.#breakerNow(), now) ? this.#breaker.haltedUntil : null,
			equity: this.equityCurve(),
			skipped: [...this.#skipped],
			readOnly: this.#readOnly,
			stats: this.#stats.view(account, executions)
		};
	}
}

/**
 * One pass over a session's bars: whether they are in the session's order (`order`), how many
 * bars each step has revealed at its end, and whether every bar is `primary`'s.
 */
function scanBars(
	bars: readonly Bar[],
	order: (a: Bar, b: Bar) => number,
	primary: string
): { sorted: boolean; ends: Int32Array; primaryOnly: boolean } {
	const ends = new Int32Array(bars.length);
	let steps = 0;
	let sorted = true;
	let primaryOnly = bars.length === 0 || bars[0]!.symbol === primary;
	for (let i = 1; i < bars.length; i++) {
		const before = bars[i - 1]!;
		const bar = bars[i]!;
		if (sorted && !(bar.time > before.time)) sorted = !(order(before, bar) > 0);
		if (bar.time !== before.time) ends[steps++] = i;
		if (bar.symbol !== primary) primaryOnly = false;
	}
	if (bars.length) ends[steps++] = bars.length;
	return { sorted, ends: ends.subarray(0, steps), primaryOnly };
}

/**
 * The symbols a session replays, the primary first.
 * @example sessionSymbols({ symbol: 'SPY' }) // ['SPY']
 */
export function sessionSymbols(facts: Pick<PaperSessionFacts, 'symbol' | 'symbols'>): string[] {
	return Array.isArray(facts.symbols) && facts.symbols.length ? [...facts.symbols] : [facts.symbol];
}
