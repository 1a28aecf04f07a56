import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { dbName } from '$lib/db/schema';
import { createEngineApi } from './engine-api';
import { manualInput } from './engine-reconcile';
import { DAS } from './testing';

afterEach(() => Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]));

const NOW = 1_760_400_000_000;
const HEADER = 'Time,Symbol,Side,Price,Qty,Route,Broker,Account,Type,Cloid,Liq,ECNFee,P / L,';
/** 100 RIVN bought at 13.34 and 50 MU sold short at 90, 2025-10-13 New York. */
const TRADES = `${HEADER}\n14:45:30,RIVN,B,13.34,100,ARCA,,TRPA61247,Margin,AUTO,-,0,,\n10:00:00,MU,SS,90,50,ARCA,,TRPA61247,Short,AUTO,-,0,,\n`;
const POSITIONS = [
	'Symbol,Account,Type,Shares,Avgcost,Realized,Unrealized',
	'RIVN,TRPA61247,Margin,200,13.50,0.00,0.00',
	'MU,TRPA61247,Short,50,90,0.00,0.00',
	'Summary,,,,,0.00,0.00',
	''
].join('\n');
const REQUEST = {
	formatId: 'das-positions',
	date: '2025-10-13',
	mapping: null,
	accountId: null,
	zone: 'America/New_York'
};
const ACCOUNT = 'das trader|TRPA61247';

type Engine = ReturnType<typeof createEngineApi>;

async function withExecutions(): Promise<Engine> {
	const engine = createEngineApi({ now: () => NOW });
	const done = await engine.importFile(
		'real',
		'das',
		new File([TRADES], 'Trades_2025-10-13.csv'),
		DAS,
		() => undefined
	);
	expect(done).toMatchObject({ ok: true });
	return engine;
}

