import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idHex } from '../identity';
import {
	batchBuffers,
	chunkFromBatch,
	decodeExecutions,
	encodeExecutions,
	ExecutionBatchBuilder,
	executionIdAt,
	isChunkV3,
	textAt,
	upgradeChunkV3
} from './execution-codec';
import type { Execution } from './execution';
import type { ExecutionRecord } from './records';

const text = fc.string({ unit: 'binary', maxLength: 6 });
const anyExecution: fc.Arbitrary<Execution> = fc.record({
	id: fc.tuple(fc.nat({ max: 2 ** 32 - 1 }), fc.nat({ max: 2 ** 32 - 1 })).map(([hi, lo]) => idHex(hi, lo)),
	importId: fc.constant('imp'),
	accountId: fc.constantFrom('das trader|TR1', 'ibkr|U1'),
	brokerExecutionId: fc.option(text),
	symbol: fc.constantFrom('MU', 'AAPL  250117C00150000', 'ÄPFEL'),
	assetClass: fc.constantFrom('stock', 'option', 'future'),
	side: fc.constantFrom('buy', 'sell'),
	positionEffect: fc.constantFrom(null, 'open', 'close'),
	shortSale: fc.boolean(),
	quantity: fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
	price: fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
	time: fc.integer({ min: 0, max: 2e12 }),
	commission: fc.option(fc.double({ noNaN: true })),
	fees: fc.option(fc.double({ noNaN: true })),
	currency: fc.constantFrom(null, 'USD', 'EUR'),
	multiplier: fc.option(fc.constantFrom(50, 100)),
	orderId: fc.option(text),
	venue: fc.constantFrom(null, 'ARCA', 'NSDQ'),
	brokerPnl: fc.option(fc.double({ noNaN: true })),
	line: fc.nat({ max: 1e6 })
});

const asRecord = (e: Execution): ExecutionRecord => ({
	...e,
	kind: 'execution',
	accountNumber: e.accountId.split('|')[1] ?? null
});

describe('execution chunks', () => {
	it('decode to exactly the executions encoded (nulls, empty strings, unicode, -0)', () => {
		fc.assert(
			fc.property(fc.array(anyExecution, { maxLength: 40 }), (executions) => {
				const chunk = encodeExecutions('imp', executions);
				expect(decodeExecutions(chunk)).toEqual(executions);
				expect(executions.map((_, i) => executionIdAt(chunk, i))).toEqual(executions.map((e) => e.id));
				// One string per id column, whatever the number of executions.
				expect(typeof chunk.orderId.text).toBe('string');
				expect(chunk.id).toBeInstanceOf(Uint32Array);
				expect(chunk.id.length).toBe(2 * executions.length);
			})
		);
	});

	it('tells an empty string from a missing one in a packed column', () => {
		const [a, b] = fc.sample(anyExecution, { numRuns: 2, seed: 1 });
		const chunk = encodeExecutions('imp', [
			{ ...a!, orderId: '' },
			{ ...b!, orderId: null }
		]);
		expect([textAt(chunk.orderId, 0), textAt(chunk.orderId, 1)]).toEqual(['', null]);
	});

	it('keep the rows a plan keeps, in order, from a batch of records (which may grow past its first size)', () => {
		fc.assert(
			fc.property(
				fc.array(anyExecution, { minLength: 1, maxLength: 60 }),
				fc.integer({ min: 1, max: 8 }),
				(executions, initial) => {
					const builder = new ExecutionBatchBuilder(executions.length, initial);
					for (const e of executions) builder.push(asRecord(e));
					expect(builder.full).toBe(true);
					const batch = builder.finish();
					const keep = executions.flatMap((_, i) => (i % 3 === 1 ? [] : [i]));
					const id = new Uint32Array(2 * keep.length);
					keep.forEach((i, k) => {
						id[2 * k] = parseInt(executions[i]!.id.slice(0, 8), 16);
						id[2 * k + 1] = parseInt(executions[i]!.id.slice(8), 16);
					});
					const accountIds = batch.accountNumbers.map((n, k) => (k === 0 ? null : `das trader|${n}`));
					const chunk = chunkFromBatch(
						'imp',
						batch,
						keep.length === executions.length ? null : Uint32Array.from(keep),
						keep.length,
						id,
						accountIds
					);
					const expected = keep.map((i) => ({
						...executions[i]!,
						accountId: `das trader|${executions[i]!.accountId.split('|')[1]}`
					}));
					expect(decodeExecutions(chunk)).toEqual(expected);
					expect(chunk.firstTime).toBe(Math.min(...expected.map((e) => e.time)));
					expect(chunk.lastTime).toBe(Math.max(...expected.map((e) => e.time)));
				}
			)
		);
	});

	it('refuse a record past their capacity, and hand over every buffer for transfer', () => {
		const [e] = fc.sample(anyExecution, { numRuns: 1, seed: 2 });
		const builder = new ExecutionBatchBuilder(1);
		builder.push(asRecord(e!));
		expect(() => builder.push(asRecord(e!))).toThrow(RangeError);
		const batch = builder.finish();
		const buffers = batchBuffers(batch);
		// Every typed array of the batch is backed by one of the buffers, and none is shared.
		const arrays = Object.values(batch).flatMap((v: unknown): unknown[] =>
			ArrayBuffer.isView(v)
				? [v]
				: typeof v === 'object' && v !== null && !Array.isArray(v)
					? Object.values(v as Record<string, unknown>)
					: []
		);
		for (const a of arrays) if (ArrayBuffer.isView(a)) expect(buffers).toContain(a.buffer);
		expect(new Set(buffers).size).toBe(buffers.length);
	});

	it('of schema 3 (ids and id columns as text) upgrade to the same executions', () => {
		fc.assert(
			fc.property(fc.array(anyExecution, { maxLength: 20 }), (executions) => {
				const chunk = encodeExecutions('imp', executions);
				const v3 = {
					...chunk,
					id: executions.map((e) => e.id),
					orderId: executions.map((e) => e.orderId),
					brokerExecutionId: executions.map((e) => e.brokerExecutionId)
				};
				expect(isChunkV3(v3)).toBe(true);
				expect(isChunkV3(chunk)).toBe(false);
				expect(decodeExecutions(upgradeChunkV3(v3))).toEqual(executions);
			})
		);
	});
});
