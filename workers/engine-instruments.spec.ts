import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { instrumentFor, type Instrument } from '$lib/core/instruments';
import type { Execution } from '$lib/core/model/execution';
import { encodeExecutions } from '$lib/core/model/execution-codec';
import { dbName, FillbookDb } from '$lib/db/schema';
import { createEngineApi } from './engine-api';
import { checkInstrument, mergeIntoCatalogue, revealedFacts } from './engine-instruments';
import { DAS, dasText, file } from './testing';

const noProgress = () => undefined;

afterEach(async () => {
	await Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]);
});

function execution(i: number, over: Partial<Execution> = {}): Execution {
	return {
		id: i.toString(16).padStart(16, '0'),
		importId: 'imp',
		accountId: 'das|A1',
		brokerExecutionId: null,
		symbol: 'AAPL',
		assetClass: 'stock',
		side: 'buy',
		positionEffect: null,
		shortSale: false,
		quantity: 10,
		price: 100,
		time: 1_760_000_000_000 + i,
		commission: null,
		fees: null,
		currency: null,
		multiplier: null,
		orderId: null,
		venue: null,
		brokerPnl: null,
		line: i + 2,
		...over
	};
}

const symbolsOf = (entries: { instrument: Instrument }[], source: Instrument['source']) =>
	entries.filter((e) => e.instrument.source === source).map((e) => e.instrument.symbol);

describe('revealedFacts', () => {
	it('gives one fact per symbol, class, currency and multiplier; the currency is the file’s, else the account’s', () => {
		const chunk = encodeExecutions('imp', [
			execution(0),
			execution(1, { quantity: 5 }),
			execution(2, { symbol: 'LEZ5', assetClass: 'future', multiplier: 400, accountId: 'ib|U1' }),
			execution(3, { symbol: 'AAPL', accountId: 'ib|U1' }),
			execution(4, { symbol: 'SAP', currency: 'EUR' }),
			execution(5),
			execution(6, { symbol: 'MYST', accountId: 'nobody' })
		]);
		const currencies = new Map([
			['das|A1', 'USD'],
			['ib|U1', 'CHF']
		]);
		expect(revealedFacts([chunk], currencies)).toEqual([
			{ symbol: 'AAPL', assetClass: 'stock', currency: 'USD', multiplier: null, quantity: null },
			{ symbol: 'LEZ5', assetClass: 'future', currency: 'CHF', multiplier: 400, quantity: null },
			{ symbol: 'AAPL', assetClass: 'stock', currency: 'CHF', multiplier: null, quantity: null },
			{ symbol: 'SAP', assetClass: 'stock', currency: 'EUR', multiplier: null, quantity: null },
			{ symbol: 'MYST', assetClass: 'stock', currency: null, multiplier: null, quantity: null }
		]);
	});

	it('keeps the quantity of the most decimals per fact, across chunks (the lot step)', () => {
		const btc = (i: number, quantity: number) =>
			execution(i, { symbol: 'BTC-USD', assetClass: 'crypto', quantity });
		const chunks = [
			encodeExecutions('imp', [btc(0, 1), btc(1, 0.5), btc(2, 0.25), btc(3, 0.5)]),
			encodeExecutions('imp', [btc(4, 2), btc(5, 0.125), btc(6, 0.3)])
		];
		expect(revealedFacts(chunks, new Map([['das|A1', 'USD']]))).toEqual([
			{ symbol: 'BTC-USD', assetClass: 'crypto', currency: 'USD', multiplier: null, quantity: 0.125 }
		]);
	});

	it('reads the facts of many chunks with symbols interleaved row by row, each symbol once', () => {
		const symbols = ['AAPL', 'MSFT', 'NVDA', 'TSLA', 'AMD'];
		const chunk = encodeExecutions(
			'imp',
			Array.from({ length: 5_000 }, (_, i) =>
				execution(i, { symbol: symbols[i % 5]!, quantity: 1 + (i % 7) })
			)
		);
		// (Its speed on a million executions, 50–140 ms here, is measured beside the import's, not timed here.)
		const facts = revealedFacts(
			Array.from({ length: 20 }, () => chunk),
			new Map([['das|A1', 'USD']])
		);
		expect(facts.map((f) => f.symbol)).toEqual(symbols);
	});
});

