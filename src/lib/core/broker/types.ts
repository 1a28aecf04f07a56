/**
 * The paper broker's plain data: configuration, order requests, orders, executions and the
 * account. Everything here is JSON-friendly (no class instances, no Maps), so a snapshot can be
 * stored, posted to the UI or compared with `toEqual`.
 *
 * Units: instants are epoch ms, UTC. Prices are per unit in the quote currency and may be
 * sub-penny. Quantities are units (may be fractional). Money in results is INTEGER CENTS (fields
 * end in `Cents`); money in configuration is in currency units (dollars), as a user types it.
 */

import type { CommissionModel } from '../costs/commission';
import type { Bar, Side } from '../model/records';

export type { Bar, CommissionModel, Side };

export type OrderType = 'market' | 'limit' | 'stop' | 'stop_limit' | 'trailing_stop';

/**
 * DAY: expires at the end of its session. GTC: works until filled or cancelled. IOC: works on the
 * first bar it may fill on only, may partially fill, the rest is cancelled. FOK: fills completely
 * on that first bar or is cancelled with a reason.
 */
export type TimeInForce = 'day' | 'gtc' | 'ioc' | 'fok';

/** How far a trailing stop stays behind the best price: a price amount, or a percent of that price. */
export interface Trail {
	by: 'amount' | 'percent';
	/** Price units for `amount`; percent (2 = 2 %) for `percent`. Always > 0. */
	value: number;
}

/** What a trader asks for: one order. */
export interface OrderRequest {
	symbol: string;
	side: Side;
	/** Units, > 0. */
	quantity: number;
	type: OrderType;
	/** Required for limit and stop_limit. */
	limitPrice?: number;
	/** Required for stop and stop_limit. */
	stopPrice?: number;
	/** Required for trailing_stop. */
	trail?: Trail;
	/** Default 'day'. */
	timeInForce?: TimeInForce;
}

/**
 * A submission: one order, or a group of orders that act on each other.
 * - bracket: an entry plus a stop-loss and a take-profit on the other side. The exits are held
 *   until the entry fills, are sized to what has filled, and are OCO with each other.
 * - oco: two orders; an execution of one reduces the other by as much, and when one completes the
 *   other is cancelled.
 * - oto: the secondary is held until the primary has filled completely; it is cancelled if the
 *   primary ends any other way.
 */
export type OrderSubmission =
	| { orderClass: 'single'; order: OrderRequest }
	| {
			orderClass: 'bracket';
			entry: OrderRequest;
			/** A stop (or stop-limit when `limitPrice` is given) on the exit side. */
			stopLoss: { stopPrice: number; limitPrice?: number };
			/** A limit on the exit side. */
			takeProfit: { limitPrice: number };
			/** Time in force of both exits; default: the entry's when it is day or gtc, else gtc. */
			exitTimeInForce?: 'day' | 'gtc';
	  }
	| { orderClass: 'oco'; legs: [OrderRequest, OrderRequest] }
	| { orderClass: 'oto'; primary: OrderRequest; secondary: OrderRequest };

export type OrderClass = OrderSubmission['orderClass'];

/** The part an order plays in its group. */
export type OrderRole = 'single' | 'entry' | 'stop_loss' | 'take_profit' | 'leg' | 'primary' | 'secondary';

/**
 * new: received (bracket exits and OTO secondaries stay `new` while held for their parent);
 * accepted: working; partially_filled: working with some executed; the rest are final.
 */
export type OrderStatus =
	'new' | 'accepted' | 'partially_filled' | 'filled' | 'cancelled' | 'rejected' | 'expired';

/** One entry of an order's history: a status change, or a modification (status unchanged). */
export interface OrderEvent {
	/** Epoch ms, UTC: the action's time, or the bar's time for what happens on a bar. */
	time: number;
	status: OrderStatus;
	/** Why (rejection/cancel reasons) or what changed (modifications); null when nothing to add. */
	note: string | null;
}

/** An order as the broker holds it. All fields are plain data. */
export interface Order {
	/** 'o1', 'o2'… in submission order. */
	id: string;
	symbol: string;
	side: Side;
	type: OrderType;
	timeInForce: TimeInForce;
	/** Units ordered. Bracket exits start at 0 and grow with the entry's executions. */
	quantity: number;
	filledQuantity: number;
	/** Quantity-weighted average execution price; null before the first execution. For display. */
	averagePrice: number | null;
	limitPrice: number | null;
	/** Stop price; for a trailing stop, its current level (null until first set). */
	stopPrice: number | null;
	trail: Trail | null;
	/** Trailing stop: best price seen while working (highest for a sell, lowest for a buy). */
	trailExtreme: number | null;
	/** Stop-limit: the stop has been touched and the order now works as a limit. */
	triggered: boolean;
	orderClass: OrderClass;
	role: OrderRole;
	/** The entry of a bracket exit, the primary of an OTO secondary. */
	parentId: string | null;
	childIds: string[];
	/** The other order of its OCO pair (bracket exits, OCO legs). */
	ocoId: string | null;
	submittedAt: number;
	/** Only bars with time strictly after this may fill the order; null while held for a parent. */
	activeFrom: number | null;
	/** Session date (YYYY-MM-DD in the broker's zone) a DAY order belongs to; null until working. */
	sessionDate: string | null;
	status: OrderStatus;
	/** Why it was rejected, cancelled or expired; null otherwise. */
	reason: string | null;
	/** Commission charged so far, integer cents. */
	commissionCents: number;
	/** Value of its executions so far (Σ each execution's value), integer cents. */
	valueCents: number;
	history: OrderEvent[];
}

/** What changes on modify: any of these, for a working (or held) order. */
export interface OrderChanges {
	quantity?: number;
	limitPrice?: number;
	stopPrice?: number;
	trail?: Trail;
}

