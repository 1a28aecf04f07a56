import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PaperBroker } from './paper-broker';
import { applyEvent, replayActions } from './replay';
import type {
	Bar,
	BrokerConfig,
	BrokerEvent,
	OrderRequest,
	OrderSubmission,
	OrderType,
	TimeInForce
} from './types';

/** 09:30 New York, 2024-03-04. Steps are 90 minutes apart, so logs cross several sessions. */
const START = Date.UTC(2024, 2, 4, 14, 30);
const STEP = 90 * 60_000;
const SYMBOLS = ['AAA', 'BBB'];

const configArb: fc.Arbitrary<Partial<BrokerConfig>> = fc.record({
	startingCash: fc.constantFrom(5_000, 25_000.55, 100_000),
	marginMultiplier: fc.constantFrom(1, 2, 4),
	allowShort: fc.constantFrom(true, true, false),
	commission: fc.constantFrom(
		{ kind: 'none' } as const,
		{ kind: 'per_share', perShare: 0.005, minimum: 1, maxPercentOfValue: 1 } as const,
		{ kind: 'per_share', perShare: 0.0035, minimum: 0.35 } as const,
		{ kind: 'per_order', amount: 4.95 } as const,
		{ kind: 'percent', percent: 0.15 } as const
	),
	slippage: fc.constantFrom(
		{ kind: 'none' } as const,
		{ kind: 'fixed', amount: 0.01 } as const,
		{ kind: 'fixed', amount: 0.5 } as const,
		{ kind: 'percent', percent: 0.05 } as const
	),
	volumeShare: fc.constantFrom(null, 0.25, 0.5),
	bothTouched: fc.constantFrom('worse', 'better', 'nearest_open'),
	quantityDecimals: fc.constantFrom(0, 2)
});

/** A bar step moves its symbol's price by `move` ten-thousandths and spreads a range around it. */
const barStep = fc.record({
	kind: fc.constant('bar' as const),
	symbol: fc.nat(SYMBOLS.length - 1),
	move: fc.integer({ min: -3_000, max: 3_000 }),
	up: fc.integer({ min: 0, max: 5_000 }),
	down: fc.integer({ min: 0, max: 5_000 }),
	closeAt: fc.double({ min: 0, max: 1, noNaN: true }),
	volume: fc.option(fc.integer({ min: 0, max: 2_000 }), { nil: null })
});

const typeArb = fc.constantFrom<OrderType>('market', 'limit', 'stop', 'stop_limit', 'trailing_stop');
const tifArb = fc.constantFrom<TimeInForce>('day', 'gtc', 'ioc', 'fok');
/** Order parameters relative to the last price (offsets in cents). */
const legArb = fc.record({
	symbol: fc.nat(SYMBOLS.length - 1),
	buy: fc.boolean(),
	// Whole shares mostly; sometimes fractional ones (crypto, fractional shares).
	quantity: fc.oneof(
		fc.integer({ min: 1, max: 300 }),
		fc.integer({ min: 1, max: 30_000 }).map((q) => q / 100)
	),
	type: typeArb,
	offset: fc.integer({ min: -60, max: 60 }),
	limitOffset: fc.integer({ min: -30, max: 30 }),
	trailPercent: fc.boolean(),
	tif: tifArb
});
const submitStep = fc.record({
	kind: fc.constant('submit' as const),
	orderClass: fc.constantFrom('single', 'single', 'bracket', 'oco', 'oto'),
	a: legArb,
	b: legArb,
	stopDistance: fc.integer({ min: 1, max: 80 }),
	targetDistance: fc.integer({ min: 1, max: 80 })
});
const otherStep = fc.oneof(
	fc.record({
		kind: fc.constant('modify' as const),
		id: fc.integer({ min: 1, max: 30 }),
		quantity: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
		offset: fc.integer({ min: -200, max: 200 })
	}),
	fc.record({ kind: fc.constant('cancel' as const), id: fc.integer({ min: 1, max: 30 }) }),
	fc.record({ kind: fc.constantFrom('end_session' as const, 'flatten_all' as const) })
);
const stepsArb = fc.array(
	fc.oneof({ arbitrary: barStep, weight: 5 }, { arbitrary: submitStep, weight: 3 }, otherStep),
	{
		minLength: 8,
		maxLength: 60
	}
);

