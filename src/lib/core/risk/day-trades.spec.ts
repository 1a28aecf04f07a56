import { describe, expect, it } from 'vitest';
import { businessDayWindow } from './calendar';
import { DEFAULT_RISK_CONFIG } from './config';
import { countDayTrades, dayTradeLedger, wouldDayTrade } from './day-trades';
import { evaluateOrder } from './evaluate';
import { context, NOW, order } from '../../../../tests/support/risk-builders';
import type { RiskConfig, RiskExecution } from './types';

/** An instant at `hour`:`minute` New York time (EST, UTC−5) on `day` November 2026. */
const ny = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour + 5, minute);

const buy = (symbol: string, quantity: number, time: number): RiskExecution => ({
	symbol,
	side: 'buy',
	quantity,
	time
});
const sell = (symbol: string, quantity: number, time: number): RiskExecution => ({
	symbol,
	side: 'sell',
	quantity,
	time
});
/** One day trade on `day`: buy and sell 10 within the morning. */
const roundTrip = (symbol: string, day: number) => [
	buy(symbol, 10, ny(day, 10)),
	sell(symbol, 10, ny(day, 11))
];

describe('dayTradeLedger', () => {
	it('counts each closing execution of units opened the same day', () => {
		const scaleOut = dayTradeLedger(
			[buy('A', 100, ny(16, 10)), sell('A', 50, ny(16, 11)), sell('A', 50, ny(16, 12))],
			[]
		);
		expect(scaleOut.dayTrades).toEqual([
			{ symbol: 'A', date: '2026-11-16', time: ny(16, 11) },
			{ symbol: 'A', date: '2026-11-16', time: ny(16, 12) }
		]);
		const scaleIn = dayTradeLedger(
			[buy('A', 100, ny(16, 10)), buy('A', 100, ny(16, 11)), sell('A', 200, ny(16, 12))],
			[]
		);
		expect(scaleIn.dayTrades).toHaveLength(1);
		const short = dayTradeLedger([sell('A', 100, ny(16, 10)), buy('A', 100, ny(16, 11))], []);
		expect(short.dayTrades).toHaveLength(1);
	});
	it('does not count closing a position opened on an earlier New York date', () => {
		expect(dayTradeLedger([buy('A', 10, ny(16, 10)), sell('A', 10, ny(17, 10))], []).dayTrades).toEqual([]);
		// 23:30 Monday and 00:30 Tuesday in New York share a UTC date, not a trading date.
		expect(
			dayTradeLedger([buy('A', 10, ny(16, 23, 30)), sell('A', 10, ny(17, 0, 30))], []).dayTrades
		).toEqual([]);
	});
	it('closes carried units first, and derives them from the current positions', () => {
		// 10 held overnight (the position now is 10 + 10 bought today − 10 sold today).
		const carried = [buy('A', 10, ny(18, 9, 45)), sell('A', 10, ny(18, 10))];
		expect(dayTradeLedger(carried, [{ symbol: 'A', quantity: 10, price: 1 }]).dayTrades).toEqual([]);
		const more = [...carried, sell('A', 5, ny(18, 10, 30))];
		expect(dayTradeLedger(more, [{ symbol: 'A', quantity: 5, price: 1 }]).dayTrades).toHaveLength(1);
	});
	it('treats a flip as a close then an open', () => {
		const ledger = dayTradeLedger(
			[buy('A', 10, ny(16, 10)), sell('A', 20, ny(16, 11)), buy('A', 10, ny(16, 12))],
			[]
		);
		expect(ledger.dayTrades.map((d) => d.time)).toEqual([ny(16, 11), ny(16, 12)]);
	});
	it('tells whether a pending order would be a day trade', () => {
		const ledger = dayTradeLedger([buy('A', 10, ny(18, 9, 45))], [{ symbol: 'A', quantity: 20, price: 1 }]);
		const pending = { symbol: 'A', side: 'sell' as const, time: ny(18, 10) };
		expect(wouldDayTrade(ledger, { ...pending, quantity: 10 })).toBe(false);
		expect(wouldDayTrade(ledger, { ...pending, quantity: 11 })).toBe(true);
		expect(wouldDayTrade(ledger, { ...pending, quantity: 11, time: ny(19, 10) })).toBe(false);
		expect(wouldDayTrade(ledger, { ...pending, side: 'buy', quantity: 11 })).toBe(false);
		expect(wouldDayTrade(ledger, { ...pending, symbol: 'B', quantity: 1 })).toBe(false);
	});
	it('counts within a business-day window', () => {
		const ledger = dayTradeLedger([...roundTrip('A', 11), ...roundTrip('A', 12), ...roundTrip('B', 16)], []);
		expect(countDayTrades(ledger.dayTrades, businessDayWindow('2026-11-18', 5))).toBe(2);
		expect(countDayTrades(ledger.dayTrades, businessDayWindow('2026-11-17', 5))).toBe(3);
	});
});

