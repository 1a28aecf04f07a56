/**
 * One order against one bar, for the paper broker: where it would execute (before the volume and
 * short-selling caps) and the trailing level or stop-limit trigger it keeps either way; and the
 * small order helpers the broker shares with it.
 */
import { limitPrice, slipped, stopLimitStep, stopPrice, trailingStep } from './fill-rules';
import type { Bar, BrokerConfig, Order } from './types';

/** Float noise from adding fractional quantities is cut at 8 decimals (crypto's finest unit). */
export const qty = (x: number) => Math.round(x * 1e8) / 1e8;
export const remaining = (o: Order) => qty(o.quantity - o.filledQuantity);

/** A plain-data copy of an order. */
export function cloneOrder(o: Order): Order {
	return {
		...o,
		trail: o.trail && { ...o.trail },
		childIds: [...o.childIds],
		history: o.history.map((e) => ({ ...e }))
	};
}

/** A candidate execution of one order on one bar, before volume and short caps. */
export interface Attempt {
	order: Order;
	price: number | null;
	/** State to keep if the order does not execute (trailing level, stop-limit trigger). */
	stopPrice: number | null;
	trailExtreme: number | null;
	triggered: boolean;
}

/** Where `o` would execute on `bar` (before caps), and its trailing/trigger state after the bar. */
export function attemptOn(
	o: Order,
	bar: Bar,
	config: Pick<BrokerConfig, 'slippage' | 'priceDecimals'>
): Attempt {
	const base: Attempt = {
		order: o,
		price: null,
		stopPrice: o.stopPrice,
		trailExtreme: o.trailExtreme,
		triggered: o.triggered
	};
	const { slippage, priceDecimals } = config;
	switch (o.type) {
		case 'market':
			return { ...base, price: slipped(o.side, bar.open, bar, slippage, priceDecimals) };
		case 'limit':
			return { ...base, price: limitPrice(o.side, o.limitPrice!, bar) };
		case 'stop': {
			const touch = stopPrice(o.side, o.stopPrice!, bar);
			return { ...base, price: touch && slipped(o.side, touch.price, bar, slippage, priceDecimals) };
		}
		case 'stop_limit': {
			const step = stopLimitStep(o.side, o.stopPrice!, o.limitPrice!, o.triggered, bar);
			return { ...base, price: step.price, triggered: step.triggered };
		}
		case 'trailing_stop': {
			const step = trailingStep(o.side, o.trail!, o.stopPrice, o.trailExtreme, bar, priceDecimals);
			return {
				...base,
				price: step.price === null ? null : slipped(o.side, step.price, bar, slippage, priceDecimals),
				stopPrice: step.level,
				trailExtreme: step.extreme
			};
		}
	}
}

/** Keeps the trailing level and stop-limit trigger an attempt computed (executed or not). */
export function keepState(a: Attempt): void {
	a.order.stopPrice = a.stopPrice;
	a.order.trailExtreme = a.trailExtreme;
	a.order.triggered = a.triggered;
}

/** Why an IOC or FOK order ends after its one bar. */
export function unfilledReason(o: Order): string {
	if (o.filledQuantity > 0) return `${remaining(o)} of ${o.quantity} not filled on the first bar`;
	return o.timeInForce === 'fok'
		? `could not fill all ${o.quantity} on the first bar`
		: 'not filled on the first bar';
}
