import { describe, expect, it } from 'vitest';
import { planAlert, type AlertDesk } from './actions';
import { alertOf } from '../../../../tests/support/alerts';

const alert = alertOf;

const desk = (over: Partial<AlertDesk> = {}): AlertDesk => ({
	symbols: ['RIVN'],
	position: () => 0,
	lastPrice: () => 13.28,
	workingOrders: () => [],
	...over
});

describe('planAlert', () => {
	it('makes a market buy a single order, and a buy with both levels a bracket', () => {
		expect(planAlert(alert({}), desk())).toEqual({
			ok: true,
			actions: [
				{
					kind: 'submit',
					at: 0,
					submission: {
						orderClass: 'single',
						order: { symbol: 'RIVN', side: 'buy', quantity: 100, type: 'market' }
					}
				}
			],
			text: 'Buy 100 RIVN at market'
		});
		const bracket = planAlert(
			alert({ orderType: 'limit', limitPrice: 13.25, stopLoss: 13, takeProfit: 14 }),
			desk()
		);
		expect(bracket).toMatchObject({
			ok: true,
			actions: [
				{
					submission: {
						orderClass: 'bracket',
						entry: { side: 'buy', quantity: 100, type: 'limit', limitPrice: 13.25 },
						stopLoss: { stopPrice: 13 },
						takeProfit: { limitPrice: 14 },
						exitTimeInForce: 'gtc'
					}
				}
			],
			text: 'Buy 100 RIVN limit 13.25, stop-loss 13, take-profit 14'
		});
	});

	it('sizes by risk from the entry to the stop-loss, in whole units, and says when none fits', () => {
		// Entry at the last close 13.28, stop 12.78: 0.50 a share; $260 buys 520.
		const sized = planAlert(alert({ quantity: null, risk: 260, stopLoss: 12.78 }), desk());
		expect(sized).toMatchObject({
			ok: true,
			actions: [
				{
					submission: {
						orderClass: 'oto',
						primary: { side: 'buy', quantity: 520 },
						secondary: { side: 'sell', quantity: 520, type: 'stop', stopPrice: 12.78, timeInForce: 'gtc' }
					}
				}
			]
		});
		// A short: stop above; 0.1 a share over 10.05 is 100 (not 100.49…): floored.
		const short = planAlert(alert({ action: 'sell', quantity: null, risk: 10.05, stopLoss: 13.38 }), desk());
		expect(short).toMatchObject({
			ok: true,
			actions: [{ submission: { primary: { side: 'sell', quantity: 100 } } }]
		});
		expect(planAlert(alert({ quantity: null, risk: 0.2, stopLoss: 12.78 }), desk())).toEqual({
			ok: false,
			queue: false,
			reason: 'a risk of 0.2 buys no whole unit with the stop-loss 0.5 from the entry 13.28'
		});
	});

	it('refuses levels on the wrong side of the entry the desk gives', () => {
		expect(planAlert(alert({ stopLoss: 13.3 }), desk())).toEqual({
			ok: false,
			queue: false,
			reason: 'the stop-loss 13.3 must be below the entry 13.28 of a buy'
		});
	});

	it('closes what is held (short or long), and refuses closing more or nothing', () => {
		const short = desk({ position: () => -40 });
		expect(planAlert(alert({ action: 'close', quantity: null }), short)).toMatchObject({
			ok: true,
			actions: [{ submission: { order: { side: 'buy', quantity: 40, type: 'market' } } }],
			text: 'Close 40 RIVN: Buy 40 RIVN at market'
		});
		expect(planAlert(alert({ action: 'close', quantity: 50 }), short)).toMatchObject({
			ok: false,
			reason: 'it closes 50 RIVN but 40 are held'
		});
		expect(planAlert(alert({ action: 'close', quantity: null }), desk())).toMatchObject({
			ok: false,
			reason: 'no position in RIVN to close'
		});
	});

	it('flattens one symbol (its working orders cancelled, its position sold) or the whole desk', () => {
		const held = desk({ position: () => 25, workingOrders: () => ['o3', 'o4'] });
		expect(planAlert(alert({ action: 'flatten', quantity: null }), held)).toEqual({
			ok: true,
			actions: [
				{ kind: 'cancel', at: 0, orderId: 'o3' },
				{ kind: 'cancel', at: 0, orderId: 'o4' },
				{
					kind: 'submit',
					at: 0,
					submission: {
						orderClass: 'single',
						order: { symbol: 'RIVN', side: 'sell', quantity: 25, type: 'market' }
					}
				}
			],
			text: 'Flatten RIVN'
		});
		expect(planAlert(alert({ action: 'flatten', symbol: null, quantity: null }), held)).toEqual({
			ok: true,
			actions: [{ kind: 'flatten', at: 0 }],
			text: 'Flatten every position'
		});
	});

	it('queues an alert for a symbol the session does not replay, and waits for its first bar', () => {
		expect(planAlert(alert({ symbol: 'AAPL' }), desk())).toEqual({
			ok: false,
			queue: true,
			reason: "the desk's session replays RIVN, not AAPL"
		});
		expect(planAlert(alert({}), desk({ lastPrice: () => null }))).toMatchObject({
			ok: false,
			queue: false,
			reason: 'no bar of RIVN is revealed yet: step the desk first'
		});
	});
});