describe('the day-trade rule', () => {
	const pdt: RiskConfig = {
		...DEFAULT_RISK_CONFIG,
		dayTrades: { ...DEFAULT_RISK_CONFIG.dayTrades, enabled: true }
	};
	// Today (Wednesday 18th) AAPL was bought at 9:45; the order sells it at 10:00.
	const today = [buy('AAPL', 10, ny(18, 9, 45))];
	const aapl = [{ symbol: 'AAPL', quantity: 10, price: 100 }];
	const closeToday = order({ side: 'sell', quantity: 10, time: NOW });
	/** A $20k margin account with day trades on the given dates of November 2026. */
	const account = (days: number[], overrides = {}) =>
		context({
			equity: 20_000,
			cash: 19_000,
			startOfDayEquity: 20_000,
			peakEquity: 20_000,
			positions: aapl,
			executions: [...days.flatMap((d) => roundTrip('MSFT', d)), ...today],
			circuitBreaker: { referenceEquity: 20_000, haltedUntil: null, trippedAtPercent: null },
			...overrides
		});

	it('rejects the 4th day trade in 5 business days, counting back across the weekend', () => {
		// Window for Wednesday 18th: Wed 18, Tue 17, Mon 16, Fri 13, Thu 12.
		expect(evaluateOrder(pdt, account([12, 13, 16]), closeToday)).toMatchObject({
			ok: false,
			rule: 'dayTrades',
			limit: 3,
			value: 4,
			message:
				'Day trades: this would be day trade 4 in 5 business days, beyond the limit of 3 for a margin account under $25,000.00'
		});
	});
	it('allows the 3rd, and a 4th when the oldest fell out of the window', () => {
		expect(evaluateOrder(pdt, account([13, 16]), closeToday).ok).toBe(true);
		expect(evaluateOrder(pdt, account([11, 13, 16]), closeToday).ok).toBe(true);
	});
	it('does not apply at $25,000 equity, in a cash account or when off (the default)', () => {
		expect(evaluateOrder(pdt, account([12, 13, 16], { equity: 25_000 }), closeToday).ok).toBe(true);
		expect(evaluateOrder(pdt, account([12, 13, 16], { equity: 24_999.99 }), closeToday).ok).toBe(false);
		expect(evaluateOrder(pdt, account([12, 13, 16], { marginAccount: false }), closeToday).ok).toBe(true);
		expect(evaluateOrder(DEFAULT_RISK_CONFIG, account([12, 13, 16]), closeToday).ok).toBe(true);
	});
	it('only stops orders that would be day trades, and never the emergency flatten', () => {
		const busy = account([12, 13, 16]);
		expect(evaluateOrder(pdt, busy, order({ side: 'buy', quantity: 10 })).ok).toBe(true);
		expect(
			evaluateOrder(pdt, account([12, 13, 16], { executions: roundTrip('MSFT', 12) }), closeToday).ok
		).toBe(true);
		expect(evaluateOrder(pdt, busy, { ...closeToday, flatten: true }).ok).toBe(true);
	});
});
