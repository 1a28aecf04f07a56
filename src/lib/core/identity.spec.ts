import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executionId, hash64, type ExecutionIdentity } from './identity';

const base: ExecutionIdentity = {
	accountId: 'das trader|TR1',
	brokerExecutionId: null,
	symbol: 'MU',
	side: 'buy',
	quantity: 400,
	price: 50.99,
	time: 1_760_362_990_000
};

describe('hash64', () => {
	it('is 16 hex digits and deterministic', () => {
		expect(hash64('abc')).toMatch(/^[0-9a-f]{16}$/);
		expect(hash64('abc')).toBe(hash64('abc'));
	});

	it('has no collisions on 200k distinct near-identical inputs', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 200_000; i++) seen.add(hash64(`das|TR1|MU|buy|${i}|50.99|1760362990000|1`));
		expect(seen.size).toBe(200_000);
	});
});

describe('executionId', () => {
	it('tells identical fills in one file apart by their occurrence', () => {
		expect(executionId(base, 1)).not.toBe(executionId(base, 2));
		expect(executionId(base, 1)).toBe(executionId({ ...base }, 1));
	});

	it('changes with any identifying field', () => {
		fc.assert(
			fc.property(fc.constantFrom('accountId', 'symbol', 'side', 'quantity', 'price', 'time'), (field) => {
				const changed = {
					...base,
					[field]:
						field === 'side' ? 'sell' : typeof base[field as keyof ExecutionIdentity] === 'number' ? 1 : 'X'
				};
				expect(executionId(changed, 1)).not.toBe(executionId(base, 1));
			})
		);
	});

	it('uses the broker id alone when there is one', () => {
		const a = { ...base, brokerExecutionId: '123456' };
		expect(executionId(a, 1)).toBe(executionId({ ...a, price: 1, quantity: 2 }, 7));
		expect(executionId(a, 1)).not.toBe(executionId({ ...a, accountId: 'ibkr|U2' }, 1));
	});
});
