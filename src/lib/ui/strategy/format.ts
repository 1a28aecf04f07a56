/**
 * How the strategy lab words and links things: which editor field a problem belongs to, the
 * figures of a run, the broker's fill conventions in words, the studies that draw a strategy's
 * indicators and the Charts page link that opens a trade with them. Pure display helpers.
 */
import type { BrokerConfig, CommissionModel } from '$lib/core/broker';
import type { StudySpec } from '$lib/core/studies';
import type { BacktestMetrics } from '$lib/core/strategy/metrics';
import { signalParamsOf } from '$lib/core/strategy/generator-rule';
import type { StrategyDefinition } from '$lib/core/strategy/types';
import { duration, money } from '../money';

/** Where a field's problem is shown: `name`, `rule.<parameter>`, `sizing`, `stop`, `target`, `atrPeriod`. */
export type EditorField = 'name' | `rule.${string}` | 'sizing' | 'stop' | 'target' | 'atrPeriod' | 'flat';

/**
 * The field a problem of `strategyProblem` is about, so the editor shows it there.
 * @example problemField('SMA cross fast (30) must be shorter than slow (10)', ruleParameters('sma-cross'), 'SMA cross') // 'rule.fast'
 */
export function problemField(
	problem: string,
	parameters: readonly { key: string; label: string }[],
	kindLabel: string
): EditorField {
	if (problem.startsWith('Give the strategy a name')) return 'name';
	if (problem.startsWith(kindLabel) || problem.startsWith('RSI mean reversion')) {
		const rest = problem.slice(kindLabel.length + 1);
		// The longest label first: "ATR period" before "period".
		const hit = [...parameters]
			.sort((a, b) => b.label.length - a.label.length)
			.find((p) => rest.startsWith(`${p.label} `) || rest.startsWith(`${p.label}(`));
		return `rule.${(hit ?? parameters[0])?.key ?? ''}`;
	}
	if (problem.startsWith('Sizing')) return problem.includes('needs a stop') ? 'stop' : 'sizing';
	if (problem.startsWith('Exits ATR period')) return 'atrPeriod';
	if (problem.startsWith('Exits stop')) return 'stop';
	if (problem.startsWith('Exits flat')) return 'flat';
	return 'target';
}

/**
 * The indicators a strategy reads, as chart studies on its own bars: its averages, its RSI, the
 * signal generator's trend lines, a composed rule's studies (those of its own timeframe), the ATR
 * its exits measure.
 */
export function strategyStudies(def: StrategyDefinition): StudySpec[] {
	const rule = def.rule;
	const atr = (period: number): StudySpec => ({ kind: 'atr', params: [period] });
	let studies: StudySpec[];
	switch (rule.kind) {
		case 'sma-cross':
		case 'ema-cross': {
			const kind = rule.kind === 'sma-cross' ? 'sma' : 'ema';
			studies = [
				{ kind, params: [rule.fast] },
				{ kind, params: [rule.slow] }
			];
			break;
		}
		case 'rsi-reversion':
			studies = [{ kind: 'rsi', params: [rule.period] }];
			break;
		case 'breakout':
			studies = [atr(rule.atrPeriod)];
			break;
		case 'signals': {
			const p = signalParamsOf(rule);
			studies = [
				{ kind: 'supertrend', params: [p.supertrend.atrPeriod, p.supertrend.factor] },
				{ kind: p.movingAverages.kind, params: [p.movingAverages.fast] },
				{ kind: p.movingAverages.kind, params: [p.movingAverages.slow] },
				atr(rule.atrPeriod)
			];
			break;
		}
		case 'composed':
			studies = [...rule.entry, ...rule.exit]
				.flatMap((c) => [c.left, c.right])
				.flatMap((o) => (o.kind === 'study' && !o.timeframe ? [o.study] : []));
			break;
	}
	const usesExitAtr = def.exits.stop !== null || def.exits.target?.unit === 'atr';
	if (usesExitAtr) studies.push(atr(def.exits.atrPeriod));
	// Each once: a study two conditions read, or the rule's ATR that the exits read too.
	const seen = new Set<string>();
	return studies.filter((s) => {
		const key = JSON.stringify(s);
		return seen.has(key) ? false : (seen.add(key), true);
	});
}

/**
 * The query of a Charts page link showing `symbol` at `time` with `studies` (see readChartLink):
 * `symbol=RIVN&timeframe=5m&studies=sma%3A3%2Csma%3A8&at=1760381820000`.
 */
