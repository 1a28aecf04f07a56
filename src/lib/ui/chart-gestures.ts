/**
 * Pointer gestures on a uPlot chart. Wheel and touch zoom of the x axis, shared by the trade
 * chart and the price chart (the range arithmetic is trade-chart-zoom.ts); and the decisions of
 * chart trading as plain functions, so they are tested without a browser: which line a pointer
 * takes, whether a press was a click or a drag, a long press on touch, and which bracket edge a
 * drag from the entry sets. The price chart wires them (chart-trading.ts).
 */
import type uPlot from 'uplot';
import { panRange, pinchRange, zoomRange, type Range } from './trade-chart-zoom';

/** The x range in view, or null before the chart has one. */
export function inView(u: uPlot): [number, number] | null {
	const { min, max } = u.scales.x ?? {};
	return min === undefined || max === undefined ? null : [min, max];
}

/**
 * Wheel and touch on the plot. The wheel zooms around the time under the cursor (a sideways
 * wheel or trackpad swipe pans); a wheel that would change nothing, zooming out with the whole
 * trade in view, is left to the page, so scrolling down past the chart still scrolls. Touch: two
 * fingers pinch (and pan), one finger pans sideways; vertical swipes stay the page's
 * (`touch-action: pan-y`). The mouse's drag-to-zoom is uPlot's own.
 * @returns a function that removes the listeners.
 */
export function attachGestures(u: uPlot, full: Range, minSpan: number): () => void {
	const over = u.over;
	const [dataMin, dataMax] = full;
	const set = ([a, b]: [number, number]) => u.setScale('x', { min: a, max: b });
	const left = () => over.getBoundingClientRect().left;

	function onWheel(e: WheelEvent) {
		const now = inView(u);
		if (!now) return;
		const [min, max] = now;
		// Lines and pages to pixels, so that a mouse's notch and a trackpad's glide feel alike.
		const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? over.clientHeight : 1;
		const dx = e.deltaX * unit;
		const dy = e.deltaY * unit;
		const sideways = Math.abs(dx) > Math.abs(dy);
		const next = sideways
			? panRange(min, max, (dx / over.clientWidth) * (max - min), dataMin, dataMax, minSpan)
			: zoomRange(
					min,
					max,
					u.posToVal(e.clientX - left(), 'x'),
					// 100 px of wheel zooms by about a fifth; one event never more than ×1.5.
					Math.exp(Math.max(-200, Math.min(200, dy)) * 0.002),
					dataMin,
					dataMax,
					minSpan
				);
		const unchanged = next[0] === min && next[1] === max;
		if (unchanged && !sideways && dy > 0) return;
		e.preventDefault();
		if (!unchanged) set(next);
	}

	/** Touching fingers: pointer id → x across the plot, CSS px. Nothing renders from it. */
	const fingers = new Map<number, number>();
	let gesture: { start: [number, number]; ids: number[]; from: number[] } | null = null;
	// A finger going down or up starts the gesture again from the view as it is.
	function begin() {
		const now = inView(u);
		const ids = [...fingers.keys()].slice(0, 2);
		gesture = now && ids.length > 0 ? { start: now, ids, from: ids.map((id) => fingers.get(id)!) } : null;
	}
	function onDown(e: PointerEvent) {
		// A touch another handler took (dragging an order's line) is not a pan.
		if (e.pointerType !== 'touch' || e.defaultPrevented) return;
		fingers.set(e.pointerId, e.clientX - left());
		try {
			over.setPointerCapture(e.pointerId);
		} catch {
			// A pointer already gone: its pointerup follows.
		}
		begin();
	}
	function onMove(e: PointerEvent) {
		if (!fingers.has(e.pointerId)) return;
		fingers.set(e.pointerId, e.clientX - left());
		if (!gesture) return;
		const { start, ids, from } = gesture;
		const to = ids.map((id) => fingers.get(id)!);
		const width = over.clientWidth;
		set(
			ids.length >= 2
				? pinchRange(start, width, [from[0]!, from[1]!], [to[0]!, to[1]!], dataMin, dataMax, minSpan)
				: panRange(
						start[0],
						start[1],
						(-(to[0]! - from[0]!) / width) * (start[1] - start[0]),
						dataMin,
						dataMax,
						minSpan
					)
		);
	}
	function onUp(e: PointerEvent) {
		if (fingers.delete(e.pointerId)) begin();
	}

	over.addEventListener('wheel', onWheel, { passive: false });
	over.addEventListener('pointerdown', onDown);
	over.addEventListener('pointermove', onMove);
	over.addEventListener('pointerup', onUp);
	over.addEventListener('pointercancel', onUp);
	return () => {
		over.removeEventListener('wheel', onWheel);
		over.removeEventListener('pointerdown', onDown);
		over.removeEventListener('pointermove', onMove);
		over.removeEventListener('pointerup', onUp);
		over.removeEventListener('pointercancel', onUp);
	};
}

