import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatOcc, parseOcc, parseOptionSymbol } from './options';
import type { OptionTerms } from './types';

const AAPL_150_CALL: OptionTerms = {
	underlying: 'AAPL',
	root: 'AAPL',
	expiry: '2025-03-21',
	strike: 150,
	right: 'call'
};

describe('parseOptionSymbol', () => {
	it('reads OCC, padded or not (tastytrade writes the same)', () => {
		expect(parseOptionSymbol('AAPL  250321C00150000')).toEqual({
			ok: true,
			format: 'occ',
			value: AAPL_150_CALL
		});
		expect(parseOptionSymbol('AAPL250321C00150000')).toEqual({
			ok: true,
			format: 'occ',
			value: AAPL_150_CALL
		});
		expect(parseOptionSymbol(' aapl  250321c00150000 ')).toEqual({
			ok: true,
			format: 'occ',
			value: AAPL_150_CALL
		});
	});

	it('reads strikes with decimals exactly', () => {
		expect(parseOcc('F     250620P00007500')).toEqual({
			underlying: 'F',
			root: 'F',
			expiry: '2025-06-20',
			strike: 7.5,
			right: 'put'
		});
		expect(parseOcc('SPY   251219C00612345').strike).toBe(612.345);
		expect(parseOcc('SPXW  250321P05000000').underlying).toBe('SPX');
	});

	it('reads thinkorswim, IBKR and dated descriptions', () => {
		expect(parseOptionSymbol('.AAPL250321C150')).toEqual({
			ok: true,
			format: 'thinkorswim',
			value: AAPL_150_CALL
		});
		expect(parseOptionSymbol('.F250620P7.5')).toMatchObject({
			ok: true,
			value: { strike: 7.5, right: 'put' }
		});
		expect(parseOptionSymbol('AAPL 21MAR25 150 C')).toEqual({
			ok: true,
			format: 'ibkr',
			value: AAPL_150_CALL
		});
		expect(parseOptionSymbol('AAPL 21MAR25 150.0 CALL')).toEqual({
			ok: true,
			format: 'ibkr',
			value: AAPL_150_CALL
		});
		expect(parseOptionSymbol('AAPL 03/21/2025 150.00 C')).toEqual({
			ok: true,
			format: 'dated',
			value: AAPL_150_CALL
		});
		expect(parseOptionSymbol('QQQ 5JUN25 480.5 PUT')).toMatchObject({
			ok: true,
			value: { underlying: 'QQQ', expiry: '2025-06-05', strike: 480.5, right: 'put' }
		});
	});

	it('says why a string is not an option symbol', () => {
		expect(parseOptionSymbol('AAPL')).toEqual({
			ok: false,
			reason:
				'"AAPL" is not an option symbol: expected OCC (AAPL  250321C00150000), thinkorswim ' +
				'(.AAPL250321C150), IBKR (AAPL 21MAR25 150 C) or a dated description (AAPL 03/21/2025 150 C)'
		});
		expect(parseOptionSymbol('AAPL  250231C00150000')).toEqual({
			ok: false,
			reason: '"AAPL  250231C00150000": expiry 2025-02-31 is not a date'
		});
		expect(parseOptionSymbol('.AAPL250321C150.1234')).toEqual({
			ok: false,
			reason: '".AAPL250321C150.1234": strike 150.1234 has more than 3 decimals (OCC writes thousandths)'
		});
		expect(parseOptionSymbol('AAPL  250321C00000000')).toEqual({
			ok: false,
			reason: '"AAPL  250321C00000000": the strike must be above 0, not 0'
		});
		expect(parseOptionSymbol('AAPL 21FOO25 150 C')).toEqual({
			ok: false,
			reason: '"AAPL 21FOO25 150 C": FOO is not a month (JAN … DEC)'
		});
		expect(() => parseOcc('.AAPL250321C150')).toThrow('".AAPL250321C150" is a thinkorswim symbol, not OCC');
		expect(() => parseOcc('ESZ5')).toThrow(RangeError);
	});
});

describe('formatOcc', () => {
	it('writes OCC with the root padded to 6 and the strike in thousandths', () => {
		expect(formatOcc(AAPL_150_CALL)).toBe('AAPL  250321C00150000');
		expect(formatOcc(AAPL_150_CALL, { padded: false })).toBe('AAPL250321C00150000');
		expect(formatOcc({ ...AAPL_150_CALL, root: 'F', strike: 7.5, right: 'put' })).toBe(
			'F     250321P00007500'
		);
		expect(formatOcc({ ...AAPL_150_CALL, strike: 0.1 + 0.2 })).toBe('AAPL  250321C00000300');
	});

	const terms = fc.record({
		root: fc
			.tuple(
				fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
				fc.array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), { maxLength: 5 })
			)
			.map(([first, rest]) => first + rest.join('')),
		expiry: fc
			.date({
				min: new Date(Date.UTC(2000, 0, 1)),
				max: new Date(Date.UTC(2099, 11, 31)),
				noInvalidDate: true
			})
			.map((d) => d.toISOString().slice(0, 10)),
		strike: fc.integer({ min: 1, max: 99_999_999 }).map((thousandths) => thousandths / 1000),
		right: fc.constantFrom('call' as const, 'put' as const)
	});

	it('round-trips: formatOcc(parseOcc(x)) === x, padded or not', () => {
		fc.assert(
			fc.property(terms, fc.boolean(), (t, padded) => {
				const x = formatOcc({ ...t, underlying: t.root }, { padded });
				expect(formatOcc(parseOcc(x), { padded })).toBe(x);
				expect(parseOcc(x)).toMatchObject(t);
			})
		);
	});
});
