/**
 * A strategy one bar at a time: `StrategyStepper.push(bar)` reads the bar's close into the
 * incremental indicator streams (the same values the batch functions give, to the bit) and
 * returns the entry and exit intents the rule gives on that bar's close, each with its lineage:
 * the bar, the indicator values (and the bar before's, for a crossing) and the rule in words.
 *
 * Nothing here looks past the bar pushed, so a replay that reveals bars one by one and a backtest
 * over all of them see the same intents. Intents say what the rule wants; whether one becomes an
 * order (the position, the sizing, the risk manager) is the runner's call (backtest.ts).
 *
 * Crossings follow TradingView's `ta.crossover`: a crosses above b on a bar when a > b on it and
 * a ≤ b on the bar before (both bars with values). A bar with a missing price restarts every
 * indicator, as the indicators core does.
 */
import type { Bar } from '../broker/types';
import { AtrStream, EmaStream, RsiStream, SmaStream } from '../indicators';
import { RollingMax } from '../indicators/rolling-max';
import { exitPrice } from '../paper/sizing';
import { ComposedStream, type ComposedStep } from './conditions';
import { fourDecimals } from './four-decimals';
import { SignalsStream } from './generator-rule';
import { sessionEnd, tradingDayOf } from '../instruments/sessions';
import { marketSession } from '../time/market-session';
import { instantToWallTime } from '../time/zone';
import { checkStrategy, hasOwnStop, type Exits, type StrategyDefinition, type StrategyRule } from './types';

/** Why an intent fired: the bar, the values it read and the rule, as plain data. */
export interface IntentLineage {
	/** Index of the bar among the bars pushed (from 0). */
	barIndex: number;
	/** The bar's open time; epoch ms, UTC. */
	time: number;
	close: number;
	/** Every indicator value at the bar, by label (`SMA(10)`, `ATR(14)`). */
	values: Record<string, number>;
	/** The same at the bar before (a crossing reads both); empty when the rule reads one bar. */
	previous: Record<string, number>;
	/** The rule in words, with the numbers: `SMA(2) crossed above SMA(3): 10.5 > 10.33 (was 10 ≤ 10.5)`. */
	rule: string;
}

export type Intent =
	| {
			kind: 'entry';
			side: 'buy';
			symbol: string;
			time: number;
			/** The signal bar's close: the stop and target are measured from it. */
			reference: number;
			/** Prices on the symbol's tick; null when the strategy has none. */
			stop: number | null;
			target: number | null;
			/** Why the entry cannot be taken as the strategy says (ATR not known yet, too late in the session); null when it can. */
			blocked: string | null;
			lineage: IntentLineage;
	  }
	| {
			kind: 'exit';
			side: 'sell';
			symbol: string;
			time: number;
			/** The rule's own exit, or the close before the session ends. */
			reason: 'rule' | 'session-end';
			lineage: IntentLineage;
	  };

/**
 * A rule read one bar at a time. `push` returns what fires on the bar (ENTRY and EXIT bits, 0
 * for nothing, most bars); the values and the rule in words are written only when asked, for a
 * bar that fired (or for `StrategyStepper.values`), so a bar where nothing fires allocates nothing.
 */
interface RuleStream {
	push(bar: Bar): number;
	/** Every indicator value at the last bar pushed, by label. */
	values(): Record<string, number>;
	/** The same at the bar before; empty when the rule reads one bar. */
	previous(): Record<string, number>;
	/** The rule in words, with the numbers, for what fired on the last bar. */
	entryText(): string;
	exitText(): string;
}

const ENTRY = 1;
const EXIT = 2;

const finite = (...xs: number[]) => xs.every((x) => Number.isFinite(x));
/** Up to 4 decimals, without trailing zeros: how the lineage writes a value. */
const num = fourDecimals;

/**
 * The parts as one flat string. A template literal leaves its pieces linked (a rope): kept in
 * every logged intent's lineage, the cross's ~90 characters took ~490 bytes; joined, ~200.
 */
function joined(...parts: string[]): string {
	return parts.join('');
}

/**
 * `{ [a]: x, [b]: y }`, built by stores: an object literal with computed keys goes through the
 * runtime (about 0.3 µs each, three per intent), stores by a known key do not.
 */
