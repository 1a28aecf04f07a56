/**
 * The order check and the risk page's rule states.
 *
 * Orders that only reduce risk: an order is *reducing* when it is against the current position
 * and no larger than it (it reduces or closes, never flips). A trader must always be able to
 * get out, so reducing orders skip the size, exposure, open-position, order-value, daily-loss,
 * drawdown and circuit-breaker rules. Two kinds of rule still apply to them: the rate limits
 * (a runaway loop of closing orders is still a runaway loop) and the day-trade rule (closing
 * today's position is what makes a day trade). An order that flips a position is checked as an
 * opening order. The emergency flatten (`flatten: true` on a reducing order) passes everything.
 *
 * All rules are evaluated and every violation is returned, in the fixed order of RULE_ORDER;
 * the first is the headline. Limits are inclusive: exactly at the limit passes.
 */
import { roundCents } from '../model/money';
import { businessDayWindow, MARKET_ZONE, tradingDate } from './calendar';
import { isHalted, percentBelow, updateCircuitBreaker } from './circuit-breaker';
import { RULE_LABELS, RULE_ORDER } from './config';
import { countDayTrades, dayTradeLedger, wouldDayTrade, type DayTradeLedger } from './day-trades';
import { formatPercent, formatQuantity, formatUsd } from './format';
import { formatInstant } from '../time/zone';
import type {
	RiskConfig,
	RiskContext,
	RiskOrder,
	RiskPosition,
	RiskResult,
	RiskViolation,
	RuleId,
	RuleState,
	RuleStatus
} from './types';

/** The sliding window of the rate limits: submissions less than 60 s before now count. */
export const RATE_WINDOW_MS = 60_000;

const EPSILON = 1e-9;
/** Money is compared at the cent, so 0.1 + 0.2 never decides a boundary. */
/** Quantities (fractional shares, coins) are compared at 1e-8. */
const units = (x: number) => Math.round(x * 1e8) / 1e8;

/** The daily loss limit is a floor (negative); every other limit is a ceiling. */
function limitOf(config: RiskConfig, id: RuleId): number {
	const limit = config[id].limit;
	return id === 'dailyLoss' ? -Math.abs(limit) : limit;
}

/**
 * Whether `value` is beyond the rule's limit (strictly: the limit itself is allowed).
 * @example isBeyond('dailyLoss', -2000.01, -2000) // true
 */
export function isBeyond(id: RuleId, value: number, limit: number): boolean {
	return id === 'dailyLoss' ? value < limit : value > limit;
}

function quantityOf(positions: readonly RiskPosition[], symbol: string): number {
	let q = 0;
	for (const p of positions) if (p.symbol === symbol) q += p.quantity;
	return q;
}

function drawdownValue(config: RiskConfig, context: RiskContext): number {
	if (config.drawdown.unit === 'percent')
		return Math.max(0, percentBelow(context.peakEquity, context.equity));
	return Math.max(0, roundCents(context.peakEquity - context.equity));
}

function drawdownText(config: RiskConfig, x: number): string {
	return config.drawdown.unit === 'percent' ? formatPercent(x) : formatUsd(x);
}

function recentCount(context: RiskContext, now: number, symbol?: string): number {
	let n = 0;
	for (const s of context.submissions)
		if (now - s.time < RATE_WINDOW_MS && (symbol === undefined || s.symbol === symbol)) n++;
	return n;
}

/** Whether the day-trade rule applies to this account now, or why not. */
function dayTradeExemption(config: RiskConfig, context: RiskContext): string | null {
	if (!context.marginAccount) return 'cash account';
	if (roundCents(context.equity) >= config.dayTrades.minEquity)
		return `equity ${formatUsd(context.equity)} is at least ${formatUsd(config.dayTrades.minEquity)}`;
	return null;
}

/** The context's day-trade ledger: the one it keeps, else built from its executions. */
function ledgerOf(context: RiskContext): DayTradeLedger {
	return context.dayTradeLedger?.() ?? dayTradeLedger(context.executions, context.positions);
}

function validate(order: RiskOrder): void {
	if (!(order.quantity > 0) || !Number.isFinite(order.quantity))
		throw new RangeError(`order quantity must be a positive number, got ${order.quantity}`);
	if (!(order.price > 0) || !Number.isFinite(order.price))
		throw new RangeError(`order price must be a positive number, got ${order.price}`);
	if (!Number.isFinite(order.time)) throw new RangeError(`order time must be an instant, got ${order.time}`);
}

