import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { dbName } from '$lib/db/schema';
import { createEngineApi } from './engine-api';
import { DAS, QUERY, file } from './testing';

const barsText = readFileSync('tests/fixtures/charts/RIVN.csv', 'utf8');
const journalText = readFileSync('tests/fixtures/samples/tradervue_export.csv', 'utf8');
const BARS = { ...DAS, formatId: 'yahoo-bars', tradeDate: null, symbol: 'RIVN' };
const JOURNAL = { ...DAS, formatId: 'tradervue-trades', tradeDate: null };

afterEach(async () => {
	await Dexie.delete(dbName('paper'));
	await Dexie.delete(dbName('real'));
});

async function setUp() {
	const engine = createEngineApi({ now: () => 1, locks: null });
	const ids: string[] = [];
	for (const [job, f, request] of [
		['a', file(), DAS],
		['b', new File([barsText], 'RIVN.csv'), BARS],
		['c', new File([journalText], 'tradervue_export.csv'), JOURNAL]
	] as const) {
		const outcome = await engine.importFile('paper', job, f, request, () => undefined);
		if (!outcome.ok) throw new Error(JSON.stringify(outcome));
		ids.push(outcome.importId);
	}
	const [, bars, journal] = ids as [string, string, string];
	return { engine, bars, journal };
}

describe('engine symbol index', () => {
	it('lists every symbol with its executions, bars and journal trades, by symbol, in the mode asked only', async () => {
		const engine = createEngineApi({ now: () => 1, locks: null });
		expect(await engine.symbolIndex('paper')).toEqual([]);
		await engine.close();
		const { engine: loaded } = await setUp();
		const index = await loaded.symbolIndex('paper');
		const row = (kinds: string[], trades = 0, openTrades = 0) => ({ kinds, trades, openTrades });
		const both = ['executions', 'journal'];
		// The sample DAS day's 11 symbols, RIVN's bars and the Tradervue export's 21 symbols. DAS names
		// Berkshire "BRK B" and Tradervue "BRK.B": two symbols here (the search finds both for "brk b").
		expect(Object.fromEntries(index.map(({ symbol, ...rest }) => [symbol, rest]))).toEqual({
			AAGR: row(['journal']),
			AMD: row(['journal']),
			BABA: row(both, 3),
			'BF.B': row(['journal']),
			'BRK B': row(['executions'], 1),
			'BRK.B': row(['journal']),
			CRKN: row(both, 1),
			CYN: row(both, 1),
			GNS: row(['journal']),
			INHD: row(both, 1),
			IWM: row(both, 1),
			NFLX: row(both, 1, 1),
			NVAX: row(['journal']),
			NVNI: row(['journal']),
			QQQ: row(['executions'], 1),
			RIOT: row(['journal']),
			RIVN: row(['executions', 'bars', 'journal'], 1),
			SBET: row(['journal']),
			SMCI: row(['journal']),
			SMR: row(['journal']),
			SMX: row(both, 1),
			TGL: row(['journal']),
			WOLF: row(both, 1)
		});
		// In symbol order, and the trade counts are the Trades list's.
		expect(index.map((s) => s.symbol)).toEqual(index.map((s) => s.symbol).sort());
		const rows = (await loaded.listTrades('paper', QUERY)).rows;
		for (const s of index) {
			expect(s.trades, s.symbol).toBe(rows.filter((r) => r.symbol === s.symbol).length);
			expect(s.openTrades, s.symbol).toBe(rows.filter((r) => r.symbol === s.symbol && r.open).length);
		}
		expect(await loaded.symbolIndex('real')).toEqual([]);
		await loaded.close();
	});

	it('drops what is gone: deleted executions, an undone import', async () => {
		const { engine, bars, journal } = await setUp();
		const qqq = (await engine.listTrades('paper', QUERY)).rows.find((r) => r.symbol === 'QQQ')!;
		const { executions } = (await engine.tradeDetail('paper', qqq.id))!;
		await engine.deleteExecutions(
			'paper',
			executions.map((e) => ({ id: e.id, description: `QQQ ${e.id}` }))
		);
		const symbols = async () => (await engine.symbolIndex('paper')).map((s) => s.symbol);
		expect(await symbols()).not.toContain('QQQ');

		await engine.undoImport('paper', bars);
		expect((await engine.symbolIndex('paper')).find((s) => s.symbol === 'RIVN')?.kinds).toEqual([
			'executions',
			'journal'
		]);
		await engine.undoImport('paper', journal);
		expect(await symbols()).toEqual([
			'BABA',
			'BRK B',
			'CRKN',
			'CYN',
			'INHD',
			'IWM',
			'NFLX',
			'RIVN',
			'SMX',
			'WOLF'
		]);
		await engine.close();
	});
});
