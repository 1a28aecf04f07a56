/**
 * Stable identities. An execution's id is a 64-bit hash (16 hex digits) of what identifies it:
 * the broker's own execution id where the file has one, otherwise the tuple (account, symbol,
 * side, quantity, price, instant) plus the occurrence number of that tuple within its file, so
 * that two identical fills in one file stay two while re-importing the file adds nothing.
 * At a million executions the chance of any collision among 64-bit hashes is about 3e-8.
 */

const SEED1 = 0xdeadbeef;
const SEED2 = 0x41c6ce57;
const M1 = 2654435761;
const M2 = 1597334677;

/**
 * 64-bit non-cryptographic hash of a string as 16 hex digits (two 32-bit lanes, cyrb53-style
 * mixing, both lanes kept whole).
 * @example hash64('abc').length // 16
 */
export function hash64(text: string): string {
	hashInto(text, LANES, 0);
	return idHex(LANES[0]!, LANES[1]!);
}

/** Scratch lanes for the string forms. */
const LANES = new Uint32Array(2);

/** hash64 of `text` as its two 32-bit halves, written to out[at] (high) and out[at + 1] (low). */
export function hashInto(text: string, out: Uint32Array, at: number): void {
	let h1 = SEED1;
	let h2 = SEED2;
	for (let i = 0; i < text.length; i++) {
		const ch = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ ch, M1);
		h2 = Math.imul(h2 ^ ch, M2);
	}
	finish(h1, h2, out, at);
}

/** hash64's final mixing of its two lanes; the high half is the second lane. */
function finish(h1: number, h2: number, out: Uint32Array, at: number): void {
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
	h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
	h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	out[at] = h2;
	out[at + 1] = h1;
}

/**
 * An id's two halves as its 16 hex digits (high half first): the form ids take everywhere but
 * in stored chunks.
 * @example idHex(0x1bc092c6, 0x3a2e014e) // '1bc092c63a2e014e'
 */
export function idHex(hi: number, lo: number): string {
	return String.fromCharCode(
		HEX[(hi >>> 28) & 15]!,
		HEX[(hi >>> 24) & 15]!,
		HEX[(hi >>> 20) & 15]!,
		HEX[(hi >>> 16) & 15]!,
		HEX[(hi >>> 12) & 15]!,
		HEX[(hi >>> 8) & 15]!,
		HEX[(hi >>> 4) & 15]!,
		HEX[hi & 15]!,
		HEX[(lo >>> 28) & 15]!,
		HEX[(lo >>> 24) & 15]!,
		HEX[(lo >>> 20) & 15]!,
		HEX[(lo >>> 16) & 15]!,
		HEX[(lo >>> 12) & 15]!,
		HEX[(lo >>> 8) & 15]!,
		HEX[(lo >>> 4) & 15]!,
		HEX[lo & 15]!
	);
}

/**
 * The two halves of a 16-hex-digit id.
 * @throws RangeError when `id` is not 16 hex digits.
 */
export function idLanes(id: string): [number, number] {
	if (!/^[0-9a-f]{16}$/.test(id)) throw new RangeError(`"${id}" is not an execution id (16 hex digits).`);
	return [parseInt(id.slice(0, 8), 16), parseInt(id.slice(8), 16)];
}

/** Char codes of the hex digits 0-9a-f. */
const HEX = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];

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

/** An execution's identifying fields other than its account (e.g. an ExecutionRecord). */
export type ExecutionFields = Omit<ExecutionIdentity, 'accountId'>;

/** The tuple key of an execution without a broker id (occurrences are counted per key). */
export function executionTupleKey(e: ExecutionIdentity): string {
	return executionTupleKeyOf(e, e.accountId);
}

/** executionTupleKey of `e` in the account `accountId` (the same string, without a merged object). */
export function executionTupleKeyOf(e: ExecutionFields, accountId: string): string {
	return `${accountId}\u0001${e.symbol}\u0001${e.side}\u0001${e.quantity}\u0001${e.price}\u0001${e.time}`;
}