describe('engine reconcile', () => {
	it('previews a DAS positions file: its format, header, the day in its name and the accounts', async () => {
		const engine = await withExecutions();
		expect(
			await engine.previewPositionsFile('real', new File([POSITIONS], 'Positions_2025-10-13.csv'))
		).toEqual({
			fileName: 'Positions_2025-10-13.csv',
			formatId: 'das-positions',
			formats: [
				{ id: 'das-positions', label: 'DAS Trader — Positions window', needsDate: true },
				{ id: 'ibkr-flex-positions', label: 'Interactive Brokers — Flex open positions', needsDate: false },
				{ id: 'tastytrade-positions', label: 'tastytrade — Positions', needsDate: true },
				{ id: 'generic-positions', label: 'Other CSV — columns you choose', needsDate: true }
			],
			header: ['Symbol', 'Account', 'Type', 'Shares', 'Avgcost', 'Realized', 'Unrealized'],
			dateFromName: '2025-10-13',
			accounts: [{ id: ACCOUNT, label: 'DAS Trader · TRPA61247' }]
		});
		await engine.close();
	});

	it('imports a snapshot, refuses the same file twice, reconciles it, adds the opening balance and deletes it', async () => {
		const engine = await withExecutions();
		const file = new File([POSITIONS], 'Positions.csv');
		const imported = await engine.importPositions('real', file, REQUEST);
		expect(imported).toMatchObject({
			ok: true,
			snapshot: {
				fileName: 'Positions.csv',
				broker: 'DAS Trader',
				asOfDate: '2025-10-13',
				// 23:59:59.999 New York (EDT) on 2025-10-13.
				asOf: Date.UTC(2025, 9, 14, 3, 59, 59, 999),
				accounts: ['DAS Trader · TRPA61247'],
				positions: 2
			}
		});
		if (!imported.ok) return;
		const again = await engine.importPositions('real', new File([POSITIONS], 'copy.csv'), REQUEST);
		expect(again).toMatchObject({ ok: false, errors: [], sameAs: { id: imported.snapshot.id } });
		expect(again.ok ? '' : again.message).toMatch(
			/^copy\.csv is already stored \(the same file, imported .* as Positions\.csv\)/
		);
		expect(await engine.positionSnapshots('real')).toHaveLength(1);

		const id = imported.snapshot.id;
		const before = await engine.reconcileSnapshot('real', id);
		expect(before?.counts).toEqual({ matches: 1, differs: 1, 'only-broker': 0, 'only-fillbook': 0 });
		const rivn = before?.rows.find((r) => r.symbol === 'RIVN');
		expect(rivn).toMatchObject({
			account: 'DAS Trader · TRPA61247',
			currency: 'USD',
			status: 'differs',
			brokerQuantity: 200,
			executionQuantity: 100,
			difference: 100,
			explanation:
				'DAS Trader says 200 RIVN, executions give 100: 100 missing (fills before 2025-10-13 not imported?)',
			// (200 × 13.50 − 100 × 13.34) / 100 = 13.66, a second before the first RIVN execution.
			openingText: 'Buy 100 RIVN at 13.66 on 2025-10-13 14:45:29 (America/New_York)'
		});

		expect(await engine.addOpeningBalance('real', id, ACCOUNT, 'RIVN')).toEqual({ ok: true });
		const after = await engine.reconcileSnapshot('real', id);
		expect(after?.counts).toEqual({ matches: 2, differs: 0, 'only-broker': 0, 'only-fillbook': 0 });
		expect(after?.rows.find((r) => r.symbol === 'RIVN')).toMatchObject({
			executionQuantity: 200,
			executionAvgCost: 13.5,
			explanation: ''
		});
		// A second click finds nothing left to add.
		expect(await engine.addOpeningBalance('real', id, ACCOUNT, 'RIVN')).toEqual({
			ok: false,
			message: 'RIVN already matches.'
		});

		expect(await engine.deletePositionSnapshot('real', id)).toBe(true);
		expect(await engine.positionSnapshots('real')).toEqual([]);
		expect(await engine.reconcileSnapshot('real', id)).toBeNull();
		// Deleted, the same file imports again.
		expect(await engine.importPositions('real', file, REQUEST)).toMatchObject({ ok: true });
		await engine.close();
	});

	it('refuses a file naming an unknown account or a bad cell, with line, column and reason, storing nothing', async () => {
		const engine = await withExecutions();
		const bad = POSITIONS.replace('MU,TRPA61247', 'MU,TR999').replace('200,13.50', 'lots,13.50');
		const outcome = await engine.importPositions('real', new File([bad], 'Positions.csv'), REQUEST);
		expect(outcome).toEqual({
			ok: false,
			message: 'Positions.csv: 2 problems (listed with line, column and reason). Nothing was stored.',
			errors: [
				{ line: 2, column: 'Shares', reason: '"lots" is not a number' },
				{
					line: 3,
					column: 'Account',
					reason:
						'account TR999 at DAS Trader is not an account of this mode: import its executions first, or add it in Settings → Accounts'
				}
			],
			sameAs: null
		});
		// Without the day, the file is refused too.
		expect(
			await engine.importPositions('real', new File([POSITIONS], 'P.csv'), { ...REQUEST, date: null })
		).toMatchObject({
			ok: false,
			errors: [{ line: 1, column: null }]
		});
		expect(await engine.positionSnapshots('real')).toEqual([]);
		await engine.close();
	});

	it('reads a generic file into the chosen account', async () => {
		const engine = await withExecutions();
		const text = 'Ticker,Pos,Cost\nRIVN,100,13.34\n';
		const outcome = await engine.importPositions('real', new File([text], 'mine.csv'), {
			formatId: 'generic-positions',
			date: '2025-10-13',
			mapping: { symbol: 'Ticker', quantity: 'Pos', account: null, avgCost: 'Cost', date: null },
			accountId: ACCOUNT,
			zone: 'America/New_York'
		});
		expect(outcome).toMatchObject({ ok: true, snapshot: { broker: 'DAS Trader', positions: 1 } });
		if (!outcome.ok) return;
		const answer = await engine.reconcileSnapshot('real', outcome.snapshot.id);
		// The short MU is in the account but not in the file: only in Fillbook.
		expect(answer?.rows.map((r) => [r.symbol, r.status])).toEqual([
			['MU', 'only-fillbook'],
			['RIVN', 'matches']
		]);
		await engine.close();
	});
});

describe('manualInput', () => {
	it('writes the opening as wall time in the zone, or in UTC when that wall time happens twice', () => {
		const base = { accountId: 'a', symbol: 'X', side: 'sell' as const, quantity: 5, price: 2 };
		expect(
			manualInput({ ...base, time: Date.UTC(2025, 2, 4, 14, 29, 59) }, 'America/New_York')
		).toMatchObject({
			date: '2025-03-04',
			time: '09:29:59',
			zone: 'America/New_York',
			side: 'sell',
			shortSale: true
		});
		// 2025-11-02 01:30 happens twice in New York; the second time is 06:30 UTC.
		expect(manualInput({ ...base, time: Date.UTC(2025, 10, 2, 6, 30, 0) }, 'America/New_York')).toMatchObject(
			{
				date: '2025-11-02',
				time: '06:30:00',
				zone: 'UTC'
			}
		);
	});
});
