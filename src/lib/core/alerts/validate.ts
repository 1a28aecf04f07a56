/**
 * The payload schema: one JSON object in, an `Alert` or every problem with it out. Nothing is
 * defaulted but the order type (market); nothing is guessed. The rules are in docs/alerts.md.
 */
import { isPlainDecimal } from '../formats/cells';
import type { Alert, AlertAction, AlertOrderType, AlertPayload, AlertProblem, JsonValue } from './types';

/** Every field the schema knows; any other is refused (a misspelt `stopLos` must not vanish). */
export const ALERT_FIELDS = [
	'symbol',
	'action',
	'quantity',
	'risk',
	'orderType',
	'limitPrice',
	'stopPrice',
	'stopLoss',
	'takeProfit',
	'price',
	'strategy',
	'time',
	'id',
	'signature',
	'comment'
] as const;

export const ALERT_ACTIONS: readonly AlertAction[] = ['buy', 'sell', 'close', 'flatten'];
export const ALERT_ORDER_TYPES: readonly AlertOrderType[] = ['market', 'limit', 'stop', 'stop-limit'];

/** Which of `limitPrice` and `stopPrice` each order type needs (the others must be absent). */
export const ORDER_PRICES: Readonly<Record<AlertOrderType, { limit: boolean; stop: boolean }>> = {
	market: { limit: false, stop: false },
	limit: { limit: true, stop: false },
	stop: { limit: false, stop: true },
	'stop-limit': { limit: true, stop: true }
};

/** Largest price and quantity taken: beyond them a number is a typo or an overflow. */
const MAX_PRICE = 1e9;
const MAX_QUANTITY = 1e9;
const MAX_TEXT = 200;
/** Epoch numbers below this are seconds, at or above milliseconds (1e11 s is the year 5138). */
const SECONDS_BELOW = 1e11;

/** A TradingView placeholder left unfilled: `{{close}}`, `{{strategy.order.action}}`. */
const PLACEHOLDER = /\{\{[^{}]*\}\}/;

/**
 * The first TradingView placeholder left literal anywhere in a value, with the path of the field
 * that holds it (`comment`, `legs[1].price`), or null.
 * @example findPlaceholder({ symbol: '{{ticker}}' }) // { field: 'symbol', placeholder: '{{ticker}}' }
 */
export function findPlaceholder(value: JsonValue, path = ''): { field: string; placeholder: string } | null {
	if (typeof value === 'string') {
		const m = PLACEHOLDER.exec(value);
		return m ? { field: path, placeholder: m[0] } : null;
	}
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) {
			const found = findPlaceholder(value[i]!, `${path}[${i}]`);
			if (found) return found;
		}
		return null;
	}
	if (value !== null && typeof value === 'object')
		for (const [key, child] of Object.entries(value)) {
			const found = findPlaceholder(child, path === '' ? key : `${path}.${key}`);
			if (found) return found;
		}
	return null;
}

/** The message for a placeholder left literal in `field`. */
export function placeholderReason(placeholder: string): string {
	return `is the TradingView placeholder ${placeholder} left literal: fill it in the alert's message template`;
}

/** How a value is shown in a message: strings quoted, everything else as JSON. */
function shown(value: JsonValue): string {
	return JSON.stringify(value);
}

type Check<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A number given as a JSON number or as a plain decimal string (`"101.5"`, not `"1e3"` or `" 5"`). */
function numeric(value: JsonValue): Check<number> {
	if (typeof value === 'number') return { ok: true, value };
	if (typeof value === 'string') {
		if (!isPlainDecimal(value))
			return { ok: false, reason: `must be a number (a plain decimal such as 101.5), is ${shown(value)}` };
		return { ok: true, value: Number(value) };
	}
	return { ok: false, reason: `must be a number, is ${shown(value)}` };
}

function priceOf(value: JsonValue): Check<number> {
	const n = numeric(value);
	if (!n.ok) return n;
	if (!Number.isFinite(n.value)) return { ok: false, reason: `must be a finite number, is ${n.value}` };
	if (n.value <= 0) return { ok: false, reason: `must be above zero, is ${n.value}` };
	if (n.value > MAX_PRICE) return { ok: false, reason: `must be at most ${MAX_PRICE}, is ${n.value}` };
	return n;
}

function quantityOf(value: JsonValue): Check<number> {
	const n = numeric(value);
	if (!n.ok) return n;
	if (!Number.isInteger(n.value) || n.value <= 0)
		return { ok: false, reason: `must be a whole number above zero, is ${n.value}` };
	if (n.value > MAX_QUANTITY) return { ok: false, reason: `must be at most ${MAX_QUANTITY}, is ${n.value}` };
	return n;
}

