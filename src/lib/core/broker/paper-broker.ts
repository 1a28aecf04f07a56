/**
 * The paper broker: an order state machine that executes orders against bars by the rules in
 * fill-rules.ts, and an account that keeps cash, positions and P&L in integer cents.
 *
 * It is deterministic: it reads no clock and no randomness; time comes from the bars and from the
 * `time` the caller passes to each action (the time of the last bar it has seen). Ids are given
 * in sequence ('o1'…, 'e1'…). Everything it returns is a plain-data copy.
 *
 * Order rules:
 * - Statuses: new → accepted → (partially_filled) → filled | cancelled | rejected | expired; each
 *   change, and each modification, is appended to the order's history with its time.
 * - DAY orders end with their instrument's session (core/time/market-session.ts): the first
 *   bar (any symbol's) at or after the close of the trading day they work in expires them — US
 *   equities 16:00 New York or the NYSE early close, CME Globex futures and forex 17:00 New York;
 *   one placed after a close, on a weekend or a holiday works the next trading day. A 24/7
 *   market (crypto) has no close: its DAY orders live 24 hours from when they start working.
 *   `endSession(time)` expires them too. Brokers with `dayOrderRule: 'session-date'` or without
 *   `instrumentSessions` keep the earlier rule (see BrokerConfig.dayOrderRule).
 * - IOC/FOK orders get exactly one bar: the first bar of their symbol after submission.
 * - Bracket: the exits are held (status new) until the entry's first execution, then grow by each
 *   execution of the entry. They are an OCO pair. When an exit completes while the entry is still
 *   working, the entry's unfilled rest is cancelled. An entry that ends without any execution
 *   cancels its exits; one that ends partly filled leaves them protecting what filled.
 * - OCO: an execution of one leg shrinks the other by as much; at zero it is cancelled (or marked
 *   filled if it had executions). Cancelling one leg cancels the other.
 * - OTO: the secondary becomes active when the primary is filled completely, and is cancelled
 *   when the primary ends any other way.
 *
 * Account rules:
 * - Each execution moves cash by its value (quantity × price, rounded to the cent) and its
 *   commission (see orderCommissionCents).
 * - A position keeps its signed quantity and signed cost basis in cents. Closing part of it takes
 *   the same share of the basis (rounded to the cent; all of it when closing all), and realised
 *   P&L is the closing cash flow minus that basis. So cash + Σ basis changes only by realised
 *   P&L and commissions, and equity = starting cash + realised + unrealised − commissions holds
 *   exactly in cents.
 * - Positions are marked at the last bar close seen for their symbol.
 * - Checks at submit (and on modify): a sell that would open or grow a short is rejected when
 *   shorts are not allowed; an order whose opening part is worth more than the buying power is
 *   rejected naming both amounts (commission is not included). Bracket exits and OTO secondaries are checked when they become
 *   active. At execution time a sell is also capped at the long quantity held when shorts are not
 *   allowed (e.g. two exits racing for one position); buying power is not re-checked there.
 */

import { dayOrderEnd, tradingDayOf } from '../instruments/sessions';
import { CRYPTO_SESSION, isCryptoSymbol, marketSession } from '../time/market-session';
import { formatInstant } from '../time/zone';
import { isValidZone } from '../time/zone';
import { ZoneDates } from '../time/zone-dates';
import { changedOrder } from './modify';
import { DEFAULT_BROKER_CONFIG, sessionDate } from './conventions';
import { attemptOn, cloneOrder, keepState, qty, remaining, unfilledReason, type Attempt } from './attempt';
import { chooseLeg, trailLevel, volumeCap } from './fill-rules';
import { orderCommissionCents } from '../costs/commission';
import { barProblem, orderRequestProblem, positive } from './checks';
import { formatCents, shareOfCents, toCents, valueCents } from './money';
import type {
	AccountState,
	ActionResult,
	Bar,
	BrokerConfig,
	BrokerSnapshot,
	PaperExecution,
	Order,
	OrderChanges,
	OrderClass,
	OrderRequest,
	OrderRole,
	OrderStatus,
	OrderSubmission,
	OrderValueEstimate,
	Position,
	Side,
	TimeInForce
} from './types';

export { DEFAULT_BROKER_CONFIG };

const FINAL: ReadonlySet<OrderStatus> = new Set(['filled', 'cancelled', 'rejected', 'expired']);

const opposite = (side: Side): Side => (side === 'buy' ? 'sell' : 'buy');
/**
 * Whether an order has ended (filled, cancelled, rejected or expired): nothing more happens to it.
 * Its complement is an open order: working, or held (`new`) for its parent.
 * @example isFinal({ ...order, status: 'expired' }) // true
 */
