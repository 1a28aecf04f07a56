import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '$lib/core/trades/query';
import { dbName } from '$lib/db/schema';
import { createEngineApi } from './engine-api';
import { QUERY } from './testing';

afterEach(() => Dexie.delete(dbName('paper')));

/** Two round trips on 2025-03-04 (New York): +100.00 and the other's P&L, in one account. */
const csv = (symbol: string, exit: string) =>
	`Date,Time,Symbol,Quantity,Price,Side\n03/04/2025,09:30:00,${symbol},100,10.00,Buy\n03/04/2025,10:00:00,${symbol},100,${exit},Sell\n`;

/** An engine with a EUR account that made €100.00 and a USD account that made $50.00. */
async function twoCurrencies() {
	const engine = createEngineApi({ now: () => 3 });
	const ids: string[] = [];
	for (const [number, currency, symbol, exit] of [
		['E1', 'EUR', 'SAP', '11.00'],
		['U1', 'USD', 'AAPL', '10.50']
	] as const) {
		const account = await engine.addAccount('paper', { broker: 'Generic', number, currency });
		if (!account.ok) throw new Error('account');
		ids.push(account.account.id);
		const result = await engine.importFile(
			'paper',
			number,
			new File([csv(symbol, exit)], `${number}.csv`),
			{
				formatId: 'tradervue-generic',
				zone: 'America/New_York',
				tradeDate: null,
				symbol: null,
				accountId: account.account.id,
				newAccountCurrency: null
			},
			() => undefined
		);
		if (!result.ok) throw new Error(result.message);
	}
	return { engine, eur: ids[0]!, usd: ids[1]! };
}

