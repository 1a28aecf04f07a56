import Dexie from 'dexie';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportRequest } from './contract';
import { dbName } from '$lib/db/schema';
import { createEngineApi } from './engine-api';
import { centsOf, decimalFraction, holdingOf, valueAt } from './engine-positions';
import { barsRequest, barsText, ny } from '../tests/support/paper-day';
import { DAS, QUERY } from './testing';

afterEach(() => Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]));

const NOW = 1_760_400_000_000;
const HEADER = 'Time,Symbol,Side,Price,Qty,Route,Broker,Account,Type,Cloid,Liq,ECNFee,P / L,';
const das = (lines: string[]) => `${HEADER}\n${lines.join('\n')}\n`;
/** One buy of 100 RIVN at 13.34, 14:45:30 New York: an open long. */
const BUY = das(['14:45:30,RIVN,B,13.34,100,ARCA,,TRPA61247,Margin,AUTO,-,0,,']);

type Engine = ReturnType<typeof createEngineApi>;

async function importDas(
	engine: Engine,
	text: string,
	request: ImportRequest = DAS,
	mode: 'real' | 'paper' = 'real'
) {
	const done = await engine.importFile(
		mode,
		'das',
		new File([text], 'Trades_2025-10-13.csv'),
		request,
		() => undefined
	);
	expect(done).toMatchObject({ ok: true });
}

const importBars = async (engine: Engine, symbol = 'RIVN', name = `${symbol}.csv`) =>
	expect(
		await engine.importFile('real', name, new File([barsText], name), barsRequest(symbol), () => undefined)
	).toMatchObject({ ok: true });

