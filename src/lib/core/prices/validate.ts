/**
 * One price for a symbol at a time from what several sources say, with how far to trust it.
 * Sources are imported bar files, alert payloads that carry a price, and manual marks. The rules,
 * in order (docs/alerts.md, "Price confidence"):
 *
 * - a quote that is no price (≤ 0, not finite) or is after the time asked is ignored, said so;
 * - each source counts once, with its latest quote;
 * - a quote older than `staleAfterMs` is stale (named); with no fresh quote the latest stale one
 *   is the price, at low confidence;
 * - one fresh source: its price, medium at most;
 * - several: two prices agree when they differ by at most `tolerancePct` percent of the lower.
 *   All agreeing: their median, high. All but one agreeing, the one disagreeing with every
 *   other: that one is dropped and named, the others' median, high. Otherwise the median of
 *   all, low;
 * - a price further than `jumpAtr` ATRs from the previous bar's close lowers the confidence a
 *   step (high → medium → low).
 *
 * The answer does not depend on the order the quotes come in.
 */
import { formatDuration } from '../alerts/gate';

/** Where a quote comes from. */
export type QuoteKind = 'bars' | 'alert' | 'manual';

/** What one source says a symbol's price is. */
export interface Quote {
	/** The source's name (a bar file's label, an alert source, "manual"): one quote counted per name. */
	source: string;
	kind: QuoteKind;
	/** Price per share. */
	price: number;
	/** When the source saw it, epoch ms. */
	time: number;
}

export type PriceConfidence = 'high' | 'medium' | 'low';

/** How prices are judged. */
export interface PriceSettings {
	/** Two prices agree when they differ by at most this percent of the lower one. */
	tolerancePct: number;
	/** A quote older than this at the time asked is stale, ms. */
	staleAfterMs: number;
	/** A move from the previous close beyond this many ATRs is a jump. */
	jumpAtr: number;
}

export const DEFAULT_PRICE_SETTINGS: Readonly<PriceSettings> = {
	tolerancePct: 0.5,
	staleAfterMs: 15 * 60_000,
	jumpAtr: 3
};

/** The question: a symbol's quotes at a time, with the previous bar's close and the ATR. */
export interface PriceQuestion {
	/** The time the price is asked for, epoch ms. */
	at: number;
	quotes: readonly Quote[];
	/** The previous bar's close, or null when unknown (no jump check then). */
	previousClose: number | null;
	/** The average true range at the previous bar, or null when unknown (no jump check then). */
	atr: number | null;
}

/** The answer. */
export interface ValidatedPrice {
	/** The price per share, or null when no source says anything usable. */
	price: number | null;
	confidence: PriceConfidence;
	/** Why, in order: ignored and stale sources, the agreement (or not), a jump. */
	reasons: string[];
	/** The sources the price was taken from, by name, sorted. */
	used: string[];
	/** A source dropped as the one disagreeing with all others, or null. */
	dropped: string | null;
}

const STEP_DOWN: Readonly<Record<PriceConfidence, PriceConfidence>> = {
	high: 'medium',
	medium: 'low',
	low: 'low'
};

/** A number as reasons show it: up to 6 decimals, no trailing zeros. */
function num(x: number): string {
	return String(Number(x.toFixed(6)));
}

/** Whether two prices agree: they differ by at most `tolerancePct` percent of the lower. */
export function pricesAgree(a: number, b: number, tolerancePct: number): boolean {
	return Math.abs(a - b) <= (tolerancePct / 100) * Math.min(a, b);
}

function median(sorted: readonly number[]): number {
	const mid = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Quotes in one order whatever order they came in: by price, then source name. */
function byPrice(a: Quote, b: Quote): number {
	return a.price - b.price || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0);
}

/** Whether every price of a list sorted by price agrees with every other (the extremes decide). */
function allAgree(sorted: readonly Quote[], tolerancePct: number): boolean {
	return sorted.length < 2 || pricesAgree(sorted[0]!.price, sorted[sorted.length - 1]!.price, tolerancePct);
}

/**
 * The price of a symbol at a time from several sources' quotes, with a confidence and its reasons.
 * @example
 * validatePrice(
 *   { at: t, quotes: [{ source: 'yahoo', kind: 'bars', price: 100, time: t }, { source: 'tv', kind: 'bars', price: 100.2, time: t }], previousClose: 99.5, atr: 1 },
 *   DEFAULT_PRICE_SETTINGS
 * ) // { price: 100.1, confidence: 'high', reasons: ['2 sources agree within 0.5 %: tv, yahoo'], used: ['tv', 'yahoo'], dropped: null }
 */
