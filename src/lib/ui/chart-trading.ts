/**
 * Trading on the price chart with a pointer: dragging a working order's line to a new price,
 * dragging from a position's entry to set a bracket's stop or target (and the proposed lines
 * once set), and picking a price by clicking an empty part of the plot (a long press on touch).
 * The decisions are chart-gestures.ts's plain functions; this wires them to uPlot's plot.
 */
import type uPlot from 'uplot';
import {
	bracketEdge,
	nearestLine,
	pressMove,
	pressPicks,
	pressStart,
	LONG_PRESS_MS,
	type Press
} from './chart-gestures';

/** What a pointer can take hold of on the chart. */
export type Grip =
	/** A movable level (a working order's price), by its index among the chart's levels. */
	| { kind: 'level'; index: number }
	/** A position's entry: a drag from it up or down sets a bracket edge. */
	| { kind: 'entry'; index: number; side: 'long' | 'short' }
	/** A proposed bracket line, moved by a drag. */
	| { kind: 'stop' | 'target' };

/** A line being dragged: what, from which price, and to which (rounded) price now. */
export interface Drag {
	grip: Grip;
	from: number;
	price: number;
}

/** The bracket edge a drag sets, or null for a level's move (or an entry not yet moved). */
export function dragEdge(d: Drag): 'stop' | 'target' | null {
	if (d.grip.kind === 'level') return null;
	if (d.grip.kind === 'entry') return bracketEdge(d.grip.side, d.from, d.price);
	return d.grip.kind;
}

export interface TradingOptions {
	/** The lines a pointer can take now, with their prices (read at each pointerdown and hover). */
	grips: () => { grip: Grip; price: number }[];
	/** A price under the pointer as an order can carry it (the tick). */
	round: (value: number) => number;
	/** The drag in progress, or null when it ends: the chart draws the line where it is. */
	dragging: (d: Drag | null) => void;
	/** A drag let go at a new price. */
	drop: (d: Drag) => void;
	/** A click (a long press on touch) on an empty part of the plot picks the price there. */
	pick?: (price: number) => void;
	/** Whether a point of the plot is on a marker: a click there opens the marker, it picks nothing. */
	onMarker: (left: number, top: number) => boolean;
}

/**
 * Listens on the plot. A line's drag takes the pointer first (a prevented pointerdown keeps
 * uPlot's drag-to-zoom and the touch pan out of it); any other press is a click or a drag (a zoom,
 * a pan), and only a click picks.
 * @returns a function that removes the listeners.
 */
export function attachTrading(u: uPlot, o: TradingOptions): () => void {
	const over = u.over;
	const at = (e: PointerEvent) => {
		const r = over.getBoundingClientRect();
		return { left: e.clientX - r.left, top: e.clientY - r.top };
	};
	const gripAt = (top: number) => {
		const grips = o.grips();
		const i = nearestLine(
			grips.map((g) => u.valToPos(g.price, 'y')),
			top
		);
		return i < 0 ? null : grips[i]!;
	};
	let drag: Drag | null = null;
	let press: Press | null = null;
	let timer: ReturnType<typeof setTimeout> | undefined;
	/** A long press picked: the click and the context menu that follow the finger's lift are swallowed. */
	let swallow = false;

	const pickAt = (p: Press) => o.pick?.(o.round(u.posToVal(p.y, 'y')));
	const endPress = () => {
		clearTimeout(timer);
		press = null;
	};

	function onDown(e: PointerEvent) {
		if (!e.isPrimary) {
			endPress();
			return;
		}
		const { left, top } = at(e);
		const grip = gripAt(top);
		if (grip) {
			e.preventDefault();
			over.setPointerCapture(e.pointerId);
			drag = { grip: grip.grip, from: grip.price, price: grip.price };
			o.dragging(drag);
			return;
		}
		if (!o.pick || e.button > 0) return;
		swallow = false;
		press = pressStart(left, top, e.timeStamp, e.pointerType);
		if (press.touch) {
			const held = press;
			timer = setTimeout(() => {
				if (press !== held || !pressPicks(held, 'held', held.at + LONG_PRESS_MS)) return;
				swallow = true;
				endPress();
				pickAt(held);
			}, LONG_PRESS_MS);
		}
	}
	function onMove(e: PointerEvent) {
		const { left, top } = at(e);
		if (drag) {
			drag = { ...drag, price: o.round(u.posToVal(top, 'y')) };
			o.dragging(drag);
			return;
		}
		if (press) {
			press = pressMove(press, left, top);
			if (press.moved) endPress();
			return;
		}
		over.style.cursor = gripAt(top) ? 'ns-resize' : o.pick ? 'crosshair' : '';
	}
	function onUp(e: PointerEvent) {
		if (drag) {
			const done = drag;
			drag = null;
			o.dragging(null);
			if (done.price !== done.from) o.drop(done);
			return;
		}
		const p = press;
		endPress();
		if (!p || e.type === 'pointercancel') return;
		const { left, top } = at(e);
		if (pressPicks(pressMove(p, left, top), 'up', e.timeStamp) && !o.onMarker(p.x, p.y)) pickAt(p);
	}
	function onSwallow(e: Event) {
		if (!swallow) return;
		e.preventDefault();
		e.stopImmediatePropagation();
		if (e.type === 'click') swallow = false;
	}

	const listeners: [string, (e: never) => void, AddEventListenerOptions?][] = [
		['pointerdown', onDown],
		['pointermove', onMove],
		['pointerup', onUp],
		['pointercancel', onUp],
		['contextmenu', onSwallow],
		['click', onSwallow, { capture: true }]
	];
	for (const [type, fn, options] of listeners) over.addEventListener(type, fn as EventListener, options);
	return () => {
		endPress();
		for (const [type, fn, options] of listeners) over.removeEventListener(type, fn as EventListener, options);
	};
}
