/**
 * Wheel and touch zoom for a uPlot chart's x axis, shared by the trade chart and the price
 * chart; the range arithmetic is trade-chart-zoom.ts.
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
