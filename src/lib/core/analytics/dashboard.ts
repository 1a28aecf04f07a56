/**
 * Everything the dashboard draws, from one pass over the filtered trades: the trades are picked
 * and put in close order once, and the summary, curve, calendar and P&L histogram share them.
 */
import { closedTrades, type Unit } from './closed';
import { dailyPnlOf, type DailyPnl } from './daily';
import { histogram, type Histogram } from './histogram';
import { riskAdjusted, type RiskAdjusted } from './risk-adjusted';
import { equityCurveOf, summaryOf, withStartingEquity, type EquityCurve, type Summary } from './summary';
import type { TradeRow } from '../trades/query';
import { RateTable } from '../money/fx';
import { countedRows, moneyOf, type FxSettings, type MoneyByCurrency } from '../money/trades';

export interface Dashboard {
	summary: Summary;
	/** Sharpe, Sortino, Calmar, SQN and Kelly of the same trades. */
	riskAdjusted: RiskAdjusted;
	equity: EquityCurve;
	daily: DailyPnl;
	/** Net P&L per trade, in the unit. */
	pnlHistogram: Histogram;
	/** R per trade (trades with an R multiple), whatever the unit. */
	rHistogram: Histogram;
	/**
	 * The closed trades' net P&L per currency, and in the base currency where converted.
	 * `currency`: what the money figures and series above are in. Null when the trades span
	 * several currencies that could not be converted: then every money figure above adds
	 * currencies together and must not be shown (R figures stay right: a ratio has no currency).
	 */
	money: MoneyByCurrency & { currency: string | null };
}

const NO_FX: FxSettings = { base: null, table: new RateTable([]) };

/**
 * The dashboard of the filtered trades in `unit`, days in `zone`; trades in several currencies
 * converted into `fx.base` (each at its close day's rate) where every one has a rate.
 * @throws RangeError when `zone` is not a time zone.
 * @example const { summary, equity, daily } = dashboard(rows, 'America/New_York', '$');
 */
export function dashboard(
	rows: readonly TradeRow[],
	zone: string,
	unit: Unit,
	startingEquity: number | null = null,
	fx: FxSettings = NO_FX
): Dashboard {
	// Trades in several currencies are drawn in the base currency when they can be converted.
	const m = moneyOf(
		rows.filter((r) => !r.open),
		fx,
		zone
	);
	const closed = closedTrades(countedRows(rows, m), unit);
	const equity = equityCurveOf(closed);
	const pnlHistogram = histogram(equity.pnl);
	const plain = summaryOf(closed);
	const s = { ...plain, maxDrawdown: withStartingEquity(plain.maxDrawdown, unit, startingEquity) };
	const symbols = new Map<string, string>();
	for (const row of rows) symbols.set(row.id, row.symbol);
	const daily = dailyPnlOf(closed, zone, (id) => symbols.get(id));
	const result: Dashboard = {
		summary: s,
		riskAdjusted: riskAdjusted({
			daily: daily.pnl,
			r: closed.r,
			firstClose: closed.count === 0 ? null : closed.time[0]!,
			lastClose: closed.count === 0 ? null : closed.time[closed.count - 1]!,
			netPnl: s.netPnl,
			maxDrawdown: s.maxDrawdown.amount,
			winRate: s.winRate,
			averageWin: s.averageWin,
			averageLoss: s.averageLoss
		}),
		equity,
		daily,
		pnlHistogram,
		// In $ the R column holds NaN for trades without R, which the histogram skips. In R the two
		// are equal but not shared: each array must be its own to be transferred.
		rHistogram:
			unit === 'R'
				? { edges: pnlHistogram.edges.slice(), counts: pnlHistogram.counts.slice() }
				: histogram(closed.r),
		money: { netByCurrency: m.netByCurrency, converted: m.converted, currency: m.currency }
	};
	return unit === '$' && m.currency === null && m.netByCurrency.length > 1 ? withoutMoney(result) : result;
}

/**
 * A dashboard of trades in several currencies that could not be converted, with every money
 * figure and series taken out (NaN, null or empty), so no caller can show currencies added
 * together. Counts, win rate, R figures and each day's trades stay: they have no currency.
 */
function withoutMoney(d: Dashboard): Dashboard {
	const none = NaN;
	const s = d.summary;
	return {
		...d,
		summary: {
			...s,
			netPnl: none,
			expectancy: null,
			profitFactor: null,
			averageWin: null,
			averageLoss: null,
			largestWin: null,
			largestLoss: null,
			grossPnl: none,
			commissions: none,
			fees: none,
			maxDrawdown: { ...s.maxDrawdown, amount: none, fraction: null, peak: none, ofEquity: null }
		},
		// Ratios of summed money are no better than the sums; SQN is of R multiples.
		riskAdjusted: { ...d.riskAdjusted, sharpe: null, sortino: null, calmar: null, kelly: null },
		equity: {
			...d.equity,
			equity: d.equity.equity.fill(none),
			drawdown: d.equity.drawdown.fill(none),
			pnl: d.equity.pnl.fill(none)
		},
		daily: { ...d.daily, pnl: d.daily.pnl.fill(none) },
		pnlHistogram: { edges: new Float64Array(0), counts: new Uint32Array(0) }
	};
}

/**
 * The R multiples of the closed trades that have one, in close order (for `monteCarlo`).
 * @example monteCarlo(rValues(rows), { ruinDrawdownR: 10 })
 */
export function rValues(rows: readonly TradeRow[]): Float64Array {
	return closedTrades(rows, 'R').value;
}
