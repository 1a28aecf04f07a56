import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER, type TradeFilter } from '$lib/core/trades/query';
import { dbName } from '$lib/db/schema';
import { readSetting, SETTINGS, writeSetting } from '$lib/db/settings';
import { FillbookDb } from '$lib/db/schema';
import { createEngineApi } from './engine-api';
import { DAS, dasText, day, QUERY, zone } from './testing';
import { barsRequest, barsText } from '../tests/support/paper-day';

afterEach(async () => {
	await Dexie.delete(dbName('paper'));
	await Dexie.delete(dbName('real'));
});

/** The sample DAS day in its own account (TRPA61247), and the same fills in a second account. */
async function setUp() {
	const engine = createEngineApi({ now: () => 1 });
	await engine.importFile('paper', 'a', new File([dasText], `Trades_${day}.csv`), DAS, () => undefined);
	const second = dasText.replaceAll('TRPA61247', 'TZ0042');
	await engine.importFile('paper', 'b', new File([second], `TZ_${day}.csv`), DAS, () => undefined);
	await engine.addAccount('paper', { broker: 'Interactive Brokers', number: 'U123', currency: 'USD' });
	const ids = (await engine.listAccounts('paper')).map((a) => a.id);
	const [das, tz, ibkr] = [
		ids.find((i) => i.endsWith('|TRPA61247'))!,
		ids.find((i) => i.endsWith('|TZ0042'))!,
		ids.find((i) => i.endsWith('|U123'))!
	];
	const list = (filter: Partial<TradeFilter>) =>
		engine.listTrades('paper', { ...QUERY, filter: { ...EMPTY_FILTER, ...filter } });
	return { engine, das, tz, ibkr, list };
}