export function chartQuery(
	symbol: string,
	timeframe: string | null,
	studies: StudySpec[],
	time: number
): string {
	const params = new URLSearchParams({ symbol });
	if (timeframe) params.set('timeframe', timeframe);
	if (studies.length) params.set('studies', studies.map((s) => [s.kind, ...s.params].join(':')).join(','));
	params.set('at', String(time));
	return params.toString();
}

/** A fraction as a percent with `digits` decimals: `50.0%`; a dash without one. */
export function percentOf(x: number | null, digits = 1): string {
	if (x === null || !Number.isFinite(x)) return '—';
	const text = Math.abs(x * 100).toFixed(digits);
	// The minus sign as money writes it; none on a figure that rounds to zero.
	return `${x < 0 && Number(text) !== 0 ? '−' : ''}${text}%`;
}

/** A ratio with two decimals, or a dash. */
export function ratio(x: number | null): string {
	return x === null || !Number.isFinite(x) ? '—' : x.toFixed(2);
}

export interface RunFigure {
	label: string;
	value: string;
	/** A signed amount's sign, for its colour. */
	sign?: number | null;
	sub?: string;
}

/** The report's figures, in the order a trader reads them. */
export function runFigures(m: BacktestMetrics): RunFigure[] {
	const r = m.expectancyR;
	return [
		{
			label: 'Net P&L',
			value: money(m.netPnlCents / 100),
			sign: m.netPnlCents,
			sub: 'closed trades, after commissions'
		},
		{
			label: 'Return',
			value: percentOf(m.returnPct, 2),
			sign: m.returnPct,
			sub: `${money(m.startingEquity)} → ${money(m.endingEquity)}`
		},
		{ label: 'Trades', value: String(m.trades), sub: `${m.wins} won · ${m.losses} lost` },
		{ label: 'Win rate', value: percentOf(m.winRate) },
		{ label: 'Profit factor', value: ratio(m.profitFactor) },
		{
			label: 'Expectancy',
			value: m.expectancyCents === null ? '—' : money(m.expectancyCents / 100),
			sign: m.expectancyCents,
			sub:
				r === null
					? 'no trade had a stop: no R'
					: `${r >= 0 ? '+' : '−'}${Math.abs(r).toFixed(2)}R over ${m.tradesWithR} trade${m.tradesWithR === 1 ? '' : 's'}`
		},
		{ label: 'Sharpe', value: ratio(m.sharpe), sub: 'daily, annualised' },
		{ label: 'Sortino', value: ratio(m.sortino), sub: 'daily, annualised' },
		{ label: 'Max drawdown', value: money(m.maxDrawdown), sub: percentOf(m.maxDrawdownPct, 2) },
		{ label: 'Exposure', value: percentOf(m.exposure), sub: 'of the bar times with a position' },
		{ label: 'Average holding', value: m.averageHoldingMs === null ? '—' : duration(m.averageHoldingMs) },
		{ label: 'Commissions', value: money(m.commissionsCents / 100) }
	];
}

/** A commission model in words: `$0.005 a share, at least $1.00 an order`. */
export function commissionText(c: CommissionModel): string {
	switch (c.kind) {
		case 'none':
			return 'no commission';
		case 'per_share':
			return `$${c.perShare} a share, at least ${money(c.minimum, '$')} an order`;
		case 'per_order':
			return `${money(c.amount, '$')} an order`;
		case 'percent':
			return `${c.percent}% of the order's value`;
		default:
			return 'as configured';
	}
}

/** The broker's fill conventions the run used, in words (see core/broker/fill-rules.ts). */
export function fillConventions(broker: BrokerConfig): string[] {
	const both = {
		worse: "the stop fills (the worse price for the trader; 'worse' rule)",
		better: "the target fills (the better price for the trader; 'better' rule)",
		nearest_open:
			"the leg whose price is nearer the bar's open fills, a tie going to the stop ('nearest open' rule)"
	}[broker.bothTouched];
	return [
		"Market orders placed on a bar's close fill at the next bar's open.",
		'A stop and a target work from the bar after the entry fills; a stop fills at its price, or at the open when the bar gaps through it; a target never fills worse than its price.',
		`When one bar touches both the stop and the target, ${both}.`,
		`Commissions: ${commissionText(broker.commission)}. Slippage: ${broker.slippage.kind === 'none' ? 'none' : 'as configured'}.`
	];
}
