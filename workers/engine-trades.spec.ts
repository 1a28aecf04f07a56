import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '$lib/core/trades/query';
import { dbName } from '$lib/db/schema';
import { createEngineApi } from './engine-api';
import { dashboardBuffers } from './engine-trades';
import { DAS, day, file, QUERY } from './testing';

afterEach(() => Dexie.delete(dbName('paper')));

describe('engine trades', () => {
	it('derives trades from stored executions, with the broker’s P/L and a running position', async () => {
		const engine = createEngineApi({ now: () => 1 });
		await engine.importFile('paper', 'a', file(), DAS, () => undefined);
		const page = await engine.listTrades('paper', QUERY);
		expect(page.total).toBeGreaterThan(5);
		const baba = page.rows.find((r) => r.symbol === 'BABA' && r.direction === 'long');
		expect(baba).toMatchObject({
			grossPnl: 248.57,
			brokerPnl: 248.57,
			open: false,
			quantity: 440,
			executionCount: 3
		});
		const detail = await engine.tradeDetail('paper', baba!.id);
		expect(detail?.executions.map((e) => e.position)).toEqual([243, 440, 0]);
		expect(detail?.executions[2]).toMatchObject({
			side: 'sell',
			quantity: 440,
			price: 167.57,
			venue: 'IEX',
			brokerPnl: 248.57
		});
		await engine.close();
	});

	it('reads IBKR’s realised P/L as after commissions: no false mismatch, net P&L is IBKR’s figure', async () => {
		const engine = createEngineApi({ now: () => 1 });
		const flex = new File(
			[readFileSync('tests/fixtures/formats/ibkr-flex/flex-trades.csv', 'utf8')],
			'flex.csv'
		);
		const outcome = await engine.importFile(
			'paper',
			'b',
			flex,
			{ ...DAS, formatId: 'ibkr-flex', tradeDate: null },
			() => undefined
		);
		expect(outcome.ok).toBe(true);
		const aapl = (await engine.listTrades('paper', QUERY)).rows.find((r) => r.symbol === 'AAPL' && !r.open);
		expect(aapl).toMatchObject({ grossPnl: 237.6, commission: 2, netPnl: 235.6, pnlMismatch: false });
		await engine.close();
	});

	it('keeps journal fields by trade id through re-imports, undo and re-import, and computes R', async () => {
		const engine = createEngineApi({ now: () => 5 });
		const first = await engine.importFile('paper', 'a', file(), DAS, () => undefined);
		const page = await engine.listTrades('paper', QUERY);
		const trade = page.rows.find((r) => r.symbol === 'BABA' && r.direction === 'long')!;
		expect(
			await engine.saveAnnotation('paper', {
				tradeId: trade.id,
				notes: '<b>not html</b>',
				tags: ['orb', 'a+'],
				strategy: 'ORB 5m',
				mistakes: ['late entry'],
				risk: { kind: 'money', amount: 100 }
			})
		).toEqual({ ok: true });
		const withR = (await engine.listTrades('paper', QUERY)).rows.find((r) => r.id === trade.id)!;
		expect(withR).toMatchObject({ tags: ['orb', 'a+'], strategy: 'ORB 5m', risk: 100, hasNotes: true });
		expect(withR.rMultiple).toBeCloseTo(withR.netPnl / 100, 10);

		await engine.importFile('paper', 'b', file(), DAS, () => undefined);
		if (!first.ok) throw new Error(first.message);
		await engine.undoImport('paper', first.importId);
		expect((await engine.listTrades('paper', QUERY)).total).toBe(0);
		await engine.importFile('paper', 'c', file(), DAS, () => undefined);
		const again = (await engine.listTrades('paper', QUERY)).rows.find((r) => r.id === trade.id);
		expect(again).toMatchObject({ tags: ['orb', 'a+'], strategy: 'ORB 5m' });
		expect((await engine.tradeDetail('paper', trade.id))?.annotation?.notes).toBe('<b>not html</b>');
		await engine.close();
	});

	it('gives the dashboard of the same trades as the list: headline figures match its totals', async () => {
		const engine = createEngineApi();
		await engine.importFile('paper', 'a', file(), DAS, () => undefined);
		const list = await engine.listTrades('paper', QUERY);
		const closed = list.rows.filter((r) => !r.open);
		const d = await engine.dashboard('paper', EMPTY_FILTER, QUERY.zone, '$');
		expect(d.summary.trades).toBe(list.summary.trades - list.summary.open);
		expect(d.summary.open).toBe(list.summary.open);
		expect(d.summary.wins).toBe(list.summary.wins);
		expect(d.summary.losses).toBe(list.summary.losses);
		expect(d.summary.netPnl).toBe(Math.round(closed.reduce((s, r) => s + r.netPnl * 100, 0)) / 100);
		expect(d.summary.commissions).toBeCloseTo(
			closed.reduce((s, r) => s + r.commission, 0),
			2
		);
		expect(d.equity.equity.length).toBe(d.summary.trades);
		expect(d.equity.equity[d.equity.equity.length - 1]).toBeCloseTo(d.summary.netPnl, 6);
		// Every closed trade of the sample closed on its trade date.
		expect(d.daily.days).toEqual([day]);
		expect(d.daily.pnl[0]).toBe(d.summary.netPnl);
		expect([...d.pnlHistogram.counts].reduce((a, b) => a + b, 0)).toBe(d.summary.trades);

		// The filter narrows the dashboard exactly as it narrows the list.
		const longs = { ...EMPTY_FILTER, side: 'long' as const };
		const longList = await engine.listTrades('paper', { ...QUERY, filter: longs });
		const longDash = await engine.dashboard('paper', longs, QUERY.zone, '$');
		expect(longDash.summary.trades + longDash.summary.open).toBe(longList.total);
		expect(longDash.summary.trades).toBeLessThan(d.summary.trades);
		const otherDay = await engine.dashboard(
			'paper',
			{ ...EMPTY_FILTER, from: '2025-10-14' },
			QUERY.zone,
			'$'
		);
		expect(otherDay.summary.trades).toBe(0);
		expect(otherDay.equity.equity.length).toBe(0);

		// In R, without any risk set, every closed trade is excluded rather than counted as 0R.
		const inR = await engine.dashboard('paper', EMPTY_FILTER, QUERY.zone, 'R');
		expect(inR.summary).toMatchObject({ unit: 'R', trades: 0, excluded: d.summary.trades });
		await engine.close();
	});

	it('lists each buffer of a dashboard once for transfer', async () => {
		const engine = createEngineApi();
		await engine.importFile('paper', 'a', file(), DAS, () => undefined);
		const d = await engine.dashboard('paper', EMPTY_FILTER, QUERY.zone, '$');
		const buffers = dashboardBuffers(d);
		expect(new Set(buffers).size).toBe(buffers.length);
		expect(buffers).toContain(d.equity.equity.buffer);
		expect(buffers).toContain(d.rHistogram.counts.buffer);
		// structuredClone with a transfer list throws on a repeated or missing buffer, as postMessage does.
		const moved = structuredClone(d, { transfer: buffers });
		expect(moved.summary.netPnl).toBe(d.summary.netPnl);
		expect(d.equity.equity.byteLength).toBe(0);
		await engine.close();
	});

	it('filters by side, outcome, symbol and tag, sorts by any column and totals the filtered trades', async () => {
		const engine = createEngineApi();
		await engine.importFile('paper', 'a', file(), DAS, () => undefined);
		const all = await engine.listTrades('paper', QUERY);
		const shorts = await engine.listTrades('paper', { ...QUERY, filter: { ...EMPTY_FILTER, side: 'short' } });
		expect(shorts.rows.every((r) => r.direction === 'short')).toBe(true);
		const winners = await engine.listTrades('paper', {
			...QUERY,
			filter: { ...EMPTY_FILTER, outcome: 'win' }
		});
		expect(winners.rows.every((r) => r.netPnl > 0)).toBe(true);
		const byPnl = await engine.listTrades('paper', { ...QUERY, sort: { key: 'netPnl', dir: 'desc' } });
		expect(byPnl.rows.map((r) => r.netPnl)).toEqual(
			[...byPnl.rows.map((r) => r.netPnl)].sort((a, b) => b - a)
		);
		expect(all.summary.netPnl).toBe(Math.round(all.rows.reduce((s, r) => s + r.netPnl * 100, 0)) / 100);
		const facets = await engine.tradeFacets('paper');
		expect(facets.symbols).toContain('BABA');
		await engine.close();
	});

	it('adds a manual execution and deletes executions, regrouping at once', async () => {
		const engine = createEngineApi({ now: () => 9 });
		const account = await engine.addAccount('paper', { broker: 'Manual', number: 'M1', currency: 'USD' });
		if (!account.ok) throw new Error('account');
		const add = (side: 'buy' | 'sell', time: string, price: number) =>
			engine.addManualExecution('paper', {
				accountId: account.account.id,
				symbol: 'aapl',
				side,
				shortSale: false,
				quantity: 10,
				price,
				date: '2026-03-04',
				time,
				zone: 'America/New_York',
				commission: 1,
				fees: null
			});
		expect(await add('buy', '09:30:00', 200)).toEqual({ ok: true });
		expect(await add('sell', '09:40:00', 201.5)).toEqual({ ok: true });
		const [trade] = (await engine.listTrades('paper', QUERY)).rows;
		expect(trade).toMatchObject({ symbol: 'AAPL', grossPnl: 15, commission: 2, netPnl: 13, open: false });
		const detail = await engine.tradeDetail('paper', trade!.id);
		await engine.deleteExecutions('paper', [{ id: detail!.executions[1]!.id, description: 'AAPL sell 10' }]);
		const [open] = (await engine.listTrades('paper', QUERY)).rows;
		expect(open).toMatchObject({ open: true, quantity: 10 });
		expect(await add('buy', '25:00:00', 1)).toEqual({
			ok: false,
			message: 'Time "25:00:00" is not a valid time.'
		});
		await engine.close();
	});

	it('uses futures point values by root, and the user’s own value once set', async () => {
		const engine = createEngineApi({ now: () => 3 });
		const account = await engine.addAccount('paper', { broker: 'Tradervue', number: 'F1', currency: 'USD' });
		if (!account.ok) throw new Error('account');
		const text =
			'Date,Time,Symbol,Quantity,Price,Side\n10/13/2025,09:30:00,ESZ5,1,5000.25,Buy\n10/13/2025,09:45:00,ESZ5,1,5010.25,Sell\n';
		const result = await engine.importFile(
			'paper',
			'f',
			new File([text], 'futures.csv'),
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
		expect(result.ok).toBe(true);
		expect((await engine.listTrades('paper', QUERY)).rows[0]).toMatchObject({
			symbol: 'ESZ5',
			multiplier: 50,
			grossPnl: 500
		});
		expect(await engine.setPointValue('paper', 'es', 5)).toEqual({ ok: true });
		expect((await engine.listTrades('paper', QUERY)).rows[0]).toMatchObject({ multiplier: 5, grossPnl: 50 });
		expect((await engine.pointValues('paper')).own).toEqual({ ES: 5 });
		expect(await engine.setPointValue('paper', 'ES', null)).toEqual({ ok: true });
		expect((await engine.listTrades('paper', QUERY)).rows[0]).toMatchObject({ multiplier: 50 });
		expect(await engine.setPointValue('paper', 'E S!', 5)).toMatchObject({ ok: false });
		await engine.close();
	});

	it('takes a future’s point value from its instrument record: one fact on both cards', async () => {
		const engine = createEngineApi({ now: () => 3 });
		const account = await engine.addAccount('paper', { broker: 'Tradervue', number: 'F1', currency: 'USD' });
		if (!account.ok) throw new Error('account');
		const text =
			'Date,Time,Symbol,Quantity,Price,Side\n10/13/2025,09:30:00,ESZ5,1,5000.25,Buy\n10/13/2025,09:45:00,ESZ5,1,5010.25,Sell\n';
		const options = {
			formatId: 'tradervue-generic',
			zone: 'America/New_York',
			tradeDate: null,
			symbol: null,
			accountId: account.account.id,
			newAccountCurrency: null
		};
		expect(
			(await engine.importFile('paper', 'f', new File([text], 'futures.csv'), options, () => undefined)).ok
		).toBe(true);
		const es = (await engine.instruments('paper')).find((e) => e.instrument.symbol === 'ES')!.instrument;
		expect(es.multiplier).toBe(50);

		// Settings → Instruments: ES's multiplier 20. Trades regroup; the Point values card agrees.
		expect((await engine.saveInstrument('paper', { ...es, multiplier: 20 })).ok).toBe(true);
		expect((await engine.listTrades('paper', QUERY)).rows[0]).toMatchObject({
			multiplier: 20,
			grossPnl: 200
		});
		expect((await engine.pointValues('paper')).own).toEqual({ ES: 20 });

		// Settings → Point values: ES 5. The instrument record agrees.
		expect(await engine.setPointValue('paper', 'ES', 5)).toEqual({ ok: true });
		expect((await engine.listTrades('paper', QUERY)).rows[0]).toMatchObject({ multiplier: 5, grossPnl: 50 });
		const listed = (await engine.instruments('paper')).find((e) => e.instrument.symbol === 'ES')!;
		expect(listed.instrument).toMatchObject({ multiplier: 5, source: 'user' });

		// Removing the record: the starter list's 50 applies again, on both cards.
		expect((await engine.removeInstrument('paper', 'ES')).ok).toBe(true);
		expect((await engine.listTrades('paper', QUERY)).rows[0]).toMatchObject({
			multiplier: 50,
			grossPnl: 500
		});
		expect((await engine.pointValues('paper')).own).toEqual({});

		// A point value typed with no record stored shows on the starter's record as the user's.
		expect(await engine.setPointValue('paper', 'ES', 55)).toEqual({ ok: true });
		const shown = (await engine.instruments('paper')).find((e) => e.instrument.symbol === 'ES')!;
		expect(shown).toEqual({ instrument: { ...es, multiplier: 55, source: 'user' }, starter: es });
		await engine.close();
	});

	it('imports TradingView paper orders in futures without blanking the mode', async () => {
		const engine = createEngineApi({ now: () => 4 });
		const dir = 'tests/fixtures/formats/tradingview-orders';
		const name = 'paper-trading-order-history-all-2026-09-01T21_03_44.512Z.csv';
		expect((await engine.importFile('paper', 'a', file(), DAS, () => undefined)).ok).toBe(true);
		const account = await engine.addAccount('paper', {
			broker: 'TradingView',
			number: 'P1',
			currency: 'USD'
		});
		if (!account.ok) throw new Error('account');
		const outcome = await engine.importFile(
			'paper',
			'tv',
			new File([readFileSync(`${dir}/${name}`, 'utf8')], name),
			{ ...DAS, formatId: 'tradingview-orders', zone: 'UTC', tradeDate: null, accountId: account.account.id },
			() => undefined
		);
		expect(outcome.ok).toBe(true);
		const page = await engine.listTrades('paper', QUERY);
		const mnq = page.rows.find((r) => r.symbol === 'MNQ1!');
		// Bought 2 at 29198.25, sold 2 at 29080: −118.25 points × 2 contracts × $2 = −473.00 gross.
		expect(mnq).toMatchObject({
			multiplier: 2,
			grossPnl: -473,
			commission: 2.48,
			netPnl: -475.48,
			problem: null
		});
		const d = await engine.dashboard('paper', EMPTY_FILTER, QUERY.zone, '$');
		expect(d.summary.trades).toBeGreaterThan(5);
		await engine.close();
	});

	it('isolates a trade that cannot be computed: listed with its reason, in no sum, the rest unchanged', async () => {
		const engine = createEngineApi({ now: () => 4 });
		expect((await engine.importFile('paper', 'a', file(), DAS, () => undefined)).ok).toBe(true);
		const before = await engine.listTrades('paper', QUERY);
		const dashBefore = await engine.dashboard('paper', EMPTY_FILTER, QUERY.zone, '$');
		const account = await engine.addAccount('paper', {
			broker: 'TradingView',
			number: 'P1',
			currency: 'USD'
		});
		if (!account.ok) throw new Error('account');
		const name = 'paper-orders-unknown-futures-root.csv';
		const text = readFileSync(`tests/fixtures/formats/tradingview-orders/${name}`, 'utf8');
		const tv = {
			...DAS,
			formatId: 'tradingview-orders',
			zone: 'UTC',
			tradeDate: null,
			accountId: account.account.id
		};
		expect((await engine.importFile('paper', 'tv', new File([text], name), tv, () => undefined)).ok).toBe(
			true
		);

		const after = await engine.listTrades('paper', QUERY);
		expect(after.total).toBe(before.total + 1);
		const bad = after.rows.find((r) => r.symbol === 'LE1!')!;
		expect(bad.problem).toBe(
			`cannot compute P&L: no point value for the futures root LE (LE1!, execution line 3 of ${name}); set it in Settings`
		);
		// Every other trade as it was; the sums leave the bad one out and count it apart.
		expect(after.rows.filter((r) => r.problem === null)).toEqual(before.rows);
		expect(after.summary).toEqual({ ...before.summary, trades: before.summary.trades + 1, unusable: 1 });
		const dash = await engine.dashboard('paper', EMPTY_FILTER, QUERY.zone, '$');
		expect(dash.summary).toEqual({ ...dashBefore.summary, unusable: 1 });
		expect([...dash.equity.equity]).toEqual([...dashBefore.equity.equity]);
		const report = await engine.breakdownReport('paper', EMPTY_FILTER, QUERY.zone, '$', 'symbol');
		expect(report.unusable).toBe(1);
		expect(report.buckets.map((b) => b.key)).not.toContain('LE1!');
		expect((await engine.tradeDetail('paper', bad.id))?.trade.problem).toBe(bad.problem);
		expect(await engine.exportTradesCsv('paper', QUERY)).toContain(`,"${bad.problem}"`);

		// Once the user sets the point value, the trade computes: (231.45 − 230.80) × $400 = $260.
		expect(await engine.setPointValue('paper', 'LE', 400)).toEqual({ ok: true });
		const fixed = (await engine.listTrades('paper', QUERY)).rows.find((r) => r.symbol === 'LE1!');
		expect(fixed).toMatchObject({ problem: null, grossPnl: 260, commission: 4.2, netPnl: 255.8 });
		await engine.close();
	});

	it('exports the Trades CSV a spreadsheet can use: cents, prices to their decimals, the account by name, notes (golden file)', async () => {
		const engine = createEngineApi({ now: () => 5 });
		const name = 'Trades_2025-10-14.csv';
		const text = readFileSync(`tests/fixtures/exports/${name}`, 'utf8');
		const imported = await engine.importFile(
			'paper',
			'g',
			new File([text], name),
			{ ...DAS, tradeDate: '2025-10-14' },
			() => undefined
		);
		if (!imported.ok) throw new Error(imported.message);
		const rows = (await engine.listTrades('paper', QUERY)).rows;
		const mu = rows.find((r) => r.symbol === 'MU')!;
		expect(
			await engine.saveAnnotation('paper', {
				tradeId: mu.id,
				notes: '=HYPERLINK("x"), then "faded" at VWAP',
				tags: ['orb'],
				strategy: 'ORB 5m',
				mistakes: [],
				risk: { kind: 'money', amount: 100 }
			})
		).toEqual({ ok: true });
		const { offset: _o, limit: _l, ...query } = QUERY;
		expect(await engine.exportTradesCsv('paper', query)).toBe(
			readFileSync('tests/fixtures/exports/trades-2025-10-14.expected.csv', 'utf8')
		);
		await engine.close();
	});
});
