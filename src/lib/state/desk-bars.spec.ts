import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChartBars } from '$workers/contract';
import { DeskBars } from './desk-bars';

const bars = (from: number, n: number): ChartBars => {
	const column = (k: number) => Float64Array.from({ length: n }, (_, i) => (from + i) * 10 + k);
	return {
		time: column(0),
		open: column(1),
		high: column(2),
		low: column(3),
		close: column(4),
		volume: column(5)
	};
};

describe('DeskBars', () => {
	it('appends steps to what was opened, and equals opening at once', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 30 }),
				fc.nat(50),
				(steps, opened) => {
					const held = new DeskBars();
					expect(held.take(0, bars(0, opened))).toBe(true);
					let at = opened;
					for (const n of steps) {
						expect(held.take(at, bars(at, n))).toBe(true);
						at += n;
					}
					expect(held.length).toBe(at);
					const whole = bars(0, at);
					const view = held.view();
					for (const c of ['time', 'open', 'high', 'low', 'close', 'volume'] as const)
						expect(Array.from(view[c])).toEqual(Array.from(whole[c]));
				}
			)
		);
	});

	it('refuses bars that do not follow on (another tab stepped), keeping what it holds', () => {
		const held = new DeskBars();
		held.take(0, bars(0, 5));
		expect(held.take(7, bars(7, 2))).toBe(false);
		expect(held.take(3, bars(3, 2))).toBe(false);
		expect(held.length).toBe(5);
		// Opening again replaces everything.
		expect(held.take(0, bars(0, 9))).toBe(true);
		expect(Array.from(held.view().close)).toEqual(Array.from(bars(0, 9).close));
	});
});

describe('DeskBars after a rewind', () => {
	it('holds fewer bars when a desk sends all of them again (barsFrom 0), and appends from there', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 200 }), fc.nat(200), fc.nat(20), (held, back, more) => {
				const desk = new DeskBars();
				desk.take(0, bars(0, held));
				const kept = Math.max(0, held - back);
				expect(desk.take(0, bars(0, kept))).toBe(true);
				expect(desk.length).toBe(kept);
				expect(desk.take(kept, bars(kept, more))).toBe(true);
				expect(Array.from(desk.view().close)).toEqual(Array.from(bars(0, kept + more).close));
			})
		);
	});
});