describe('checkInstrument', () => {
	const es = instrumentFor('ES', 'future');

	it('keys a record by its canonical symbol and keeps the typed spelling as an alias', () => {
		const checked = checkInstrument({ ...es, symbol: 'esz5', tick: { kind: 'fixed', tick: 0.5 } });
		expect(checked).toEqual({
			ok: true,
			record: { ...es, aliases: ['ESZ5'], tick: { kind: 'fixed', tick: 0.5 }, source: 'user' }
		});
	});

	it('refuses a bad value with the core’s reason and the field at fault', () => {
		expect(checkInstrument({ ...es, tick: { kind: 'fixed', tick: 0 } })).toEqual({
			ok: false,
			field: 'tick',
			message: 'ES: the tick must be a positive number, not 0'
		});
		expect(checkInstrument({ ...es, multiplier: -50 })).toEqual({
			ok: false,
			field: 'multiplier',
			message: 'ES: the multiplier must be a positive number, not -50'
		});
		expect(checkInstrument({ ...es, lotStep: 0 })).toEqual({
			ok: false,
			field: 'lotStep',
			message: 'ES: the lot step must be a positive number, not 0'
		});
		expect(checkInstrument({ ...es, currency: 'us dollars' })).toEqual({
			ok: false,
			field: 'currency',
			message: 'ES: "US DOLLARS" is not a currency code'
		});
		expect(checkInstrument({ ...es, symbol: '  ' })).toMatchObject({ ok: false, field: 'symbol' });
		expect(checkInstrument({ ...es, session: 'lunch' })).toEqual({
			ok: false,
			field: 'session',
			message: '"lunch" is not a trading session'
		});
		expect(checkInstrument({ ...es, assetClass: 'bond' })).toMatchObject({ ok: false, field: 'assetClass' });
		expect(checkInstrument({ ...es, tick: 0.25 })).toMatchObject({ ok: false, field: 'tick' });
		expect(checkInstrument(null)).toMatchObject({ ok: false, field: null });
	});
});