export const isFinal = (o: Pick<Order, 'status'>): boolean => FINAL.has(o.status);
/**
 * Whether an order is working: accepted, or partly filled and working on. A bracket exit or OTO
 * secondary held for its parent (`new`) is not working yet, nor is a final one.
 * @example isWorking({ ...order, status: 'partially_filled' }) // true
 */
export const isWorking = (o: Pick<Order, 'status'>): boolean =>
	o.status === 'accepted' || o.status === 'partially_filled';

interface Book {
	quantity: number;
	costBasisCents: number;
	realisedPnlCents: number;
	/** Its symbol's mark (`#last`'s entry), null before any bar of it. */
	mark: { time: number; close: number } | null;
}
function emptyBook(mark: Book['mark']): Book {
	return { quantity: 0, costBasisCents: 0, realisedPnlCents: 0, mark };
}
/** A book's value at its mark (its cost basis before any price). */
function markValue(book: Book): number {
	return book.mark === null ? book.costBasisCents : valueCents(book.quantity, book.mark.close);
}

/**
 * A deterministic paper broker. Drive it with `onBar` in time order; act on it with `submit`,
 * `modify`, `cancel`, `endSession` and `flattenAll`, passing the time of the last bar seen.
 * @example
 * const broker = new PaperBroker({ startingCash: 10_000 });
 * broker.onBar(bar0);
 * broker.submit({ symbol: 'AAPL', side: 'buy', quantity: 10, type: 'market' }, bar0.time);
 * broker.onBar(bar1); // executes at bar1.open
 * broker.account().positions[0].quantity; // 10
 */
export class PaperBroker {
	readonly config: Readonly<BrokerConfig>;
	#orders: Order[] = [];
	/** Orders not yet final, in id order: the only ones a bar or a session end can touch. */
	#open = new Set<Order>();
	#executions: PaperExecution[] = [];
	#books = new Map<string, Book>();
	/** The books in the map's order: a list to sum each bar, not the map's entries. */
	#bookList: Book[] = [];
	#last = new Map<string, { time: number; close: number }>();
	#cashCents: number;
	#realisedCents = 0;
	#commissionCents = 0;
	/** Session dates by symbol, in its zone (see #sessionOf). */
	#dates = new Map<string, ZoneDates>();
	/** When each working DAY order ends under the session-end rule (see #expiry): derived, remembered. */
	#expiries = new Map<Order, number>();
	#nextOrder = 1;
	#nextExecution = 1;

	constructor(config: Partial<BrokerConfig> = {}) {
		this.config = { ...DEFAULT_BROKER_CONFIG, ...config };
		if (!(this.config.marginMultiplier >= 1)) throw new RangeError('marginMultiplier must be at least 1');
		if (this.config.volumeShare !== null && !positive(this.config.volumeShare))
			throw new RangeError('volumeShare must be > 0 or null');
		if (!isValidZone(this.config.timeZone)) throw new RangeError(`unknown time zone ${this.config.timeZone}`);
		if (!Number.isFinite(this.config.startingCash) || this.config.startingCash < 0)
			throw new RangeError('startingCash must be a number ≥ 0');
		this.#cashCents = toCents(this.config.startingCash);
	}

	// ---------------------------------------------------------------- reading

	/** Every order, in submission order (copies). */
	orders(): Order[] {
		return this.#orders.map(cloneOrder);
	}

	/** One order (a copy), or null. */
	order(id: string): Order | null {
		const o = this.#find(id);
		return o ? cloneOrder(o) : null;
	}