describe('portfolios in the engine', () => {
	it('saves, renames and removes portfolios; a name is unique whatever its case', async () => {
		const { engine, das, tz, ibkr } = await setUp();
		expect(await engine.listPortfolios('paper')).toEqual([]);
		const saved = await engine.savePortfolio('paper', { name: 'Day trading', accountIds: [tz, das] });
		if (!saved.ok) throw new Error('not saved');
		expect(saved.portfolio).toMatchObject({ name: 'Day trading', accountIds: [das, tz] });
		expect(saved.portfolio.id).toMatch(/^[0-9a-f-]{36}$/);
		const long = await engine.savePortfolio('paper', { name: 'Long term', accountIds: [ibkr, das] });
		expect(long.ok).toBe(true);
		expect(await engine.savePortfolio('paper', { name: 'day TRADING', accountIds: [ibkr] })).toEqual({
			ok: false,
			errors: [{ field: 'name', message: 'Another portfolio is already called “Day trading”.' }]
		});
		expect(
			await engine.savePortfolio('paper', { id: saved.portfolio.id, name: 'Scalps', accountIds: [tz] })
		).toEqual({ ok: true, portfolio: { id: saved.portfolio.id, name: 'Scalps', accountIds: [tz] } });
		expect((await engine.listPortfolios('paper')).map((p) => p.name)).toEqual(['Long term', 'Scalps']);
		expect(await engine.removePortfolio('paper', saved.portfolio.id)).toEqual({ ok: true });
		expect(await engine.removePortfolio('paper', saved.portfolio.id)).toEqual({
			ok: false,
			message: 'This portfolio no longer exists (deleted in another tab?).'
		});
		expect((await engine.listPortfolios('paper')).map((p) => p.name)).toEqual(['Long term']);
		// The other mode has none: portfolios are per mode.
		expect(await engine.listPortfolios('real')).toEqual([]);
		await engine.close();
	});

	it('filters the list, dashboard, reports and CSV to exactly the trades of the portfolio’s accounts, as they are now', async () => {
		const { engine, das, tz, ibkr, list } = await setUp();
		const all = await list({});
		const ofDas = await list({ accounts: [das] });
		const ofTz = await list({ accounts: [tz] });
		// The second account holds the same fills: each account has half of the trades.
		expect(ofDas.total).toBe(all.total / 2);
		expect(ofTz.summary).toEqual(ofDas.summary);
		expect(ofDas.total).toBeGreaterThan(0);

		const saved = await engine.savePortfolio('paper', { name: 'Day trading', accountIds: [das, ibkr] });
		if (!saved.ok) throw new Error('not saved');
		const day = await list({ portfolio: saved.portfolio.id });
		expect(day.summary).toEqual(ofDas.summary);
		expect(day.rows.map((r) => r.id)).toEqual(ofDas.rows.map((r) => r.id));
		expect(new Set(day.rows.map((r) => r.accountId))).toEqual(new Set([das]));

		const f = { ...EMPTY_FILTER, portfolio: saved.portfolio.id };
		const dash = await engine.dashboard('paper', f, zone, '$');
		const dashDas = await engine.dashboard('paper', { ...EMPTY_FILTER, accounts: [das] }, zone, '$');
		expect(dash.summary).toEqual(dashDas.summary);
		expect(await engine.breakdownReport('paper', f, zone, '$', 'symbol')).toEqual(
			await engine.breakdownReport('paper', { ...EMPTY_FILTER, accounts: [das] }, zone, '$', 'symbol')
		);
		const csv = await engine.exportTradesCsv('paper', { ...QUERY, filter: f });
		expect(csv.trim().split('\n')).toHaveLength(ofDas.total + 1);

		// The portfolio's accounts are read when filtering: regrouping changes the results.
		await engine.savePortfolio('paper', {
			id: saved.portfolio.id,
			name: 'Day trading',
			accountIds: [das, tz]
		});
		expect((await list({ portfolio: saved.portfolio.id })).summary).toEqual(all.summary);
		// With accounts too, the portfolio is narrowed to them.
		expect((await list({ portfolio: saved.portfolio.id, accounts: [tz] })).summary).toEqual(ofTz.summary);
		expect((await list({ portfolio: saved.portfolio.id, accounts: [ibkr] })).total).toBe(0);
		// An unknown portfolio filters to nothing, never to everything.
		const unknown = await list({ portfolio: 'no-such-portfolio' });
		expect(unknown.total).toBe(0);
		expect(unknown.summary.netPnl).toBe(0);
		expect(
			(await engine.dashboard('paper', { ...EMPTY_FILTER, portfolio: 'nope' }, zone, '$')).summary.trades
		).toBe(0);
		await engine.close();
	});

	it('leaves a removed account out of its portfolios, keeping a portfolio left with none', async () => {
		const { engine, das, ibkr } = await setUp();
		const long = await engine.savePortfolio('paper', { name: 'Long term', accountIds: [ibkr] });
		const mixed = await engine.savePortfolio('paper', { name: 'Mixed', accountIds: [das, ibkr] });
		if (!long.ok || !mixed.ok) throw new Error('not saved');
		await engine.removeAccount('paper', ibkr);
		expect(await engine.listPortfolios('paper')).toEqual([
			{ id: long.portfolio.id, name: 'Long term', accountIds: [] },
			{ id: mixed.portfolio.id, name: 'Mixed', accountIds: [das] }
		]);
		expect(
			(
				await engine.listTrades('paper', {
					...QUERY,
					filter: { ...EMPTY_FILTER, portfolio: long.portfolio.id }
				})
			).total
		).toBe(0);
		// Re-adding the account (an import undone and made again) puts it back where it was.
		await engine.addAccount('paper', { broker: 'Interactive Brokers', number: 'U123', currency: 'USD' });
		expect((await engine.listPortfolios('paper'))[0]!.accountIds).toEqual([ibkr]);
		await engine.close();
	});
});

describe('the portfolios setting', () => {
	it('round-trips as JSON in meta, and reads an unreadable value as none', async () => {
		const db = new FillbookDb('paper');
		expect(await readSetting(db, 'portfolios')).toEqual([]);
		const value = [{ id: 'p1', name: 'Day trading', accountIds: ['das|TR1', 'tz|TZ1'] }];
		await writeSetting(db, 'portfolios', value);
		expect(await db.meta.get('portfolios')).toEqual({ key: 'portfolios', value: JSON.stringify(value) });
		expect(await readSetting(db, 'portfolios')).toEqual(value);
		await db.meta.put({ key: SETTINGS.portfolios.key, value: '{"p1":1}' });
		expect(await readSetting(db, 'portfolios')).toEqual([]);
		await db.meta.put({ key: SETTINGS.portfolios.key, value: '[{"id":"p1","name":"A","accountIds":"x"},' });
		expect(await readSetting(db, 'portfolios')).toEqual([]);
		db.close();
	});
});