/** One execution (a single fill of an order). */
export interface PaperExecution {
	/** 'e1', 'e2'… in the order they happen. */
	id: string;
	orderId: string;
	symbol: string;
	side: Side;
	/** Units, > 0. */
	quantity: number;
	price: number;
	/** The bar's time; epoch ms, UTC. */
	time: number;
	/** quantity × price rounded to the cent (half away from zero), integer cents. */
	valueCents: number;
	commissionCents: number;
	/** open: grows or starts a position; close: reduces it; reverse: closes it and opens the other side. */
	effect: 'open' | 'close' | 'reverse';
	/** Realised P&L of the closed part (before commission), integer cents; 0 for an opening execution. */
	realisedPnlCents: number;
}

/** One symbol's position. `quantity` is signed: + long, − short. */
export interface Position {
	symbol: string;
	quantity: number;
	/** Signed cost of the open quantity (long: paid, short: −received), integer cents. */
	costBasisCents: number;
	/** costBasis / quantity in price units; null when flat. For display. */
	averagePrice: number | null;
	/** The last bar close seen for the symbol; null before any bar. */
	lastPrice: number | null;
	/** Signed quantity × last price, rounded to the cent, integer cents. */
	marketValueCents: number;
	unrealisedPnlCents: number;
	/** Realised P&L of this symbol so far (before commissions), integer cents. */
	realisedPnlCents: number;
}

/**
 * The account, all money in integer cents. Exactly (not just to within a cent):
 * equity = cash + Σ marketValue = startingCash + realisedPnl + unrealisedPnl − commissions.
 */
export interface AccountState {
	startingCashCents: number;
	cashCents: number;
	realisedPnlCents: number;
	unrealisedPnlCents: number;
	commissionsCents: number;
	/** Σ signed market values. */
	marketValueCents: number;
	/** Σ |market value|. */
	grossExposureCents: number;
	equityCents: number;
	/**
	 * What new exposure may still be opened: max(0, equity × multiplier − gross exposure − the
	 * estimated value of working orders that would open or grow a position).
	 */
	buyingPowerCents: number;
	/** Every symbol traded, flat ones included, sorted by symbol. */
	positions: Position[];
}

export type SlippageModel =
	| { kind: 'none' }
	/** Price units per unit, against the trader. */
	| { kind: 'fixed'; amount: number }
	/** Percent of the price (0.05 = 0.05 %), against the trader. */
	| { kind: 'percent'; percent: number };

/** Which leg fills when one bar touches both legs of an OCO pair (a bracket's stop and target). */
export type BothTouchedRule = 'worse' | 'better' | 'nearest_open';

export interface BrokerConfig {
	/** Currency units (e.g. dollars), rounded to the cent. */
	startingCash: number;
	/** 1 = cash account; 2 or 4 = margin (buying power = equity × multiplier − exposure). */
	marginMultiplier: number;
	/** When false, a sell that would open or grow a short is rejected (and capped at fill time). */
	allowShort: boolean;
	commission: CommissionModel;
	slippage: SlippageModel;
	/** At most this share of a bar's volume per order per bar (0.25 = 25 %); null = unlimited. */
	volumeShare: number | null;
	bothTouched: BothTouchedRule;
	/** IANA zone whose calendar dates are the sessions DAY orders live in (see instrumentSessions). */
	timeZone: string;
	/**
	 * True: a crypto pair's DAY orders live in UTC dates (they expire at UTC midnight; crypto trades
	 * 24/7 and its venues cut their days at 00:00 UTC), other instruments' in `timeZone`'s; see
	 * core/time/market-session.ts. False or absent: `timeZone`'s dates for every instrument, as
	 * paper sessions stored before this rule were replayed.
	 */
	instrumentSessions?: boolean;
	/**
	 * How DAY orders end when `instrumentSessions` is on. Absent or 'session-end' (new brokers):
	 * at the close of their instrument's session (US equities 16:00 New York or the NYSE early
	 * close, futures and forex 17:00 New York), and after 24 hours in a 24/7 market (crypto); see
	 * dayOrderEnd in core/instruments/sessions.ts. 'session-date': when the session date changes
	 * (New York's; UTC's for crypto), as paper sessions stored before the session-end rule ran.
	 * Absent rather than in DEFAULT_BROKER_CONFIG, so settings saved before it keep their shape.
	 */
	dayOrderRule?: 'session-end' | 'session-date';
	/** Decimals of prices the broker computes (trailing levels, percent slippage). */
	priceDecimals: number;
	/** Decimals quantities are rounded down to when capped by volume (0 = whole units). */
	quantityDecimals: number;
}

/** What an action on an existing order gives back: the order as it is now, or why nothing changed. */
export type ActionResult = { ok: true; order: Order } | { ok: false; reason: string; order: Order | null };

/** An order's estimated value for buying-power and risk checks. */
export interface OrderValueEstimate {
	/** Limit price, else stop price, else the last price seen. */
	price: number;
	/** quantity × price, integer cents. */
	valueCents: number;
}

/** One entry of a JSON action log; replaying a log rebuilds the broker exactly. */
export type BrokerEvent =
	| { kind: 'bar'; bar: Bar }
	| { kind: 'submit'; time: number; request: OrderRequest | OrderSubmission }
	| { kind: 'modify'; time: number; orderId: string; changes: OrderChanges }
	| { kind: 'cancel'; time: number; orderId: string }
	| { kind: 'end_session'; time: number }
	| { kind: 'flatten_all'; time: number };

/** Everything the broker knows, as plain data. */
export interface BrokerSnapshot {
	orders: Order[];
	executions: PaperExecution[];
	account: AccountState;
}
