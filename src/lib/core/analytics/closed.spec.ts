import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closedTrades, closeOrder, compareIds } from './closed';
import { row } from '../../../../tests/support/trade-rows';

/** The order a comparator sort gives: by time, ties by id. */
function reference(time: readonly number[], ids: readonly string[]): number[] {
	return time.map((_, k) => k).sort((a, b) => time[a]! - time[b]! || compareIds(ids[a]!, ids[b]!));
}

describe('closeOrder', () => {
	it('sorts by time, ties by id, as a comparator sort would, over any span', () => {
		const base = Date.UTC(2025, 0, 1);
		const times = fc.oneof(
			fc.integer({ min: 0, max: 50 }).map((x) => base + x), // many ties, one pass
			fc.integer({ min: 0, max: 2 ** 31 }).map((x) => base + x * 3), // two passes
			fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map((x) => base + x), // three passes
			fc.double({ min: 0, max: 1e6, noNaN: true }).map((x) => base + x) // fractions: the comparator
		);
		fc.assert(
			fc.property(
				fc.array(fc.tuple(times, fc.constantFrom('a', 'b', 'c', 'aa', 'B', '0')), { maxLength: 120 }),
				(specs) => {
					const time = specs.map(([t]) => t);
					const ids = specs.map(([, id], k) => `${id}${k % 3}`);
					const order = closeOrder(Float64Array.from(time), ids, specs.length);
					expect([...order]).toEqual(reference(time, ids));
				}
			),
			{ numRuns: 400 }
		);
	});

	it('keeps a sorted input and puts its ties in id order', () => {
		expect([...closeOrder(Float64Array.of(1, 2, 2, 3), ['d', 'c', 'b', 'a'], 4)]).toEqual([0, 2, 1, 3]);
	});
});

describe('closedTrades', () => {
	it('keeps open trades and, in R, trades without R out, counting them', () => {
		const rows = [
			row({ id: 'a', netPnl: 10, risk: 5, closeTime: 2 }),
			row({ id: 'b', open: true, netPnl: 3 }),
			row({ id: 'c', netPnl: -4, closeTime: 1 })
		];
		const dollars = closedTrades(rows, '$');
		expect(dollars).toMatchObject({ count: 2, open: 1, excluded: 0, ids: ['c', 'a'] });
		expect([...dollars.value]).toEqual([-400, 1000]);
		expect([...dollars.sign]).toEqual([-1, 1]);
		// Order-free columns stay in input order.
		expect([...dollars.index]).toEqual([0, 2]);
		expect([...dollars.r]).toEqual([2, NaN]);
		const r = closedTrades(rows, 'R');
		expect(r).toMatchObject({ count: 1, open: 1, excluded: 1, ids: ['a'] });
		expect([...r.value]).toEqual([2]);
	});
});
