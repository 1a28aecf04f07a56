/**
 * What a backtest report shows, from a backtest's result and the bars it ran over: the closed
 * trades' win rate, profit factor and expectancy in R, the daily Sharpe and Sortino, the deepest
 * drawdown of the equity curve, the time in the market and the costs. One function, so the
 * report, a sweep's heatmap cell and the promotion report read the same numbers.
 *
 * Several symbols share one clock (one step per time any of them has a bar): the exposure is the
 * share of the clock's steps during which any position was held, and `bySymbol` splits the closed
 * trades and their net P&L by symbol beside the totals.
 *
 * R of a trade is its net P&L over the risk its entry took: |entry price − the intent's stop| ×
 * the quantity opened. Trades whose entry had no stop have no R and are not in the expectancy.
 */
import type { Bar } from '../broker/types';
import { roundTrips } from '../paper/desk-stats';
import { riskAdjusted } from '../analytics/risk-adjusted';
import { tradingDate } from '../risk';
import type { BacktestResult } from './backtest';

/** One closed or open round trip of a backtest, as the report lists it. */
export interface BacktestTrade {
	symbol: string;
	direction: 1 | -1;
	openTime: number;
	/** null while still open after the last bar. */
	closeTime: number | null;
	entryPrice: number;
	quantity: number;
	/** Realised P&L less commissions, integer cents (so far, for an open trade). */
	netCents: number;
	/** The entry intent's stop; null when it had none. */
	stop: number | null;
	/** The entry signal bar's close (the price the signal was read at); null without an entry intent. */
	signalPrice: number | null;
	/** netCents ÷ the risk at the stop; null without a stop. */
	r: number | null;
}

export interface BacktestMetrics {
	trades: number;
	wins: number;
	losses: number;
	/** wins ÷ closed trades; null before a closed trade. */
	winRate: number | null;
	/** Net P&L of the closed trades after commissions, integer cents. */
	netPnlCents: number;
	grossProfitCents: number;
	/** ≤ 0. */
	grossLossCents: number;
	/** Gross profit ÷ |gross loss|; null without a losing trade. */
	profitFactor: number | null;
	/** Mean R of the closed trades with a stop; null when none has one. */
	expectancyR: number | null;
	tradesWithR: number;
	/** Mean net P&L per closed trade, integer cents rounded; null before a closed trade. */
	expectancyCents: number | null;
	sharpe: number | null;
	sortino: number | null;
	/** The deepest fall of the equity curve from its running peak, in dollars (≥ 0). */
	maxDrawdown: number;
	/** That fall as a fraction of its peak. */
	maxDrawdownPct: number;
	/** Fraction of the clock's steps (the bars' distinct times) during which any position was held (0 to 1). */
	exposure: number;
	/** Mean time from a closed trade's first execution to its last, ms; null before one. */
	averageHoldingMs: number | null;
	commissionsCents: number;
	startingEquity: number;
	endingEquity: number;
	/** endingEquity ÷ startingEquity − 1. */
	returnPct: number;
}

/** One symbol's share of a backtest: its closed trades and their net P&L. */
export interface SymbolFigures {
	symbol: string;
	trades: number;
	/** Net P&L of its closed trades after commissions, integer cents. */
	netPnlCents: number;
}

/**
 * The trades and figures of a backtest over `bars` (the bars it ran, every symbol's, by time).
 * @example backtestMetrics(result, bars, 100_000).metrics.winRate // 0.5
 */
export function backtestMetrics(
	result: BacktestResult,
	bars: readonly Bar[],
	startingEquity: number
): { trades: BacktestTrade[]; metrics: BacktestMetrics; bySymbol: SymbolFigures[] } {
	const trades = backtestTrades(result);
	const closed = trades.filter((t) => t.closeTime !== null);
	const wins = closed.filter((t) => t.netCents > 0);
	const losing = closed.filter((t) => t.netCents < 0);
	const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
	const grossProfitCents = sum(wins.map((t) => t.netCents));
	const grossLossCents = sum(losing.map((t) => t.netCents));
	const netPnlCents = sum(closed.map((t) => t.netCents));
	const rs = closed.flatMap((t) => (t.r === null ? [] : [t.r]));
	const daily = new Map<string, number>();
	for (const t of closed) {
		const day = tradingDate(t.closeTime!);
		daily.set(day, (daily.get(day) ?? 0) + t.netCents / 100);
	}
	const drawdown = deepestDrawdown(startingEquity, result.equity);
	const winRate = closed.length ? wins.length / closed.length : null;
	const adjusted = riskAdjusted({
		daily: [...daily.values()],
		r: rs,
		firstClose: closed[0]?.closeTime ?? null,
		lastClose: closed[closed.length - 1]?.closeTime ?? null,
		netPnl: netPnlCents / 100,
		maxDrawdown: drawdown.amount,
		winRate,
		averageWin: wins.length ? grossProfitCents / wins.length / 100 : null,
		averageLoss: losing.length ? grossLossCents / losing.length / 100 : null
	});
	const endingEquity = result.equity[result.equity.length - 1] ?? startingEquity;
	const clock = clockOf(bars);
	return {
		trades,
		bySymbol: symbolFigures(result, closed),
		metrics: {
			trades: closed.length,
			wins: wins.length,
			losses: losing.length,
			winRate,
			netPnlCents,
			grossProfitCents,
			grossLossCents,
			profitFactor: grossLossCents < 0 ? grossProfitCents / -grossLossCents : null,
			expectancyR: rs.length ? sum(rs) / rs.length : null,
			tradesWithR: rs.length,
			expectancyCents: closed.length ? Math.round(netPnlCents / closed.length) : null,
			sharpe: adjusted.sharpe,
			sortino: adjusted.sortino,
			maxDrawdown: drawdown.amount,
			maxDrawdownPct: drawdown.fraction,
			exposure: clock.length ? stepsHeld(trades, clock) / clock.length : 0,
			averageHoldingMs: closed.length
				? sum(closed.map((t) => t.closeTime! - t.openTime)) / closed.length
				: null,
			commissionsCents: sum(result.executions.map((e) => e.commissionCents)),
			startingEquity,
			endingEquity,
			returnPct: startingEquity > 0 ? endingEquity / startingEquity - 1 : 0
		}
	};
}

