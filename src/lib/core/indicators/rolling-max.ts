/**
 * The maximum of the last `size` values in amortised O(1) per value: a monotonic deque keeps the
 * values that can still become the maximum (each smaller than the one before it), so each value
 * is added once and dropped once. The minimum is the maximum of the negated values.
 */
export class RollingMax {
	readonly #size: number;
	/** Ring buffers of the deque's values and of the position each value was pushed at. */
	readonly #values: Float64Array;
	readonly #positions: Float64Array;
	#head = 0;
	#length = 0;
	#pushed = 0;

	constructor(size: number) {
		this.#size = size;
		this.#values = new Float64Array(size);
		this.#positions = new Float64Array(size);
	}

	/** Adds a value and returns the maximum of the last `size` values (fewer at the start). */
	push(x: number): number {
		const size = this.#size;
		const position = this.#pushed++;
		// Drop the front once it falls out of the window, before adding, so `size` slots suffice.
		if (this.#length > 0 && this.#positions[this.#head]! <= position - size) {
			this.#head = this.#head + 1 === size ? 0 : this.#head + 1;
			this.#length--;
		}
		// Values not above the new one can never be the maximum again.
		while (this.#length > 0) {
			const back = (this.#head + this.#length - 1) % size;
			if (this.#values[back]! > x) break;
			this.#length--;
		}
		const slot = (this.#head + this.#length) % size;
		this.#values[slot] = x;
		this.#positions[slot] = position;
		this.#length++;
		return this.#values[this.#head]!;
	}

	clear(): void {
		this.#head = 0;
		this.#length = 0;
		this.#pushed = 0;
	}
}