/**
 * Checks one order against every enabled rule before it goes to the broker. `order.time` is
 * "now". The circuit breaker is updated with the context's equity first (see
 * updateCircuitBreaker); the result carries its new state to persist.
 * Throws a RangeError for an order with a non-positive or non-finite quantity or price: that
 * is a bug in the caller, not a risk decision.
 * @example
 * evaluateOrder(DEFAULT_RISK_CONFIG, { ...context, equity: 97_849.75, startOfDayEquity: 100_000 },
 *   { symbol: 'AAPL', side: 'buy', quantity: 10, price: 200, time: now })
 * // { ok: false, rule: 'dailyLoss', limit: -2000, value: -2150.25,
 * //   message: 'Daily loss limit: −$2,150.25 is beyond the limit of −$2,000.00', violations: [...], circuitBreaker }
 */
export function evaluateOrder(config: RiskConfig, context: RiskContext, order: RiskOrder): RiskResult {
	validate(order);
	const now = order.time;
	const breaker = updateCircuitBreaker(config, context.circuitBreaker, context.equity, now);
	const position = quantityOf(context.positions, order.symbol);
	const delta = order.side === 'buy' ? order.quantity : -order.quantity;
	const after = Math.abs(position + delta) <= EPSILON ? 0 : position + delta;
	const reducing =
		Math.abs(position) > EPSILON &&
		Math.sign(delta) !== Math.sign(position) &&
		order.quantity <= Math.abs(position) + EPSILON;
	if (order.flatten && reducing) return { ok: true, circuitBreaker: breaker };

	// Made at the first violation (most orders have none).
	let found: Map<RuleId, RiskViolation> | null = null;
	// Called for an enabled rule only, so a rule that is off builds no message closure.
	const check = (id: RuleId, value: number, message: (limit: number) => string) => {
		const limit = limitOf(config, id);
		if (isBeyond(id, value, limit))
			(found ??= new Map()).set(id, { rule: id, limit, value, message: message(limit) });
	};

	// Rules that apply to every order except the flatten.
	if (config.ordersPerMinute.enabled) {
		const all = recentCount(context, now) + 1;
		check(
			'ordersPerMinute',
			all,
			(l) => `Orders per minute: this would be order ${all} in 60 s, beyond the limit of ${l}`
		);
	}
	if (config.symbolOrdersPerMinute.enabled) {
		const mine = recentCount(context, now, order.symbol) + 1;
		check(
			'symbolOrdersPerMinute',
			mine,
			(l) =>
				`Orders per symbol per minute: this would be order ${mine} in ${order.symbol} in 60 s, beyond the limit of ${l}`
		);
	}
	if (config.dayTrades.enabled && dayTradeExemption(config, context) === null) {
		const ledger = ledgerOf(context);
		if (wouldDayTrade(ledger, order)) {
			const window = businessDayWindow(
				tradingDate(now),
				config.dayTrades.businessDays,
				config.dayTrades.holidays
			);
			const count = countDayTrades(ledger.dayTrades, window) + 1;
			check(
				'dayTrades',
				count,
				(l) =>
					`Day trades: this would be day trade ${count} in ${config.dayTrades.businessDays} business days, beyond the limit of ${l} for a margin account under ${formatUsd(config.dayTrades.minEquity)}`
			);
		}
	}

	if (!reducing) {
		if (isHalted(breaker, now)) {
			const rule = config.circuitBreaker;
			const value = breaker.trippedAtPercent ?? rule.limit;
			if (config.circuitBreaker.enabled)
				check(
					'circuitBreaker',
					value,
					(l) =>
						`Circuit breaker: equity fell ${formatPercent(value)} below ${formatUsd(breaker.referenceEquity ?? 0)}, beyond the limit of ${formatPercent(l)}; new orders are halted until ${formatInstant(breaker.haltedUntil ?? now, MARKET_ZONE)} New York time`
				);
		}
		const pnl = roundCents(context.equity - context.startOfDayEquity);
		if (config.dailyLoss.enabled)
			check(
				'dailyLoss',
				pnl,
				(l) => `Daily loss limit: ${formatUsd(pnl)} is beyond the limit of ${formatUsd(l)}`
			);
		const drawdown = drawdownValue(config, context);
		if (config.drawdown.enabled)
			check(
				'drawdown',
				drawdown,
				(l) =>
					`Drawdown: ${drawdownText(config, drawdown)} below the peak of ${formatUsd(context.peakEquity)} is beyond the limit of ${drawdownText(config, l)}`
			);
		const orderValue = roundCents(order.quantity * order.price);
		if (config.orderValue.enabled)
			check(
				'orderValue',
				orderValue,
				(l) => `Order value: ${formatUsd(orderValue)} is beyond the limit of ${formatUsd(l)}`
			);
		const shares = units(Math.abs(after));
		if (config.positionShares.enabled)
			check(
				'positionShares',
				shares,
				(l) =>
					`Position size: ${formatQuantity(shares)} shares of ${order.symbol} is beyond the limit of ${formatQuantity(l)} shares`
			);
		const positionValue = roundCents(Math.abs(after) * order.price);
		if (config.positionValue.enabled)
			check(
				'positionValue',
				positionValue,
				(l) =>
					`Position value: ${formatUsd(positionValue)} in ${order.symbol} is beyond the limit of ${formatUsd(l)}`
			);
		let exposure = Math.abs(after) * order.price;
		for (const p of context.positions)
			if (p.symbol !== order.symbol) exposure += Math.abs(p.quantity * p.price);
		exposure = roundCents(exposure);
		if (config.totalExposure.enabled)
			check(
				'totalExposure',
				exposure,
				(l) => `Total exposure: ${formatUsd(exposure)} is beyond the limit of ${formatUsd(l)}`
			);
		if (config.openPositions.enabled && Math.abs(position) <= EPSILON && after !== 0) {
			const open = new Set(
				context.positions.filter((p) => Math.abs(p.quantity) > EPSILON).map((p) => p.symbol)
			);
			open.add(order.symbol);
			check('openPositions', open.size, (l) => `Open positions: ${open.size} is beyond the limit of ${l}`);
		}
	}

	// `as`: TypeScript does not see the closure assign it.
	const violated = found as Map<RuleId, RiskViolation> | null;
	if (violated === null) return { ok: true, circuitBreaker: breaker };
	const violations = RULE_ORDER.flatMap((id) => {
		const v = violated.get(id);
		return v ? [v] : [];
	});
	const [first] = violations;
	if (!first) return { ok: true, circuitBreaker: breaker };
	return { ok: false, ...first, violations, circuitBreaker: breaker };
}

