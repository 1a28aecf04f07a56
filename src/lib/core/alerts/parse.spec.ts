import { describe, expect, it } from 'vitest';
import { parseAlerts } from './parse';
import { parseAlertTime, validatePayload } from './validate';
import type { AlertEntry, AlertPayload } from './types';

const BUY = { symbol: 'AAPL', action: 'buy', quantity: 10 };

/** The problems of a payload that must be refused. */
function problems(payload: AlertPayload) {
	const r = validatePayload(payload);
	if (r.ok) throw new Error('expected problems');
	return r.problems;
}

function only(entries: AlertEntry[]): AlertEntry {
	expect(entries).toHaveLength(1);
	return entries[0]!;
}

describe('validatePayload', () => {
	it('reads a full limit buy', () => {
		const r = validatePayload({
			symbol: ' AAPL ',
			action: 'BUY',
			quantity: '10',
			orderType: 'limit',
			limitPrice: '101.5',
			stopLoss: 99,
			takeProfit: 110,
			price: 101.7,
			strategy: 'orb',
			time: '2026-03-02T14:30:00Z',
			id: 42,
			signature: 'AB'.repeat(32),
			comment: 'first leg'
		});
		expect(r).toEqual({
			ok: true,
			alert: {
				symbol: 'AAPL',
				action: 'buy',
				quantity: 10,
				risk: null,
				orderType: 'limit',
				limitPrice: 101.5,
				stopPrice: null,
				stopLoss: 99,
				takeProfit: 110,
				price: 101.7,
				strategy: 'orb',
				time: Date.UTC(2026, 2, 2, 14, 30),
				id: '42',
				signature: 'ab'.repeat(32),
				comment: 'first leg'
			}
		});
	});

	it('defaults the order type to market and nothing else', () => {
		const r = validatePayload(BUY);
		expect(r.ok && r.alert.orderType).toBe('market');
		expect(r.ok && r.alert.time).toBe(null);
	});

	it('refuses every TradingView placeholder left literal, naming the field', () => {
		expect(
			problems({
				symbol: '{{ticker}}',
				action: '{{strategy.order.action}}',
				quantity: '{{strategy.order.contracts}}',
				comment: 'at {{close}}'
			})
		).toEqual([
			{
				field: 'symbol',
				reason:
					"is the TradingView placeholder {{ticker}} left literal: fill it in the alert's message template"
			},
			{
				field: 'action',
				reason:
					"is the TradingView placeholder {{strategy.order.action}} left literal: fill it in the alert's message template"
			},
			{
				field: 'quantity',
				reason:
					"is the TradingView placeholder {{strategy.order.contracts}} left literal: fill it in the alert's message template"
			},
			{
				field: 'comment',
				reason:
					"is the TradingView placeholder {{close}} left literal: fill it in the alert's message template"
			}
		]);
	});

	it('finds a placeholder in a field that is not in the schema, with its path', () => {
		expect(problems({ ...BUY, extra: { legs: ['ok', '{{plot_0}}'] } })).toEqual([
			{
				field: 'extra.legs[1]',
				reason:
					"is the TradingView placeholder {{plot_0}} left literal: fill it in the alert's message template"
			}
		]);
	});

	it('takes numbers as strings only when they are plain decimals', () => {
		expect(problems({ ...BUY, price: '1e3' })).toEqual([
			{ field: 'price', reason: 'must be a number (a plain decimal such as 101.5), is "1e3"' }
		]);
		expect(problems({ ...BUY, price: ' 101.5' })[0]!.field).toBe('price');
		expect(problems({ ...BUY, price: '101,5' })[0]!.field).toBe('price');
		expect(problems({ ...BUY, price: true })).toEqual([
			{ field: 'price', reason: 'must be a number, is true' }
		]);
	});

	it('refuses prices and quantities out of bounds', () => {
		expect(problems({ ...BUY, price: 0 })).toEqual([{ field: 'price', reason: 'must be above zero, is 0' }]);
		expect(problems({ ...BUY, price: '-3.5' })).toEqual([
			{ field: 'price', reason: 'must be above zero, is -3.5' }
		]);
		expect(problems({ ...BUY, quantity: 1.5 })).toEqual([
			{ field: 'quantity', reason: 'must be a whole number above zero, is 1.5' }
		]);
		expect(problems({ ...BUY, quantity: 0 })).toEqual([
			{ field: 'quantity', reason: 'must be a whole number above zero, is 0' }
		]);
		expect(problems({ ...BUY, quantity: '-2' })).toEqual([
			{ field: 'quantity', reason: 'must be a whole number above zero, is -2' }
		]);
		expect(problems({ ...BUY, quantity: 2e9 })).toEqual([
			{ field: 'quantity', reason: 'must be at most 1000000000, is 2000000000' }
		]);
	});

	it('needs exactly one of quantity and risk for buy and sell, and a stop-loss with risk', () => {
		expect(problems({ symbol: 'AAPL', action: 'sell' })).toEqual([
			{ field: 'quantity', reason: 'is missing: a sell needs quantity (shares) or risk (money at risk)' }
		]);
		expect(problems({ ...BUY, risk: 100, stopLoss: 90 })).toEqual([
			{
				field: 'risk',
				reason: 'must not be given with quantity: a buy or sell is sized by exactly one of them'
			}
		]);
		expect(problems({ symbol: 'AAPL', action: 'buy', risk: 100 })).toEqual([
			{ field: 'stopLoss', reason: 'is missing: an order sized by risk needs a stop-loss to size against' }
		]);
		expect(validatePayload({ symbol: 'AAPL', action: 'buy', risk: '100', stopLoss: 90 }).ok).toBe(true);
	});

	it('knows close and flatten', () => {
		expect(validatePayload({ symbol: 'AAPL', action: 'close' }).ok).toBe(true);
		expect(validatePayload({ symbol: 'AAPL', action: 'close', quantity: 5 }).ok).toBe(true);
		expect(validatePayload({ action: 'flatten' })).toMatchObject({ ok: true, alert: { symbol: null } });
		expect(problems({ action: 'flatten', quantity: 5 })).toEqual([
			{ field: 'quantity', reason: 'is not for flatten, which closes whole positions' }
		]);
		expect(problems({ symbol: 'AAPL', action: 'close', risk: 50, stopLoss: 3 })).toEqual([
			{ field: 'risk', reason: 'is only for buy and sell, not close' },
			{ field: 'stopLoss', reason: 'is only for buy and sell, not close' }
		]);
		expect(problems({ action: 'close' })).toEqual([
			{ field: 'symbol', reason: 'is missing (only a flatten may leave it out, to close every symbol)' }
		]);
		expect(problems({ symbol: 'AAPL', action: 'long', quantity: 1 })).toEqual([
			{ field: 'action', reason: 'must be one of buy, sell, close, flatten, is "long"' }
		]);
		expect(problems({ symbol: 'AAPL' })).toEqual([
			{ field: 'action', reason: 'is missing (one of buy, sell, close, flatten)' }
		]);
	});

	it('asks each order type for its prices and refuses the ones it does not use', () => {
		expect(problems({ ...BUY, orderType: 'limit' })).toEqual([
			{ field: 'limitPrice', reason: 'is missing: a limit order needs it' }
		]);
		expect(problems({ ...BUY, orderType: 'stop-limit', limitPrice: 101 })).toEqual([
			{ field: 'stopPrice', reason: 'is missing: a stop-limit order needs it' }
		]);
		expect(problems({ ...BUY, limitPrice: 101 })).toEqual([
			{ field: 'limitPrice', reason: 'is not used by a market order' }
		]);
		expect(problems({ ...BUY, orderType: 'stop', stopPrice: 101, limitPrice: 102 })).toEqual([
			{ field: 'limitPrice', reason: 'is not used by a stop order' }
		]);
		expect(problems({ ...BUY, orderType: 'trailing' })).toEqual([
			{ field: 'orderType', reason: 'must be one of market, limit, stop, stop-limit, is "trailing"' }
		]);
		expect(validatePayload({ ...BUY, orderType: 'stop-limit', stopPrice: 101, limitPrice: 101.2 }).ok).toBe(
			true
		);
	});

	it('puts stop-loss and take-profit on the right sides', () => {
		expect(problems({ ...BUY, stopLoss: 110, takeProfit: 100 })).toEqual([
			{ field: 'stopLoss', reason: 'must be below takeProfit for a buy: 110 against 100' }
		]);
		expect(problems({ ...BUY, price: 100, stopLoss: 101 })).toEqual([
			{ field: 'stopLoss', reason: 'must be below the entry 100 for a buy, is 101' }
		]);
		expect(
			problems({
				symbol: 'AAPL',
				action: 'sell',
				quantity: 1,
				orderType: 'limit',
				limitPrice: 50,
				takeProfit: 55
			})
		).toEqual([{ field: 'takeProfit', reason: 'must be below the entry 50 for a sell, is 55' }]);
	});

	it('refuses fields outside the schema, a bad id and a bad signature', () => {
		expect(problems({ ...BUY, stopLos: 90 })).toEqual([
			{
				field: 'stopLos',
				reason:
					'is not a field of the alert schema (fields: symbol, action, quantity, risk, orderType, limitPrice, stopPrice, stopLoss, takeProfit, price, strategy, time, id, signature, comment)'
			}
		]);
		expect(problems({ ...BUY, id: '' })).toEqual([{ field: 'id', reason: 'is empty' }]);
		expect(problems({ ...BUY, signature: 'abc' })).toEqual([
			{ field: 'signature', reason: 'must be 64 hexadecimal digits (HMAC-SHA256), is 3 characters' }
		]);
		expect(problems({ ...BUY, symbol: 'AA PL' })).toEqual([
			{ field: 'symbol', reason: 'must not contain spaces, is "AA PL"' }
		]);
	});
});