export function validatePrice(
	question: PriceQuestion,
	settings: PriceSettings = DEFAULT_PRICE_SETTINGS
): ValidatedPrice {
	const { at, previousClose, atr } = question;
	const { tolerancePct, staleAfterMs, jumpAtr } = settings;
	const notes: string[] = [];

	// Each source once, with its latest usable quote (ties: the lower price, so order never matters).
	const latest = new Map<string, Quote>();
	const ignored = new Map<string, string>();
	for (const q of question.quotes) {
		let why: string | null = null;
		if (!Number.isFinite(q.price) || q.price <= 0)
			why = `${q.source} ignored: ${num(q.price)} is not a price`;
		else if (!Number.isFinite(q.time) || q.time > at)
			why = `${q.source} ignored: its quote is after the time asked`;
		if (why !== null) {
			if (!ignored.has(why)) ignored.set(why, q.source);
			continue;
		}
		const held = latest.get(q.source);
		if (!held || q.time > held.time || (q.time === held.time && q.price < held.price))
			latest.set(q.source, q);
	}
	// A source with one usable quote is not reported for its unusable ones.
	for (const [why, source] of [...ignored].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
		if (!latest.has(source)) notes.push(why);

	const sources = [...latest.values()].sort((a, b) =>
		a.source < b.source ? -1 : a.source > b.source ? 1 : 0
	);
	const fresh: Quote[] = [];
	const stale: Quote[] = [];
	for (const q of sources) {
		if (at - q.time > staleAfterMs) {
			stale.push(q);
			notes.push(
				`${q.source} is stale: ${formatDuration(at - q.time)} old (limit ${formatDuration(staleAfterMs)})`
			);
		} else fresh.push(q);
	}

	let price: number;
	let confidence: PriceConfidence;
	let used: Quote[];
	let dropped: string | null = null;
	if (fresh.length === 0) {
		if (stale.length === 0)
			return { price: null, confidence: 'low', reasons: [...notes, 'no quote'], used: [], dropped: null };
		const newest = [...stale].sort((a, b) => b.time - a.time || byPrice(a, b))[0]!;
		price = newest.price;
		confidence = 'low';
		used = [newest];
		notes.push(
			`no fresh source: using ${newest.source}'s ${num(newest.price)} from ${formatDuration(at - newest.time)} before`
		);
	} else if (fresh.length === 1) {
		used = fresh;
		price = fresh[0]!.price;
		confidence = 'medium';
		notes.push(`single source: ${fresh[0]!.source}`);
	} else {
		const sorted = [...fresh].sort(byPrice);
		const lowOut =
			sorted.length >= 3 &&
			!pricesAgree(sorted[0]!.price, sorted[1]!.price, tolerancePct) &&
			allAgree(sorted.slice(1), tolerancePct);
		const highOut =
			sorted.length >= 3 &&
			!pricesAgree(sorted[sorted.length - 2]!.price, sorted[sorted.length - 1]!.price, tolerancePct) &&
			allAgree(sorted.slice(0, -1), tolerancePct);
		if (allAgree(sorted, tolerancePct) || lowOut || highOut) {
			const out = lowOut ? sorted[0]! : highOut ? sorted[sorted.length - 1]! : null;
			used = out === null ? sorted : sorted.filter((q) => q !== out);
			if (out !== null) {
				dropped = out.source;
				const lo = used[0]!.price;
				const hi = used[used.length - 1]!.price;
				notes.push(
					`${out.source} disagrees with all others (${num(out.price)} against ${lo === hi ? num(lo) : `${num(lo)}–${num(hi)}`}): dropped`
				);
			}
			price = median(used.map((q) => q.price));
			confidence = 'high';
			notes.push(`${used.length} sources agree within ${num(tolerancePct)} %: ${names(used).join(', ')}`);
		} else {
			used = sorted;
			price = median(sorted.map((q) => q.price));
			confidence = 'low';
			notes.push(
				`sources disagree beyond ${num(tolerancePct)} %: ${[...sorted]
					.sort((a, b) => (a.source < b.source ? -1 : 1))
					.map((q) => `${q.source} ${num(q.price)}`)
					.join(', ')}`
			);
		}
	}

	if (previousClose !== null && previousClose > 0 && atr !== null && atr > 0) {
		const moves = Math.abs(price - previousClose) / atr;
		if (moves > jumpAtr) {
			confidence = STEP_DOWN[confidence];
			notes.push(
				`jump of ${moves.toFixed(1)} ATR from the previous close ${num(previousClose)} (limit ${num(jumpAtr)} ATR)`
			);
		}
	}
	return { price, confidence, reasons: notes, used: names(used), dropped };
}

function names(quotes: readonly Quote[]): string[] {
	return quotes.map((q) => q.source).sort();
}

/** Confidence levels in order, for comparisons (`CONFIDENCE_RANK[a] >= CONFIDENCE_RANK.medium`). */
export const CONFIDENCE_RANK: Readonly<Record<PriceConfidence, number>> = { low: 0, medium: 1, high: 2 };