function state(
	config: RiskConfig,
	id: RuleId,
	value: number | null,
	text: string,
	forced?: RuleStatus
): RuleState {
	const enabled = config[id].enabled;
	const limit = limitOf(config, id);
	const usage =
		value === null
			? 0
			: limit === 0
				? isBeyond(id, value, limit)
					? 1
					: 0
				: Math.min(1, Math.max(0, value / limit));
	let status: RuleStatus = 'ok';
	if (!enabled) status = 'off';
	else if (forced) status = forced;
	else if (value !== null && isBeyond(id, value, limit)) status = 'breached';
	else if (usage >= 0.8) status = 'warning';
	return { id, label: RULE_LABELS[id], enabled, limit, value, text, usage, status };
}

/**
 * Each rule's current state for the risk page, in RULE_ORDER: the value now (before any
 * order), a sentence, the usage of the limit (0..1) and a status: 'breached' beyond the limit,
 * 'warning' from 80 % (at the limit is 100 %, still allowed, so a warning), 'off' when disabled.
 * @example ruleStates(DEFAULT_RISK_CONFIG, context, now).find((r) => r.id === 'dailyLoss')
 * // { id: 'dailyLoss', text: 'daily loss −$812.00 of −$2,000.00', usage: 0.406, status: 'ok', … }
 */
