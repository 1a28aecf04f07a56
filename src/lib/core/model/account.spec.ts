import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accountId, validateAccountInput } from './account';

describe('validateAccountInput', () => {
	it('trims, collapses blanks and upper-cases the currency', () => {
		expect(
			validateAccountInput({ broker: '  DAS   Trader ', number: ' TRIB5621 ', currency: 'usd' })
		).toEqual({
			ok: true,
			value: { broker: 'DAS Trader', number: 'TRIB5621', currency: 'USD', label: '' }
		});
	});

	it('names every missing or malformed field instead of defaulting it', () => {
		const result = validateAccountInput({ broker: ' ', number: '', currency: '' });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.map((e) => e.field)).toEqual(['broker', 'number', 'currency']);
	});

	it('rejects a currency that is not three letters', () => {
		expect(validateAccountInput({ broker: 'IBKR', number: 'U1', currency: 'US$' }).ok).toBe(false);
	});
});

describe('accountId', () => {
	it('is the same for broker names that differ only in case and blanks', () => {
		fc.assert(
			fc.property(
				fc.stringMatching(/^[A-Za-z0-9 .&-]{1,20}$/),
				fc.string({ minLength: 1 }),
				(broker, number) => {
					expect(accountId(` ${broker.toUpperCase()} `, number)).toBe(
						accountId(broker.toLowerCase(), number)
					);
				}
			)
		);
	});

	it('keeps account numbers that differ in case apart', () => {
		expect(accountId('DAS', 'tr1')).not.toBe(accountId('DAS', 'TR1'));
	});
});
