import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executionId, executionTupleKey, hash64, idHex } from '../identity';
import type { Execution } from '../model/execution';
import { executionRecord } from '../../../../tests/support/records';
import { accountId } from '../model/account';
import type { BarRecord, ExecutionRecord, ImportRecord } from '../model/records';
import { medianGap } from '../model/journal';
import {
	ImportPlanner,
	planExecutions,
	planImport,
	type ImportPlan,
	type NewAccount,
	type PlanOptions,
	type Stored
} from './plan';

const nothingStored: Stored = {
	hasExecution: () => false,
	hasJournalTrade: () => false,
	hasBar: () => false
};
const storedFrom = (ids: Iterable<string>): Stored => {
	const set = new Set(ids);
	return { ...nothingStored, hasExecution: (hi, lo) => set.has(idHex(hi, lo)) };
};
/** What is stored, with execution ids as text (as the reference below checks them). */
interface StoredById extends Omit<Stored, 'hasExecution'> {
	hasExecution(id: string): boolean;
}
const byHalves = (stored: StoredById): Stored => ({
	...stored,
	hasExecution: (hi, lo) => stored.hasExecution(idHex(hi, lo))
});
/** A plan with its executions as objects, as plans were before they held chunks. */
type PlanWithExecutions = Omit<ImportPlan, 'chunks' | 'executionCount'> & { executions: Execution[] };
const withExecutions = ({
	chunks: _chunks,
	executionCount: _count,
	...plan
}: ImportPlan): PlanWithExecutions => ({
	...plan,
	executions: planExecutions({ chunks: _chunks, executionCount: _count, ...plan })
});
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
	// Field by field: some specs tag their rows with extra fields that are not record columns.
	return rows.map(({ symbol, side, quantity, price, time, accountNumber }, i) =>
		executionRecord({ symbol, side, quantity, price, time, accountNumber, line: i + 2 })
	);
}