function textOf(value: JsonValue): Check<string> {
	if (typeof value !== 'string') return { ok: false, reason: `must be text, is ${shown(value)}` };
	const t = value.trim();
	if (t === '') return { ok: false, reason: 'is empty' };
	if (t.length > MAX_TEXT) return { ok: false, reason: `is longer than ${MAX_TEXT} characters` };
	return { ok: true, value: t };
}

/** ISO 8601 with a date, a time and a zone (`Z` or `±hh:mm`): a time without a zone means nothing. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * An alert time as epoch ms, UTC: an ISO 8601 string with a zone, or epoch seconds or
 * milliseconds (a number or a string of digits; below 1e11 is seconds).
 * @example parseAlertTime('2026-03-02T14:30:00Z') // { ok: true, value: 1772461800000 }
 * @example parseAlertTime(1772461800) // { ok: true, value: 1772461800000 }
 */
export function parseAlertTime(value: JsonValue): Check<number> {
	let epoch: number | null = null;
	if (typeof value === 'number') epoch = value;
	else if (typeof value === 'string' && /^\d{1,16}$/.test(value)) epoch = Number(value);
	if (epoch !== null) {
		if (!Number.isInteger(epoch) || epoch <= 0)
			return { ok: false, reason: `must be a whole epoch second or millisecond above zero, is ${epoch}` };
		return { ok: true, value: epoch < SECONDS_BELOW ? epoch * 1000 : epoch };
	}
	if (typeof value !== 'string')
		return {
			ok: false,
			reason: `must be an ISO 8601 time or epoch seconds or milliseconds, is ${shown(value)}`
		};
	if (!ISO_WITH_ZONE.test(value))
		return {
			ok: false,
			reason: `must be an ISO 8601 time with a zone (2026-03-02T14:30:00Z) or epoch seconds or milliseconds, is ${shown(value)}`
		};
	const ms = Date.parse(value);
	// Date.parse rolls 2026-02-30 over into March: the written date must come back the same.
	const [y, mo, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
	const day = new Date(Date.UTC(y, mo - 1, d));
	if (Number.isNaN(ms) || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d)
		return { ok: false, reason: `is not a real date and time, is ${shown(value)}` };
	return { ok: true, value: ms };
}

function idOf(value: JsonValue): Check<string> {
	if (typeof value === 'number' && Number.isSafeInteger(value)) return { ok: true, value: String(value) };
	return textOf(value);
}

function signatureOf(value: JsonValue): Check<string> {
	if (typeof value !== 'string' || !/^[0-9a-fA-F]{64}$/.test(value))
		return {
			ok: false,
			reason: `must be 64 hexadecimal digits (HMAC-SHA256), is ${typeof value === 'string' ? `${value.length} characters` : shown(value)}`
		};
	return { ok: true, value: value.toLowerCase() };
}

function enumOf<T extends string>(value: JsonValue, allowed: readonly T[]): Check<T> {
	const t = typeof value === 'string' ? value.trim().toLowerCase() : null;
	const hit = allowed.find((a) => a === t);
	return hit !== undefined
		? { ok: true, value: hit }
		: { ok: false, reason: `must be one of ${allowed.join(', ')}, is ${shown(value)}` };
}

/** Options for `validatePayload`. */
export interface ValidateOptions {
	/** The time to use when the payload has none (a TradingView log's Time column), epoch ms. */
	fallbackTime?: number | null;
}

/**
 * Checks one alert payload against the schema, naming every problem's field.
 * @example validatePayload({ symbol: 'AAPL', action: 'buy', quantity: 10 }).ok // true
 * @example validatePayload({ symbol: '{{ticker}}', action: 'buy', quantity: 10 })
 * // { ok: false, problems: [{ field: 'symbol', reason: 'is the TradingView placeholder {{ticker}} left literal: …' }] }
 */
export function validatePayload(
	payload: AlertPayload,
	options: ValidateOptions = {}
): { ok: true; alert: Alert } | { ok: false; problems: AlertProblem[] } {
	const problems: AlertProblem[] = [];
	const fail = (field: string | null, reason: string) => problems.push({ field, reason });
	const known = new Set<string>(ALERT_FIELDS);

	// Placeholders first and everywhere: a template left unfilled is one mistake, said once per field.
	const placeheld = new Set<string>();
	for (const [key, value] of Object.entries(payload)) {
		const found = findPlaceholder(value, key);
		if (found) {
			fail(found.field, placeholderReason(found.placeholder));
			placeheld.add(key);
		}
	}
	for (const key of Object.keys(payload))
		if (!known.has(key) && !placeheld.has(key))
			fail(key, `is not a field of the alert schema (fields: ${ALERT_FIELDS.join(', ')})`);

	/** The checked value of a field, or null when absent (or already refused as a placeholder). */
	function field<T>(name: (typeof ALERT_FIELDS)[number], check: (v: JsonValue) => Check<T>): T | null {
		if (!(name in payload) || placeheld.has(name)) return null;
		const value = payload[name]!;
		if (value === null) return null;
		const c = check(value);
		if (!c.ok) {
			fail(name, c.reason);
			return null;
		}
		return c.value;
	}
	const present = (name: string) => name in payload && payload[name] !== null;

	const action = field('action', (v) => enumOf(v, ALERT_ACTIONS));
	if (!present('action') && !placeheld.has('action'))
		fail('action', `is missing (one of ${ALERT_ACTIONS.join(', ')})`);
	const symbol = field('symbol', (v) => {
		const t = textOf(v);
		return t.ok && /\s/.test(t.value) ? { ok: false, reason: `must not contain spaces, is ${shown(v)}` } : t;
	});
	if (!present('symbol') && !placeheld.has('symbol') && action !== 'flatten')
		fail('symbol', 'is missing (only a flatten may leave it out, to close every symbol)');

	const quantity = field('quantity', quantityOf);
	const risk = field('risk', priceOf);
	const orderTypeGiven = field('orderType', (v) => enumOf(v, ALERT_ORDER_TYPES));
	const orderType: AlertOrderType = orderTypeGiven ?? 'market';
	const limitPrice = field('limitPrice', priceOf);
	const stopPrice = field('stopPrice', priceOf);
	const stopLoss = field('stopLoss', priceOf);
	const takeProfit = field('takeProfit', priceOf);
	const price = field('price', priceOf);
	const strategy = field('strategy', textOf);
	const time = field('time', parseAlertTime) ?? (present('time') ? null : (options.fallbackTime ?? null));
	const id = field('id', idOf);
	const signature = field('signature', signatureOf);
	const comment = field('comment', (v) =>
		typeof v === 'string' ? { ok: true, value: v } : { ok: false, reason: `must be text, is ${shown(v)}` }
	);

	const opens = action === 'buy' || action === 'sell';
	if (opens) {
		if (present('quantity') && present('risk'))
			fail('risk', 'must not be given with quantity: a buy or sell is sized by exactly one of them');
		else if (!present('quantity') && !present('risk') && !placeheld.has('quantity') && !placeheld.has('risk'))
			fail('quantity', `is missing: a ${action} needs quantity (shares) or risk (money at risk)`);
		if (present('risk') && !present('stopLoss') && !placeheld.has('stopLoss'))
			fail('stopLoss', 'is missing: an order sized by risk needs a stop-loss to size against');
	} else if (action !== null) {
		if (present('risk')) fail('risk', `is only for buy and sell, not ${action}`);
		if (action === 'flatten' && present('quantity'))
			fail('quantity', 'is not for flatten, which closes whole positions');
		for (const name of ['stopLoss', 'takeProfit'] as const)
			if (present(name)) fail(name, `is only for buy and sell, not ${action}`);
	}

	const needs = ORDER_PRICES[orderType];
	if (orderTypeGiven !== null || !present('orderType'))
		for (const [name, needed] of [
			['limitPrice', needs.limit],
			['stopPrice', needs.stop]
		] as const) {
			if (needed && !present(name) && !placeheld.has(name))
				fail(name, `is missing: a ${orderType} order needs it`);
			if (!needed && present(name)) fail(name, `is not used by a ${orderType} order`);
		}

	// The protective levels must sit on the right sides of the entry.
	const entry = limitPrice ?? stopPrice ?? price;
	if (opens && action !== null) {
		const long = action === 'buy';
		if (stopLoss !== null && takeProfit !== null && (long ? stopLoss >= takeProfit : stopLoss <= takeProfit))
			fail(
				'stopLoss',
				`must be ${long ? 'below' : 'above'} takeProfit for a ${action}: ${stopLoss} against ${takeProfit}`
			);
		else if (entry !== null) {
			if (stopLoss !== null && (long ? stopLoss >= entry : stopLoss <= entry))
				fail(
					'stopLoss',
					`must be ${long ? 'below' : 'above'} the entry ${entry} for a ${action}, is ${stopLoss}`
				);
			if (takeProfit !== null && (long ? takeProfit <= entry : takeProfit >= entry))
				fail(
					'takeProfit',
					`must be ${long ? 'above' : 'below'} the entry ${entry} for a ${action}, is ${takeProfit}`
				);
		}
	}

	if (problems.length > 0 || action === null) return { ok: false, problems };
	return {
		ok: true,
		alert: {
			symbol,
			action,
			quantity,
			risk,
			orderType,
			limitPrice,
			stopPrice,
			stopLoss,
			takeProfit,
			price,
			strategy,
			time,
			id,
			signature,
			comment
		}
	};
}
