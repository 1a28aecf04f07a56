import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PaperBroker } from '../broker/paper-broker';
import type { OrderRequest, TimeInForce } from '../broker/types';
import { entryWithExits } from './bracket';

const buy: OrderRequest = { symbol: 'RIVN', side: 'buy', quantity: 100, type: 'limit', limitPrice: 13.3 };
const sell: OrderRequest = { symbol: 'RIVN', side: 'sell', quantity: 40, type: 'stop', stopPrice: 12.9 };

describe('entryWithExits', () => {
	it('makes a bracket of an entry with both exits, with their time in force when given', () => {
		expect(entryWithExits(buy, { stopLoss: 12.8, takeProfit: 14.5, timeInForce: 'gtc' })).toStrictEqual({
			orderClass: 'bracket',
			entry: { symbol: 'RIVN', side: 'buy', quantity: 100, type: 'limit', limitPrice: 13.3 },
			stopLoss: { stopPrice: 12.8 },
			takeProfit: { limitPrice: 14.5 },
			exitTimeInForce: 'gtc'
		});
		// Not given: no key, the broker's default applies.
		expect(entryWithExits(sell, { stopLoss: 13.4, takeProfit: 11.9 })).toStrictEqual({
			orderClass: 'bracket',
			entry: { symbol: 'RIVN', side: 'sell', quantity: 40, type: 'stop', stopPrice: 12.9 },
			stopLoss: { stopPrice: 13.4 },
			takeProfit: { limitPrice: 11.9 }
		});
	});

	it('makes an OTO of an entry with one exit: a stop or a limit on the other side for its quantity', () => {
		expect(entryWithExits(buy, { stopLoss: 12.8, takeProfit: null, timeInForce: 'gtc' })).toStrictEqual({
			orderClass: 'oto',
			primary: { symbol: 'RIVN', side: 'buy', quantity: 100, type: 'limit', limitPrice: 13.3 },
			secondary: {
				symbol: 'RIVN',
				side: 'sell',
				quantity: 100,
				type: 'stop',
				stopPrice: 12.8,
				timeInForce: 'gtc'
			}
		});
		expect(entryWithExits(sell, { stopLoss: null, takeProfit: 11.9, timeInForce: 'day' })).toStrictEqual({
			orderClass: 'oto',
			primary: { symbol: 'RIVN', side: 'sell', quantity: 40, type: 'stop', stopPrice: 12.9 },
			secondary: {
				symbol: 'RIVN',
				side: 'buy',
				quantity: 40,
				type: 'limit',
				limitPrice: 11.9,
				timeInForce: 'day'
			}
		});
	});

	it("gives an OTO's exit the broker's rule for a bracket's exits when no time in force is given", () => {
		const exitTif = (timeInForce: TimeInForce | undefined) => {
			const entry: OrderRequest = timeInForce ? { ...buy, timeInForce } : buy;
			const made = entryWithExits(entry, { stopLoss: 12.8, takeProfit: null });
			return made.orderClass === 'oto' ? made.secondary.timeInForce : null;
		};
		expect([undefined, 'day', 'gtc', 'ioc', 'fok'].map((t) => exitTif(t as TimeInForce | undefined))).toEqual(
			['day', 'day', 'gtc', 'gtc', 'gtc']
		);
	});

	it('sends the entry alone when it has no exits', () => {
		expect(entryWithExits(buy, { stopLoss: null, takeProfit: null, timeInForce: 'gtc' })).toStrictEqual({
			orderClass: 'single',
			order: { symbol: 'RIVN', side: 'buy', quantity: 100, type: 'limit', limitPrice: 13.3 }
		});
	});

	it('uses the entry as given and leaves it unchanged', () => {
		const entry = { ...buy, timeInForce: 'ioc' as const };
		const made = entryWithExits(entry, { stopLoss: 12.8, takeProfit: 14.5 });
		expect(made.orderClass === 'bracket' && made.entry).toBe(entry);
		expect(entry).toStrictEqual({ ...buy, timeInForce: 'ioc' });
	});

	it('builds what the broker takes: its exits on the other side, for the entry, with the same time in force either way', () => {
		const side = fc.constantFrom<OrderRequest['side']>('buy', 'sell');
		const tif = fc.option(fc.constantFrom<TimeInForce>('day', 'gtc', 'ioc', 'fok'), { nil: undefined });
		const exitTif = fc.option(fc.constantFrom<'day' | 'gtc'>('day', 'gtc'), { nil: undefined });
		const which = fc.constantFrom('both', 'stop', 'target', 'none');
		fc.assert(
			fc.property(side, tif, exitTif, which, fc.integer({ min: 1, max: 1000 }), (s, t, et, w, quantity) => {
				const long = s === 'buy';
				const entry: OrderRequest = { symbol: 'RIVN', side: s, quantity, type: 'limit', limitPrice: 100 };
				if (t) entry.timeInForce = t;
				const stopLoss = w === 'both' || w === 'stop' ? (long ? 90 : 110) : null;
				const takeProfit = w === 'both' || w === 'target' ? (long ? 120 : 80) : null;
				const broker = new PaperBroker({ startingCash: 1_000_000, allowShort: true });
				broker.onBar({ symbol: 'RIVN', time: 0, open: 100, high: 100, low: 100, close: 100, volume: null });
				const orders = broker.submit(entryWithExits(entry, { stopLoss, takeProfit, timeInForce: et }), 0);
				const [first, ...exits] = orders;
				expect(first).toMatchObject({ side: s, quantity, type: 'limit', limitPrice: 100 });
				expect(first!.status).not.toBe('rejected');
				expect(exits.length).toBe((stopLoss !== null ? 1 : 0) + (takeProfit !== null ? 1 : 0));
				const entryTif = t ?? 'day';
				const wanted = et ?? (entryTif === 'day' || entryTif === 'gtc' ? entryTif : 'gtc');
				for (const exit of exits) {
					expect(exit.side).toBe(long ? 'sell' : 'buy');
					expect(exit.timeInForce).toBe(wanted);
					expect(exit.status).toBe('new');
					expect(exit.parentId).toBe(first!.id);
					if (exit.type === 'stop') expect(exit.stopPrice).toBe(stopLoss);
					else expect([exit.type, exit.limitPrice]).toEqual(['limit', takeProfit]);
				}
			})
		);
	});
});
