/**
 * Stable identities. An execution's id is a 64-bit hash (16 hex digits) of what identifies it:
 * the broker's own execution id where the file has one, otherwise the tuple (account, symbol,
 * side, quantity, price, instant) plus the occurrence number of that tuple within its file, so
 * that two identical fills in one file stay two while re-importing the file adds nothing.
 * At a million executions the chance of any collision among 64-bit hashes is about 3e-8.
 */

/**
 * 64-bit non-cryptographic hash of a string as 16 hex digits (two 32-bit lanes, cyrb53-style
 * mixing, both lanes kept whole).
 * @example hash64('abc').length // 16
 */
export function hash64(text: string): string {
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

/** What identifies an execution before the occurrence number is known. */
export interface ExecutionIdentity {
	accountId: string;
	brokerExecutionId: string | null;
	symbol: string;
	side: 'buy' | 'sell';
	quantity: number;
	price: number;
	time: number;
}

/** The tuple key of an execution without a broker id (occurrences are counted per key). */
export function executionTupleKey(e: ExecutionIdentity): string {
	return `${e.accountId}\u0001${e.symbol}\u0001${e.side}\u0001${e.quantity}\u0001${e.price}\u0001${e.time}`;
}

/**
 * The stable id of an execution. `occurrence` is 1 for the first execution with this tuple key
 * in its file, 2 for the second identical one, and so on; it is ignored when the broker gives an id.
 * @example executionId({ accountId: 'das|TR1', brokerExecutionId: null, symbol: 'MU', side: 'buy', quantity: 400, price: 50.99, time: 0 }, 1)
 */
export function executionId(e: ExecutionIdentity, occurrence: number): string {
	return e.brokerExecutionId !== null
		? hash64(`B\u0001${e.accountId}\u0001${e.brokerExecutionId}`)
		: hash64(`T\u0001${executionTupleKey(e)}\u0001${occurrence}`);
}