describe('engine positions', () => {
	it('values an open long at its last bar, and a mark agreeing with the bars raises the confidence', async () => {
		const engine = createEngineApi({ now: () => NOW });
		expect(await engine.positions('real')).toEqual({
			accounts: [],
			totals: [],
			scope: { kind: 'all', name: null },
			held: 0,
			converted: null
		});
		await importDas(engine, BUY);
		const [tradeId] = (await engine.listTrades('real', QUERY)).rows.map((r) => r.id);

		// No bars, no mark: the position says it has no price (null, not 0), asked at now.
		const before = await engine.positions('real');
		expect(before.accounts).toHaveLength(1);
		const [unpriced] = before.accounts[0]!.positions;
		expect(unpriced).toMatchObject({
			symbol: 'RIVN',
			side: 'long',
			quantity: 100,
			averageCost: 13.34,
			multiplier: 1,
			unrealisedPnl: null,
			exposure: null,
			weight: null,
			tradeIds: [tradeId],
			problem: null
		});
		expect(unpriced!.price).toMatchObject({ symbol: 'RIVN', at: NOW, price: null, confidence: 'low' });
		expect(before.accounts[0]).toMatchObject({ currency: 'USD', unrealisedPnl: 0, exposure: 0, unpriced: 1 });
		expect(before.totals).toEqual([
			{ currency: 'USD', unrealisedPnl: 0, exposure: 0, positions: 0, unpriced: 1, accounts: 1 }
		]);

		// The bars' last close, 13.36 at 15:10: one file, medium confidence.
		await importBars(engine);
		const priced = await engine.positions('real');
		expect(priced.accounts).toEqual([
			{
				accountId: 'das trader|TRPA61247',
				broker: 'DAS Trader',
				number: 'TRPA61247',
				label: '',
				currency: 'USD',
				positions: [
					{
						symbol: 'RIVN',
						side: 'long',
						quantity: 100,
						averageCost: 13.34,
						multiplier: 1,
						price: {
							symbol: 'RIVN',
							at: ny(15, 10),
							price: 13.36,
							confidence: 'medium',
							reasons: ['single source: RIVN.csv'],
							used: ['RIVN.csv'],
							dropped: null
						},
						unrealisedPnl: 2,
						exposure: 1336,
						weight: 1,
						inBase: null,
						tradeIds: [tradeId],
						problem: null
					}
				],
				unrealisedPnl: 2,
				exposure: 1336,
				unpriced: 0
			}
		]);
		expect(priced.totals).toEqual([
			{ currency: 'USD', unrealisedPnl: 2, exposure: 1336, positions: 1, unpriced: 0, accounts: 1 }
		]);

		// A manual mark at the last bar's minute agreeing with it: two sources, high confidence.
		await engine.addPriceMark('real', { symbol: 'RIVN', price: 13.36, time: ny(15, 10) });
		const [marked] = (await engine.positions('real')).accounts[0]!.positions;
		expect(marked!.price).toMatchObject({
			price: 13.36,
			confidence: 'high',
			used: ['RIVN.csv', 'manual mark']
		});
		expect(marked).toMatchObject({ unrealisedPnl: 2, exposure: 1336 });

		// The other mode's database is its own: no position there.
		expect((await engine.positions('paper')).accounts).toEqual([]);
		await engine.close();
	});

	it('nets partial exits at the average cost, signs shorts, weighs by exposure and keeps currencies apart', async () => {
		let clock = NOW;
		const engine = createEngineApi({ now: () => clock });
		await importDas(
			engine,
			das([
				// RIVN: 300 bought (100 at 13.30, 200 at 13.35), 100 sold: 200 held at 13.3333…
				'14:45:10,RIVN,B,13.30,100,ARCA,,TRPA61247,Margin,AUTO,-,0,,',
				'14:46:10,RIVN,B,13.35,200,ARCA,,TRPA61247,Margin,AUTO,-,0,,',
				'14:50:10,RIVN,S,13.40,100,ARCA,,TRPA61247,Margin,AUTO,-,0,6.67,',
				// XYZ (RIVN's bars imported as XYZ): 50 short at 13.50.
				'14:47:00,XYZ,SS,13.50,50,ARCA,,TRPA61247,Short,AUTO,-,0,,',
				// NOBAR: a short with no price anywhere.
				'14:48:00,NOBAR,SS,7.25,10,ARCA,,TRPA61247,Short,AUTO,-,0,,',
				// A closed round trip: no position.
				'14:49:00,CLOSED,B,5,10,ARCA,,TRPA61247,Margin,AUTO,-,0,,',
				'14:49:30,CLOSED,S,6,10,ARCA,,TRPA61247,Margin,AUTO,-,0,10,'
			])
		);
		clock += 1000;
		await importDas(engine, das(['14:45:30,RIVN,B,13.34,10,ARCA,,EU001,Margin,AUTO,-,0,,']), {
			...DAS,
			newAccountCurrency: 'EUR'
		});
		await importBars(engine, 'RIVN');
		await importBars(engine, 'XYZ');

		const { accounts, totals } = await engine.positions('real');
		expect(accounts.map((a) => [a.number, a.currency])).toEqual([
			['TRPA61247', 'USD'],
			['EU001', 'EUR']
		]);
		const usd = accounts[0]!;
		expect(
			usd.positions.map((p) => [
				p.symbol,
				p.side,
				p.quantity,
				p.price.price,
				p.unrealisedPnl,
				p.exposure,
				p.weight
			])
		).toEqual([
			['NOBAR', 'short', -10, null, null, null, null],
			// 13.36 × 200 − 4000 × 200 / 300 = 2672 − 2666.666… = 5.333… → 5.33
			['RIVN', 'long', 200, 13.36, 5.33, 2672, 0.8],
			// (13.36 − 13.50) × −50 = +7.00
			['XYZ', 'short', -50, 13.36, 7, 668, 0.2]
		]);
		expect(usd.positions[1]!.averageCost).toBeCloseTo(13.333333333333334, 12);
		expect(usd.positions[0]!.averageCost).toBe(7.25);
		expect(usd).toMatchObject({ unrealisedPnl: 12.33, exposure: 3340, unpriced: 1 });
		expect(
			accounts[1]!.positions.map((p) => [p.symbol, p.quantity, p.unrealisedPnl, p.exposure, p.weight])
		).toEqual([['RIVN', 10, 0.2, 133.6, 1]]);
		// Per currency, never added together.
		expect(totals).toEqual([
			{ currency: 'EUR', unrealisedPnl: 0.2, exposure: 133.6, positions: 1, unpriced: 0, accounts: 1 },
			{ currency: 'USD', unrealisedPnl: 12.33, exposure: 3340, positions: 2, unpriced: 1, accounts: 1 }
		]);
		await engine.close();
	});
});

