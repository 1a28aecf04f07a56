import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bracketEdge, LONG_PRESS_MS, nearestLine, pressMove, pressPicks, pressStart } from './chart-gestures';

describe('chart trading gestures', () => {
	it('gives a pointer the nearest line within reach, not the first one listed', () => {
		// Two orders' lines 3 px apart: the pointer on the second takes the second.
		expect(nearestLine([100, 103], 103)).toBe(1);
		expect(nearestLine([100, 103], 101)).toBe(0);
		expect(nearestLine([100, 103], 110)).toBe(-1);
		expect(nearestLine([null, 103], 100)).toBe(1);
		// A tie goes to the first listed.
		expect(nearestLine([100, 104], 102)).toBe(0);
		expect(nearestLine([], 5)).toBe(-1);
	});

	it('takes the line with the smallest distance, always', () => {
		fc.assert(
			fc.property(
				fc.array(fc.double({ min: 0, max: 300, noNaN: true }), { maxLength: 20 }),
				fc.double({ min: 0, max: 300, noNaN: true }),
				(ys, y) => {
					const i = nearestLine(ys, y);
					const best = Math.min(...ys.map((v) => Math.abs(v - y)));
					if (i < 0) expect(ys.every((v) => Math.abs(v - y) >= 6)).toBe(true);
					else expect(Math.abs(ys[i]! - y)).toBe(best);
				}
			)
		);
	});

	it('picks on a mouse click, never after a drag', () => {
		const down = pressStart(10, 10, 0, 'mouse');
		expect(pressPicks(down, 'up', 80)).toBe(true);
		expect(pressPicks(pressMove(down, 12, 12), 'up', 80)).toBe(true);
		const dragged = pressMove(pressMove(down, 40, 10), 10, 10);
		expect(dragged.moved).toBe(true);
		expect(pressPicks(dragged, 'up', 80)).toBe(false);
		// A mouse held still is still a click when let go, not a long press.
		expect(pressPicks(down, 'held', LONG_PRESS_MS)).toBe(false);
	});

	it('picks on a long press on touch, not on a tap or a pan', () => {
		const down = pressStart(10, 10, 1000, 'touch');
		expect(pressPicks(down, 'up', 1100)).toBe(false);
		expect(pressPicks(down, 'held', 1000 + LONG_PRESS_MS - 1)).toBe(false);
		expect(pressPicks(down, 'held', 1000 + LONG_PRESS_MS)).toBe(true);
		// A finger's wobble is not a pan; a swipe is.
		expect(pressPicks(pressMove(down, 17, 13), 'held', 1600)).toBe(true);
		expect(pressPicks(pressMove(down, 40, 10), 'held', 1600)).toBe(false);
	});

	it('sets the target above a long entry and the stop below it, the reverse for a short', () => {
		expect(bracketEdge('long', 49.5, 49.2)).toBe('stop');
		expect(bracketEdge('long', 49.5, 50)).toBe('target');
		expect(bracketEdge('short', 49.5, 49.2)).toBe('target');
		expect(bracketEdge('short', 49.5, 50)).toBe('stop');
		expect(bracketEdge('long', 49.5, 49.5)).toBeNull();
	});
});
