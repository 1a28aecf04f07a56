/**
 * A seeded generator for simulations: xoshiro128** (Blackman and Vigna), seeded through
 * splitmix32. Its 128-bit state and 2^128 − 1 period matter for Monte Carlo, which draws millions
 * of numbers per run: a 32-bit-state generator (mulberry32) repeats after 2^32 draws and cannot
 * produce every 32-bit output. The same seed gives the same sequence on every engine.
 */

/**
 * A generator of uniform numbers in [0, 1) from a seed (any number; its low 32 bits are used).
 * @example const next = seededRandom(7); next() // 0.23382771760225296 (on every run and engine)
 */
export function seededRandom(seed: number): () => number {
	// splitmix32 spreads one 32-bit seed over the four words (never all zero).
	let x = seed | 0;
	const split = () => {
		x = (x + 0x9e3779b9) | 0;
		let z = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
		return (z ^ (z >>> 16)) | 0;
	};
	const next = xoshiro128ss(split(), split(), split(), split());
	return () => next() / 4294967296;
}

/** The xoshiro128** generator from its four state words: unsigned 32-bit outputs. */
export function xoshiro128ss(a: number, b: number, c: number, d: number): () => number {
	return () => {
		const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
		const t = b << 9;
		c ^= a;
		d ^= b;
		b ^= c;
		a ^= d;
		c ^= t;
		d = rotl(d, 11);
		return result;
	};
}

function rotl(x: number, k: number): number {
	return (x << k) | (x >>> (32 - k));
}