/** The type of the values an arbitrary generates. */
type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

type Step = ValueOf<typeof stepsArb>[number];

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Turns generated steps into a valid JSON action log (bars in time order, actions at the last bar's time). */
function toEvents(steps: Step[]): BrokerEvent[] {
	const price = SYMBOLS.map(() => 20);
	let now = START - STEP;
	// Every symbol has a price before the first action.
	const events: BrokerEvent[] = SYMBOLS.map((symbol) => ({
		kind: 'bar',
		bar: { symbol, time: START - STEP, open: 20, high: 20.1, low: 19.9, close: 20, volume: 1_000 }
	}));
	const leg = (l: ValueOf<typeof legArb>): OrderRequest => {
		const last = price[l.symbol]!;
		const at = round4(Math.max(0.5, last + l.offset / 100));
		const limit = round4(Math.max(0.5, at + l.limitOffset / 100));
		const request: OrderRequest = {
			symbol: SYMBOLS[l.symbol]!,
			side: l.buy ? 'buy' : 'sell',
			quantity: l.quantity,
			type: l.type,
			timeInForce: l.tif
		};
		if (l.type === 'limit') request.limitPrice = at;
		if (l.type === 'stop') request.stopPrice = at;
		if (l.type === 'stop_limit') Object.assign(request, { stopPrice: at, limitPrice: limit });
		if (l.type === 'trailing_stop')
			request.trail = l.trailPercent
				? { by: 'percent', value: 2 }
				: { by: 'amount', value: Math.abs(l.offset) / 100 || 0.1 };
		return request;
	};
	steps.forEach((s, i) => {
		if (s.kind === 'bar') {
			now = START + i * STEP;
			const last = price[s.symbol]!;
			const open = round4(Math.max(1, last + s.move / 10_000));
			const high = round4(open + s.up / 10_000);
			const low = round4(Math.max(0.5, open - s.down / 10_000));
			const close = round4(low + (high - low) * s.closeAt);
			price[s.symbol] = close;
			const bar: Bar = { symbol: SYMBOLS[s.symbol]!, time: now, open, high, low, close, volume: s.volume };
			events.push({ kind: 'bar', bar });
		} else if (s.kind === 'submit') {
			const a = leg(s.a);
			let request: OrderRequest | OrderSubmission = a;
			if (s.orderClass === 'oco')
				request = { orderClass: 'oco', legs: [a, { ...leg(s.b), symbol: a.symbol }] };
			if (s.orderClass === 'oto') request = { orderClass: 'oto', primary: a, secondary: leg(s.b) };
			if (s.orderClass === 'bracket') {
				const last = price[s.a.symbol]!;
				const sign = a.side === 'buy' ? 1 : -1;
				request = {
					orderClass: 'bracket',
					entry: a,
					stopLoss: { stopPrice: round4(Math.max(0.5, last - (sign * s.stopDistance) / 100)) },
					takeProfit: { limitPrice: round4(Math.max(0.5, last + (sign * s.targetDistance) / 100)) }
				};
			}
			events.push({ kind: 'submit', time: now, request });
		} else if (s.kind === 'modify') {
			const changes =
				s.quantity !== undefined
					? { quantity: s.quantity }
					: { limitPrice: round4(Math.max(0.5, 20 + s.offset / 100)) };
			events.push({ kind: 'modify', time: now, orderId: `o${s.id}`, changes });
		} else if (s.kind === 'cancel') events.push({ kind: 'cancel', time: now, orderId: `o${s.id}` });
		else events.push({ kind: s.kind, time: now });
	});
	return events;
}

const runs = { numRuns: 300 };

describe('paper broker properties', () => {
	it('keeps equity = starting cash + realised + unrealised − commissions, exactly in cents, after every event', () => {
		fc.assert(
			fc.property(configArb, stepsArb, (config, steps) => {
				const broker = new PaperBroker(config);
				for (const event of toEvents(steps)) {
					applyEvent(broker, event);
					const a = broker.account();
					expect(a.equityCents).toBe(
						a.startingCashCents + a.realisedPnlCents + a.unrealisedPnlCents - a.commissionsCents
					);
					expect(a.equityCents).toBe(a.cashCents + a.positions.reduce((s, p) => s + p.marketValueCents, 0));
					for (const v of [
						a.cashCents,
						a.equityCents,
						a.realisedPnlCents,
						a.commissionsCents,
						a.buyingPowerCents
					])
						expect(Number.isSafeInteger(v)).toBe(true);
					if (!config.allowShort) for (const p of a.positions) expect(p.quantity).toBeGreaterThanOrEqual(0);
				}
			}),
			runs
		);
	});

	it('never executes outside its bar’s [low, high], nor on a bar before its order could work', () => {
		fc.assert(
			fc.property(configArb, stepsArb, (config, steps) => {
				const events = toEvents(steps);
				const bars = new Map<string, Bar>();
				for (const e of events) if (e.kind === 'bar') bars.set(`${e.bar.symbol}@${e.bar.time}`, e.bar);
				const { executions, orders } = replayActions(config, events);
				for (const x of executions) {
					const bar = bars.get(`${x.symbol}@${x.time}`)!;
					expect(x.price).toBeGreaterThanOrEqual(bar.low);
					expect(x.price).toBeLessThanOrEqual(bar.high);
					const order = orders.find((o) => o.id === x.orderId)!;
					expect(x.time).toBeGreaterThan(order.submittedAt);
					expect(x.time).toBeGreaterThan(order.activeFrom!);
					if (order.limitPrice !== null)
						expect(x.side === 'buy' ? x.price <= order.limitPrice : x.price >= order.limitPrice).toBe(true);
				}
			}),
			runs
		);
	});

	it('gives identical, JSON-round-trippable results when the same log is replayed twice', () => {
		fc.assert(
			fc.property(configArb, stepsArb, (config, steps) => {
				const events = toEvents(steps);
				const once = replayActions(config, events);
				const twice = replayActions(config, JSON.parse(JSON.stringify(events)) as BrokerEvent[]);
				expect(twice).toEqual(once);
				expect(JSON.parse(JSON.stringify(once))).toEqual(once);
			}),
			runs
		);
	});

	it("keeps each position equal to the signed sum of its executions, and each order's fills to its executions", () => {
		fc.assert(
			fc.property(configArb, stepsArb, (config, steps) => {
				const { executions, orders, account } = replayActions(config, toEvents(steps));
				for (const p of account.positions) {
					const sum = executions
						.filter((x) => x.symbol === p.symbol)
						.reduce((s, x) => s + (x.side === 'buy' ? x.quantity : -x.quantity), 0);
					expect(p.quantity).toBeCloseTo(sum, 8);
				}
				for (const o of orders) {
					const mine = executions.filter((x) => x.orderId === o.id);
					expect(o.filledQuantity).toBeCloseTo(
						mine.reduce((s, x) => s + x.quantity, 0),
						8
					);
					expect(o.commissionCents).toBe(mine.reduce((s, x) => s + x.commissionCents, 0));
					expect(o.filledQuantity).toBeLessThanOrEqual(o.quantity);
					if (o.status === 'filled') expect(o.filledQuantity).toBe(o.quantity);
					if (o.status === 'rejected') expect(mine).toEqual([]);
					expect(o.history[0]!.status).toBe('new');
					expect(o.history.at(-1)!.status).toBe(o.status);
				}
				expect(account.commissionsCents).toBe(executions.reduce((s, x) => s + x.commissionCents, 0));
				expect(account.realisedPnlCents).toBe(executions.reduce((s, x) => s + x.realisedPnlCents, 0));
			}),
			runs
		);
	});

	it('lets at most one leg of an OCO pair execute on any bar', () => {
		fc.assert(
			fc.property(configArb, stepsArb, (config, steps) => {
				const { executions, orders } = replayActions(config, toEvents(steps));
				const byId = new Map(orders.map((o) => [o.id, o]));
				for (const x of executions) {
					const sibling = byId.get(x.orderId)!.ocoId;
					if (sibling) expect(executions.some((y) => y.orderId === sibling && y.time === x.time)).toBe(false);
				}
			}),
			runs
		);
	});
});
