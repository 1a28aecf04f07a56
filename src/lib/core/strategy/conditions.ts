/**
 * Rules composed from the indicator catalogue: "RSI(14) crosses above 30 and close > SMA(200)",
 * each side an operand (a study's line, a price, a number) that may read a higher timeframe
 * ("SMA(50) on 1h above SMA(200) on 1h" as a trend filter for 5-minute entries).
 *
 * Values are streamed one bar at a time with the indicators core's streams, and they are the very
 * values the batch path gives (`computeStudy`, and for a higher timeframe `resample` then
 * `alignToLower`): a higher-timeframe value is known only once its bar has closed, on the first
 * base bar opening at or after that close, never on a bar inside it (no look-ahead).
 *
 * Entry: every entry condition holds on a bar's close, and they did not all hold on the bar
 * before (the rule fires when it becomes true, not on each bar it stays true). Exit: any exit
 * condition holds (the runner ignores an exit while flat).
 */
import type { Bar } from '../broker/types';
import {
	AdxStream,
	AtrStream,
	BollingerStream,
	EmaStream,
	MacdStream,
	ObvStream,
	RsiStream,
	SmaStream,
	StochasticStream,
	SupertrendStream,
	WmaStream
} from '../indicators';
import { barEnd, type Timeframe } from '../indicators/resample';
import { checkStudy, isStudyKind, studyDef, studyLabel, type StudySpec } from '../studies';
import { marketSession } from '../time/market-session';

export const CONDITION_TIMEFRAMES: readonly Timeframe[] = ['1m', '5m', '15m', '30m', '1h', '1D'];
const TIMEFRAME_MS: Record<Timeframe, number> = {
	'1m': 60_000,
	'5m': 300_000,
	'15m': 900_000,
	'30m': 1_800_000,
	'1h': 3_600_000,
	'1D': 86_400_000
};

export type PriceField = 'open' | 'high' | 'low' | 'close';

/** One side of a condition. A timeframe absent (or the bars' own) reads the bars themselves. */
export type Operand =
	/** A line of a study (`line` indexes `studyDef(kind).lines`, 0 when absent). */
	| { kind: 'study'; study: StudySpec; line?: number; timeframe?: Timeframe }
	| { kind: 'price'; field: PriceField; timeframe?: Timeframe }
	| { kind: 'value'; value: number };

export type Comparison = 'crosses-above' | 'crosses-below' | 'above' | 'below';

export interface Condition {
	left: Operand;
	op: Comparison;
	right: Operand;
}

/** A rule of conditions: all entry conditions to enter, any exit condition to exit. */
export interface ComposedRule {
	kind: 'composed';
	entry: Condition[];
	exit: Condition[];
}

/** At most this many conditions on a side: a rule is read by a person, too. */
export const MAX_CONDITIONS = 8;

const OPS: Record<Comparison, string> = {
	'crosses-above': 'crosses above',
	'crosses-below': 'crosses below',
	above: '>',
	below: '<'
};

/** Up to 4 decimals, without trailing zeros: how the lineage writes a value. */
const num = (x: number) => String(Number(x.toFixed(4)));

/**
 * An operand as a trader writes it: `RSI(14)`, `MACD(12, 26, 9) Signal`, `SMA(50) 1h`, `close`, `30`.
 * @example operandLabel({ kind: 'study', study: { kind: 'sma', params: [50] }, timeframe: '1h' }) // 'SMA(50) 1h'
 */
export function operandLabel(o: Operand): string {
	if (o.kind === 'value') return num(o.value);
	const tf = o.timeframe ? ` ${o.timeframe}` : '';
	if (o.kind === 'price') return `${o.field}${tf}`;
	const def = studyDef(o.study.kind);
	const line = def.lines.length > 1 ? ` ${def.lines[o.line ?? 0]}` : '';
	return `${studyLabel(o.study)}${line}${tf}`;
}

/** A condition in words: `RSI(14) crosses above 30`. */
export function conditionLabel(c: Condition): string {
	return `${operandLabel(c.left)} ${OPS[c.op]} ${operandLabel(c.right)}`;
}

function operandProblem(o: Operand, where: string): string | null {
	if (typeof o !== 'object' || o === null) return `${where}: missing`;
	if (o.kind === 'value')
		return Number.isFinite(o.value) ? null : `${where}: the number must be finite, got ${String(o.value)}`;
	if (o.timeframe !== undefined && !CONDITION_TIMEFRAMES.includes(o.timeframe))
		return `${where}: unknown timeframe ${JSON.stringify(o.timeframe)}`;
	if (o.kind === 'price')
		return ['open', 'high', 'low', 'close'].includes(o.field)
			? null
			: `${where}: unknown price ${JSON.stringify(o.field)}`;
	if (o.kind !== 'study')
		return `${where}: unknown operand ${JSON.stringify((o as { kind?: unknown }).kind)}`;
	if (!isStudyKind(o.study?.kind)) return `${where}: unknown indicator ${JSON.stringify(o.study?.kind)}`;
	try {
		checkStudy(o.study);
	} catch (e) {
		return `${where}: ${e instanceof Error ? e.message : String(e)}`;
	}
	const lines = studyDef(o.study.kind).lines;
	const line = o.line ?? 0;
	if (!Number.isInteger(line) || line < 0 || line >= lines.length)
		return `${where}: ${studyLabel(o.study)} has the lines ${lines.join(', ')}; line ${line} is not one`;
	return null;
}