/**
 * A backtest's round trips, each with its entry intent's stop and signal price and its R.
 * @example backtestTrades(result)[0].r // 1.5
 */
export function backtestTrades(result: Pick<BacktestResult, 'executions' | 'orders'>): BacktestTrade[] {
	const entryOf = new Map<string, Extract<BacktestResult['orders'][number]['intent'], { kind: 'entry' }>>();
	for (const o of result.orders) if (o.intent.kind === 'entry') entryOf.set(o.order.id, o.intent);
	return roundTrips(result.executions).map((t): BacktestTrade => {
		const intent = [...t.entryOrders].map((id) => entryOf.get(id)).find((i) => i !== undefined);
		const stop = intent?.stop ?? null;
		const risk = stop === null ? 0 : Math.abs(t.entryPrice - stop) * t.openedQuantity * 100;
		return {
			symbol: t.symbol,
			direction: t.direction,
			openTime: t.openTime,
			closeTime: t.closeTime,
			entryPrice: t.entryPrice,
			quantity: t.openedQuantity,
			netCents: t.netCents,
			stop,
			signalPrice: intent?.reference ?? null,
			r: risk > 0 ? t.netCents / risk : null
		};
	});
}

/** The deepest fall from a running peak (the start counts as one), in dollars and of that peak. */
function deepestDrawdown(start: number, equity: readonly number[]): { amount: number; fraction: number } {
	let peak = start;
	let amount = 0;
	let fraction = 0;
	for (const e of equity) {
		if (e > peak) peak = e;
		const fall = peak - e;
		if (fall > amount) {
			amount = fall;
			fraction = peak > 0 ? fall / peak : 0;
		}
	}
	return { amount, fraction };
}

/** The clock's steps: the distinct bar times, ascending. */
function clockOf(bars: readonly Bar[]): Float64Array {
	const times = Float64Array.from(bars, (b) => b.time);
	for (let i = 1; i < times.length; i++)
		if (times[i]! < times[i - 1]!) {
			times.sort();
			break;
		}
	let n = 0;
	for (let i = 0; i < times.length; i++) if (i === 0 || times[i] !== times[n - 1]) times[n++] = times[i]!;
	return times.subarray(0, n);
}

/** Every symbol of the run (the session's order), with its closed trades' count and net P&L. */
function symbolFigures(result: BacktestResult, closed: readonly BacktestTrade[]): SymbolFigures[] {
	const facts = result.facts;
	const symbols = facts.symbols?.length ? facts.symbols : [facts.symbol];
	const figures = new Map(symbols.map((symbol) => [symbol, { symbol, trades: 0, netPnlCents: 0 }]));
	for (const t of closed) {
		const f = figures.get(t.symbol) ?? { symbol: t.symbol, trades: 0, netPnlCents: 0 };
		f.trades++;
		f.netPnlCents += t.netCents;
		figures.set(t.symbol, f);
	}
	return [...figures.values()];
}

/**
 * Steps of the clock during which any position was held: a trade holds from the step its first
 * execution filled on up to, not including, the step its last filled on (a position opened at a
 * bar's open and closed at a later bar's open is held through the bars between); an open trade
 * holds to the last step. Trades of several symbols held at once count a step once.
 */
function stepsHeld(trades: readonly BacktestTrade[], clock: Float64Array): number {
	const indexOf = (time: number) => {
		let lo = 0;
		let hi = clock.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (clock[mid]! < time) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	};
	// How many positions start and end at each step; a step is held while the count is above 0.
	const change = new Int32Array(clock.length + 1);
	for (const t of trades) {
		const from = indexOf(t.openTime);
		const to = t.closeTime === null ? clock.length : indexOf(t.closeTime);
		if (to <= from) continue;
		change[from]!++;
		change[to]!--;
	}
	let open = 0;
	let held = 0;
	for (let i = 0; i < clock.length; i++) {
		open += change[i]!;
		if (open > 0) held++;
	}
	return held;
}
