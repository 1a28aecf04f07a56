/**
 * The risk manager's plain-data input and output. Nothing here knows a broker: the code that
 * wires the paper broker (or any other) maps its state to a `RiskContext`. Every instant is
 * epoch milliseconds, UTC; every amount is US dollars as a number (values are compared after
 * rounding to the cent, so float noise never decides a boundary); quantities may be fractional.
 */

import type { DayTradeLedger } from './day-trades';

/** Direction of an order or execution (the same meaning as in model/records). */
export type RiskSide = 'buy' | 'sell';

/** A rule that can be switched off, with its limit. The limit is the last allowed value. */
export interface LimitRule {
	enabled: boolean;
	limit: number;
}

/**
 * Every rule with its limit. Limits are inclusive: a value exactly at the limit passes, one
 * cent, one share, one order or one day trade beyond it is rejected.
 */
export interface RiskConfig {
	/** Largest |position| in one symbol after the order, in shares (units). */
	positionShares: LimitRule;
	/** Largest |position| × price in one symbol after the order, in dollars. */
	positionValue: LimitRule;
	/** Sum over symbols of |position| × price after the order, in dollars. */
	totalExposure: LimitRule;
	/** Symbols with a non-zero position after an order that opens a new symbol. */
	openPositions: LimitRule;
	/** quantity × price of one order, in dollars. */
	orderValue: LimitRule;
	/** Today's P&L floor, equity − start-of-day equity, in dollars; negative (e.g. −2000). */
	dailyLoss: LimitRule;
	/** Fall of equity below its peak: percent of the peak, or dollars. Positive. */
	drawdown: LimitRule & { unit: 'percent' | 'money' };
	/**
	 * Halts new orders for `haltMs` once equity is more than `limit` percent below the
	 * breaker's reference equity; see circuit-breaker.ts.
	 */
	circuitBreaker: LimitRule & { haltMs: number };
	/** Orders submitted in the sliding 60 s before and including this one. */
	ordersPerMinute: LimitRule;
	/** Orders in one symbol submitted in the sliding 60 s before and including this one. */
	symbolOrdersPerMinute: LimitRule;
	/**
	 * The classic pattern-day-trader count: day trades in `businessDays` business days,
	 * applied only to margin accounts with equity below `minEquity`. Off by default: FINRA's
	 * 2026 change to Rule 4210 replaced the PDT rule with intraday margin requirements at many
	 * brokers, so it is an option for those who still trade under it.
	 */
	dayTrades: LimitRule & { minEquity: number; businessDays: number; holidays: readonly string[] };
}

/** The id of each rule: the keys of `RiskConfig`. */
export type RuleId = keyof RiskConfig;

/** One open position. */
export interface RiskPosition {
	symbol: string;
	/** Signed: + long, − short. */
	quantity: number;
	/** Latest price per unit, used for its value (pass price × multiplier for derivatives). */
	price: number;
}

/** One execution, for counting day trades. */
export interface RiskExecution {
	symbol: string;
	side: RiskSide;
	/** Units filled, > 0. */
	quantity: number;
	time: number;
}

/** An order submission, for the rate limits. Every order sent counts, filled or not. */
export interface RiskSubmission {
	symbol: string;
	time: number;
}

/**
 * The circuit breaker's persistent state, plain JSON. `referenceEquity` null means "not armed
 * yet": the next update arms it at the current equity.
 */
export interface CircuitBreakerState {
	referenceEquity: number | null;
	/** While set and in the future, new orders are halted. */
	haltedUntil: number | null;
	/** How far equity had fallen below the reference when it tripped, in percent. */
	trippedAtPercent: number | null;
}

/** What the risk manager needs to know about the account, as plain data. */
export interface RiskContext {
	/** Cash + market value of positions, now. */
	equity: number;
	cash: number;
	/** Equity at the start of the current trading day (for the daily loss). */
	startOfDayEquity: number;
	/** Highest equity seen (for the drawdown). */
	peakEquity: number;
	/** Margin accounts are subject to the day-trade rule; cash accounts are not. */
	marginAccount: boolean;
	positions: readonly RiskPosition[];
	/** Order submissions of at least the last 60 s (older ones are ignored). */
	submissions: readonly RiskSubmission[];
	/**
	 * Executions since at least the start of the day-trade window (the first of the last five
	 * business days); older ones may be included. Positions before the first one are derived
	 * from `positions`, so the list must be complete from its first execution on. Only the
	 * day-trade rule reads it: `[]` is fine while that rule is off.
	 */
	executions: readonly RiskExecution[];
	/**
	 * The day-trade ledger of `executions`, when the caller keeps one as executions happen (a
	 * DayTradeBook): called only when the day-trade rule is read, and then `executions` is not.
	 * It must give what `dayTradeLedger(executions, positions)` would.
	 */
	dayTradeLedger?: () => DayTradeLedger;
	circuitBreaker: CircuitBreakerState;
}

/** An order to check before it goes to the broker. */
export interface RiskOrder {
	symbol: string;
	side: RiskSide;
	/** Units, > 0. */
	quantity: number;
	/** Estimated price per unit (limit price, or last price for a market order), > 0. */
	price: number;
	/** When it is submitted; the rules' "now". */
	time: number;
	/**
	 * The emergency flatten: an order marked so that only reduces or closes a position passes
	 * every rule. The flag is ignored on an order that would open or flip a position.
	 */
	flatten?: boolean;
}

/** One broken rule: which, its limit, the value that broke it, and a sentence for the trader. */
export interface RiskViolation {
	rule: RuleId;
	limit: number;
	value: number;
	message: string;
}

/**
 * The verdict. A rejection carries every violated rule in a fixed order (halts first, then
 * losses, day trades, rate limits, sizes); the first one is repeated at the top as the headline.
 * `circuitBreaker` is the breaker state after this check, to persist.
 */
export type RiskResult =
	| { ok: true; circuitBreaker: CircuitBreakerState }
	| ({ ok: false; violations: RiskViolation[]; circuitBreaker: CircuitBreakerState } & RiskViolation);

/** How close a rule is to its limit, for the risk page. */
export type RuleStatus = 'off' | 'ok' | 'warning' | 'breached';

/** One rule as the risk page shows it. */
export interface RuleState {
	id: RuleId;
	label: string;
	enabled: boolean;
	limit: number;
	/** The current value in the limit's unit; null where there is none (max order value). */
	value: number | null;
	/** E.g. 'daily loss −$812.00 of −$2,000.00'. */
	text: string;
	/** value / limit clamped to 0..1, for a progress bar. */
	usage: number;
	/** 'off' when disabled; 'breached' beyond the limit; 'warning' from 80 % usage; else 'ok'. */
	status: RuleStatus;
}
