/**
 * Signing alerts: HMAC-SHA256 (WebCrypto) over the payload's canonical form, as lower-case hex,
 * compared in constant time. The canonical form is what a sender signs, in any language:
 *
 * 1. the payload object without its top-level `signature` field;
 * 2. every object's keys sorted by UTF-16 code units (JavaScript's default sort; byte order for
 *    ASCII keys), at every depth; arrays keep their order;
 * 3. written as JSON with no whitespace, strings and numbers as `JSON.stringify` writes them
 *    (`101.50` becomes `101.5`, `"1.50"` stays a string).
 *
 * The key is the secret's UTF-8 bytes. See docs/alerts.md for the openssl one-liner.
 */
import type { AlertPayload, JsonValue } from './types';

/**
 * The WebCrypto and TextEncoder pieces used here. Every runtime Fillbook runs in (browsers,
 * workers, Node ≥ 20) has them on `globalThis`; the core compiles against the ES library alone,
 * which does not declare them, so they are typed here, no wider than used.
 */
interface HmacCrypto {
	subtle: {
		importKey(
			format: 'raw',
			keyData: Uint8Array,
			algorithm: { name: 'HMAC'; hash: 'SHA-256' },
			extractable: false,
			usages: ['sign']
		): Promise<object>;
		sign(algorithm: 'HMAC', key: object, data: Uint8Array): Promise<ArrayBuffer>;
	};
}
const runtime = globalThis as unknown as {
	crypto: HmacCrypto;
	TextEncoder: new () => { encode(text: string): Uint8Array };
};

const utf8 = (text: string): Uint8Array => new runtime.TextEncoder().encode(text);

function canonicalValue(value: JsonValue): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value);
	if (Array.isArray(value)) return `[${value.map(canonicalValue).join(',')}]`;
	const keys = Object.keys(value).sort();
	return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalValue(value[k]!)}`).join(',')}}`;
}

/**
 * The text a payload's signature is computed over: keys sorted at every depth, the top-level
 * `signature` left out, JSON without whitespace.
 * @example canonicalPayload({ symbol: 'AAPL', action: 'buy', quantity: 10, signature: 'ab…' })
 * // '{"action":"buy","quantity":10,"symbol":"AAPL"}'
 */
export function canonicalPayload(payload: AlertPayload): string {
	const { signature: _signature, ...rest } = payload;
	return canonicalValue(rest);
}

function hex(bytes: Uint8Array): string {
	let out = '';
	for (const b of bytes) out += b.toString(16).padStart(2, '0');
	return out;
}

/**
 * HMAC-SHA256 of `message` under `key` (text as UTF-8, or raw bytes), as lower-case hex.
 * @example await hmacSha256Hex('key', 'The quick brown fox jumps over the lazy dog')
 * // 'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8'
 */
export async function hmacSha256Hex(key: string | Uint8Array, message: string | Uint8Array): Promise<string> {
	const keyBytes = typeof key === 'string' ? utf8(key) : key;
	const data = typeof message === 'string' ? utf8(message) : message;
	const subtle = runtime.crypto.subtle;
	const cryptoKey = await subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, [
		'sign'
	]);
	return hex(new Uint8Array(await subtle.sign('HMAC', cryptoKey, data)));
}

/**
 * The signature for a payload under a secret (what a sender puts in its `signature` field).
 * @example await signPayload({ symbol: 'AAPL', action: 'buy', quantity: 10 }, 's3cret') // 64 hex digits
 */
export function signPayload(payload: AlertPayload, secret: string): Promise<string> {
	return hmacSha256Hex(secret, canonicalPayload(payload));
}

/**
 * Whether two strings are equal, taking the same time whatever they hold: every character of the
 * longer one is compared (a length mismatch still runs the whole loop), with no early exit, so
 * the time says nothing about how much of a guessed signature was right.
 * @example timingSafeEqual('abc', 'abc') // true
 * @example timingSafeEqual('abc', 'abd') // false
 */
export function timingSafeEqual(a: string, b: string): boolean {
	const n = Math.max(a.length, b.length);
	let diff = a.length ^ b.length;
	for (let i = 0; i < n; i++) {
		// Past a string's end charCodeAt is NaN; `| 0` makes it 0 without a branch on the length.
		diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
	}
	return diff === 0;
}

/** The outcome of checking a payload's signature. */
export type SignatureCheck = 'valid' | 'missing' | 'wrong';

/**
 * Checks a payload's `signature` field against the HMAC of its canonical form under `secret`:
 * `missing` when it has none (or not as text), `wrong` when it differs (compared in constant
 * time, case-insensitively), `valid` otherwise.
 * @example await verifySignature({ ...payload, signature: await signPayload(payload, 'k') }, 'k') // 'valid'
 */
export async function verifySignature(payload: AlertPayload, secret: string): Promise<SignatureCheck> {
	const given = payload.signature;
	if (typeof given !== 'string' || given === '') return 'missing';
	const expected = await signPayload(payload, secret);
	return timingSafeEqual(given.toLowerCase(), expected) ? 'valid' : 'wrong';
}
