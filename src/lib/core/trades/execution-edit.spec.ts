import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	checkExecutionFields,
	describeChange,
	describeExecution,
	describeTarget,
	parseExecutionEdit,
	sameFields,
	type ExecutionEditInput,
	type ExecutionFields
} from './execution-edit';

const zone = 'America/New_York';
const input: ExecutionEditInput = {
	id: '00000000000000aa',
	date: '2025-10-13',
	time: '10:01:02',
	zone,
	side: 'buy',
	quantity: 100,
	price: 150,
	commission: null,
	fees: 0.5,
	reason: 'broker corrected the fill'
};
// 2025-10-13 10:01:02 EDT = 14:01:02 UTC.
const instant = Date.UTC(2025, 9, 13, 14, 1, 2);

describe('parseExecutionEdit', () => {
	it('reads wall time in the zone and keeps the typed values', () => {
		expect(parseExecutionEdit(input)).toEqual({
			ok: true,
			value: { time: instant, side: 'buy', quantity: 100, price: 150, commission: null, fees: 0.5 }
		});
		expect(parseExecutionEdit({ ...input, time: '10:01:02.250' })).toMatchObject({
			ok: true,
			value: { time: instant + 250 }
		});
	});

	it('refuses each bad field with its reason', () => {
		const cases: [Partial<ExecutionEditInput>, string][] = [
			[{ date: '13/10/2025x' }, 'Date "13/10/2025x" is not a date.'],
			[{ time: '9h' }, 'Time "9h" is not a time of day.'],
			// 02:30 on the spring-forward day does not exist in New York.
			[
				{ date: '2025-03-09', time: '02:30:00' },
				'Time 2025-03-09 02:30:00 does not exist in America/New_York (clocks skipped it).'
			],
			[{ side: 'short' as 'sell' }, 'Side must be buy or sell.'],
			[{ quantity: 0 }, 'Quantity must be a number above zero.'],
			[{ quantity: -5 }, 'Quantity must be a number above zero.'],
			[{ quantity: Number.POSITIVE_INFINITY }, 'Quantity must be a number above zero.'],
			[{ quantity: 2e12 }, 'Quantity must be at most 1,000,000,000,000.'],
			[{ price: 0 }, 'Price must be a number above zero.'],
			[{ price: Number.NaN }, 'Price must be a number above zero.'],
			[{ price: 2e9 }, 'Price must be at most 1,000,000,000.'],
			[{ commission: Number.NaN }, 'Commission must be a number, or empty for none.'],
			[{ fees: -2e9 }, 'Fees must be within ±1,000,000,000.'],
			[{ date: '2100-01-01', time: '12:00:00' }, 'The time must fall between 1970 and 2100.'],
			[{ reason: 'x'.repeat(501) }, 'The reason must be text of at most 500 characters.']
		];
		for (const [change, message] of cases)
			expect(parseExecutionEdit({ ...input, ...change })).toEqual({ ok: false, message });
	});

	it('accepts a rebate (negative costs) and fractional quantities', () => {
		expect(parseExecutionEdit({ ...input, commission: -0.004, quantity: 0.00012345 }).ok).toBe(true);
	});

	it('accepts exactly the fields checkExecutionFields accepts, for any numbers', () => {
		const anyNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -0, 1e12, 1e9));
		fc.assert(
			fc.property(anyNumber, anyNumber, fc.option(anyNumber), (quantity, price, commission) => {
				const parsed = parseExecutionEdit({ ...input, quantity, price, commission });
				const fields: ExecutionFields = {
					time: instant,
					side: 'buy',
					quantity,
					price,
					commission,
					fees: 0.5
				};
				expect(parsed.ok).toBe(checkExecutionFields(fields) === null);
				if (parsed.ok) {
					expect(parsed.value.quantity > 0 && Number.isFinite(parsed.value.quantity)).toBe(true);
					expect(parsed.value.price > 0 && Number.isFinite(parsed.value.price)).toBe(true);
				}
			})
		);
	});
});

describe('describing a change', () => {
	const before: ExecutionFields = {
		time: instant,
		side: 'buy',
		quantity: 100,
		price: 150,
		commission: null,
		fees: null
	};

	it('names the execution and only the fields that change', () => {
		expect(describeExecution(before, 'AAPL', zone)).toBe('2025-10-13 10:01:02 BUY 100 AAPL @ 150.00');
		expect(describeChange(before, { ...before, price: 150.1 }, zone)).toEqual(['@ 150.00 to @ 150.10']);
		expect(
			describeChange(
				before,
				{ ...before, time: instant + 3000, quantity: 90, side: 'sell', fees: 0.25 },
				zone
			)
		).toEqual([
			'time 2025-10-13 10:01:02 to 2025-10-13 10:01:05',
			'BUY to SELL',
			'quantity 100 to 90',
			'fees none to 0.25'
		]);
		expect(describeChange(before, { ...before, price: 150.0001 }, zone)).toEqual(['@ 150.00 to @ 150.0001']);
		expect(describeChange(before, before, zone)).toEqual([]);
		expect(describeTarget(before, { ...before, price: 150.1, quantity: 90 }, zone)).toEqual([
			'quantity 90',
			'@ 150.10'
		]);
		expect(sameFields(before, { ...before })).toBe(true);
		expect(sameFields(before, { ...before, commission: 0 })).toBe(false);
	});
});