	/** Every order and execution as held, not copied: for a caller done with the broker (nothing acts after). */
	handOver(): { orders: Order[]; executions: PaperExecution[] } {
		return { orders: this.#orders, executions: this.#executions };
	}

	/** Every execution, in the order they happened (copies). */
	executions(): PaperExecution[] {
		return this.executionsFrom(0);
	}

	/** The executions from the `start`-th on (copies): what happened since a count read before. */
	executionsFrom(start: number): PaperExecution[] {
		return this.#executions.slice(start).map((e) => ({ ...e }));
	}

	/** How many executions there are. */
	get executionCount(): number {
		return this.#executions.length;
	}

	/** One order's status, or null for no such order (no copy: cheap to ask after every bar). */
	orderStatus(id: string): OrderStatus | null {
		return this.#find(id)?.status ?? null;
	}

	/** Signed units held of a symbol (0 when never traded). */
	quantity(symbol: string): number {
		return this.#books.get(symbol)?.quantity ?? 0;
	}

	/** Average price of a symbol's position; null when flat. */
	averagePrice(symbol: string): number | null {
		const book = this.#books.get(symbol);
		return !book || book.quantity === 0 ? null : book.costBasisCents / 100 / book.quantity;
	}

	/** Equity in cents, as `account().equityCents` (without building the account). */
	get equityCents(): number {
		let equity = this.#cashCents;
		for (const book of this.#bookList) equity += markValue(book);
		return equity;
	}

	/** The order named `id`: ids are given in sequence, so `o${n}` is the n-th (no map of every order). */
	#find(id: string): Order | undefined {
		const o = typeof id === 'string' ? this.#orders[Number(id.slice(1)) - 1] : undefined;
		return o !== undefined && o.id === id ? o : undefined;
	}

	/** The last bar close seen for a symbol, or null. */
	lastPrice(symbol: string): number | null {
		return this.#last.get(symbol)?.close ?? null;
	}

	/** A symbol's position (flat when never traded). */
	position(symbol: string): Position {
		const book = this.#books.get(symbol) ?? emptyBook(null);
		const lastPrice = this.lastPrice(symbol);
		const marketValueCents = markValue(book);
		return {
			symbol,
			quantity: book.quantity,
			costBasisCents: book.costBasisCents,
			averagePrice: book.quantity === 0 ? null : book.costBasisCents / 100 / book.quantity,
			lastPrice,
			marketValueCents,
			unrealisedPnlCents: marketValueCents - book.costBasisCents,
			realisedPnlCents: book.realisedPnlCents
		};
	}

	/** Cash in integer cents, as `account().cashCents`. */
	get cashCents(): number {
		return this.#cashCents;
	}

	/** The positions not flat, by symbol, priced at the last close (else the average price), without `account()`. */
	heldPositions(): { symbol: string; quantity: number; price: number }[] {
		const held: { symbol: string; quantity: number; price: number }[] = [];
		for (const [symbol, book] of this.#books)
			if (book.quantity !== 0)
				held.push({
					symbol,
					quantity: book.quantity,
					price: this.lastPrice(symbol) ?? book.costBasisCents / 100 / book.quantity
				});
		return held.length > 1 ? held.sort((a, b) => (a.symbol < b.symbol ? -1 : 1)) : held;
	}

	/** Buying power in integer cents, as `account().buyingPowerCents`, without building the positions. */
	get buyingPowerCents(): number {
		let equityCents = this.#cashCents;
		let grossExposureCents = 0;
		for (const book of this.#bookList) {
			const value = markValue(book);
			equityCents += value;
			grossExposureCents += Math.abs(value);
		}
		return this.#buyingPower(equityCents, grossExposureCents);
	}

	/** Margin on equity, less what positions and working orders already take. */
	#buyingPower(equityCents: number, grossExposureCents: number): number {
		let reservedCents = 0;
		for (const o of this.#open) if (isWorking(o)) reservedCents += this.#openingValueCents(o, remaining(o));
		return Math.max(
			0,
			Math.round(equityCents * this.config.marginMultiplier) - grossExposureCents - reservedCents
		);
	}

	/** Cash, P&L, equity, buying power and positions, in integer cents. */
	account(): AccountState {
		const positions = [...this.#books.keys()].sort().map((s) => this.position(s));
		let marketValueCents = 0;
		let grossExposureCents = 0;
		let unrealisedPnlCents = 0;
		for (const p of positions) {
			marketValueCents += p.marketValueCents;
			grossExposureCents += Math.abs(p.marketValueCents);
			unrealisedPnlCents += p.unrealisedPnlCents;
		}
		const equityCents = this.#cashCents + marketValueCents;
		const buyingPowerCents = this.#buyingPower(equityCents, grossExposureCents);
		return {
			startingCashCents: toCents(this.config.startingCash),
			cashCents: this.#cashCents,
			realisedPnlCents: this.#realisedCents,
			unrealisedPnlCents,
			commissionsCents: this.#commissionCents,
			marketValueCents,
			grossExposureCents,
			equityCents,
			buyingPowerCents,
			positions
		};
	}

	/** Orders, executions and account as one plain-data value. */
	snapshot(): BrokerSnapshot {
		return { orders: this.orders(), executions: this.executions(), account: this.account() };
	}

	/**
	 * The value of an order at the price it would be checked at: its limit, else its stop, else
	 * the last price seen; null when none is known (a market order before any bar).
	 * @example broker.estimateOrderValue({ symbol: 'X', side: 'buy', quantity: 10, type: 'limit', limitPrice: 5 }) // { price: 5, valueCents: 5000 }
	 */
	estimateOrderValue(request: OrderRequest): OrderValueEstimate | null {
		const { type } = request;
		const price =
			(type === 'limit' || type === 'stop_limit' ? request.limitPrice : undefined) ??
			(type === 'stop' ? request.stopPrice : undefined) ??
			this.lastPrice(request.symbol);
		if (price == null || !positive(price) || !positive(request.quantity)) return null;
		return { price, valueCents: valueCents(request.quantity, price) };
	}

	// ---------------------------------------------------------------- actions

	/**
	 * Submits one order or a group (bracket, OCO, OTO) at `time` (the last bar's time). Returns
	 * every order created, the primary first; rejected ones carry the reason.
	 */
	submit(request: OrderRequest | OrderSubmission, time: number): Order[] {
		const sub: OrderSubmission = 'orderClass' in request ? request : { orderClass: 'single', order: request };
		switch (sub.orderClass) {
			case 'single': {
				const o = this.#create(sub.order, time, 'single', 'single');
				this.#acceptOrReject([o], orderRequestProblem(sub.order) ?? this.#accountCheck(o), time);
				return [cloneOrder(o)];
			}
			case 'oco': {
				const [a, b] = sub.legs.map((leg) => this.#create(leg, time, 'oco', 'leg')) as [Order, Order];
				a.ocoId = b.id;
				b.ocoId = a.id;
				const reason =
					orderRequestProblem(sub.legs[0]) ??
					orderRequestProblem(sub.legs[1]) ??
					this.#accountCheck(a) ??
					this.#accountCheck(b);
				this.#acceptOrReject([a, b], reason, time);
				return [cloneOrder(a), cloneOrder(b)];
			}
			case 'oto': {
				const primary = this.#create(sub.primary, time, 'oto', 'primary');
				const secondary = this.#create(sub.secondary, time, 'oto', 'secondary');
				this.#link(primary, secondary);
				const reason =
					orderRequestProblem(sub.primary) ??
					orderRequestProblem(sub.secondary) ??
					this.#accountCheck(primary);
				if (reason) this.#end(secondary, 'rejected', `OTO primary rejected: ${reason}`, time);
				this.#acceptOrReject([primary], reason, time);
				return [cloneOrder(primary), cloneOrder(secondary)];
			}
			case 'bracket':
				return this.#submitBracket(sub, time).map(cloneOrder);
		}
	}

	/** Changes the price(s) or quantity of a working or held order. Nothing changes when not ok. */
	modify(id: string, changes: OrderChanges, time: number): ActionResult {
		const o = this.#find(id);
		if (!o) return { ok: false, reason: `no order ${id}`, order: null };
		const fail = (reason: string): ActionResult => ({ ok: false, reason, order: cloneOrder(o) });
		if (isFinal(o)) return fail(`${id} is already ${o.status}`);
		const changed = changedOrder(o, changes, this.config.priceDecimals);
		if (typeof changed === 'string') return fail(changed);
		const { next, notes } = changed;
		if (notes.length === 0) return fail('nothing to change');
		if (o.status !== 'new') {
			const reason = this.#accountCheck(next, o.id);
			if (reason) return fail(reason);
		}
		Object.assign(o, next);
		o.history.push({ time, status: o.status, note: `modified: ${notes.join(', ')}` });
		return { ok: true, order: cloneOrder(o) };
	}

	/**
	 * Cancels a working or held order. Cancelling one leg of an OCO pair cancels the other;
	 * cancelling an entry that has not filled cancels its held exits.
	 */
	cancel(id: string, time: number): ActionResult {
		const o = this.#find(id);
		if (!o) return { ok: false, reason: `no order ${id}`, order: null };
		if (isFinal(o)) return { ok: false, reason: `${id} is already ${o.status}`, order: cloneOrder(o) };
		this.#end(o, 'cancelled', 'cancelled by the trader', time);
		const sibling = o.ocoId === null ? undefined : this.#find(o.ocoId);
		if (sibling && !isFinal(sibling)) this.#end(sibling, 'cancelled', `OCO: ${o.id} was cancelled`, time);
		return { ok: true, order: cloneOrder(o) };
	}

	/**
	 * Expires every DAY order of the session `time` falls in (or earlier); for a 24/7 market, every
	 * DAY order working at `time`. Returns those expired.
	 */
	endSession(time: number): Order[] {
		const expired: Order[] = [];
		const sessionEnds = this.#sessionEnds;
		for (const o of this.#open)
			if (
				o.timeInForce === 'day' &&
				isWorking(o) &&
				o.sessionDate !== null &&
				(sessionEnds ? this.#endedBySession(o, time) : o.sessionDate <= this.#sessionOf(time, o.symbol))
			) {
				this.#end(o, 'expired', this.#expiryReason(o), time);
				expired.push(o);
			}
		return expired.map(cloneOrder);
	}

	/**
	 * Emergency flatten: cancels every open order, then submits a DAY market order closing each
	 * position (executing at the next bar's open of its symbol). Returns the closing orders.
	 */
	flattenAll(time: number): Order[] {
		for (const o of this.#open) this.#end(o, 'cancelled', 'flatten all', time);
		const created: Order[] = [];
		for (const symbol of [...this.#books.keys()].sort()) {
			const q = this.#books.get(symbol)!.quantity;
			if (q === 0) continue;
			const request: OrderRequest = {
				symbol,
				side: q > 0 ? 'sell' : 'buy',
				quantity: Math.abs(q),
				type: 'market',
				timeInForce: 'day'
			};
			created.push(...this.submit(request, time));
		}
		return created;
	}

	/**
	 * Feeds one bar: expires DAY orders of earlier sessions, executes what this bar fills (orders
	 * in id order; one leg per OCO pair), cancels what IOC/FOK leaves, then marks the symbol at the
	 * close. Bars of a symbol must come in increasing time. Returns this bar's executions.
	 */
	onBar(bar: Bar): PaperExecution[] {
		const problem = barProblem(bar);
		if (problem) throw new RangeError(`bad bar for ${bar.symbol} at ${bar.time}: ${problem}`);
		const previous = this.#last.get(bar.symbol);
		if (previous && bar.time <= previous.time)
			throw new RangeError(
				`bar for ${bar.symbol} at ${bar.time} is not after the previous one (${previous.time})`
			);

		if (this.#open.size === 0) {
			// Nothing can execute or expire: only the mark moves (most bars of a backtest).
			this.#mark(bar, previous);
			return [];
		}
		const sessionEnds = this.#sessionEnds;
		for (const o of this.#open)
			if (
				o.timeInForce === 'day' &&
				isWorking(o) &&
				o.sessionDate !== null &&
				(sessionEnds ? bar.time >= this.#expiry(o) : o.sessionDate < this.#sessionOf(bar.time, o.symbol))
			)
				this.#end(o, 'expired', this.#expiryReason(o), bar.time);

		const start = this.#executions.length;
		const eligible: Order[] = [];
		for (const o of this.#open)
			if (o.symbol === bar.symbol && isWorking(o) && o.activeFrom !== null && bar.time > o.activeFrom)
				eligible.push(o);
		if (eligible.length === 0) {
			this.#mark(bar, this.#last.get(bar.symbol));
			return [];
		}
		// A bar's eligible orders are few (one to three in a strategy): lists, not sets.
		const done: Order[] = [];
		for (const o of eligible) {
			if (done.includes(o) || !isWorking(o)) continue;
			done.push(o);
			const attempt = attemptOn(o, bar, this.config);
			const sibling = o.ocoId === null ? undefined : this.#find(o.ocoId);
			let chosen: Attempt | null = attempt.price === null ? null : attempt;
			if (sibling && eligible.includes(sibling) && !done.includes(sibling) && isWorking(sibling)) {
				done.push(sibling);
				const other = attemptOn(sibling, bar, this.config);
				if (attempt.price !== null && other.price !== null) {
					const pick = chooseLeg(
						this.config.bothTouched,
						{ side: o.side, price: attempt.price },
						{ side: sibling.side, price: other.price },
						bar.open
					);
					chosen = pick === 0 ? attempt : other;
				} else if (other.price !== null) chosen = other;
				if (chosen !== other) keepState(other);
			}
			if (chosen !== attempt) keepState(attempt);
			if (chosen) this.#executeAttempt(chosen, bar);
			// IOC and FOK get exactly one bar.
			for (const x of [o, sibling])
				if (x && isWorking(x) && (x.timeInForce === 'ioc' || x.timeInForce === 'fok') && done.includes(x))
					this.#end(x, 'cancelled', `${x.timeInForce.toUpperCase()}: ${unfilledReason(x)}`, bar.time);
		}
		this.#mark(bar, this.#last.get(bar.symbol));
		return this.executionsFrom(start);
	}

	/** Marks the symbol at the bar's close (`last`: its current mark, reused rather than reallocated). */
	#mark(bar: Bar, last: { time: number; close: number } | undefined): void {
		if (last) {
			last.time = bar.time;
			last.close = bar.close;
		} else {
			const mark = { time: bar.time, close: bar.close };
			this.#last.set(bar.symbol, mark);
			const book = this.#books.get(bar.symbol);
			if (book) book.mark = mark;
		}
	}

	// ---------------------------------------------------------------- internals

	#create(request: OrderRequest, time: number, orderClass: OrderClass, role: OrderRole): Order {
		const o: Order = {
			id: `o${this.#nextOrder++}`,
			symbol: request.symbol,
			side: request.side,
			type: request.type,
			timeInForce: request.timeInForce ?? 'day',
			quantity: request.quantity,
			filledQuantity: 0,
			averagePrice: null,
			limitPrice:
				request.type === 'limit' || request.type === 'stop_limit' ? (request.limitPrice ?? null) : null,
			stopPrice:
				request.type === 'stop' || request.type === 'stop_limit' ? (request.stopPrice ?? null) : null,
			trail: request.type === 'trailing_stop' && request.trail ? { ...request.trail } : null,
			trailExtreme: null,
			triggered: false,
			orderClass,
			role,
			parentId: null,
			childIds: [],
			ocoId: null,
			submittedAt: time,
			activeFrom: null,
			sessionDate: null,
			status: 'new',
			reason: null,
			commissionCents: 0,
			valueCents: 0,
			history: [{ time, status: 'new', note: null }]
		};
		this.#orders.push(o);
		this.#open.add(o);
		return o;
	}

	#link(parent: Order, child: Order): void {
		child.parentId = parent.id;
		parent.childIds.push(child.id);
	}

	#submitBracket(sub: Extract<OrderSubmission, { orderClass: 'bracket' }>, time: number): Order[] {
		const { entry, stopLoss, takeProfit } = sub;
		const exitSide = opposite(entry.side);
		const entryTif = entry.timeInForce ?? 'day';
		const exitTif: TimeInForce =
			sub.exitTimeInForce ?? (entryTif === 'day' || entryTif === 'gtc' ? entryTif : 'gtc');
		const stopRequest: OrderRequest = {
			symbol: entry.symbol,
			side: exitSide,
			quantity: entry.quantity,
			type: stopLoss.limitPrice === undefined ? 'stop' : 'stop_limit',
			stopPrice: stopLoss.stopPrice,
			limitPrice: stopLoss.limitPrice,
			timeInForce: exitTif
		};
		const targetRequest: OrderRequest = {
			symbol: entry.symbol,
			side: exitSide,
			quantity: entry.quantity,
			type: 'limit',
			limitPrice: takeProfit.limitPrice,
			timeInForce: exitTif
		};
		const parent = this.#create(entry, time, 'bracket', 'entry');
		const stop = this.#create(stopRequest, time, 'bracket', 'stop_loss');
		const target = this.#create(targetRequest, time, 'bracket', 'take_profit');
		// Exits start at zero and grow with the entry's executions.
		stop.quantity = 0;
		target.quantity = 0;
		this.#link(parent, stop);
		this.#link(parent, target);
		stop.ocoId = target.id;
		target.ocoId = stop.id;
		let reason =
			orderRequestProblem(entry) ?? orderRequestProblem(stopRequest) ?? orderRequestProblem(targetRequest);
		if (!reason) {
			const below = entry.side === 'buy';
			if (below ? stopLoss.stopPrice >= takeProfit.limitPrice : stopLoss.stopPrice <= takeProfit.limitPrice)
				reason = `a ${entry.side} bracket needs its stop-loss ${below ? 'below' : 'above'} its take-profit`;
		}
		reason ??= this.#accountCheck(parent);
		if (reason) {
			// Children first, so they end as rejected (not as cancelled by the entry's end).
			this.#end(stop, 'rejected', `bracket entry rejected: ${reason}`, time);
			this.#end(target, 'rejected', `bracket entry rejected: ${reason}`, time);
		}
		this.#acceptOrReject([parent], reason, time);
		return [parent, stop, target];
	}

	#acceptOrReject(orders: Order[], reason: string | null, time: number): void {
		for (const o of orders) {
			if (reason) this.#end(o, 'rejected', reason, time);
			else this.#activate(o, time);
		}
	}

	/** Makes an order work from `time`: bars after it may fill it. */
	#activate(o: Order, time: number): void {
		o.activeFrom = time;
		o.sessionDate = this.#sessionEnds
			? dayOrderEnd(marketSession(o.symbol), time).tradingDay
			: this.#sessionOf(time, o.symbol);
		if (o.type === 'trailing_stop' && o.trail) {
			const last = this.lastPrice(o.symbol);
			if (last !== null) {
				o.trailExtreme = last;
				o.stopPrice = trailLevel(o.side, o.trail, last, this.config.priceDecimals);
			}
		}
		this.#setStatus(o, 'accepted', time, null);
	}

	#setStatus(o: Order, status: OrderStatus, time: number, note: string | null): void {
		o.status = status;
		o.history.push({ time, status, note });
	}

	/** Moves an order to a final status and lets its group react. */
	#end(
		o: Order,
		status: 'filled' | 'cancelled' | 'rejected' | 'expired',
		reason: string | null,
		time: number
	): void {
		if (isFinal(o)) return;
		this.#open.delete(o);
		this.#expiries.delete(o);
		if (status !== 'filled') o.reason = reason;
		this.#setStatus(o, status, time, reason);
		const children = o.childIds.map((id) => this.#find(id)!);
		if (o.role === 'entry' && o.filledQuantity === 0)
			for (const c of children)
				this.#end(c, 'cancelled', `bracket entry ${o.id} ${status} without filling`, time);
		if (o.role === 'primary')
			for (const c of children) {
				if (status === 'filled') {
					const problem = this.#accountCheck(c);
					if (problem) this.#end(c, 'rejected', problem, time);
					else this.#activate(c, time);
				} else this.#end(c, 'cancelled', `OTO primary ${o.id} ${status} before filling completely`, time);
			}
	}

	/** Whether DAY orders end at their instrument's session end (see BrokerConfig.dayOrderRule). */
	get #sessionEnds(): boolean {
		return this.config.instrumentSessions === true && this.config.dayOrderRule !== 'session-date';
	}

	/** When a working DAY order ends under the session-end rule (epoch ms): see dayOrderEnd. */
	#expiry(o: Order): number {
		let end = this.#expiries.get(o);
		if (end === undefined) {
			end = dayOrderEnd(marketSession(o.symbol), o.activeFrom!).end;
			this.#expiries.set(o, end);
		}
		return end;
	}

	/** Whether `endSession(time)` ends a working DAY order under the session-end rule. */
	#endedBySession(o: Order, time: number): boolean {
		const session = marketSession(o.symbol);
		if (session.continuous) return o.activeFrom! <= time;
		return o.sessionDate! <= tradingDayOf(session, time) || time >= this.#expiry(o);
	}

	/** Why a DAY order expired: its session ended, or — in a 24/7 market — its 24 hours did. */
	#expiryReason(o: Order): string {
		if (this.#sessionEnds) {
			const session = marketSession(o.symbol);
			if (session.continuous)
				return `DAY order: 24 h since it started working (${formatInstant(o.activeFrom!, session.zone)} ${session.zone}) ended; ${o.symbol} trades 24/7 with no session close`;
		}
		return `DAY order: session ${o.sessionDate} ended`;
	}

