import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalPayload, hmacSha256Hex, signPayload, timingSafeEqual, verifySignature } from './signature';
import type { AlertPayload } from './types';

const bytes = (byte: number, n: number) => new Uint8Array(n).fill(byte);

describe('HMAC-SHA256 against RFC 4231', () => {
	// Cases 1–4, 6 and 7 (case 5 tests truncated output, which HMAC-SHA256 here never truncates).
	const cases: [string, Uint8Array | string, Uint8Array | string, string][] = [
		['1', bytes(0x0b, 20), 'Hi There', 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
		[
			'2',
			'Jefe',
			'what do ya want for nothing?',
			'5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'
		],
		[
			'3',
			bytes(0xaa, 20),
			bytes(0xdd, 50),
			'773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'
		],
		[
			'4',
			Uint8Array.from({ length: 25 }, (_, i) => i + 1),
			bytes(0xcd, 50),
			'82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b'
		],
		[
			'6',
			bytes(0xaa, 131),
			'Test Using Larger Than Block-Size Key - Hash Key First',
			'60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54'
		],
		[
			'7',
			bytes(0xaa, 131),
			'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
			'9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2'
		]
	];
	it.each(cases)('test case %s', async (_name, key, data, expected) => {
		expect(await hmacSha256Hex(key, data)).toBe(expected);
	});
});

describe('canonicalPayload', () => {
	it('sorts keys at every depth, drops the top-level signature, writes no whitespace', () => {
		const payload: AlertPayload = {
			symbol: 'AAPL',
			signature: 'ff',
			action: 'buy',
			quantity: 10,
			meta: { z: 1, a: [{ y: 2, b: 'x' }], signature: 'kept' }
		};
		expect(canonicalPayload(payload)).toBe(
			'{"action":"buy","meta":{"a":[{"b":"x","y":2}],"signature":"kept","z":1},"quantity":10,"symbol":"AAPL"}'
		);
	});

	it('writes numbers as JSON.stringify does and keeps numeric strings as strings', () => {
		expect(
			canonicalPayload(JSON.parse('{"price":101.50,"limitPrice":"101.50","q":1e2}') as AlertPayload)
		).toBe('{"limitPrice":"101.50","price":101.5,"q":100}');
	});

	it('matches what `openssl dgst -sha256 -hmac` gives for the docs example', async () => {
		// Computed with: printf '%s' '{"action":"buy","quantity":10,"symbol":"AAPL"}' | openssl dgst -sha256 -hmac s3cret
		const payload: AlertPayload = { symbol: 'AAPL', action: 'buy', quantity: 10 };
		expect(canonicalPayload(payload)).toBe('{"action":"buy","quantity":10,"symbol":"AAPL"}');
		expect(await signPayload(payload, 's3cret')).toBe(DOCS_EXAMPLE_SIGNATURE);
	});
});

describe('the full example of docs/alerts.md', () => {
	it('verifies with the signature the docs computed with jq and openssl', async () => {
		// jq -cSj 'del(.signature)' alert.json | openssl dgst -sha256 -hmac 's3cret' -r
		const payload: AlertPayload = {
			symbol: 'AAPL',
			action: 'buy',
			quantity: 100,
			orderType: 'limit',
			limitPrice: 187.5,
			stopLoss: 185,
			takeProfit: 192.5,
			price: 187.62,
			strategy: 'orb-5m',
			time: '2026-03-02T14:35:00Z',
			id: 'orb-AAPL-20260302-1435',
			signature: 'b2505c40b636f0e66f7d601cbbf191a56d92b38a216905a12f1b1acbab8c7a2c'
		};
		expect(canonicalPayload(payload)).toBe(
			'{"action":"buy","id":"orb-AAPL-20260302-1435","limitPrice":187.5,"orderType":"limit","price":187.62,"quantity":100,"stopLoss":185,"strategy":"orb-5m","symbol":"AAPL","takeProfit":192.5,"time":"2026-03-02T14:35:00Z"}'
		);
		expect(await verifySignature(payload, 's3cret')).toBe('valid');
	});
});

/** The docs' example signature, from openssl (see docs/alerts.md). */
const DOCS_EXAMPLE_SIGNATURE = '87c0fd334c293292d1fa384a4153cfe2bead4ccbc6e7cb771c003adde193d3cc';

describe('timingSafeEqual', () => {
	it('is equality on strings', () => {
		expect(timingSafeEqual('', '')).toBe(true);
		expect(timingSafeEqual('abc', 'abc')).toBe(true);
		expect(timingSafeEqual('abc', 'abd')).toBe(false);
		expect(timingSafeEqual('abc', 'ab')).toBe(false);
		expect(timingSafeEqual('ab', 'abc')).toBe(false);
		expect(timingSafeEqual('', 'a')).toBe(false);
		// A string whose tail past the other's end is NUL still differs by length.
		expect(timingSafeEqual('a', 'a\0')).toBe(false);
	});

	it('agrees with === on any two strings', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), (a, b) => {
				expect(timingSafeEqual(a, b)).toBe(a === b);
				expect(timingSafeEqual(a, a)).toBe(true);
			})
		);
	});

	it('reads every character of the longer string, whatever matched (no early exit)', () => {
		// Count the characters read through a string whose charCodeAt is observed.
		const reads = (a: string, b: string) => {
			let n = 0;
			// Only length and charCodeAt are read: a stand-in with those counts every read.
			const spy = (s: string) =>
				({ length: s.length, charCodeAt: (i: number) => (n++, s.charCodeAt(i)) }) as unknown as string;
			timingSafeEqual(spy(a), spy(b));
			return n;
		};
		const right = 'a'.repeat(64);
		expect(reads(right, right)).toBe(128);
		expect(reads('b' + right.slice(1), right)).toBe(128);
		expect(reads(right.slice(0, 10), right)).toBe(128);
	});
});

describe('sign → verify → tamper', () => {
	const payload = fc.record({
		symbol: fc.constantFrom('AAPL', 'MSFT', 'ES1!'),
		action: fc.constantFrom('buy', 'sell', 'close'),
		quantity: fc.integer({ min: 1, max: 10_000 }),
		strategy: fc.string(),
		time: fc.integer({ min: 1, max: 2_000_000_000_000 })
	});
	const secret = fc.string({ minLength: 1 });

	it('a signed payload verifies under its secret, in any key order', async () => {
		await fc.assert(
			fc.asyncProperty(payload, secret, async (p, s) => {
				const signature = await signPayload(p, s);
				const reordered = Object.fromEntries(Object.entries({ ...p, signature }).reverse()) as AlertPayload;
				expect(await verifySignature(reordered, s)).toBe('valid');
				expect(await verifySignature({ ...p, signature: signature.toUpperCase() }, s)).toBe('valid');
			}),
			{ numRuns: 50 }
		);
	});

	it('any change to a field, or another secret, makes it wrong; no signature is missing', async () => {
		await fc.assert(
			fc.asyncProperty(payload, secret, fc.integer({ min: 1, max: 1000 }), async (p, s, bump) => {
				const signature = await signPayload(p, s);
				expect(await verifySignature({ ...p, quantity: p.quantity + bump, signature }, s)).toBe('wrong');
				expect(await verifySignature({ ...p, strategy: p.strategy + 'x', signature }, s)).toBe('wrong');
				expect(await verifySignature({ ...p, signature }, s + 'x')).toBe('wrong');
				expect(await verifySignature(p, s)).toBe('missing');
			}),
			{ numRuns: 50 }
		);
	});
});
