/**
 * Pins stored identity bit for bit: the ids (and whole plans) below were computed by the code
 * before the import's fast paths were added. Ids are stored; if any of these change, re-importing
 * a file would no longer recognise what it stored before.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MU_BUY } from '../../../../tests/support/records';
import { das } from '../formats/das';
import { importText } from '../../../../tests/support/formats-testing';
import { executionId, executionTupleKey, idHex } from '../identity';
import type { BarRecord, ExecutionRecord, ImportRecord, JournalTradeRecord } from '../model/records';
import { planExecutions, planImport, type ImportPlan, type Stored } from './plan';

const nothingStored: Stored = {
	hasExecution: () => false,
	hasJournalTrade: () => false,
	hasBar: () => false
};

/**
 * A plan as it was pinned: its executions as objects (plans hold them as chunks now), without
 * what plans gained later (bars kept aside where they disagree with stored ones, which these
 * stores never hold, and each symbol's spacing in the file).
 */
function pinnedView({
	chunks: _chunks,
	executionCount: _count,
	alternates,
	barSpacing: _spacing,
	...plan
}: ImportPlan) {
	expect(alternates.size).toBe(0);
	return {
		...plan,
		executions: planExecutions({
			chunks: _chunks,
			executionCount: _count,
			alternates,
			barSpacing: _spacing,
			...plan
		})
	};
}

/** JSON with object keys sorted, so key order never matters; then its sha256. */
function digest(value: unknown): string {
	const canonical = (v: unknown): unknown =>
		Array.isArray(v)
			? (v as unknown[]).map(canonical)
			: v instanceof Map
				? [...(v as Map<unknown, unknown>).entries()].map(([k, x]) => [k, canonical(x)])
				: v !== null && typeof v === 'object'
					? Object.fromEntries(
							Object.keys(v)
								.sort()
								.map((k) => [k, canonical((v as Record<string, unknown>)[k])])
						)
					: v;
	return createHash('sha256')
		.update(JSON.stringify(canonical(value)))
		.digest('hex');
}

/** mulberry32: a small deterministic generator for record sets. */
function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const base = MU_BUY;

function execution(i: number, random: () => number): ExecutionRecord {
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
	return {
		kind: 'execution',
		brokerExecutionId: random() < 0.2 ? `X${Math.floor(random() * 50)}` : null,
		accountNumber: pick(['TR1', 'TR2', ' TR3 ', null]),
		symbol: pick(['MU', 'AAPL', 'BRK.B', 'AAPL  250117C00150000']),
		assetClass: pick(['stock', 'option', 'future'] as const),
		side: pick(['buy', 'sell'] as const),
		positionEffect: pick([null, 'open', 'close'] as const),
		shortSale: random() < 0.1,
		quantity: pick([1, 100, 0.5, 1e-7, 123456789]),
		price: pick([50.99, 51, 0.0001, 1214.905, 1e21]),
		time: 1_760_362_200_000 + Math.floor(random() * 4) * 1000 + pick([0, 0.5, -1e12]),
		commission: pick([null, 1, -0.25]),
		fees: pick([null, 0.003]),
		currency: pick([null, 'USD', 'EUR']),
		multiplier: pick([null, 100]),
		orderId: pick([null, 'OID1', 'OID2']),
		venue: pick([null, 'ARCA']),
		brokerPnl: pick([null, -24.75]),
		line: i + 2
	};
}

function journal(i: number, random: () => number): JournalTradeRecord {
	return {
		kind: 'journal',
		accountNumber: random() < 0.5 ? null : 'TV1',
		symbol: random() < 0.5 ? 'MU' : 'SPY',
		direction: random() < 0.5 ? 'long' : 'short',
		openTime: 1_760_362_200_000 + Math.floor(random() * 3) * 60_000,
		closeTime: random() < 0.2 ? null : 1_760_362_900_000,
		volume: random() < 0.5 ? 200 : 0.5,
		executionCount: 2,
		entryPrice: 50.99,
		exitPrice: 51.1,
		grossPnl: 22,
		netPnl: 21.5,
		commissions: 0.5,
		fees: 0,
		initialRisk: null,
		pnlR: null,
		notes: `note ${i}`,
		tags: ['a'],
		raw: { Symbol: 'MU' },
		line: i + 2
	};
}

function bar(i: number, random: () => number): BarRecord {
	return {
		kind: 'bar',
		symbol: random() < 0.5 ? 'SPY' : 'QQQ',
		time: 1_760_362_200_000 + Math.floor(random() * 20) * 60_000,
		open: 1,
		high: 2,
		low: 0.5,
		close: 1.5,
		volume: 10,
		line: i + 2
	};
}