function pair(a: string, x: number, b: string, y: number): Record<string, number> {
	const out: Record<string, number> = {};
	out[a] = x;
	out[b] = y;
	return out;
}

/** A moving-average cross: both averages of the close. */
class CrossRule implements RuleStream {
	readonly #fast: SmaStream | EmaStream;
	readonly #slow: SmaStream | EmaStream;
	readonly #fastLabel: string;
	readonly #slowLabel: string;
	#fastValue = NaN;
	#slowValue = NaN;
	#fastBefore = NaN;
	#slowBefore = NaN;

	constructor(rule: Extract<StrategyRule, { kind: 'sma-cross' | 'ema-cross' }>) {
		const Stream = rule.kind === 'sma-cross' ? SmaStream : EmaStream;
		const name = rule.kind === 'sma-cross' ? 'SMA' : 'EMA';
		this.#fast = new Stream(rule.fast);
		this.#slow = new Stream(rule.slow);
		this.#fastLabel = `${name}(${rule.fast})`;
		this.#slowLabel = `${name}(${rule.slow})`;
	}

	push(bar: Bar): number {
		const fast = this.#fast.push(bar.close);
		const slow = this.#slow.push(bar.close);
		const fastBefore = (this.#fastBefore = this.#fastValue);
		const slowBefore = (this.#slowBefore = this.#slowValue);
		this.#fastValue = fast;
		this.#slowValue = slow;
		if (!(
			Number.isFinite(fast) &&
			Number.isFinite(slow) &&
			Number.isFinite(fastBefore) &&
			Number.isFinite(slowBefore)
		))
			return 0;
		if (fast > slow && fastBefore <= slowBefore) return ENTRY;
		if (fast < slow && fastBefore >= slowBefore) return EXIT;
		return 0;
	}

	values(): Record<string, number> {
		return pair(this.#fastLabel, this.#fastValue, this.#slowLabel, this.#slowValue);
	}

	previous(): Record<string, number> {
		return pair(this.#fastLabel, this.#fastBefore, this.#slowLabel, this.#slowBefore);
	}

	entryText(): string {
		return this.#text('above', '>');
	}

	exitText(): string {
		return this.#text('below', '<');
	}

	/** `SMA(2) crossed above SMA(3): 10.5 > 10.33 (was 10 ≤ 10.5)`. */
	#text(direction: string, sign: string): string {
		const [fast, slow] = [this.#fastBefore, this.#slowBefore];
		return joined(
			this.#fastLabel,
			' crossed ',
			direction,
			' ',
			this.#slowLabel,
			': ',
			num(this.#fastValue),
			' ',
			sign,
			' ',
			num(this.#slowValue),
			' (was ',
			num(fast),
			fast <= slow ? ' ≤ ' : ' ≥ ',
			num(slow),
			')'
		);
	}
}

/** RSI mean reversion: in when RSI climbs back over oversold, out when it climbs over overbought. */
class RsiRule implements RuleStream {
	readonly #rsi: RsiStream;
	readonly #label: string;
	readonly #rule: Extract<StrategyRule, { kind: 'rsi-reversion' }>;
	#value = NaN;
	#before = NaN;

	constructor(rule: Extract<StrategyRule, { kind: 'rsi-reversion' }>) {
		this.#rsi = new RsiStream(rule.period);
		this.#label = `RSI(${rule.period})`;
		this.#rule = rule;
	}

	push(bar: Bar): number {
		const value = this.#rsi.push(bar.close);
		const before = (this.#before = this.#value);
		this.#value = value;
		if (!(Number.isFinite(value) && Number.isFinite(before))) return 0;
		const above = (level: number) => value > level && before <= level;
		return (above(this.#rule.oversold) ? ENTRY : 0) | (above(this.#rule.overbought) ? EXIT : 0);
	}

	values(): Record<string, number> {
		return { [this.#label]: this.#value };
	}

	previous(): Record<string, number> {
		return { [this.#label]: this.#before };
	}

	entryText(): string {
		return this.#crossedAbove(this.#rule.oversold);
	}

	exitText(): string {
		return this.#crossedAbove(this.#rule.overbought);
	}

	#crossedAbove(level: number): string {
		return joined(
			this.#label,
			' crossed above ',
			num(level),
			': ',
			num(this.#value),
			' (was ',
			num(this.#before),
			')'
		);
	}
}

/** The highest high and lowest low of the `size` bars before the current one. */
export class ChannelStream {
	readonly #size: number;
	readonly #highs: RollingMax;
	/** Lows negated: their maximum is the lowest low negated. */
	readonly #lows: RollingMax;
	#count = 0;
	#high = NaN;
	#low = NaN;

	constructor(size: number) {
		this.#size = size;
		this.#highs = new RollingMax(size);
		this.#lows = new RollingMax(size);
	}

	/** Appends a bar; returns the channel of the bars before it (NaN until `size` of them, and after a missing bar). */
	push(high: number, low: number): { high: number; low: number } {
		if (!finite(high, low)) {
			this.#highs.clear();
			this.#lows.clear();
			this.#count = 0;
			return { high: NaN, low: NaN };
		}
		const ready = this.#count >= this.#size;
		const channel = ready ? { high: this.#high, low: this.#low } : { high: NaN, low: NaN };
		this.#high = this.#highs.push(high);
		this.#low = -this.#lows.push(-low);
		this.#count++;
		return channel;
	}
}

/** A close through the prior range: above its high in, below its low out. */
class BreakoutRule implements RuleStream {
	readonly #channel: ChannelStream;
	readonly #atr: AtrStream;
	readonly #highLabel: string;
	readonly #lowLabel: string;
	readonly #atrLabel: string;
	#high = NaN;
	#low = NaN;
	#atrValue = NaN;
	#close = NaN;

	constructor(rule: Extract<StrategyRule, { kind: 'breakout' }>) {
		this.#channel = new ChannelStream(rule.lookback);
		this.#atr = new AtrStream(rule.atrPeriod);
		this.#highLabel = `High(${rule.lookback})`;
		this.#lowLabel = `Low(${rule.lookback})`;
		this.#atrLabel = `ATR(${rule.atrPeriod})`;
	}

	push(bar: Bar): number {
		const channel = this.#channel.push(bar.high, bar.low);
		this.#high = channel.high;
		this.#low = channel.low;
		this.#atrValue = this.#atr.push(bar.high, bar.low, bar.close);
		this.#close = bar.close;
		if (!finite(channel.high, channel.low, bar.close)) return 0;
		if (bar.close > channel.high) return ENTRY;
		if (bar.close < channel.low) return EXIT;
		return 0;
	}

	values(): Record<string, number> {
		return { [this.#highLabel]: this.#high, [this.#lowLabel]: this.#low, [this.#atrLabel]: this.#atrValue };
	}

	previous(): Record<string, number> {
		return {};
	}

	entryText(): string {
		return joined('close ', num(this.#close), ' broke above ', this.#highLabel, ' ', num(this.#high));
	}

	exitText(): string {
		return joined('close ', num(this.#close), ' broke below ', this.#lowLabel, ' ', num(this.#low));
	}
}

/** A rule that writes its values and words on every bar (the composed rule, the generator's), as a RuleStream. */
class StepRule implements RuleStream {
	readonly #rule: { push(bar: Bar): ComposedStep };
	#step: ComposedStep = { values: {}, previous: {}, entry: null, exit: null };

	constructor(rule: { push(bar: Bar): ComposedStep }) {
		this.#rule = rule;
	}

	push(bar: Bar): number {
		const step = (this.#step = this.#rule.push(bar));
		return (step.entry !== null ? ENTRY : 0) | (step.exit !== null ? EXIT : 0);
	}

	values(): Record<string, number> {
		return this.#step.values;
	}

	previous(): Record<string, number> {
		return this.#step.previous;
	}

	entryText(): string {
		return this.#step.entry ?? '';
	}

	exitText(): string {
		return this.#step.exit ?? '';
	}
}

function ruleStream(rule: StrategyRule, timeframeMs: number): RuleStream {
	switch (rule.kind) {
		case 'sma-cross':
		case 'ema-cross':
			return new CrossRule(rule);
		case 'rsi-reversion':
			return new RsiRule(rule);
		case 'breakout':
			return new BreakoutRule(rule);
		case 'signals':
			return new StepRule(new SignalsStream(rule));
		case 'composed':
			return new StepRule(new ComposedStream(rule, timeframeMs));
	}
}

const NO_INTENTS: readonly Intent[] = Object.freeze([]);

const MINUTE = 60_000;

/**
 * Whether a bar opening at `time` is too late to enter and the last one to exit on: an order
 * placed on its close fills at the next bar's open, and the bar after that would reach past the
 * session's close — the close of the trading day `time` is in (16:00 New York for US equities,
 * 13:00 on an NYSE early-close day, 17:00 New York for CME Globex futures and forex), or UTC
 * midnight for crypto. A day the calendar gives no session (a holiday, a weekend with bars)
 * closes at its regular hours' end. A calendar fact, not a look at later bars.
 */
export function isLateInSession(symbol: string, time: number, timeframeMs: number): boolean {
	const session = marketSession(symbol);
	if (session.continuous) {
		const wall = instantToWallTime(time, session.zone);
		return (wall.hour * 60 + wall.minute) * MINUTE + 2 * timeframeMs >= 24 * 60 * MINUTE;
	}
	const close = sessionEnd(session, tradingDayOf(session, time));
	if (close !== null) return time + 2 * timeframeMs >= close;
	const wall = instantToWallTime(time, session.zone);
	const regularEnd = session.regular[session.regular.length - 1]!.end;
	return (wall.hour * 60 + wall.minute) * MINUTE + 2 * timeframeMs >= regularEnd * MINUTE;
}

function lineageOf(
	barIndex: number,
	bar: Bar,
	values: Record<string, number>,
	previous: Record<string, number>,
	rule: string
): IntentLineage {
	return { barIndex, time: bar.time, close: bar.close, values, previous, rule };
}

/**
 * The strategy over one symbol's bars, a bar at a time.
 * @example
 * const stepper = new StrategyStepper(def, 60_000);
 * for (const bar of bars) for (const intent of stepper.push(bar)) act(intent);
 */
export class StrategyStepper {
	readonly #def: StrategyDefinition;
	readonly #exits: Exits;
	readonly #timeframeMs: number;
	readonly #rule: RuleStream;
	/** The exits' ATR, when a stop or an ATR target reads it. */
	readonly #atr: AtrStream | null;
	readonly #atrLabel: string;
	#index = 0;
	/** The exits' ATR at the last bar pushed. */
	#exitAtr = NaN;
	/** The values at the last bar pushed, once built (null until asked). */
	#values: Record<string, number> | null = {};

	/** `timeframeMs`: the bars' length, for the end of the session. Throws the definition's problem. */
	constructor(def: StrategyDefinition, timeframeMs: number) {
		this.#def = checkStrategy(def);
		this.#exits = def.exits;
		this.#timeframeMs = timeframeMs;
		this.#rule = ruleStream(def.rule, timeframeMs);
		const ownStop = hasOwnStop(def.rule);
		const readsAtr = !ownStop && (def.exits.stop !== null || def.exits.target?.unit === 'atr');
		const readsTargetAtr = ownStop && def.exits.target?.unit === 'atr';
		this.#atr = readsAtr || readsTargetAtr ? new AtrStream(def.exits.atrPeriod) : null;
		this.#atrLabel = `ATR(${def.exits.atrPeriod})`;
	}

	/** The indicator values at the last bar pushed, by label. */
	get values(): Readonly<Record<string, number>> {
		if (this.#values === null) {
			const values = this.#rule.values();
			this.#values = this.#atr === null ? values : { ...values, [this.#atrLabel]: this.#exitAtr };
		}
		return this.#values;
	}

	/**
	 * Reads one bar (its close is the signal's) and returns the intents of that close (most bars:
	 * none, one shared empty list, so a million bars allocate no million lists).
	 */
	push(bar: Bar): readonly Intent[] {
		const index = this.#index++;
		const fired = this.#rule.push(bar);
		if (this.#atr !== null) this.#exitAtr = this.#atr.push(bar.high, bar.low, bar.close);
		this.#values = null;
		const late = this.#exits.flatAtSessionEnd && isLateInSession(bar.symbol, bar.time, this.#timeframeMs);
		// Most bars: nothing fires, nothing is built.
		if (fired === 0 && !late) return NO_INTENTS;
		const values = this.values as Record<string, number>;
		const previous = this.#rule.previous();
		// Plain literals in the order of the fields (`{ ...base, kind }` after a spread took
		// microseconds per intent: each key after the spread grows the clone's properties).
		const intents: Intent[] = [];
		if (fired & EXIT)
			intents.push({
				symbol: bar.symbol,
				time: bar.time,
				kind: 'exit',
				side: 'sell',
				reason: 'rule',
				lineage: lineageOf(index, bar, values, previous, this.#rule.exitText())
			});
		else if (late)
			intents.push({
				symbol: bar.symbol,
				time: bar.time,
				kind: 'exit',
				side: 'sell',
				reason: 'session-end',
				lineage: lineageOf(index, bar, values, previous, 'flat by the session end: the next bar is its last')
			});
		if (fired & ENTRY) {
			const levels = this.#levels(bar, values);
			intents.push({
				symbol: bar.symbol,
				time: bar.time,
				kind: 'entry',
				side: 'buy',
				reference: bar.close,
				stop: levels.stop,
				target: levels.target,
				blocked: late ? 'too late in the session: flat by its end' : levels.blocked,
				lineage: lineageOf(index, bar, values, previous, this.#rule.entryText())
			});
		}
		return intents;
	}

	/** The entry's stop and target from the signal bar's close, or why they cannot be set yet. */
	#levels(
		bar: Bar,
		values: Record<string, number>
	): { stop: number | null; target: number | null; blocked: string | null } {
		const { rule } = this.#def;
		const exits = this.#exits;
		const entry = bar.close;
		const stopBy =
			rule.kind === 'breakout'
				? { multiple: rule.atrMultiple, label: `ATR(${rule.atrPeriod})` }
				: rule.kind === 'signals'
					? { multiple: rule.stopAtr, label: `ATR(${rule.atrPeriod})` }
					: exits.stop
						? { multiple: exits.stop.atrMultiple, label: this.#atrLabel }
						: null;
		let stop: number | null = null;
		if (stopBy) {
			const atr = values[stopBy.label]!;
			if (!Number.isFinite(atr))
				return { stop: null, target: null, blocked: `${stopBy.label} has no value yet for the stop` };
			const priced = exitPrice({
				entry,
				side: 'buy',
				leg: 'stop',
				unit: 'atr',
				value: stopBy.multiple,
				atr,
				symbol: bar.symbol
			});
			if (!priced.ok) return { stop: null, target: null, blocked: priced.reason };
			stop = priced.price;
			// A range narrower than a tick rounds the stop onto the entry: no stop at all.
			if (stop >= entry)
				return {
					stop: null,
					target: null,
					blocked: `the stop rounds to ${num(stop)}, not below the close ${num(entry)}`
				};
		}
		if (!exits.target) return { stop, target: null, blocked: null };
		const atr = values[this.#atrLabel];
		if (exits.target.unit === 'atr' && !Number.isFinite(atr))
			return { stop, target: null, blocked: `${this.#atrLabel} has no value yet for the target` };
		const priced = exitPrice({
			entry,
			side: 'buy',
			leg: 'target',
			unit: exits.target.unit,
			value: exits.target.value,
			atr: atr ?? null,
			stop,
			symbol: bar.symbol
		});
		return priced.ok
			? { stop, target: priced.price, blocked: null }
			: { stop, target: null, blocked: priced.reason };
	}
}

/**
 * Every intent of a strategy over one symbol's bars: the stepper fed each bar in turn.
 * @example strategyIntents(def, bars, 60_000).filter((i) => i.kind === 'entry')
 */
export function strategyIntents(
	def: StrategyDefinition,
	bars: readonly Bar[],
	timeframeMs: number
): Intent[] {
	const stepper = new StrategyStepper(def, timeframeMs);
	return bars.flatMap((bar) => stepper.push(bar));
}