describe('position arithmetic', () => {
	it('reads a number as the decimal it prints as', () => {
		expect(decimalFraction(13.34)).toEqual({ n: 1334n, d: 100n });
		expect(decimalFraction(-0.0001)).toEqual({ n: -1n, d: 10000n });
		expect(decimalFraction(1e-7)).toEqual({ n: 1n, d: 10000000n });
		expect(decimalFraction(1.5e21)).toEqual({ n: 1500000000000000000000n, d: 1n });
		expect(() => decimalFraction(NaN)).toThrow('Not a finite number: NaN');
	});

	it('rounds to the cent half away from zero', () => {
		expect(centsOf({ n: 1n, d: 8n })).toBe(0.13);
		expect(centsOf({ n: -1n, d: 8n })).toBe(-0.13);
		expect(centsOf({ n: 2675n, d: 1000n })).toBe(2.68);
		expect(centsOf({ n: -1n, d: 1000n })).toBe(0);
		expect(Object.is(centsOf({ n: -1n, d: 1000n }), -0)).toBe(false);
	});

	it('values sub-penny prices and fractional quantities exactly', () => {
		// 0.3 BTC held of 0.3 bought at 61,234.5678; at 61,300.0001: 0.3 × 65.4323 = 19.62969 → 19.63
		const holding = { quantity: decimalFraction(0.3), cost: { n: 3n * 612345678n, d: 10n * 10000n } };
		// Exposure 0.3 × 61,300.0001 = 18,390.00003 → 18,390.00
		expect(valueAt(holding, 61300.0001, 1)).toEqual({ unrealisedPnl: 19.63, exposure: 18390 });
		// An option: 2 contracts × 100 bought at 1.255, at 1.2625: 2 × 100 × 0.0075 = 1.50
		expect(valueAt({ quantity: { n: 2n, d: 1n }, cost: { n: 2510n, d: 1000n } }, 1.2625, 100)).toEqual({
			unrealisedPnl: 1.5,
			exposure: 252.5
		});
	});

	it('holds what is left of the entries at their average cost', () => {
		const table = { side: [0, 0, 1], price: [13.3, 13.35, 13.4] };
		const legs = [
			{ execution: 0, quantity: 100, position: 100 },
			{ execution: 1, quantity: 200, position: 300 },
			{ execution: 2, quantity: 100, position: 200 }
		];
		const h = holdingOf({ direction: 'long', entryQuantity: 300, legs }, table);
		expect(h.quantity).toEqual({ n: 200n, d: 1n });
		// 4000 × 200 / 300
		expect(Number(h.cost.n) / Number(h.cost.d)).toBeCloseTo(2666.6666666666665, 9);
		const short = holdingOf(
			{ direction: 'short', entryQuantity: 50, legs: [{ execution: 2, quantity: 50, position: -50 }] },
			table
		);
		expect(short.quantity).toEqual({ n: -50n, d: 1n });
		expect(Number(short.cost.n) / Number(short.cost.d)).toBe(-670);
	});

	it('unrealised P&L is the cash a close at the last price would realise, to the cent', () => {
		// Whole shares at prices of up to 4 decimals: the integer arithmetic of the trades' cash flow.
		const price4 = fc.integer({ min: 1, max: 5_000_000 }).map((x) => x / 10_000);
		fc.assert(
			fc.property(
				fc.array(fc.record({ q: fc.integer({ min: 1, max: 5000 }), p: price4 }), {
					minLength: 1,
					maxLength: 6
				}),
				price4,
				fc.constantFrom(1, 100),
				fc.boolean(),
				(entries, last, m, long) => {
					const table = { side: entries.map(() => (long ? 0 : 1)), price: entries.map((e) => e.p) };
					let position = 0;
					const legs = entries.map((e, i) => {
						position += long ? e.q : -e.q;
						return { execution: i, quantity: e.q, position };
					});
					const units = entries.reduce((s, e) => s + e.q, 0);
					const h = holdingOf({ direction: long ? 'long' : 'short', entryQuantity: units, legs }, table);
					// In ten-thousandths of a unit of money, exactly.
					const cost = entries.reduce((s, e) => s + e.q * Math.round(e.p * 10_000), 0);
					const marked = units * Math.round(last * 10_000);
					const pnl = (long ? marked - cost : cost - marked) * m;
					const expected = (Math.sign(pnl) * Math.floor((Math.abs(pnl) + 50) / 100)) / 100;
					const got = valueAt(h, last, m);
					expect(got.unrealisedPnl).toBe(expected === 0 ? 0 : expected);
					expect(got.exposure).toBe(Math.floor((marked * m + 50) / 100) / 100);
				}
			)
		);
	});
});