describe('engine currencies', () => {
	it('gives each trade its account’s currency and never adds two currencies together', async () => {
		const { engine, eur } = await twoCurrencies();
		const page = await engine.listTrades('paper', QUERY);
		expect(page.rows.map((r) => [r.symbol, r.currency, r.netPnl])).toEqual([
			['SAP', 'EUR', 100],
			['AAPL', 'USD', 50]
		]);
		expect(page.summary).toMatchObject({
			trades: 2,
			netPnl: null,
			netByCurrency: [
				{ currency: 'EUR', netPnl: 100 },
				{ currency: 'USD', netPnl: 50 }
			],
			converted: null
		});
		const d = await engine.dashboard('paper', EMPTY_FILTER, QUERY.zone, '$');
		expect(d.money).toEqual({
			netByCurrency: [
				{ currency: 'EUR', netPnl: 100 },
				{ currency: 'USD', netPnl: 50 }
			],
			converted: null,
			currency: null
		});
		// No money figure or series adds the two currencies (150 would be euros plus dollars);
		// the counts and the win rate stay.
		expect(d.summary).toMatchObject({ trades: 2, wins: 2, winRate: 1, netPnl: NaN, expectancy: null });
		expect(d.summary.maxDrawdown.amount).toBeNaN();
		expect([...d.equity.equity, ...d.equity.pnl, ...d.daily.pnl]).toEqual([NaN, NaN, NaN, NaN, NaN]);
		expect([...d.daily.trades]).toEqual([2]);
		expect(d.pnlHistogram.counts.length).toBe(0);
		expect(d.riskAdjusted.kelly).toBe(null);
		// One account: one currency, as before.
		const one = await engine.dashboard('paper', { ...EMPTY_FILTER, accounts: [eur] }, QUERY.zone, '$');
		expect(one.summary.netPnl).toBe(100);
		expect(one.money).toEqual({
			netByCurrency: [{ currency: 'EUR', netPnl: 100 }],
			converted: null,
			currency: 'EUR'
		});
		await engine.close();
	});

	it('converts into the base currency with the latest rate on or before each trade’s day, naming it', async () => {
		const { engine } = await twoCurrencies();
		expect(await engine.setBaseCurrency('paper', 'USD')).toEqual({ ok: true });
		// A base currency but no rate: the reason, not a made-up total.
		expect((await engine.dashboard('paper', EMPTY_FILTER, QUERY.zone, '$')).money.converted).toEqual({
			problem: 'no EURUSD rate on or before 2025-03-04'
		});
		expect(
			await engine.addFxRate('paper', { base: 'EUR', quote: 'USD', date: '2025-03-03', rate: 1.0842 })
		).toEqual({
			ok: true
		});
		// A later rate is never used for an earlier day.
		await engine.addFxRate('paper', { base: 'EUR', quote: 'USD', date: '2025-03-05', rate: 1.2 });
		const rate = {
			pair: 'EURUSD',
			date: '2025-03-03',
			rate: 1.0842,
			source: { kind: 'typed' },
			inverse: false
		};
		const d = await engine.dashboard('paper', EMPTY_FILTER, QUERY.zone, '$');
		expect(d.money).toEqual({
			netByCurrency: [
				{ currency: 'EUR', netPnl: 100 },
				{ currency: 'USD', netPnl: 50 }
			],
			converted: { currency: 'USD', netPnl: 158.42, rates: [rate] },
			currency: 'USD'
		});
		// The figures and the curve are in USD: 108.42 + 50.
		expect(d.summary.netPnl).toBe(158.42);
		expect([...d.equity.equity]).toEqual([108.42, 158.42]);
		expect([...d.daily.pnl]).toEqual([158.42]);
		expect((await engine.listTrades('paper', QUERY)).summary.converted).toEqual({
			currency: 'USD',
			netPnl: 158.42,
			rates: [rate]
		});
		// In EUR, the USD trade converts with the inverse rate: 50 / 1.0842 = 46.116…
		await engine.setBaseCurrency('paper', 'EUR');
		expect((await engine.dashboard('paper', EMPTY_FILTER, QUERY.zone, '$')).money.converted).toEqual({
			currency: 'EUR',
			netPnl: 146.12,
			rates: [{ ...rate, inverse: true }]
		});
		await engine.close();
	});

	it('reads an FX bar file’s daily close as a rate, and checks typed rates and codes', async () => {
		const { engine } = await twoCurrencies();
		const bars =
			'Date,Open,High,Low,Close,Volume\n2025-03-03,1.04,1.05,1.03,1.0485,0\n2025-03-04,1.05,1.09,1.04,1.0850,0\n';
		const result = await engine.importFile(
			'paper',
			'fx',
			new File([bars], 'EURUSD_daily.csv'),
			{
				formatId: 'yahoo-bars',
				zone: 'America/New_York',
				tradeDate: null,
				symbol: 'EURUSD',
				accountId: null,
				newAccountCurrency: null
			},
			() => undefined
		);
		expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
		await engine.setBaseCurrency('paper', 'USD');
		expect((await engine.dashboard('paper', EMPTY_FILTER, QUERY.zone, '$')).money.converted).toEqual({
			currency: 'USD',
			netPnl: 158.5,
			rates: [
				{
					pair: 'EURUSD',
					date: '2025-03-04',
					rate: 1.085,
					source: { kind: 'bars', file: 'EURUSD_daily.csv' },
					inverse: false
				}
			]
		});
		expect(await engine.currencySettings('paper')).toEqual({
			baseCurrency: 'USD',
			fxRates: [],
			accountCurrencies: ['EUR', 'USD'],
			fxSymbols: ['EURUSD']
		});
		expect(await engine.setBaseCurrency('paper', 'usd')).toEqual({
			ok: false,
			message: '"usd" is not a three-letter currency code such as USD.'
		});
		expect(
			await engine.addFxRate('paper', { base: 'EUR', quote: 'USD', date: '2025-02-30', rate: -1 })
		).toEqual({
			ok: false,
			message:
				'Rate not added: "2025-02-30" is not a date such as 2025-03-04; the rate must be a number above 0 (got -1).'
		});
		await engine.close();
	});
	it('breaks trades down in the base currency, and without one gives no money figure', async () => {
		const { engine } = await twoCurrencies();
		const blocked = await engine.breakdownReport('paper', EMPTY_FILTER, QUERY.zone, '$', 'symbol');
		expect(blocked.money.currency).toBe(null);
		expect(blocked.buckets.map((b) => [b.key, b.trades])).toEqual([
			['AAPL', 1],
			['SAP', 1]
		]);
		const csv = await engine.breakdownCsv('paper', EMPTY_FILTER, QUERY.zone, '$', 'symbol');
		expect(csv.split('\r\n')[3]).toBe(
			'All trades,2,2,0,0,100,,,,"several currencies, not converted: no money figure (set a base currency and rates in Settings)"'
		);
		await engine.setBaseCurrency('paper', 'USD');
		await engine.addFxRate('paper', { base: 'EUR', quote: 'USD', date: '2025-03-04', rate: 1.0842 });
		const usd = await engine.breakdownReport('paper', EMPTY_FILTER, QUERY.zone, '$', 'symbol');
		expect(usd.buckets.map((b) => [b.key, b.netPnl])).toEqual([
			['AAPL', 50],
			['SAP', 108.42]
		]);
		expect(usd.total.netPnl).toBe(158.42);
		expect(
			(await engine.breakdownCsv('paper', EMPTY_FILTER, QUERY.zone, '$', 'symbol')).split('\r\n')[0]
		).toContain('Net P&L (USD)');
		await engine.close();
	});
});
