/**
 * Watching a level: the first time prices after `armedFrom` reach it, judged by every source. The
 * preferred bar source is walked bar by bar (a bar reaches a level with its low or high) and the
 * point quotes (alert prices, manual marks) one by one, in time order; at a crossing the price is
 * validated across all sources (`validatePrice`). A crossing of at least medium confidence
 * triggers; a low-confidence one is a doubt: reported with its reasons, the level stays armed.
 */
import { crossed, crossedBar, type Level } from './levels';
import {
	CONFIDENCE_RANK,
	DEFAULT_PRICE_SETTINGS,
	validatePrice,
	type PriceSettings,
	type Quote,
	type ValidatedPrice
} from './validate';

/** One bar file's bars of the symbol, by time. */
export interface BarSource {
	/** Its name as reasons show it (the file's). */
	name: string;
	time: ArrayLike<number>;
	high: ArrayLike<number>;
	low: ArrayLike<number>;
	close: ArrayLike<number>;
	/** The name of the file bar `i` came from, when the bars are several files' on one timeline. */
	nameAt?: (i: number) => string;
}

export interface WatchQuestion {
	level: Level;
	/** Only prices after this time count, epoch ms. */
	armedFrom: number;
	/** Bar files: each one's close is a quote at a crossing. */
	bars: readonly BarSource[];
	/** The bars walked for crossings, by time; the first file when absent. */
	walk?: BarSource;
	/** Alert prices and manual marks. */
	points: readonly Quote[];
	/** The price when the level was set (its entry or the last close), the first "previous" price. */
	startPrice: number | null;
	/** The ATR for the jump check, or null. */
	atr: number | null;
}

/** A crossing: when, the price the crossing reached, and the validated price at that time. */
export interface Crossing {
	time: number;
	/** The bar's low or high, or the point quote's price, that reached the level. */
	reached: number;
	/** Where the crossing was seen: the preferred bar file's name or the point's source. */
	seenIn: string;
	validated: ValidatedPrice;
}

export interface WatchAnswer {
	/** The first crossing of at least medium confidence, or null. */
	trigger: Crossing | null;
	/** Low-confidence crossings before it (or all of them, when none triggered). */
	doubts: Crossing[];
}

/**
 * The level's first trusted crossing after `armedFrom`, with the doubtful ones before it.
 * @example watchLevel({ level: { kind: 'stop-loss', price: 95, direction: 'down' }, armedFrom: 0, bars: [file], points: [], startPrice: 100, atr: null }).trigger?.time
 */
export function watchLevel(
	question: WatchQuestion,
	settings: PriceSettings = DEFAULT_PRICE_SETTINGS
): WatchAnswer {
	const { level, armedFrom, bars, atr } = question;
	const points = question.points.filter((q) => q.time > armedFrom).sort((a, b) => a.time - b.time);
	const walked = question.walk ?? bars[0];
	const doubts: Crossing[] = [];
	let previous = question.startPrice;
	let i = walked ? firstAfter(walked.time, armedFrom) : 0;
	let p = 0;
	const n = walked?.time.length ?? 0;
	while (i < n || p < points.length) {
		const barTime = i < n ? walked!.time[i]! : Infinity;
		let hit: { time: number; reached: number; seenIn: string } | null = null;
		let next: number;
		if (p < points.length && points[p]!.time < barTime) {
			const q = points[p++]!;
			if (crossed(level, previous, q.price)) hit = { time: q.time, reached: q.price, seenIn: q.source };
			next = q.price;
		} else {
			const bar = { high: walked!.high[i]!, low: walked!.low[i]! };
			if (crossedBar(level, previous, bar))
				hit = {
					time: barTime,
					reached: level.direction === 'down' ? bar.low : bar.high,
					seenIn: walked!.nameAt?.(i) ?? walked!.name
				};
			next = walked!.close[i++]!;
		}
		if (hit) {
			const validated = validatePrice(
				{
					at: hit.time,
					quotes: quotesAt(hit.time, bars, points),
					previousClose: previousOf(walked, hit.time),
					atr
				},
				settings
			);
			const crossing: Crossing = { ...hit, validated };
			if (CONFIDENCE_RANK[validated.confidence] >= CONFIDENCE_RANK.medium)
				return { trigger: crossing, doubts };
			doubts.push(crossing);
			// A doubtful price is not taken as where the price is: the next one beyond the level crosses again.
			continue;
		}
		previous = next;
	}
	return { trigger: null, doubts };
}

/**
 * Index of the first time after `t` (binary search; times ascending): the count of times at or
 * before it.
 * @example firstAfter([1, 2, 2, 3], 2) // 3
 */
export function firstAfter(times: ArrayLike<number>, t: number): number {
	let lo = 0;
	let hi = times.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (times[mid]! <= t) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Every source's latest quote at or before `at`: each bar file's close there, and the points. */
function quotesAt(at: number, bars: readonly BarSource[], points: readonly Quote[]): Quote[] {
	const quotes: Quote[] = [];
	for (const source of bars) {
		const k = firstAfter(source.time, at) - 1;
		if (k >= 0)
			quotes.push({ source: source.name, kind: 'bars', price: source.close[k]!, time: source.time[k]! });
	}
	for (const q of points) if (q.time <= at) quotes.push(q);
	return quotes;
}

/** The walked file's close before the bar at `at`, for the jump check. */
function previousOf(source: BarSource | undefined, at: number): number | null {
	if (!source) return null;
	const k = firstAfter(source.time, at - 1) - 1;
	return k >= 0 ? source.close[k]! : null;
}
