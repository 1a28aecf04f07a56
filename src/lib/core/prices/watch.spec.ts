import { describe, expect, it } from 'vitest';
import type { Level } from './levels';
import { watchLevel, type BarSource } from './watch';

const MIN = 60_000;
/** Bars at minutes 1, 2, 3…: [high, low, close] each. */
function file(name: string, bars: [number, number, number][]): BarSource {
	return {
		name,
		time: bars.map((_, i) => (i + 1) * MIN),
		high: bars.map((b) => b[0]),
		low: bars.map((b) => b[1]),
		close: bars.map((b) => b[2])
	};
}
const stop: Level = { kind: 'stop-loss', price: 95, direction: 'down' };

describe('watchLevel', () => {
	it('triggers on the first bar whose low reaches a falling level, with every file agreeing', () => {
		const a = file('yahoo.csv', [
			[101, 99, 100],
			[99, 96, 97],
			[97, 94.5, 95.5],
			[96, 93, 94]
		]);
		const b = file('tv.csv', [
			[101, 99, 100],
			[99, 96, 97],
			[97, 94.6, 95.5],
			[96, 93, 94]
		]);
		const { trigger, doubts } = watchLevel({
			level: stop,
			armedFrom: 0,
			bars: [a, b],
			points: [],
			startPrice: 100,
			atr: null
		});
		expect(doubts).toEqual([]);
		expect(trigger).toMatchObject({ time: 3 * MIN, reached: 94.5, seenIn: 'yahoo.csv' });
		expect(trigger!.validated).toMatchObject({
			price: 95.5,
			confidence: 'high',
			used: ['tv.csv', 'yahoo.csv']
		});
	});

	it('counts only prices after it was armed, and a level already beyond at the start triggers at once', () => {
		const a = file('a', [
			[101, 94, 94.5],
			[96, 95.5, 96],
			[96, 94.9, 95]
		]);
		// Armed after the first bar: previous price the start (96), minute 3 reaches 94.9.
		expect(
			watchLevel({ level: stop, armedFrom: MIN, bars: [a], points: [], startPrice: 96, atr: null }).trigger
		).toMatchObject({ time: 3 * MIN });
		// A start at or below the level: the first price at or below triggers (no previous above needed).
		expect(
			watchLevel({ level: stop, armedFrom: MIN, bars: [a], points: [], startPrice: null, atr: null }).trigger
				?.time
		).toBe(3 * MIN);
	});

	it('keeps a crossing the sources disagree on as a doubt, and triggers on the next trusted one', () => {
		const a = file('a.csv', [
			[101, 99, 100],
			[97, 94, 94.5],
			[99, 96, 98],
			[97, 94, 94.2]
		]);
		const b = file('b.csv', [
			[101, 99, 100],
			[101, 99, 100],
			[99, 96, 98],
			[97, 94, 94.3]
		]);
		const answer = watchLevel({
			level: stop,
			armedFrom: 0,
			bars: [a, b],
			points: [],
			startPrice: 100,
			atr: null
		});
		expect(answer.doubts).toHaveLength(1);
		expect(answer.doubts[0]).toMatchObject({ time: 2 * MIN, validated: { confidence: 'low' } });
		expect(answer.doubts[0]!.validated.reasons).toEqual([
			'sources disagree beyond 0.5 %: a.csv 94.5, b.csv 100'
		]);
		expect(answer.trigger).toMatchObject({ time: 4 * MIN, validated: { confidence: 'high', price: 94.25 } });
	});

	it('reads marks between bars, doubts one the files disagree with, and a rising level by its high', () => {
		const target: Level = { kind: 'take-profit', price: 110, direction: 'up' };
		const a = file('a.csv', [
			[105, 100, 104],
			[108, 103, 107],
			[111, 108, 110.5]
		]);
		const mark = { source: 'manual', kind: 'manual' as const, price: 110.2, time: 2.5 * MIN };
		const { trigger, doubts } = watchLevel({
			level: target,
			armedFrom: 0,
			bars: [a],
			points: [mark],
			startPrice: 100,
			atr: null
		});
		// The mark at 2:30 against the file's 107 of 2:00: they disagree, a doubt.
		expect(doubts.map((d) => [d.time, d.seenIn, d.validated.confidence])).toEqual([
			[2.5 * MIN, 'manual', 'low']
		]);
		// Minute 3 reaches 110 with its high; the file's 110.5 and the mark's 110.2 agree.
		expect(trigger).toMatchObject({ time: 3 * MIN, reached: 111, seenIn: 'a.csv' });
		expect(trigger!.validated).toMatchObject({
			confidence: 'high',
			price: 110.35,
			used: ['a.csv', 'manual']
		});
	});

	it('triggers on a single file with medium confidence, and lowers it for a jump beyond 3 ATR', () => {
		const a = file('a.csv', [
			[101, 99, 100],
			[100, 90, 91]
		]);
		const single = watchLevel({
			level: stop,
			armedFrom: 0,
			bars: [a],
			points: [],
			startPrice: 100,
			atr: null
		});
		expect(single.trigger?.validated).toMatchObject({
			confidence: 'medium',
			reasons: ['single source: a.csv']
		});
		const jump = watchLevel({ level: stop, armedFrom: 0, bars: [a], points: [], startPrice: 100, atr: 2 });
		expect(jump.trigger).toBeNull();
		expect(jump.doubts[0]!.validated.reasons).toEqual([
			'single source: a.csv',
			'jump of 4.5 ATR from the previous close 100 (limit 3 ATR)'
		]);
	});
});