describe('engine instruments', () => {
	it('lists an import’s symbols as imported records beside the starter list', async () => {
		const engine = createEngineApi({ now: () => 1 });
		expect(await engine.importFile('paper', 'j', file(), DAS, noProgress)).toMatchObject({
			ok: true,
			warnings: []
		});
		const entries = await engine.instruments('paper');
		expect(symbolsOf(entries, 'import')).toEqual([
			'BABA',
			'BRK.B',
			'CRKN',
			'CYN',
			'INHD',
			'IWM',
			'NFLX',
			'QQQ',
			'RIVN',
			'SMX',
			'WOLF'
		]);
		expect(entries.find((e) => e.instrument.symbol === 'BRK.B')).toEqual({
			instrument: { ...instrumentFor('BRK B'), source: 'import' },
			starter: null
		});
		expect(entries.find((e) => e.instrument.symbol === 'ES')).toEqual({
			instrument: instrumentFor('ES', 'future'),
			starter: null
		});
		expect(instrumentFor('ES', 'future')).toMatchObject({
			multiplier: 50,
			tick: { kind: 'fixed', tick: 0.25 }
		});
		// The other mode learned nothing.
		expect(symbolsOf(await engine.instruments('real'), 'import')).toEqual([]);
		await engine.close();
	});

	it('says where a file disagrees with the user’s record, as an import warning, and keeps the record', async () => {
		const engine = createEngineApi({ now: () => 1 });
		const nflx = { ...instrumentFor('NFLX'), currency: 'EUR', name: 'Netflix (Xetra)' };
		expect(await engine.saveInstrument('paper', nflx)).toEqual({
			ok: true,
			instrument: { ...nflx, source: 'user' }
		});
		const outcome = await engine.importFile('paper', 'j', file(), DAS, noProgress);
		expect(outcome).toMatchObject({
			ok: true,
			warnings: ['Instruments: NFLX: the file says currency USD; your record NFLX has EUR (kept)']
		});
		expect((await engine.listImports('paper'))[0]!.warnings).toEqual([
			'Instruments: NFLX: the file says currency USD; your record NFLX has EUR (kept)'
		]);
		const entries = await engine.instruments('paper');
		expect(entries.find((e) => e.instrument.symbol === 'NFLX')!.instrument).toEqual({
			...nflx,
			source: 'user'
		});
		await engine.close();
	});

	it('imports the same file twice without changing the catalogue', async () => {
		const engine = createEngineApi({ now: () => 1 });
		await engine.importFile('paper', 'a', file(), DAS, noProgress);
		const once = await engine.instruments('paper');
		expect(await engine.importFile('paper', 'b', file(), DAS, noProgress)).toMatchObject({
			ok: true,
			counts: { imported: 0 }
		});
		expect(await engine.instruments('paper')).toEqual(once);
		await engine.close();
	});

	it('undoing an import removes the records only it revealed; another import’s stay', async () => {
		const engine = createEngineApi({ now: () => 1 });
		const first = await engine.importFile('paper', 'a', file(), DAS, noProgress);
		// The same day's NFLX executions alone, in a file of their own (and a new symbol).
		const [header, ...rows] = dasText.trim().split('\n');
		const nflx = [
			header,
			...rows.filter((r) => r.includes(',NFLX,')),
			'15:50:00,ZZZZ,B,1.00,1,ARCA,,TRPA61247,Margin,X,-,0,,'
		];
		const second = await engine.importFile(
			'paper',
			'b',
			new File([nflx.join('\n')], 'Trades_2025-10-14.csv'),
			{ ...DAS, tradeDate: '2025-10-14' },
			noProgress
		);
		if (!first.ok || !second.ok) throw new Error('not imported');
		expect(await engine.undoImport('paper', first.importId)).toBe(true);
		expect(symbolsOf(await engine.instruments('paper'), 'import')).toEqual(['NFLX', 'ZZZZ']);
		expect(await engine.undoImport('paper', second.importId)).toBe(true);
		expect(symbolsOf(await engine.instruments('paper'), 'import')).toEqual([]);
		await engine.close();
	});

	it('saves the user’s edit of a starter record over it, and a removal brings the starter back', async () => {
		const engine = createEngineApi({ now: () => 1 });
		const es = instrumentFor('ES', 'future');
		const saved = await engine.saveInstrument('paper', { ...es, tick: { kind: 'fixed', tick: 0.5 } });
		expect(saved).toEqual({
			ok: true,
			instrument: { ...es, tick: { kind: 'fixed', tick: 0.5 }, source: 'user' }
		});
		const listed = (await engine.instruments('paper')).filter((e) => e.instrument.symbol === 'ES');
		expect(listed).toEqual([
			{ instrument: { ...es, tick: { kind: 'fixed', tick: 0.5 }, source: 'user' }, starter: es }
		]);

		expect(await engine.removeInstrument('paper', 'ES')).toEqual({ ok: true, instrument: es });
		expect((await engine.instruments('paper')).filter((e) => e.instrument.symbol === 'ES')).toEqual([
			{ instrument: es, starter: null }
		]);
		expect(await engine.removeInstrument('paper', 'ES')).toEqual({
			ok: false,
			message: 'ES has no stored record to remove.'
		});
		await engine.close();
	});

	it('answers the instrument in effect for a symbol the desk trades: stored, else starter, else rules', async () => {
		const engine = createEngineApi({ now: () => 1 });
		// A bare ES is the stock ticker until someone records it as the future.
		expect(await engine.instrumentOf('paper', 'ES')).toEqual(instrumentFor('ES'));
		expect(await engine.instrumentOf('paper', 'BTC-USD')).toEqual(instrumentFor('BTC-USD'));
		const es = { ...instrumentFor('ES', 'future'), tick: { kind: 'fixed' as const, tick: 0.5 } };
		await engine.saveInstrument('paper', es);
		const aapl = { ...instrumentFor('AAPL'), lotStep: 0.001 };
		await engine.saveInstrument('paper', aapl);
		expect(await engine.instrumentOf('paper', 'ES')).toEqual({ ...es, source: 'user' });
		expect(await engine.instrumentOf('paper', 'ESZ5')).toEqual({ ...es, source: 'user' });
		expect((await engine.instrumentOf('paper', 'aapl')).lotStep).toBe(0.001);
		// The other mode's catalogue is its own.
		expect(await engine.instrumentOf('real', 'ES')).toEqual(instrumentFor('ES'));
		await expect(engine.instrumentOf('paper', ' ')).rejects.toThrow('Which instrument? No symbol was given.');
		await engine.close();
	});

	it('refuses a bad record with its reason and stores nothing', async () => {
		const engine = createEngineApi({ now: () => 1 });
		const aapl = instrumentFor('AAPL');
		expect(await engine.saveInstrument('paper', { ...aapl, tick: { kind: 'fixed', tick: -0.01 } })).toEqual({
			ok: false,
			field: 'tick',
			message: 'AAPL: the tick must be a positive number, not -0.01'
		});
		expect(symbolsOf(await engine.instruments('paper'), 'user')).toEqual([]);
		await engine.close();
	});
});

describe('mergeIntoCatalogue', () => {
	it('never stores a file’s record over another class’s record of the same symbol', async () => {
		const db = new FillbookDb('paper');
		const future = {
			...instrumentFor('LE', 'future'),
			multiplier: 400,
			source: 'user' as const,
			importIds: []
		};
		await db.instruments.put(future);
		const notes = await mergeIntoCatalogue(db, 'imp', [
			{ symbol: 'LE', assetClass: 'stock', currency: 'USD' }
		]);
		expect(notes).toEqual([
			"LE: another record of LE (of another class) is stored; the file's was not added"
		]);
		expect(await db.instruments.toArray()).toEqual([future]);
		db.close();
	});
});