/**
 * Why a composed rule cannot run, naming the condition (`Entry 2, right side: …`), or null.
 * @example composedProblem({ kind: 'composed', entry: [], exit: [] }) // 'Give the rule at least one entry condition'
 */
export function composedProblem(rule: ComposedRule): string | null {
	if (!Array.isArray(rule.entry) || rule.entry.length === 0)
		return 'Give the rule at least one entry condition';
	if (!Array.isArray(rule.exit)) return 'The rule has no exit list';
	for (const [side, list] of [
		['Entry', rule.entry],
		['Exit', rule.exit]
	] as const) {
		if (list.length > MAX_CONDITIONS)
			return `${side}: at most ${MAX_CONDITIONS} conditions, got ${list.length}`;
		for (const [i, c] of list.entries()) {
			const where = `${side} ${i + 1}`;
			if (typeof c !== 'object' || c === null) return `${where}: missing`;
			if (!(c.op in OPS)) return `${where}: unknown comparison ${JSON.stringify(c.op)}`;
			const problem =
				operandProblem(c.left, `${where}, left side`) ?? operandProblem(c.right, `${where}, right side`);
			if (problem) return problem;
			if (c.left.kind === 'value' && c.right.kind === 'value')
				return `${where}: compares two numbers, which never changes`;
		}
	}
	return null;
}

/** A study streamed: one bar in, its lines' values out (in the catalogue's order). */
type LineStream = (bar: Bar) => readonly number[];

function studyStream(spec: StudySpec): LineStream {
	const [a = 0, b = 0, c = 0] = checkStudy(spec).params;
	switch (spec.kind) {
		case 'sma':
		case 'ema':
		case 'wma': {
			const s = new (spec.kind === 'sma' ? SmaStream : spec.kind === 'ema' ? EmaStream : WmaStream)(a);
			return (bar) => [s.push(bar.close)];
		}
		case 'rsi': {
			const s = new RsiStream(a);
			return (bar) => [s.push(bar.close)];
		}
		case 'bollinger': {
			const s = new BollingerStream(a, b);
			return (bar) => {
				const v = s.push(bar.close);
				return [v.upper, v.middle, v.lower];
			};
		}
		case 'supertrend': {
			const s = new SupertrendStream(a, b);
			return (bar) => [s.push(bar.high, bar.low, bar.close).value];
		}
		case 'macd': {
			const s = new MacdStream(a, b, c);
			return (bar) => {
				const v = s.push(bar.close);
				return [v.macd, v.signal, v.histogram];
			};
		}
		case 'stochastic': {
			const s = new StochasticStream(a, b, c);
			return (bar) => {
				const v = s.push(bar.high, bar.low, bar.close);
				return [v.k, v.d];
			};
		}
		case 'adx': {
			const s = new AdxStream(a);
			return (bar) => {
				const v = s.push(bar.high, bar.low, bar.close);
				return [v.adx, v.plusDI, v.minusDI];
			};
		}
		case 'atr': {
			const s = new AtrStream(a);
			return (bar) => [s.push(bar.high, bar.low, bar.close)];
		}
		case 'obv': {
			const s = new ObvStream();
			return (bar) => [s.push(bar.close, bar.volume ?? NaN)];
		}
	}
}

/**
 * Base bars grouped into one higher timeframe's bars as they close: `push(bar)` returns the
 * higher bar that closed at or before this bar's open (so it is complete), or null. The grouping
 * is `resample`'s: open of the first, high and low over all, close of the last, volume summed.
 */
class HigherBars {
	readonly #timeframe: Timeframe;
	#end = -Infinity;
	#bar: Bar | null = null;

	constructor(timeframe: Timeframe) {
		this.#timeframe = timeframe;
	}

	push(bar: Bar): Bar | null {
		let closed: Bar | null = null;
		if (bar.time >= this.#end) {
			closed = this.#bar;
			this.#end = barEnd(bar.time, this.#timeframe, marketSession(bar.symbol));
			this.#bar = { ...bar };
			return closed;
		}
		const b = this.#bar!;
		if (bar.high > b.high) b.high = bar.high;
		if (bar.low < b.low) b.low = bar.low;
		b.close = bar.close;
		// resample's sum: over the bars that have a volume (null is none), none when no bar has one.
		const v = bar.volume ?? NaN;
		const sum = b.volume ?? NaN;
		if (v === v) b.volume = sum === sum ? sum + v : v;
		return closed;
	}
}

/** Every operand of a rule, streamed once each however often it is named; values by label. */
class OperandValues {
	/** Per timeframe ('' for the bars' own): its higher bars and the operands that read them. */
	readonly #groups = new Map<
		string,
		{ higher: HigherBars | null; reads: { label: string; read: (bar: Bar) => number }[] }
	>();
	readonly labels: string[] = [];
	/** The values at the last bar pushed, and at the one before. */
	now = new Map<string, number>();
	before = new Map<string, number>();