	/** The session date (YYYY-MM-DD) of `symbol`'s DAY orders at `time` (the earlier rule). */
	#sessionOf(time: number, symbol: string): string {
		let dates = this.#dates.get(symbol);
		if (!dates) {
			const zone =
				this.config.instrumentSessions && isCryptoSymbol(symbol) ? CRYPTO_SESSION.zone : this.config.timeZone;
			this.#dates.set(symbol, (dates = new ZoneDates(zone, sessionDate)));
		}
		return dates.dateOf(time);
	}

	/** Units of `quantity` on `o`'s side that would open or grow a position (beyond closing). */
	#openingQuantity(symbol: string, side: Side, quantity: number): number {
		const held = this.#books.get(symbol)?.quantity ?? 0;
		const closable = side === 'buy' ? Math.max(0, -held) : Math.max(0, held);
		return qty(Math.max(0, quantity - closable));
	}

	#priceFor(o: Pick<Order, 'limitPrice' | 'stopPrice' | 'symbol'>): number | null {
		return o.limitPrice ?? o.stopPrice ?? this.lastPrice(o.symbol);
	}

	#openingValueCents(o: Order, quantity: number): number {
		const opening = this.#openingQuantity(o.symbol, o.side, quantity);
		const price = this.#priceFor(o);
		return opening === 0 || price === null ? 0 : valueCents(opening, price);
	}

	/** Short-selling and buying-power problem of an order (ignoring `excludeId`'s reservation), or null. */
	#accountCheck(o: Order, excludeId?: string): string | null {
		const rest = remaining(o);
		const held = this.#books.get(o.symbol)?.quantity ?? 0;
		if (!this.config.allowShort && o.side === 'sell' && rest > Math.max(0, held))
			return `short selling is not allowed: selling ${rest} ${o.symbol} with ${Math.max(0, held)} held would leave ${qty(held - rest)}`;
		const opening = this.#openingQuantity(o.symbol, o.side, rest);
		if (opening === 0) return null;
		const price = this.#priceFor(o);
		if (price === null) return `no price known for ${o.symbol} to check buying power (wait for a bar)`;
		const needed = valueCents(opening, price);
		let available = this.buyingPowerCents;
		if (excludeId) {
			const current = this.#find(excludeId)!;
			if (isWorking(current)) available += this.#openingValueCents(current, remaining(current));
		}
		if (needed > available)
			return `insufficient buying power: the order needs ${formatCents(needed)}, ${formatCents(available)} is available`;
		return null;
	}

	#executeAttempt(a: Attempt, bar: Bar): void {
		const o = a.order;
		keepState(a);
		const price = a.price!;
		let quantity = Math.min(
			remaining(o),
			volumeCap(bar, this.config.volumeShare, this.config.quantityDecimals)
		);
		if (!this.config.allowShort && o.side === 'sell') {
			const held = Math.max(0, this.#books.get(o.symbol)?.quantity ?? 0);
			if (held <= 0) {
				this.#end(o, 'cancelled', `short selling is not allowed: no ${o.symbol} held to sell`, bar.time);
				return;
			}
			quantity = Math.min(quantity, held);
		}
		if (o.timeInForce === 'fok' && quantity < remaining(o)) return; // cancelled by the IOC/FOK sweep
		if (quantity <= 0) return;
		this.#record(o, quantity, price, bar);
	}

	/** Books one execution: account, order, and the order's group. */
	#record(o: Order, quantity: number, price: number, bar: Bar): void {
		let book = this.#books.get(o.symbol);
		if (!book) {
			this.#books.set(o.symbol, (book = emptyBook(this.#last.get(o.symbol) ?? null)));
			this.#bookList.push(book);
		}
		const sign = o.side === 'buy' ? 1 : -1;
		const value = valueCents(quantity, price);
		// Closing part first: the units that reduce the current position.
		const closing = Math.sign(book.quantity) === -sign ? Math.min(quantity, Math.abs(book.quantity)) : 0;
		const closingValue = closing === quantity ? value : valueCents(closing, price);
		let realised = 0;
		if (closing > 0) {
			const removed =
				closing === Math.abs(book.quantity)
					? book.costBasisCents
					: shareOfCents(book.costBasisCents, closing, Math.abs(book.quantity));
			// `0 −` rather than unary minus: a zero-value execution must not record −0 (JSON has no −0).
			realised = 0 - sign * closingValue - removed;
			book.costBasisCents -= removed;
		}
		book.costBasisCents += sign * (value - closingValue);
		book.quantity = qty(book.quantity + sign * quantity);
		book.realisedPnlCents += realised;
		this.#realisedCents += realised;

		const filled = qty(o.filledQuantity + quantity);
		o.averagePrice = ((o.averagePrice ?? 0) * o.filledQuantity + price * quantity) / filled;
		o.filledQuantity = filled;
		o.valueCents += value;
		const owed = orderCommissionCents(this.config.commission, filled, o.valueCents);
		const commission = owed - o.commissionCents;
		o.commissionCents = owed;
		this.#commissionCents += commission;
		this.#cashCents += -sign * value - commission;

		this.#executions.push({
			id: `e${this.#nextExecution++}`,
			orderId: o.id,
			symbol: o.symbol,
			side: o.side,
			quantity,
			price,
			time: bar.time,
			valueCents: value,
			commissionCents: commission,
			effect: closing === 0 ? 'open' : closing === quantity ? 'close' : 'reverse',
			realisedPnlCents: realised
		});

		const note = `${quantity} @ ${price}`;
		if (remaining(o) <= 0) this.#end(o, 'filled', note, bar.time);
		else this.#setStatus(o, 'partially_filled', bar.time, note);

		// A bracket entry's exits work from this bar on, sized to what has filled.
		if (o.role === 'entry')
			for (const child of o.childIds.map((id) => this.#find(id)!)) {
				if (isFinal(child)) continue;
				child.quantity = qty(child.quantity + quantity);
				if (child.status === 'new') {
					const problem = this.#accountCheck(child);
					if (problem) this.#end(child, 'rejected', problem, bar.time);
					else this.#activate(child, bar.time);
				}
			}
		// An OCO sibling shrinks by what this leg executed, and ends when nothing is left.
		const sibling = o.ocoId === null ? undefined : this.#find(o.ocoId);
		if (sibling && !isFinal(sibling)) {
			sibling.quantity = qty(Math.max(sibling.filledQuantity, sibling.quantity - quantity));
			if (remaining(sibling) <= 0) {
				if (sibling.filledQuantity > 0)
					this.#end(sibling, 'filled', `OCO: ${o.id} executed the rest`, bar.time);
				else this.#end(sibling, 'cancelled', `OCO: ${o.id} executed`, bar.time);
			}
		}
		// Once both exits are done, the position is out: the entry's unfilled rest is cancelled.
		const parent = o.parentId === null ? undefined : this.#find(o.parentId);
		if (parent && o.orderClass === 'bracket' && !isFinal(parent) && isFinal(o) && sibling && isFinal(sibling))
			this.#end(parent, 'cancelled', `bracket exit ${o.id} closed the position`, bar.time);
	}
}