/**
 * The stable id of an execution. `occurrence` is 1 for the first execution with this tuple key
 * in its file, 2 for the second identical one, and so on; it is ignored when the broker gives an id.
 * @example executionId({ accountId: 'das|TR1', brokerExecutionId: null, symbol: 'MU', side: 'buy', quantity: 400, price: 50.99, time: 0 }, 1)
 */
export function executionId(e: ExecutionIdentity, occurrence: number): string {
	return executionIdOf(e, e.accountId, occurrence);
}

/** executionId of `e` in the account `accountId` (the same string, without a merged object). */
export function executionIdOf(e: ExecutionFields, accountId: string, occurrence: number): string {
	return e.brokerExecutionId !== null
		? brokerExecutionIdOf(accountId, e.brokerExecutionId)
		: tupleExecutionId(executionTupleKeyOf(e, accountId), occurrence);
}

/** The id of an execution the broker identifies (what executionId gives when it has a broker id). */
export function brokerExecutionIdOf(accountId: string, brokerExecutionId: string): string {
	return hash64(brokerKey(accountId, brokerExecutionId));
}

/** brokerExecutionIdOf as two halves, written to out[at] (high) and out[at + 1] (low). */
export function brokerExecutionIdInto(
	accountId: string,
	brokerExecutionId: string,
	out: Uint32Array,
	at: number
): void {
	hashInto(brokerKey(accountId, brokerExecutionId), out, at);
}

const brokerKey = (accountId: string, brokerExecutionId: string) =>
	`B\u0001${accountId}\u0001${brokerExecutionId}`;

/** The id of the `occurrence`-th execution with tuple key `key` (executionTupleKey). */
export function tupleExecutionId(key: string, occurrence: number): string {
	return hash64(`T\u0001${key}\u0001${occurrence}`);
}

/**
 * Counts occurrences of execution tuples and gives their ids, as executionTupleKey, a
 * Map<key, count> and tupleExecutionId would, without building the key strings: the hash of
 * `T\u0001<key>` is computed from the fields, and the tuples are kept in an open-addressing table
 * compared field by field. Tuples whose text fields hold U+0001 (where two different tuples could
 * share a key string) are counted by their key string instead, so every id is exactly the same.
 */
export class TupleOccurrences {
	#mask = 1023;
	/** Per slot, two ints: entry index + 1 (0: empty) and the entry's hash. */
	#slots = new Int32Array(2048);
	#count = 0;
	#hash = new Int32Array(512);
	#occurrences = new Int32Array(512);
	#quantity = new Float64Array(512);
	#price = new Float64Array(512);
	#time = new Float64Array(512);
	#account: string[] = [];
	#symbol: string[] = [];
	#side: string[] = [];
	/** Tuples with U+0001 in a text field, by key string. */
	#odd = new Map<string, number>();
	#pieces: string[] = ['', '', '', '', '', ''];
	#lastTime = NaN;
	#lastTimeText = 'NaN';
	#lastQuantity = NaN;
	#lastQuantityText = 'NaN';

	/** `expected`: about how many tuples will come (sizes the table up front; any value is correct). */
	constructor(expected = 0) {
		if (expected > 512) this.#resize(2 ** Math.min(22, Math.ceil(Math.log2(expected * 2))));
	}

	/** The id of `e` in `accountId`, counting it as one more occurrence of its tuple. */
	next(e: ExecutionFields, accountId: string): string {
		this.nextInto(accountId, e.symbol, e.side, e.quantity, e.price, e.time, LANES, 0);
		return idHex(LANES[0]!, LANES[1]!);
	}