describe('parseAlertTime', () => {
	const t = Date.UTC(2026, 2, 2, 14, 30);
	it('reads ISO with a zone, epoch seconds and epoch milliseconds', () => {
		expect(parseAlertTime('2026-03-02T14:30:00Z')).toEqual({ ok: true, value: t });
		expect(parseAlertTime('2026-03-02T09:30:00-05:00')).toEqual({ ok: true, value: t });
		expect(parseAlertTime('2026-03-02T14:30:00.000Z')).toEqual({ ok: true, value: t });
		expect(parseAlertTime(t / 1000)).toEqual({ ok: true, value: t });
		expect(parseAlertTime(String(t / 1000))).toEqual({ ok: true, value: t });
		expect(parseAlertTime(t)).toEqual({ ok: true, value: t });
	});
	it('refuses a time without a zone, a date alone and a fractional epoch', () => {
		expect(parseAlertTime('2026-03-02T14:30:00')).toEqual({
			ok: false,
			reason:
				'must be an ISO 8601 time with a zone (2026-03-02T14:30:00Z) or epoch seconds or milliseconds, is "2026-03-02T14:30:00"'
		});
		expect(parseAlertTime('2026-03-02').ok).toBe(false);
		expect(parseAlertTime('2026-02-30T10:00:00Z').ok).toBe(false);
		expect(parseAlertTime(1.5)).toEqual({
			ok: false,
			reason: 'must be a whole epoch second or millisecond above zero, is 1.5'
		});
	});
});