describe('planImport', () => {
	it('keeps two identical executions of one file as two', () => {
		const [a] = records([
			{ symbol: 'MU', side: 'buy', quantity: 100, price: 50.99, time: 1, accountNumber: 'TR1' }
		]);
		const plan = planImport([a!, { ...a!, line: 3 }], OPTIONS, nothingStored, new Set());
		const [first, second] = planExecutions(plan);
		expect(plan.executionCount).toBe(2);
		expect(first?.id).not.toBe(second?.id);
		expect(plan.duplicates).toBe(0);
	});

	it('importing twice stores the same as importing once', () => {
		fc.assert(
			fc.property(fc.array(execution, { maxLength: 60 }), (rows) => {
				const recs = records(rows);
				const once = planImport(recs, OPTIONS, nothingStored, new Set());
				const twice = planImport(recs, OPTIONS, storedFrom(planExecutions(once).map((e) => e.id)), new Set());
				expect(twice.chunks).toEqual([]);
				expect(twice.duplicates).toBe(recs.length);
				expect(once.executionCount).toBe(recs.length);
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
						planExecutions(planImport(records(rs), OPTIONS, nothingStored, new Set()))
							.map((e) => e.id)
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
						storedFrom(planExecutions(first).map((e) => e.id)),
						new Set()
					);
					expect(full.executionCount).toBe(later.length);
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
		expect(planExecutions(chosen)[0]?.accountId).toBe('ibkr|U1');
		expect(chosen.newAccounts).toEqual([]);
	});
});

/** planImport as it was written before its fast paths (object spreads, string keys, one Set). */
function planImportReference(
	records: readonly ImportRecord[],
	options: PlanOptions,
	stored: StoredById,
	knownAccounts: ReadonlySet<string>
): PlanWithExecutions {
	const plan: PlanWithExecutions = {
		executions: [],
		journal: [],
		bars: new Map(),
		alternates: new Map(),
		barSpacing: new Map(),
		duplicates: 0,
		errors: [],
		newAccounts: []
	};
	const occurrences = new Map<string, number>();
	const seenInFile = new Set<string>();
	const newAccounts = new Map<string, NewAccount>();
	const barTimes = new Map<string, number[]>();
	const accountFor = (number: string | null, currency: string | null): string | null => {
		if (number === null) return options.accountId;
		const id = accountId(options.broker, number);
		if (!knownAccounts.has(id) && !newAccounts.has(id))
			newAccounts.set(id, { id, broker: options.broker, number, currency });
		return id;
	};
	/** Whether a record is new to the store and the file; counts it a duplicate if not. */
	const isNew = (key: string, inStore: boolean): boolean => {
		if (inStore || seenInFile.has(key)) {
			plan.duplicates++;
			return false;
		}
		seenInFile.add(key);
		return true;
	};
	for (const record of records) {
		if (record.kind === 'execution') {
			const account = accountFor(record.accountNumber, record.currency);
			if (account === null) {
				plan.errors.push({
					line: record.line,
					column: null,
					reason: 'the row names no account and no account was chosen for this import'
				});
				continue;
			}
			const identity = { ...record, accountId: account };
			let occurrence = 1;
			if (record.brokerExecutionId === null) {
				const key = executionTupleKey(identity);
				occurrence = (occurrences.get(key) ?? 0) + 1;
				occurrences.set(key, occurrence);
			}
			const id = executionId(identity, occurrence);
			if (!isNew(id, stored.hasExecution(id))) continue;
			const { kind: _kind, accountNumber: _number, ...rest } = record;
			plan.executions.push({ ...rest, id, accountId: account, importId: options.importId });
		} else if (record.kind === 'journal') {
			const account =
				record.accountNumber === null ? options.accountId : accountFor(record.accountNumber, null);
			const key = `J\u0001${account ?? ''}\u0001${record.symbol}\u0001${record.direction}\u0001${record.openTime}\u0001${record.volume}`;
			const occurrence = (occurrences.get(key) ?? 0) + 1;
			occurrences.set(key, occurrence);
			const id = hash64(`${key}\u0001${occurrence}`);
			if (!isNew(id, stored.hasJournalTrade(id))) continue;
			const { kind: _kind, accountNumber: _number, ...rest } = record;
			plan.journal.push({ ...rest, id, accountId: account, importId: options.importId });
		} else {
			const key = `${record.symbol}\u0001${record.time}`;
			barTimes.set(record.symbol, [...(barTimes.get(record.symbol) ?? []), record.time]);
			if (!isNew(key, stored.hasBar(record.symbol, record.time))) continue;
			let list = plan.bars.get(record.symbol);
			if (!list) plan.bars.set(record.symbol, (list = []));
			list.push(record);
		}
	}
	plan.newAccounts = [...newAccounts.values()];
	for (const [symbol, times] of barTimes) plan.barSpacing.set(symbol, medianGap(times.sort((a, b) => a - b)));
	return plan;
}

describe('planImport against its earlier form', () => {
	const anyRecord: fc.Arbitrary<ImportRecord> = fc
		.oneof(
			{ weight: 6, arbitrary: execution },
			{ weight: 2, arbitrary: execution.map((r) => ({ ...r, broker: true })) },
			{ weight: 1, arbitrary: execution.map((r) => ({ ...r, journal: true })) },
			{ weight: 1, arbitrary: execution.map((r) => ({ ...r, bar: true })) }
		)
		.chain((r) =>
			fc
				.record({
					account: fc.constantFrom<string | null>(r.accountNumber, null, ' TR1 '),
					brokerId: fc.constantFrom('X1', 'X2', 'X3'),
					currency: fc.constantFrom<string | null>(null, 'USD', 'EUR')
				})
				.map(({ account, brokerId, currency }): ImportRecord => {
					const [e] = records([{ ...r, accountNumber: account ?? '' }]);
					const line = r.time % 100;
					if ('journal' in r)
						return {
							kind: 'journal',
							accountNumber: account,
							symbol: r.symbol,
							direction: r.side === 'buy' ? 'long' : 'short',
							openTime: r.time,
							closeTime: null,
							volume: r.quantity,
							executionCount: null,
							entryPrice: r.price,
							exitPrice: null,
							grossPnl: null,
							netPnl: 1,
							commissions: null,
							fees: null,
							initialRisk: null,
							pnlR: null,
							notes: '',
							tags: [],
							raw: {},
							line
						};
					if ('bar' in r)
						return {
							kind: 'bar',
							symbol: r.symbol,
							time: r.time,
							open: r.price,
							high: r.price,
							low: r.price,
							close: r.price,
							volume: null,
							line
						} satisfies BarRecord;
					return {
						...e!,
						accountNumber: account,
						currency,
						brokerExecutionId: 'broker' in r ? brokerId : null,
						line
					};
				})
		);

	it('gives exactly the same plan, records in any mix', () => {
		fc.assert(
			fc.property(
				fc.array(anyRecord, { maxLength: 80 }),
				fc.constantFrom<string | null>(null, 'das trader|CHOSEN'),
				fc.array(fc.string({ minLength: 16, maxLength: 16, unit: fc.constantFrom(...'0123456789abcdef') })),
				fc.boolean(),
				(recs, chosen, storedIds, storeHalf) => {
					const ids = new Set(storedIds);
					const stored: StoredById = {
						hasExecution: (id) => ids.has(id) || (storeHalf && id < '8'),
						hasJournalTrade: (id) => storeHalf && id > 'c',
						hasBar: (_symbol, time) => storeHalf && time % 2000 === 0
					};
					const options = { ...OPTIONS, accountId: chosen };
					const known = new Set(['das trader|TR2']);
					const expected = planImportReference(recs, options, stored, known);
					expect(withExecutions(planImport(recs, options, byHalves(stored), known))).toEqual(expected);
					const planner = new ImportPlanner(options, byHalves(stored), known);
					for (const r of recs) planner.add(r);
					expect(withExecutions(planner.finish())).toEqual(expected);
				}
			),
			{ numRuns: 300 }
		);
	});
});
