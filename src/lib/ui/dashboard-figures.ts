/** How the dashboard words its risk figures: the ratios with their formulas, and the drawdown's share. */
import { FORMULAS, type Dashboard, type Drawdown, type RiskAdjusted, type Unit } from '$lib/core/analytics';
import { ratesText } from '$lib/core/money/fx';
import { inUnit } from './money';

/** The risk-adjusted figures in the order shown, each with its name and formula (the tooltip). */
export const RATIOS: readonly { key: keyof RiskAdjusted; name: string; formula: string }[] = [
	{ key: 'sharpe', name: 'Sharpe', formula: FORMULAS.sharpe },
	{ key: 'sortino', name: 'Sortino', formula: FORMULAS.sortino },
	{ key: 'calmar', name: 'Calmar', formula: FORMULAS.calmar },
	{ key: 'sqn', name: 'SQN', formula: FORMULAS.sqn },
	{ key: 'kelly', name: 'Kelly fraction', formula: FORMULAS.kelly }
];

/** `x` to `digits` decimals with the journal's minus sign (never `-0.00`). */
function fixed(x: number, digits: number): string {
	const text = Math.abs(x).toFixed(digits);
	return x < 0 && Number(text) !== 0 ? `−${text}` : text;
}

export const percent = (x: number | null): string => (x === null ? '—' : `${fixed(x * 100, 1)}%`);

/** A ratio to two decimals; the Kelly fraction as a percentage of equity. */
export function ratioText(x: number | null, key: keyof RiskAdjusted): string {
	return x === null ? '—' : key === 'kelly' ? percent(x) : fixed(x, 2);
}

/**
 * What the deepest fall is a share of. With the starting equity known, the account's equity at the
 * peak. Else the curve is cumulative P&L from 0: a share of its peak means something only while the
 * fall stays within the peak (gains given back); a fall to below the start is said as an amount
 * from the peak it began at.
 * @example drawdownOf({ amount: 50, fraction: 0.25, … }, '$') // '25.0% of the peak'
 */
export function drawdownOf(d: Drawdown, unit: Unit): string {
	if (d.amount === 0) return 'never below a peak';
	if (d.ofEquity !== null) return `${percent(d.ofEquity)} of equity at the peak`;
	if (d.fraction === null) return 'from the start';
	if (d.fraction <= 1) return `${percent(d.fraction)} of the peak`;
	return `from a peak of ${inUnit(d.amount / d.fraction, unit)}, to below the start`;
}

/**
 * What the dashboard may draw of trades' money, given their currencies: `blocked` (why no money
 * figure or line can be shown: several currencies, not converted) or `caption` (the currency and
 * rates a converted figure is in); both null for trades in one currency, and in R (a ratio has no
 * currency).
 * @example currencyState({ netByCurrency: [eur, usd], converted: null, currency: null }, '$').blocked
 * // '2 currencies: pick one account or set a base currency in Settings'
 */
export function currencyState(
	money: Dashboard['money'],
	unit: Unit
): { blocked: string | null; caption: string | null; currency: string | null } {
	const n = money.netByCurrency.length;
	const none = { blocked: null, caption: null, currency: null };
	if (n <= 1 || unit === 'R') return none;
	const c = money.converted;
	if (c === null)
		return { ...none, blocked: `${n} currencies: pick one account or set a base currency in Settings` };
	if ('problem' in c)
		return {
			...none,
			blocked: `${n} currencies, not converted (${c.problem}): pick one account, or add the rate in Settings`
		};
	return {
		blocked: null,
		caption: c.rates.length > 0 ? `In ${c.currency} at ${ratesText(c.rates)}` : `In ${c.currency}`,
		currency: c.currency
	};
}
