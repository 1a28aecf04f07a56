import type { ChartBars } from '$workers/contract';

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/**
 * The paper desk's revealed bars, kept on this side of the worker: a step sends only the bars it
 * revealed (see PaperDesk.barsFrom), and they are appended here in amortised O(1) a bar, so the
 * thousandth step costs what the first did.
 */
export class DeskBars {
	#columns: ChartBars = empty(0);
	#length = 0;

	get length(): number {
		return this.#length;
	}

	/**
	 * Takes the bars of a desk: every revealed bar (`from` 0) or the next ones. False when they do
	 * not follow on from what is held (another tab moved the session on): open the session again.
	 */
	take(from: number, bars: ChartBars): boolean {
		if (from !== 0 && from !== this.#length) return false;
		const n = bars.time.length;
		const length = from + n;
		if (length > this.#columns.time.length) {
			const grown = empty(Math.max(length, this.#columns.time.length * 2, 64));
			for (const c of COLUMNS) grown[c].set(this.#columns[c].subarray(0, from));
			this.#columns = grown;
		}
		for (const c of COLUMNS) this.#columns[c].set(bars[c], from);
		this.#length = length;
		return true;
	}

	/** The bars held, as views (what the chart draws); valid until the next take. */
	view(): ChartBars {
		const view = {} as ChartBars;
		for (const c of COLUMNS) view[c] = this.#columns[c].subarray(0, this.#length);
		return view;
	}

	clear(): void {
		this.#length = 0;
	}
}

function empty(capacity: number): ChartBars {
	return {
		time: new Float64Array(capacity),
		open: new Float64Array(capacity),
		high: new Float64Array(capacity),
		low: new Float64Array(capacity),
		close: new Float64Array(capacity),
		volume: new Float64Array(capacity)
	};
}