export function ruleStates(config: RiskConfig, context: RiskContext, now: number): RuleState[] {
	const states = new Map<RuleId, RuleState>();
	const l = (id: RuleId) => limitOf(config, id);
	const live = context.positions.filter((p) => Math.abs(p.quantity) > EPSILON);

	const shares = units(Math.max(0, ...live.map((p) => Math.abs(p.quantity))));
	states.set(
		'positionShares',
		state(
			config,
			'positionShares',
			shares,
			`largest position ${formatQuantity(shares)} of ${formatQuantity(l('positionShares'))} shares`
		)
	);
	const largest = roundCents(Math.max(0, ...live.map((p) => Math.abs(p.quantity * p.price))));
	states.set(
		'positionValue',
		state(
			config,
			'positionValue',
			largest,
			`largest position ${formatUsd(largest)} of ${formatUsd(l('positionValue'))}`
		)
	);
	const exposure = roundCents(live.reduce((sum, p) => sum + Math.abs(p.quantity * p.price), 0));
	states.set(
		'totalExposure',
		state(
			config,
			'totalExposure',
			exposure,
			`exposure ${formatUsd(exposure)} of ${formatUsd(l('totalExposure'))}`
		)
	);
	const open = new Set(live.map((p) => p.symbol)).size;
	states.set(
		'openPositions',
		state(config, 'openPositions', open, `${open} of ${l('openPositions')} open positions`)
	);
	states.set('orderValue', state(config, 'orderValue', null, `up to ${formatUsd(l('orderValue'))} an order`));

	const pnl = roundCents(context.equity - context.startOfDayEquity);
	states.set(
		'dailyLoss',
		state(
			config,
			'dailyLoss',
			pnl,
			`daily loss ${formatUsd(Math.min(0, pnl))} of ${formatUsd(l('dailyLoss'))}`
		)
	);
	const drawdown = drawdownValue(config, context);
	states.set(
		'drawdown',
		state(
			config,
			'drawdown',
			drawdown,
			`drawdown ${drawdownText(config, drawdown)} of ${drawdownText(config, l('drawdown'))}`
		)
	);

	const breaker = updateCircuitBreaker(config, context.circuitBreaker, context.equity, now);
	if (config.circuitBreaker.enabled && isHalted(breaker, now)) {
		const tripped = breaker.trippedAtPercent ?? l('circuitBreaker');
		states.set(
			'circuitBreaker',
			state(
				config,
				'circuitBreaker',
				tripped,
				`halted until ${formatInstant(breaker.haltedUntil ?? now, MARKET_ZONE)} New York time (equity fell ${formatPercent(tripped)} below ${formatUsd(breaker.referenceEquity ?? 0)})`,
				'breached'
			)
		);
	} else {
		const below = Math.max(0, percentBelow(breaker.referenceEquity ?? context.equity, context.equity));
		states.set(
			'circuitBreaker',
			state(
				config,
				'circuitBreaker',
				below,
				`equity ${formatPercent(below)} below ${formatUsd(breaker.referenceEquity ?? context.equity)}; halts beyond ${formatPercent(l('circuitBreaker'))}`
			)
		);
	}

	const all = recentCount(context, now);
	states.set(
		'ordersPerMinute',
		state(config, 'ordersPerMinute', all, `${all} of ${l('ordersPerMinute')} orders in the last minute`)
	);
	const perSymbol = new Map<string, number>();
	for (const s of context.submissions)
		if (now - s.time < RATE_WINDOW_MS) perSymbol.set(s.symbol, (perSymbol.get(s.symbol) ?? 0) + 1);
	let busiest = '';
	let most = 0;
	for (const [symbol, n] of perSymbol)
		if (n > most || (n === most && symbol < busiest)) [busiest, most] = [symbol, n];
	states.set(
		'symbolOrdersPerMinute',
		state(
			config,
			'symbolOrdersPerMinute',
			most,
			most === 0
				? `0 of ${l('symbolOrdersPerMinute')} orders in any symbol in the last minute`
				: `${most} of ${l('symbolOrdersPerMinute')} orders in ${busiest} in the last minute`
		)
	);

	const rule = config.dayTrades;
	const ledger = ledgerOf(context);
	const count = countDayTrades(
		ledger.dayTrades,
		businessDayWindow(tradingDate(now), rule.businessDays, rule.holidays)
	);
	const exemption = dayTradeExemption(config, context);
	const base = `${count} of ${rule.limit} day trades in ${rule.businessDays} business days`;
	states.set(
		'dayTrades',
		state(
			config,
			'dayTrades',
			count,
			exemption ? `${base} (not applied: ${exemption})` : base,
			exemption ? 'ok' : undefined
		)
	);

	return RULE_ORDER.map((id) => states.get(id)!);
}