describe('positions by portfolio', () => {
	const HEADER = 'Time,Symbol,Side,Price,Qty,Route,Broker,Account,Type,Cloid,Liq,ECNFee,P / L,';
	const das = (line: string) => new File([`${HEADER}\n${line}\n`], `Trades_${day}.csv`);

	it('shows every account, a portfolio’s accounts or one account, each with the totals of what it shows', async () => {
		// Each account added a millisecond after the one before, so they list in that order.
		let clock = 1_760_400_000_000;
		const engine = createEngineApi({ now: () => clock++ });
		// 100 RIVN long at 13.34 in a dollar account, 10 at 13.30 in a euro account, 5 at 13.00 in another dollar one.
		for (const [line, currency] of [
			['14:45:30,RIVN,B,13.34,100,ARCA,,TR1,Margin,AUTO,-,0,,', 'USD'],
			['14:45:30,RIVN,B,13.30,10,ARCA,,EU1,Margin,AUTO,-,0,,', 'EUR'],
			['14:45:30,RIVN,B,13.00,5,ARCA,,TZ1,Margin,AUTO,-,0,,', 'USD']
		] as const)
			expect(
				await engine.importFile(
					'real',
					line,
					das(line),
					{ ...DAS, newAccountCurrency: currency },
					() => undefined
				)
			).toMatchObject({ ok: true });
		expect(
			await engine.importFile(
				'real',
				'bars',
				new File([barsText], 'RIVN.csv'),
				barsRequest('RIVN'),
				() => undefined
			)
		).toMatchObject({ ok: true });
		const ids = (await engine.listAccounts('real')).map((a) => a.id);
		const [tr1, eu1, tz1] = ['TR1', 'EU1', 'TZ1'].map((n) => ids.find((id) => id.endsWith(`|${n}`))!);
		const saved = await engine.savePortfolio('real', { name: 'Day trading', accountIds: [tr1!, tz1!] });
		if (!saved.ok) throw new Error('not saved');

		const all = await engine.positions('real');
		expect(all.accounts.map((a) => a.number)).toEqual(['TR1', 'EU1', 'TZ1']);
		expect(all.scope).toEqual({ kind: 'all', name: null });
		expect(all.held).toBe(3);

		// RIVN's last bar closes at 13.36: (13.36 − 13.34) × 100 = 2.00 and (13.36 − 13.00) × 5 = 1.80.
		const day = await engine.positions('real', { kind: 'portfolio', id: saved.portfolio.id });
		expect(day.accounts.map((a) => a.number)).toEqual(['TR1', 'TZ1']);
		expect(day.scope).toEqual({ kind: 'portfolio', id: saved.portfolio.id, name: 'Day trading' });
		expect(day.held).toBe(3);
		expect(day.totals).toEqual([
			{ currency: 'USD', unrealisedPnl: 3.8, exposure: 1402.8, positions: 2, unpriced: 0, accounts: 2 }
		]);

		const euro = await engine.positions('real', { kind: 'account', id: eu1! });
		expect(euro.scope.name).toBe('DAS Trader · EU1');
		// (13.36 − 13.30) × 10 = 0.60
		expect(euro.totals).toEqual([
			{ currency: 'EUR', unrealisedPnl: 0.6, exposure: 133.6, positions: 1, unpriced: 0, accounts: 1 }
		]);

		// With USD as base and a EURUSD rate: the euro position's P&L in dollars too, naming its rate;
		// the dollar accounts' need none, and the converted total sums 3.80 + 0.60 × 1.1 = 4.46.
		expect(await engine.setBaseCurrency('real', 'USD')).toEqual({ ok: true });
		expect(
			await engine.addFxRate('real', { base: 'EUR', quote: 'USD', date: '2025-01-02', rate: 1.1 })
		).toEqual({
			ok: true
		});
		const based = await engine.positions('real');
		expect(based.accounts.map((a) => a.positions.map((p) => p.inBase))).toEqual([
			[null],
			[
				{
					currency: 'USD',
					unrealisedPnl: 0.66,
					rate: { pair: 'EURUSD', date: '2025-01-02', rate: 1.1, source: { kind: 'typed' }, inverse: false }
				}
			],
			[null]
		]);
		expect(based.converted).toMatchObject({ currency: 'USD', unrealisedPnl: 4.46 });

		const unknown = await engine.positions('real', { kind: 'portfolio', id: 'gone' });
		expect(unknown).toEqual({
			accounts: [],
			totals: [],
			scope: { kind: 'portfolio', id: 'gone', name: null },
			held: 3,
			converted: null
		});
		await engine.close();
	});
});