function mixed(n: number, seed: number): ImportRecord[] {
	const random = rng(seed);
	const out: ImportRecord[] = [];
	for (let i = 0; i < n; i++) {
		const u = random();
		out.push(u < 0.8 ? execution(i, random) : u < 0.9 ? journal(i, random) : bar(i, random));
	}
	return out;
}

const dasFile = (path: string) => readFileSync(path, 'utf8');

describe('stored identity is unchanged', () => {
	it('executionTupleKey and executionId give the same strings as before', () => {
		expect(executionTupleKey(base)).toBe(
			'das trader|TR1\u0001MU\u0001buy\u0001400\u000150.99\u00011760362990000'
		);
		expect(executionId(base, 1)).toBe('1bc092c63a2e014e');
		expect(executionId(base, 2)).toBe('4ab623dd5647f924');
		expect(executionId({ ...base, quantity: 1e-7, price: 1e21, time: -0.5 }, 3)).toBe('5c51b3cc16a78b8b');
		expect(executionId({ ...base, brokerExecutionId: '0001-abc' }, 9)).toBe('194d406cc0da4ceb');
		expect(executionId({ ...base, accountId: 'ibkr|U1', symbol: 'ÉTÉ', side: 'sell' }, 1)).toBe(
			'77f2739d64a261ae'
		);
	});

	it('planImport gives the same plan as before (ids, duplicates, accounts, journal, bars)', () => {
		const records = mixed(5000, 7);
		const plan = planImport(
			records,
			{ importId: 'i1', broker: ' DAS  Trader', accountId: 'das trader|CHOSEN' },
			{
				hasExecution: (hi, lo) => idHex(hi, lo).startsWith('0'),
				hasJournalTrade: (id) => id.endsWith('f'),
				hasBar: (_symbol, time) => time % 120_000 === 0
			},
			new Set(['das trader|TR2'])
		);
		const view = pinnedView(plan);
		expect(view.executions.slice(0, 3).map((e) => e.id)).toEqual([
			'f77dea75fa94457e',
			'2790cbe3499b2b29',
			'390c847a0000da7e'
		]);
		expect([view.executions.length, plan.journal.length, plan.duplicates, plan.errors.length]).toEqual([
			3201, 448, 1331, 0
		]);
		expect(digest(view)).toBe('7debc5feb131e0ce226194c3c273e81378839cb6732be308b383f5f2ad327d35');
		const none = planImport(
			records,
			{ importId: 'i2', broker: 'x', accountId: null },
			nothingStored,
			new Set()
		);
		expect(digest(pinnedView(none))).toBe('a5aa5158c052cd084832ceb19907f81e73cbdeae804f2f1bb8412fe4392cff6e');
	});

	it('a DAS file parses and plans to the same records and ids as before', () => {
		const paths = [
			'tests/fixtures/formats/das-trades/Trades_2025-10-13.csv',
			'tests/fixtures/formats/das-trades/trades-bad-rows.csv',
			'tests/fixtures/samples/das/Trades_2025-10-13.csv',
			'tests/fixtures/samples/das/Trades_2025-10-14.csv',
			'tests/fixtures/samples/das/Trades_2025-10-15.csv'
		];
		const digests = paths.map((path) => {
			const result = importText(das, dasFile(path), { tradeDate: '2025-10-13' });
			const plan = planImport(
				result.records,
				{ importId: 'i1', broker: 'DAS Trader', accountId: null },
				nothingStored,
				new Set()
			);
			// What parsing gave before the skipped rows' reasons were kept (they are not identity).
			const { records, errors, rows, skipped } = result;
			return digest({ result: { records, errors, rows, skipped }, plan: pinnedView(plan) });
		});
		expect(digests).toEqual([
			'63190b34535ca4eba5c2f50437d88d60a02d6d21cbf66bcc4e93f615d0696f07',
			'8e6cdeac830c53170b943616a2a928d6a82ba1bd0c87aa8025cebce5b0a17b4d',
			'8603285e4ca8d6aa4269a880d03c901f5d89e8b35a679d4d325037b26b62e61c',
			'059298014a8437e54037f8110c116e4811995dea97b9a0964f344aae3c8c3bb0',
			'b38bd8f4107b7c2852dd47b0e036839925509e994fa98eec6eb4abf79dfb9867'
		]);
	});
});