/** How near (CSS px) a pointer must come to a line to take it. */
export const GRAB_PX = 6;

/**
 * The line a pointer at `y` takes: the nearest within `within` px, the first listed on a tie; −1
 * when none is near. Lines not drawn (null) are skipped. Taking the first line within reach
 * instead moved another order than the one aimed at, where two lines were a few px apart.
 * @example nearestLine([100, 104], 103) // 1
 */
export function nearestLine(ys: readonly (number | null)[], y: number, within = GRAB_PX): number {
	let near = -1;
	let best = within;
	for (let i = 0; i < ys.length; i++) {
		const at = ys[i];
		if (at === null || at === undefined) continue;
		const d = Math.abs(at - y);
		if (d < best || (d === best && near < 0)) [near, best] = [i, d];
	}
	return near;
}

/** How long a finger rests still on touch before the press picks a price, ms. */
export const LONG_PRESS_MS = 500;

/** How far a pointer may wander (CSS px) and still be a click or a long press, not a drag. */
const SLOP_PX = { mouse: 4, touch: 10 };

/** A pointer held down on an empty part of the plot. */
export interface Press {
	x: number;
	y: number;
	/** When it went down, ms (any clock, the same one for every call). */
	at: number;
	touch: boolean;
	/** It wandered beyond the slop: a drag (a zoom, a pan), which never picks a price. */
	moved: boolean;
}

/** A press starts where and when the pointer went down. */
export function pressStart(x: number, y: number, at: number, pointerType: string): Press {
	return { x, y, at, touch: pointerType === 'touch', moved: false };
}

/** The press after the pointer moved to (x, y): a drag once it wandered beyond the slop. */
export function pressMove(p: Press, x: number, y: number): Press {
	if (p.moved) return p;
	const slop = p.touch ? SLOP_PX.touch : SLOP_PX.mouse;
	return Math.hypot(x - p.x, y - p.y) > slop ? { ...p, moved: true } : p;
}

/**
 * Whether the press picks the price under it, told when the pointer is let go (`up`) or when
 * the long-press timer fires (`held`) at time `at`. A mouse or pen picks on a click: let go
 * without a drag. A finger picks by resting `LONG_PRESS_MS` without moving: a tap is too easily
 * the start of a scroll or a pan to place an order.
 */
export function pressPicks(p: Press, event: 'up' | 'held', at: number): boolean {
	if (p.moved) return false;
	return p.touch ? event === 'held' && at - p.at >= LONG_PRESS_MS : event === 'up';
}

/**
 * The bracket edge a drag from a position's entry sets: for a long position up is the target
 * and down the stop, for a short one the reverse; null when it did not move.
 * @example bracketEdge('long', 49.5, 49.2) // 'stop'
 */
export function bracketEdge(side: 'long' | 'short', from: number, to: number): 'stop' | 'target' | null {
	if (to === from) return null;
	return to > from === (side === 'long') ? 'target' : 'stop';
}
