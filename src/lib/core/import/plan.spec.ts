import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExecutionRecord } from '../model/records';
import { planImport, type Stored } from './plan';

const nothingStored: Stored = {
	hasExecution: () => false,
	hasJournalTrade: () => false,
	hasBar: () => false
};
const storedFrom = (ids: Iterable<string>): Stored => {
	const set = new Set(ids);
	return { ...nothingStored, hasExecution: (id) => set.has(id) };
};
const OPTIONS = { importId: 'i1', broker: 'DAS Trader', accountId: null };

const execution = fc.record({
	symbol: fc.constantFrom('MU', 'AAPL', 'BRK.B'),
	side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
	quantity: fc.constantFrom(1, 100, 0.5),
	price: fc.constantFrom(50.99, 51, 0.0001),
	time: fc.integer({ min: 0, max: 5 }).map((s) => 1_760_362_200_000 + s * 1000),
	accountNumber: fc.constantFrom('TR1', 'TR2')
});

interface Row {
	symbol: string;
	side: 'buy' | 'sell';
	quantity: number;
	price: number;
	time: number;
	accountNumber: string;
}

function records(rows: Row[]): ExecutionRecord[] {
	return rows.map((r, i) => ({
		kind: 'execution',
		brokerExecutionId: null,
		accountNumber: r.accountNumber,
		symbol: r.symbol,
		assetClass: 'stock',
		side: r.side,
		positionEffect: null,
		shortSale: false,
		quantity: r.quantity,
		price: r.price,
		time: r.time,
		commission: null,
		fees: null,
		currency: null,
		multiplier: null,
		orderId: null,
		venue: null,
		brokerPnl: null,
		line: i + 2
	}));
}

describe('planImport', () => {
	it('keeps two identical executions of one file as two', () => {
		const [a] = records([
			{ symbol: 'MU', side: 'buy', quantity: 100, price: 50.99, time: 1, accountNumber: 'TR1' }
		]);
		const plan = planImport([a!, { ...a!, line: 3 }], OPTIONS, nothingStored, new Set());
		expect(plan.executions).toHaveLength(2);
		expect(plan.executions[0]?.id).not.toBe(plan.executions[1]?.id);
		expect(plan.duplicates).toBe(0);
	});

	it('importing twice stores the same as importing once', () => {
		fc.assert(
			fc.property(fc.array(execution, { maxLength: 60 }), (rows) => {
				const recs = records(rows);
				const once = planImport(recs, OPTIONS, nothingStored, new Set());
				const twice = planImport(recs, OPTIONS, storedFrom(once.executions.map((e) => e.id)), new Set());
				expect(twice.executions).toEqual([]);
				expect(twice.duplicates).toBe(recs.length);
				expect(once.executions).toHaveLength(recs.length);
			})
		);
	});

	it('gives the same set of ids whatever the row order', () => {
		fc.assert(
			fc.property(
				fc
					.array(execution, { maxLength: 60 })
					.chain((rows) =>
						fc.tuple(
							fc.constant(rows),
							fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length })
						)
					),
				([rows, shuffled]) => {
					const ids = (rs: typeof rows) =>
						planImport(records(rs), OPTIONS, nothingStored, new Set())
							.executions.map((e) => e.id)
							.sort();
					expect(ids(shuffled)).toEqual(ids(rows));
				}
			)
		);
	});

	it('an overlapping export adds exactly its new executions', () => {
		fc.assert(
			fc.property(
				fc.array(execution, { maxLength: 40 }),
				fc.array(execution, { maxLength: 40 }),
				(earlier, later) => {
					const first = planImport(records(earlier), OPTIONS, nothingStored, new Set());
					const full = planImport(
						records([...earlier, ...later]),
						OPTIONS,
						storedFrom(first.executions.map((e) => e.id)),
						new Set()
					);
					expect(full.executions).toHaveLength(later.length);
					expect(full.duplicates).toBe(earlier.length);
				}
			)
		);
	});

	it('names accounts the file introduces, and refuses executions with no account at all', () => {
		const [a] = records([
			{ symbol: 'MU', side: 'buy', quantity: 100, price: 50.99, time: 1, accountNumber: 'TR1' }
		]);
		const plan = planImport([a!, { ...a!, accountNumber: null, line: 9 }], OPTIONS, nothingStored, new Set());
		expect(plan.newAccounts).toEqual([
			{ id: 'das trader|TR1', broker: 'DAS Trader', number: 'TR1', currency: null }
		]);
		expect(plan.errors).toEqual([
			{ line: 9, column: null, reason: 'the row names no account and no account was chosen for this import' }
		]);
		const chosen = planImport(
			[{ ...a!, accountNumber: null }],
			{ ...OPTIONS, accountId: 'ibkr|U1' },
			nothingStored,
			new Set(['ibkr|U1'])
		);
		expect(chosen.executions[0]?.accountId).toBe('ibkr|U1');
		expect(chosen.newAccounts).toEqual([]);
	});
});
