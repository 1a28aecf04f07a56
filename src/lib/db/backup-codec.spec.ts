import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, encode, fromBase64, toBase64 } from './backup-codec';

describe('backup codec', () => {
	it('writes standard padded base64 and reads it back, for any bytes', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
				const text = toBase64(bytes);
				expect(text).toBe(Buffer.from(bytes).toString('base64'));
				expect(fromBase64(text)).toEqual(bytes);
			}),
			{ numRuns: 60 }
		);
	});

	it('reads nothing but standard padded base64', () => {
		expect(fromBase64('QUJD')).toEqual(new Uint8Array([65, 66, 67]));
		for (const bad of ['QUJ', 'QU JD', 'QUJD\n', 'QQ', 'QQ=', 'Q===', 'QU-D', 'QUJD=', '=QUJ'])
			expect(fromBase64(bad), bad).toBeNull();
	});

	it('round-trips values JSON cannot hold: typed arrays, NaN, ±Infinity, -0, undefined, $-keys', () => {
		const value = {
			f: Float64Array.of(1.5, NaN, -0),
			u: Uint32Array.of(1, 2 ** 32 - 1),
			n: [NaN, Infinity, -Infinity, -0, 0],
			gone: undefined,
			$type: 'a journal column'
		};
		const text = encode(value, 'row');
		expect(text).toContain('"$$type":"a journal column"');
		expect(decode(JSON.parse(text), 'row')).toEqual(value);
	});
});
