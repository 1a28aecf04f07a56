/**
 * The signal generator as a strategy rule: its four groups vote on each bar's close (trend,
 * momentum, strength, volume; core/signals), its confirmation rule decides, and the strategy buys
 * when the decision turns BUY and sells what it holds when it turns SELL, as the Signals page
 * lists them (on a change of decision only). The stop is the generator's own: `stopAtr` ATRs
 * below the close. The other indicator settings are the generator's defaults.
 *
 * Values are streamed with the indicators core's streams, so the decisions are exactly those of
 * `generateSignals` over the same bars (signals.spec property).
 */
import type { Bar } from '../broker/types';
import {
	AdxStream,
	AtrStream,
	EmaStream,
	MacdStream,
	ObvStream,
	RsiStream,
	SmaStream,
	SupertrendStream
} from '../indicators';
import {
	confirm,
	resolveSignalParams,
	votes,
	type Decision,
	type IndicatorValues,
	type SignalParams
} from '../signals';
import type { ComposedStep } from './conditions';

/** The generator's confirmation and stop; its indicators keep their defaults. */
export interface SignalsRule {
	kind: 'signals';
	/** Groups of four that must agree (and outnumber the other side). */
	minGroups: number;
	/** The ATR the stop is measured in. */
	atrPeriod: number;
	/** Stop distance in ATRs below the close. */
	stopAtr: number;
}

/** The generator's full parameters for a rule (its defaults with the rule's settings). */
export function signalParamsOf(rule: SignalsRule): SignalParams {
	return resolveSignalParams({
		confirmation: { minGroups: rule.minGroups },
		levels: { atrPeriod: rule.atrPeriod, stopAtr: rule.stopAtr }
	});
}

/** Up to 4 decimals, without trailing zeros. */
const num = (x: number) => String(Number(x.toFixed(4)));

/** The generator one bar at a time: entry when its decision turns BUY, exit when it turns SELL. */
export class SignalsStream {
	readonly #p: SignalParams;
	readonly #supertrend: SupertrendStream;
	readonly #fast: SmaStream | EmaStream;
	readonly #slow: SmaStream | EmaStream;
	readonly #macd: MacdStream;
	readonly #rsi: RsiStream;
	readonly #adx: AdxStream;
	readonly #obv: ObvStream;
	readonly #obvAverage: SmaStream;
	readonly #atr: AtrStream;
	readonly #labels: { fast: string; slow: string; rsi: string; adx: string; atr: string; obv: string };
	#previous: Decision = 'HOLD';

	constructor(rule: SignalsRule) {
		const p = signalParamsOf(rule);
		this.#p = p;
		const Average = p.movingAverages.kind === 'ema' ? EmaStream : SmaStream;
		const ma = p.movingAverages.kind.toUpperCase();
		this.#supertrend = new SupertrendStream(p.supertrend.atrPeriod, p.supertrend.factor);
		this.#fast = new Average(p.movingAverages.fast);
		this.#slow = new Average(p.movingAverages.slow);
		this.#macd = new MacdStream(p.macd.fast, p.macd.slow, p.macd.signal);
		this.#rsi = new RsiStream(p.rsi.period);
		this.#adx = new AdxStream(p.adx.period);
		this.#obv = new ObvStream();
		this.#obvAverage = new SmaStream(p.obv.average);
		this.#atr = new AtrStream(p.levels.atrPeriod);
		this.#labels = {
			fast: `${ma}(${p.movingAverages.fast})`,
			slow: `${ma}(${p.movingAverages.slow})`,
			rsi: `RSI(${p.rsi.period})`,
			adx: `ADX(${p.adx.period})`,
			atr: `ATR(${p.levels.atrPeriod})`,
			obv: `OBV SMA(${p.obv.average})`
		};
	}

	push(bar: Bar): ComposedStep {
		const { high, low, close } = bar;
		const volume = bar.volume ?? NaN;
		const st = this.#supertrend.push(high, low, close);
		const fast = this.#fast.push(close);
		const slow = this.#slow.push(close);
		const m = this.#macd.push(close);
		const rsi = this.#rsi.push(close);
		const adx = this.#adx.push(high, low, close);
		const obv = this.#obv.push(close, volume);
		const obvAverage = this.#obvAverage.push(obv);
		const atr = this.#atr.push(high, low, close);
		const l = this.#labels;
		const step: ComposedStep = {
			values: {
				SuperTrend: st.value,
				[l.fast]: fast,
				[l.slow]: slow,
				'MACD histogram': m.histogram,
				[l.rsi]: rsi,
				[l.adx]: adx.adx,
				'+DI': adx.plusDI,
				'−DI': adx.minusDI,
				OBV: obv,
				[l.obv]: obvAverage,
				[l.atr]: atr
			},
			previous: {},
			entry: null,
			exit: null
		};
		// The generator skips a bar missing a price or its volume, and starts its decision afresh.
		if (![high, low, close, volume].every(Number.isFinite)) {
			this.#previous = 'HOLD';
			return step;
		}
		const v: IndicatorValues = {
			close,
			supertrend: st,
			movingAverages: { fast, slow },
			macd: m,
			rsi,
			adx,
			obv: { value: obv, average: obvAverage },
			atr
		};
		const ready = [close, st.value, fast, slow, m.histogram, rsi, adx.adx, obvAverage, atr].every(
			Number.isFinite
		);
		if (!ready) return step;
		const groupVotes = votes(v, this.#p);
		const rule = confirm(groupVotes, this.#p.confirmation.minGroups);
		// A BUY or SELL with an ATR of 0 has no stop distance: the generator holds instead.
		const decision = rule.decision !== 'HOLD' && !(atr > 0) ? 'HOLD' : rule.decision;
		const changed = decision !== this.#previous;
		this.#previous = decision;
		if (!changed) return step;
		const why = groupVotes
			.filter((g) => g.direction === (decision === 'BUY' ? 1 : -1))
			.map((g) => g.group)
			.join(', ');
		const words = `${rule.rule} (${why} agree; confidence ${num(rule.confidence)})`;
		if (decision === 'BUY') step.entry = `signals BUY: ${words}`;
		else if (decision === 'SELL') step.exit = `signals SELL: ${words}`;
		return step;
	}
}