	/**
	 * next() of the execution given by its fields, its id's two halves written to out[at] and
	 * out[at + 1] (no strings made unless a field holds U+0001).
	 */
	nextInto(
		accountId: string,
		symbol: string,
		side: string,
		quantity: number,
		price: number,
		time: number,
		out: Uint32Array,
		at: number
	): void {
		const pieces = this.#pieces;
		pieces[0] = accountId;
		pieces[1] = symbol;
		pieces[2] = side;
		// Files list executions in time order, and quantities repeat: reuse the last texts.
		if (quantity !== this.#lastQuantity || quantity !== quantity) {
			this.#lastQuantity = quantity;
			this.#lastQuantityText = `${quantity}`;
		}
		pieces[3] = this.#lastQuantityText;
		pieces[4] = `${price}`;
		if (time !== this.#lastTime || time !== time) {
			this.#lastTime = time;
			this.#lastTimeText = `${time}`;
		}
		pieces[5] = this.#lastTimeText;
		// The lanes of hash64 after `T\u0001` + the key (pieces joined by U+0001).
		let h1 = Math.imul(Math.imul(SEED1 ^ 84, M1) ^ 1, M1);
		let h2 = Math.imul(Math.imul(SEED2 ^ 84, M2) ^ 1, M2);
		let odd = false;
		for (let p = 0; p < 6; p++) {
			const text = pieces[p]!;
			if (p > 0) {
				h1 = Math.imul(h1 ^ 1, M1);
				h2 = Math.imul(h2 ^ 1, M2);
			}
			for (let i = 0; i < text.length; i++) {
				const ch = text.charCodeAt(i);
				if (ch === 1) odd = true;
				h1 = Math.imul(h1 ^ ch, M1);
				h2 = Math.imul(h2 ^ ch, M2);
			}
		}
		if (odd) {
			const key = pieces.join('\u0001');
			const occurrence = (this.#odd.get(key) ?? 0) + 1;
			this.#odd.set(key, occurrence);
			hashInto(`T\u0001${key}\u0001${occurrence}`, out, at);
			return;
		}
		const occurrence = this.#count1(h1, h2, accountId, symbol, side, quantity, price, time);
		// Continue the lanes with `\u0001` + the occurrence's digits, then finish as hash64.
		h1 = Math.imul(h1 ^ 1, M1);
		h2 = Math.imul(h2 ^ 1, M2);
		if (occurrence < 10) {
			h1 = Math.imul(h1 ^ (48 + occurrence), M1);
			h2 = Math.imul(h2 ^ (48 + occurrence), M2);
		} else {
			const digits = `${occurrence}`;
			for (let i = 0; i < digits.length; i++) {
				const ch = digits.charCodeAt(i);
				h1 = Math.imul(h1 ^ ch, M1);
				h2 = Math.imul(h2 ^ ch, M2);
			}
		}
		finish(h1, h2, out, at);
	}

	/** Finds or adds the tuple; returns its occurrence number after counting this one. */
	#count1(
		h1: number,
		h2: number,
		accountId: string,
		symbol: string,
		side: string,
		quantity: number,
		price: number,
		time: number
	): number {
		const hash = Math.imul(h1 ^ (h2 >>> 15), 0x85ebca6b) ^ (h2 + (h1 >>> 13));
		const mixed = Math.imul(hash ^ (hash >>> 16), 0x7feb352d);
		const slots = this.#slots;
		let slot = (mixed ^ (mixed >>> 15)) & this.#mask;
		for (;;) {
			const at = slots[2 * slot]! - 1;
			if (at < 0) break;
			if (
				slots[2 * slot + 1] === hash &&
				this.#account[at] === accountId &&
				this.#symbol[at] === symbol &&
				this.#side[at] === side &&
				same(this.#quantity[at]!, quantity) &&
				same(this.#price[at]!, price) &&
				same(this.#time[at]!, time)
			)
				return ++this.#occurrences[at]!;
			slot = (slot + 1) & this.#mask;
		}
		const at = this.#count++;
		if (at >= this.#hash.length) this.#grow();
		this.#hash[at] = hash;
		this.#occurrences[at] = 1;
		this.#quantity[at] = quantity;
		this.#price[at] = price;
		this.#time[at] = time;
		this.#account[at] = accountId;
		this.#symbol[at] = symbol;
		this.#side[at] = side;
		slots[2 * slot] = at + 1;
		slots[2 * slot + 1] = hash;
		if (this.#count * 2 > this.#mask + 1) this.#resize((this.#mask + 1) * 2);
		return 1;
	}

	#grow(): void {
		const size = this.#hash.length * 2;
		const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
			const b = make(size);
			b.set(a);
			return b;
		};
		this.#hash = grow(this.#hash, (n) => new Int32Array(n));
		this.#occurrences = grow(this.#occurrences, (n) => new Int32Array(n));
		this.#quantity = grow(this.#quantity, (n) => new Float64Array(n));
		this.#price = grow(this.#price, (n) => new Float64Array(n));
		this.#time = grow(this.#time, (n) => new Float64Array(n));
	}

	#resize(capacity: number): void {
		this.#mask = capacity - 1;
		const slots = (this.#slots = new Int32Array(2 * capacity));
		for (let at = 0; at < this.#count; at++) {
			const hash = this.#hash[at]!;
			const mixed = Math.imul(hash ^ (hash >>> 16), 0x7feb352d);
			let slot = (mixed ^ (mixed >>> 15)) & this.#mask;
			while (slots[2 * slot] !== 0) slot = (slot + 1) & this.#mask;
			slots[2 * slot] = at + 1;
			slots[2 * slot + 1] = hash;
		}
	}
}

/** Whether two numbers print the same (`${a}` === `${b}`): equal, or both NaN (0 and -0 print `0`). */
function same(a: number, b: number): boolean {
	return a === b || (a !== a && b !== b);
}

/**
 * A set of ids by their two 32-bit halves (open addressing): what an import checks each
 * execution against, without a 16-character string per id.
 * @example const ids = new IdSet(); ids.add(1, 2); ids.has(1, 2) // true
 */
export class IdSet {
	#mask: number;
	/** Per slot: high half, low half, and 1 when used. */
	#slots: Int32Array;
	#size = 0;

	/** `expected`: about how many ids will be added (sizes the table; any value is correct). */
	constructor(expected = 0) {
		const capacity = 2 ** Math.max(10, Math.ceil(Math.log2(Math.max(1, expected) * 2)));
		this.#mask = capacity - 1;
		this.#slots = new Int32Array(3 * capacity);
	}

	get size(): number {
		return this.#size;
	}

	has(hi: number, lo: number): boolean {
		const slots = this.#slots;
		for (let slot = start(hi, lo, this.#mask); slots[3 * slot + 2] === 1; slot = (slot + 1) & this.#mask)
			if (slots[3 * slot] === (hi | 0) && slots[3 * slot + 1] === (lo | 0)) return true;
		return false;
	}

	/** Adds the id; false when it was there already. */
	add(hi: number, lo: number): boolean {
		const slots = this.#slots;
		let slot = start(hi, lo, this.#mask);
		for (; slots[3 * slot + 2] === 1; slot = (slot + 1) & this.#mask)
			if (slots[3 * slot] === (hi | 0) && slots[3 * slot + 1] === (lo | 0)) return false;
		slots[3 * slot] = hi;
		slots[3 * slot + 1] = lo;
		slots[3 * slot + 2] = 1;
		if (++this.#size * 2 > this.#mask + 1) this.#grow();
		return true;
	}

	#grow(): void {
		const old = this.#slots;
		this.#mask = this.#mask * 2 + 1;
		const slots = (this.#slots = new Int32Array(3 * (this.#mask + 1)));
		for (let s = 0; s < old.length; s += 3) {
			if (old[s + 2] !== 1) continue;
			let slot = start(old[s]!, old[s + 1]!, this.#mask);
			while (slots[3 * slot + 2] === 1) slot = (slot + 1) & this.#mask;
			slots[3 * slot] = old[s]!;
			slots[3 * slot + 1] = old[s + 1]!;
			slots[3 * slot + 2] = 1;
		}
	}
}

/** The first slot of an id: its halves are hash output already, so a cheap mix spreads them. */
function start(hi: number, lo: number, mask: number): number {
	const h = Math.imul(lo ^ (hi >>> 7), 0x9e3779b1);
	return (h ^ (h >>> 16)) & mask;
}
