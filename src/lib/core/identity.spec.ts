import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MU_BUY } from '../../../tests/support/records';
import {
	executionId,
	executionIdOf,
	executionTupleKey,
	executionTupleKeyOf,
	hash64,
	hashInto,
	IdSet,
	idHex,
	idLanes,
	TupleOccurrences,
	type ExecutionIdentity
} from './identity';

const base = MU_BUY;

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

/** What hash64 did before its hex formatting was hand-written. */
function hash64Reference(text: string): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i++) {
		const ch = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ ch, 2654435761);
		h2 = Math.imul(h2 ^ ch, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
	h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
	h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

describe('identity fast paths give the same strings', () => {
	it('hash64 matches the reference on any text', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
				expect(hash64(text)).toBe(hash64Reference(text));
			}),
			{ numRuns: 1000 }
		);
	});

	it('executionTupleKeyOf and executionIdOf equal the merged-object forms', () => {
		const { accountId, ...fields } = base;
		expect(executionTupleKeyOf(fields, accountId)).toBe(executionTupleKey(base));
		for (const e of [base, { ...base, brokerExecutionId: 'X1' }])
			expect(executionIdOf(e, accountId, 3)).toBe(executionId(e, 3));
	});

	it('TupleOccurrences counts and names tuples exactly as key strings in a Map would', () => {
		const text = fc.constantFrom('MU', 'AAPL', 'A\u0001buy', 'A', '\u0001', '', 'ÉTÉ');
		const num = fc.constantFrom(0, -0, 1, 100, 0.5, 1e-7, 1e21, NaN, Infinity, 50.99, 1_760_362_990_000);
		const row = fc.record({
			accountId: fc.constantFrom('das trader|TR1', 'das trader|TR1\u0001A', 'ibkr|U1'),
			brokerExecutionId: fc.constant(null),
			symbol: text,
			side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
			quantity: num,
			price: num,
			time: num
		});
		fc.assert(
			fc.property(fc.array(row, { maxLength: 300 }), fc.nat(3000), (rows, expected) => {
				const tuples = new TupleOccurrences(expected);
				const counts = new Map<string, number>();
				for (const r of rows) {
					const key = executionTupleKey(r);
					const occurrence = (counts.get(key) ?? 0) + 1;
					counts.set(key, occurrence);
					expect(tuples.next(r, r.accountId)).toBe(executionId(r, occurrence));
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('TupleOccurrences stays exact past many tuples and high occurrence numbers', () => {
		const tuples = new TupleOccurrences();
		const counts = new Map<string, number>();
		for (let i = 0; i < 30_000; i++) {
			const r = { ...base, quantity: i % 7_919, price: (i % 13) / 100, time: i % 3 };
			const key = executionTupleKey(r);
			const occurrence = (counts.get(key) ?? 0) + 1;
			counts.set(key, occurrence);
			expect(tuples.next(r, r.accountId)).toBe(executionId(r, occurrence));
		}
		for (let i = 1; i <= 120; i++) expect(tuples.next(base, base.accountId)).toBe(executionId(base, i));
	});
});

describe('IdSet', () => {
	it('holds exactly what a Set of the ids as text would, through growth', () => {
		const half = fc.oneof(fc.constantFrom(0, 1, 2 ** 31, 2 ** 32 - 1), fc.nat({ max: 2 ** 32 - 1 }));
		fc.assert(
			fc.property(
				fc.array(fc.tuple(half, half), { maxLength: 3000 }),
				fc.nat({ max: 5000 }),
				(ids, expected) => {
					const set = new IdSet(expected);
					const reference = new Set<string>();
					for (const [hi, lo] of ids) {
						const text = idHex(hi, lo);
						expect(set.add(hi, lo)).toBe(!reference.has(text));
						reference.add(text);
					}
					expect(set.size).toBe(reference.size);
					for (const [hi, lo] of ids) {
						expect(set.has(hi, lo)).toBe(true);
						expect(set.has(hi, (lo + 1) >>> 0)).toBe(reference.has(idHex(hi, (lo + 1) >>> 0)));
					}
				}
			),
			{ numRuns: 50 }
		);
	});

	it('idHex and idLanes are inverse, and hashInto gives hash64 in halves', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (text) => {
				const out = new Uint32Array(3);
				hashInto(text, out, 1);
				expect(idHex(out[1]!, out[2]!)).toBe(hash64(text));
				expect(idLanes(hash64(text))).toEqual([out[1], out[2]]);
			})
		);
		expect(() => idLanes('exec-1')).toThrow(RangeError);
	});
});