	constructor(operands: readonly Operand[], baseMs: number) {
		const seen = new Set<string>();
		for (const o of operands) {
			const label = operandLabel(o);
			if (o.kind === 'value' || seen.has(label)) continue;
			seen.add(label);
			const tf = o.timeframe && TIMEFRAME_MS[o.timeframe] !== baseMs ? o.timeframe : '';
			if (tf && TIMEFRAME_MS[tf] < baseMs)
				throw new RangeError(
					`${label} reads ${tf} bars, shorter than the ${baseMs / 60_000}-minute bars run`
				);
			let group = this.#groups.get(tf);
			if (!group) {
				group = { higher: tf ? new HigherBars(tf) : null, reads: [] };
				this.#groups.set(tf, group);
			}
			if (o.kind === 'price') {
				const field = o.field;
				group.reads.push({ label, read: (bar) => bar[field] });
			} else {
				const stream = studyStream(o.study);
				const line = o.line ?? 0;
				group.reads.push({ label, read: (bar) => stream(bar)[line]! });
			}
			this.labels.push(label);
		}
	}

	push(bar: Bar): void {
		this.before = this.now;
		const now = new Map(this.before);
		for (const { higher, reads } of this.#groups.values()) {
			// A higher timeframe's value changes only when one of its bars closed; until the first, NaN.
			const source = higher ? higher.push(bar) : bar;
			if (source === null) {
				if (!higher) continue;
				for (const r of reads) if (!now.has(r.label)) now.set(r.label, NaN);
				continue;
			}
			for (const r of reads) now.set(r.label, r.read(source));
		}
		this.now = now;
	}

	value(o: Operand, at: 'now' | 'before'): number {
		if (o.kind === 'value') return o.value;
		return (at === 'now' ? this.now : this.before).get(operandLabel(o)) ?? NaN;
	}
}

/** What a composed rule says on one bar (the shape signals.ts's rule streams give). */
export interface ComposedStep {
	values: Record<string, number>;
	previous: Record<string, number>;
	entry: string | null;
	exit: string | null;
}

/**
 * A composed rule a bar at a time. `baseMs`: the bars' length (a condition on a shorter
 * timeframe is refused).
 * @example new ComposedStream(rule, 60_000).push(bar).entry // 'RSI(14) crossed above 30: 31.2 (was 28.7) and close 12.5 > SMA(200) 11.9'
 */
export class ComposedStream {
	readonly #rule: ComposedRule;
	readonly #values: OperandValues;
	#entryHeld = false;

	constructor(rule: ComposedRule, baseMs: number) {
		const problem = composedProblem(rule);
		if (problem) throw new RangeError(problem);
		this.#rule = rule;
		const operands = [...rule.entry, ...rule.exit].flatMap((c) => [c.left, c.right]);
		this.#values = new OperandValues(operands, baseMs);
	}

	push(bar: Bar): ComposedStep {
		const v = this.#values;
		v.push(bar);
		const values = Object.fromEntries(v.now);
		const previous = Object.fromEntries(v.before);
		const entryWords = this.#rule.entry.map((c) => this.#holds(c));
		const all = entryWords.every((w) => w !== null);
		const entry = all && !this.#entryHeld ? entryWords.join(' and ') : null;
		this.#entryHeld = all;
		const exit = this.#rule.exit.map((c) => this.#holds(c)).find((w) => w !== null) ?? null;
		return { values, previous, entry, exit };
	}

	/** The condition in words with its numbers when it holds on this bar, else null. */
	#holds(c: Condition): string | null {
		const v = this.#values;
		const [l, r] = [v.value(c.left, 'now'), v.value(c.right, 'now')];
		if (!Number.isFinite(l) || !Number.isFinite(r)) return null;
		const [ll, rl] = [operandLabel(c.left), operandLabel(c.right)];
		const side = (label: string, x: number, o: Operand) =>
			o.kind === 'value' ? label : `${label} ${num(x)}`;
		if (c.op === 'above' || c.op === 'below') {
			const holds = c.op === 'above' ? l > r : l < r;
			return holds ? `${side(ll, l, c.left)} ${OPS[c.op]} ${side(rl, r, c.right)}` : null;
		}
		const [pl, pr] = [v.value(c.left, 'before'), v.value(c.right, 'before')];
		if (!Number.isFinite(pl) || !Number.isFinite(pr)) return null;
		const up = c.op === 'crosses-above';
		if (up ? !(l > r && pl <= pr) : !(l < r && pl >= pr)) return null;
		const was =
			c.right.kind === 'value' ? `(was ${num(pl)})` : `(was ${num(pl)} ${up ? '≤' : '≥'} ${num(pr)})`;
		const now = c.right.kind === 'value' ? num(l) : `${num(l)} ${up ? '>' : '<'} ${num(r)}`;
		return `${ll} crossed ${up ? 'above' : 'below'} ${rl}: ${now} ${was}`;
	}
}
