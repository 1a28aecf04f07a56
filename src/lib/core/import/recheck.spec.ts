import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeExecutions } from '../model/execution-codec';
import type { ImportRecord } from '../model/records';
import { idLanes } from '../identity';
import { planExecutions, planImport, type Stored } from './plan';
import { plannedRecords, recheckPlan } from './recheck';

const NOTHING: Stored = { hasExecution: () => false, hasJournalTrade: () => false, hasBar: () => false };

function execution(i: number): ImportRecord {
	return {
		kind: 'execution',
		accountNumber: i % 2 === 0 ? 'TR1' : 'TR2',
		brokerExecutionId: i % 3 === 0 ? `B${i}` : null,
		symbol: i % 4 === 0 ? 'MU' : 'AAPL',
		assetClass: 'stock',
		side: i % 2 === 0 ? 'buy' : 'sell',
		positionEffect: null,
		shortSale: false,
		quantity: 10 + i,
		price: 50 + i / 100,
		time: 1_760_362_200_000 + i * 1000,
		commission: null,
		fees: 0.01,
		currency: 'USD',
		multiplier: null,
		orderId: i % 2 === 0 ? `O${i}` : null,
		venue: 'ARCA',
		brokerPnl: null,
		line: i + 2
	};
}

function bar(i: number): ImportRecord {
	return {
		kind: 'bar',
		symbol: 'MU',
		time: 1_760_362_200_000 + i * 60_000,
		open: 1,
		high: 2,
		low: 1,
		close: 2,
		volume: 5,
		line: i + 2
	};
}

function journal(i: number): ImportRecord {
	return {
		kind: 'journal',
		accountNumber: null,
		symbol: 'MU',
		direction: 'long',
		openTime: 1_760_362_200_000 + i * 1000,
		closeTime: 1_760_362_260_000 + i * 1000,
		volume: 100,
		executionCount: 2,
		entryPrice: 50,
		exitPrice: 51,
		grossPnl: 100,
		netPnl: 99,
		commissions: 1,
		fees: 0,
		initialRisk: null,
		pnlR: null,
		notes: '',
		tags: [],
		raw: {},
		line: i + 2
	};
}

const OPTIONS = { importId: 'imp', broker: 'DAS Trader', accountId: 'das trader|TR9' };

/** A Stored holding exactly these ids / bar times / journal ids. */
function storedOf(executions: string[], journalIds: string[], barTimes: number[]): Stored {
	const lanes = new Set(executions.map((id) => idLanes(id).join(':')));
	return {
		hasExecution: (hi, lo) => lanes.has(`${hi >>> 0}:${lo >>> 0}`),
		hasJournalTrade: (id) => journalIds.includes(id),
		hasBar: (_symbol, time) => barTimes.includes(time)
	};
}

describe('recheckPlan', () => {
	it('keeps a plan whole when nothing was stored meanwhile', () => {
		const plan = planImport([0, 1, 2, 3].map(execution), OPTIONS, NOTHING, new Set());
		const again = recheckPlan(plan, NOTHING, new Set());
		expect(again.chunks[0]).toBe(plan.chunks[0]);
		expect([again.executionCount, again.duplicates, again.newAccounts.length]).toEqual([4, 0, 2]);
	});

	it('drops what another tab stored meanwhile (executions, journal trades, bars) and the accounts it made', () => {
		const records = [...[0, 1, 2, 3, 4, 5].map(execution), ...[0, 1, 2].map(journal), ...[0, 1, 2].map(bar)];
		const plan = planImport(records, OPTIONS, NOTHING, new Set());
		const executions = planExecutions(plan);
		const stored = storedOf(
			[executions[1]!.id, executions[4]!.id],
			[plan.journal[0]!.id],
			[plan.bars.get('MU')![2]!.time]
		);
		const again = recheckPlan(plan, stored, new Set(['das trader|TR1']));
		expect(again.chunks.flatMap(decodeExecutions)).toEqual([0, 2, 3, 5].map((i) => executions[i]));
		expect(again.journal.map((t) => t.id)).toEqual(plan.journal.slice(1).map((t) => t.id));
		expect(again.bars.get('MU')!.map((b) => b.time)).toEqual(
			plan.bars
				.get('MU')!
				.slice(0, 2)
				.map((b) => b.time)
		);
		expect([again.executionCount, again.duplicates, plannedRecords(again)]).toEqual([4, 4, 8]);
		expect(again.newAccounts.map((a) => a.number)).toEqual(['TR2']);
	});

	it('always: what is kept plus what is dropped is the plan; nothing kept is stored; counts add up', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 40 }),
				fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
				(n, storedMask) => {
					const plan = planImport(
						Array.from({ length: n }, (_, i) => execution(i)),
						OPTIONS,
						NOTHING,
						new Set()
					);
					const executions = planExecutions(plan);
					const storedIds = executions.filter((_, i) => storedMask[i]).map((e) => e.id);
					const again = recheckPlan(plan, storedOf(storedIds, [], []), new Set());
					const kept = again.chunks.flatMap(decodeExecutions);
					expect(kept).toEqual(executions.filter((e) => !storedIds.includes(e.id)));
					expect(again.executionCount).toBe(kept.length);
					expect(again.duplicates - plan.duplicates).toBe(storedIds.length);
					expect(plannedRecords(again) + again.duplicates).toBe(plannedRecords(plan) + plan.duplicates);
					for (const chunk of again.chunks) {
						expect(chunk.firstTime).toBe(Math.min(...chunk.time));
						expect(chunk.lastTime).toBe(Math.max(...chunk.time));
					}
				}
			),
			{ numRuns: 100 }
		);
	});
});
