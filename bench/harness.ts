/**
 * The benchmark harness. Each benchmark times Fillbook's code and a named peer on the same data
 * in the same run, and reports the ratio (ours / peer): ratios survive machine differences that
 * absolute times do not. Benchmarks are `bench/*.bench.ts` files run by `npm run bench`.
 */

export interface Timing {
	name: string;
	/** Median wall time of the measured runs, in milliseconds. */
	medianMs: number;
	runs: number;
}

/** Times `fn` (after `warmup` unmeasured runs) and returns the median of `runs` runs. */
export async function measure(name: string, fn: () => unknown, runs = 7, warmup = 2): Promise<Timing> {
	for (let i = 0; i < warmup; i++) await fn();
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		await fn();
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	return { name, medianMs: times[Math.floor(times.length / 2)] ?? Number.NaN, runs };
}

/** Prints one comparison line and returns the ratio ours / peer. */
export function report(ours: Timing, peer: Timing, target?: number): number {
	const ratio = ours.medianMs / peer.medianMs;
	const verdict =
		target === undefined
			? ''
			: ratio <= target
				? `  (target ≤ ${target}x: met)`
				: `  (target ≤ ${target}x: MISSED)`;
	console.log(
		`${ours.name}: ${ours.medianMs.toFixed(1)} ms | peer ${peer.name}: ${peer.medianMs.toFixed(1)} ms | ratio ${ratio.toFixed(2)}x${verdict}`
	);
	return ratio;
}