describe('parseAlerts', () => {
	it('reads one JSON object', () => {
		const r = parseAlerts(JSON.stringify(BUY), { sourceName: 'paste' });
		expect(r.format).toBe('json');
		expect(only(r.entries)).toMatchObject({
			ok: true,
			position: 1,
			line: 1,
			row: null,
			source: 'paste',
			label: 'alert 1 (line 1)'
		});
	});

	it('reads a JSON array, each element an alert', () => {
		const r = parseAlerts(JSON.stringify([BUY, 7, { ...BUY, quantity: 0 }]));
		expect(r.format).toBe('json-array');
		expect(r.entries.map((e) => e.ok)).toEqual([true, false, false]);
		expect(r.entries[1]).toMatchObject({
			position: 2,
			problems: [{ field: null, reason: 'must be a JSON object, is 7' }]
		});
		expect(r.entries[2]).toMatchObject({ position: 3, problems: [{ field: 'quantity' }] });
		const pretty = parseAlerts(JSON.stringify([BUY, { ...BUY, quantity: 0 }], null, 2));
		expect(pretty.entries.map((e) => e.label)).toEqual(['alert 1 (line 2)', 'alert 2 (line 7)']);
	});

	it('reads objects one per line and pretty-printed ones one after another, with their lines', () => {
		const text = [
			JSON.stringify(BUY),
			'',
			JSON.stringify({ ...BUY, symbol: 'MSFT' }, null, 2),
			JSON.stringify({ action: 'flatten' })
		].join('\n');
		const r = parseAlerts(text);
		expect(r.format).toBe('json-lines');
		expect(r.entries.map((e) => [e.position, e.line, e.ok])).toEqual([
			[1, 1, true],
			[2, 3, true],
			[3, 8, true]
		]);
		expect(r.problems).toEqual([]);
	});

	it('names the field of a placeholder written without quotes (invalid JSON)', () => {
		const r = parseAlerts('{"symbol":"AAPL","action":"buy","quantity":1,"price": {{close}}}');
		expect(only(r.entries)).toMatchObject({
			ok: false,
			payload: null,
			problems: [
				{
					field: 'price',
					reason:
						"is the TradingView placeholder {{close}} left literal: fill it in the alert's message template"
				}
			]
		});
	});

	it('says which alert is broken JSON and reads the others', () => {
		const r = parseAlerts(`${JSON.stringify(BUY)}\n{"symbol": "AAPL", "action": }\n${JSON.stringify(BUY)}`);
		expect(r.entries.map((e) => e.ok)).toEqual([true, false, true]);
		const broken = r.entries[1]!;
		expect(broken.label).toBe('alert 2 (line 2)');
		expect(!broken.ok && broken.problems[0]!.reason).toMatch(/^is not valid JSON \(/);
	});

	it('reports text between objects and an empty input', () => {
		expect(parseAlerts(`${JSON.stringify(BUY)}\noops\n${JSON.stringify(BUY)}`).problems).toEqual([
			'line 2: text outside any alert object: "oops"'
		]);
		expect(parseAlerts('  \n')).toEqual({
			format: 'empty',
			entries: [],
			problems: ['nothing to read: the text is empty']
		});
		expect(parseAlerts('hello').problems[0]).toMatch(/^not an alert: expected a JSON object/);
	});

	describe('TradingView alert log export', () => {
		const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
		const message = (extra: object) => JSON.stringify({ ...BUY, ...extra }, null, 1);
		// The export lists the newest first; the message may span lines (rows 1 and 2 take 6 and 7).
		const csv = [
			'Alert ID,Ticker,Name,Description,Time,Webhook status',
			`2911,"NASDAQ:AAPL, 1m",orb long,${quote(message({ id: 'b' }))},2026-03-02T14:35:00.000Z,Webhook successfully delivered`,
			`2910,"NASDAQ:AAPL, 1m",orb long,${quote(message({ id: 'a', time: '2026-03-02T14:29:00Z' }))},2026-03-02T14:30:00.000Z,`,
			`2909,"NASDAQ:AAPL, 1m",cross,"Crossing 21500, price moved",2026-03-02T14:00:00.000Z,`
		].join('\r\n');

		it('reads the Description of each row, oldest first, taking the row time when the payload has none', () => {
			const r = parseAlerts(csv, { sourceName: 'TradingView_Alerts_Log_2026-03-02.csv' });
			expect(r.format).toBe('tradingview-csv');
			expect(r.problems).toEqual([]);
			expect(r.entries.map((e) => [e.row, e.label, e.ok])).toEqual([
				[3, 'CSV row 3 (line 15)', false],
				[2, 'CSV row 2 (line 8)', true],
				[1, 'CSV row 1 (line 2)', true]
			]);
			const [, a, b] = r.entries;
			expect(a!.ok && [a!.alert.id, a!.alert.time]).toEqual(['a', Date.UTC(2026, 2, 2, 14, 29)]);
			expect(b!.ok && [b!.alert.id, b!.alert.time]).toEqual(['b', Date.UTC(2026, 2, 2, 14, 35)]);
			expect(r.entries[0]).toMatchObject({
				problems: [
					{ field: 'Description', reason: 'is not a JSON alert payload: "Crossing 21500, price moved"' }
				]
			});
		});

		it('also reads the older export without Webhook status', () => {
			const r = parseAlerts(
				`Alert ID,Ticker,Name,Description,Time\n1,AAPL,x,${quote(JSON.stringify(BUY))},2026-03-02T14:30:00Z\n`
			);
			expect(only(r.entries)).toMatchObject({ ok: true, alert: { time: Date.UTC(2026, 2, 2, 14, 30) } });
		});

		it('refuses a placeholder inside a logged message, naming the field', () => {
			const r = parseAlerts(
				`Alert ID,Ticker,Name,Description,Time\n1,AAPL,x,${quote('{"symbol":"{{ticker}}","action":"buy","quantity":1}')},2026-03-02T14:30:00Z`
			);
			expect(only(r.entries)).toMatchObject({ ok: false, row: 1, problems: [{ field: 'symbol' }] });
		});

		it('says when the header has no rows', () => {
			expect(parseAlerts('Alert ID,Ticker,Name,Description,Time\n').problems).toEqual([
				'the alert log has a header but no rows'
			]);
		});
	});
});
