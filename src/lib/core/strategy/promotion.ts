/**
 * Paper to real, the promotion report: for one strategy, its backtests, its paper replays and the
 * real trades that carry its name side by side (win rate, expectancy in $ and R, slippage against
 * the signal's price), and what a trader should notice before trusting the live version.
 *
 * Slippage is per share, signed so that + is worse: paid above the signal bar's close on a buy,
 * received below it on a sell. A trade without a signal price (most real trades) has none.
 */
import type { BacktestResult } from './backtest';
import { backtestTrades } from './metrics';

/** One closed trade as the report counts it. */
export interface PromotionTrade {
	/** Net P&L after costs, dollars. */
	net: number;
	/** Net P&L in R; null without a known risk. */
	r: number | null;
	/** Entry slippage per share against the signal's price, + worse; null without a signal price. */
	slippage: number | null;
}

export interface PromotionColumn {
	label: string;
	trades: number;
	/** wins ÷ trades; null without a trade. */
	winRate: number | null;
	/** Mean net P&L per trade, dollars; null without a trade. */
	expectancy: number | null;
	/** Mean R of the trades with one; null when none has. */
	expectancyR: number | null;
	tradesWithR: number;
	/** Mean slippage per share of the trades with a signal price; null when none has. */
	slippage: number | null;
	tradesWithSlippage: number;
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/**
 * A column of the report.
 * @example promotionColumn('Backtest', [{ net: 120, r: 1.2, slippage: 0.01 }]).winRate // 1
 */
export function promotionColumn(label: string, trades: readonly PromotionTrade[]): PromotionColumn {
	const rs = trades.flatMap((t) => (t.r === null ? [] : [t.r]));
	const slips = trades.flatMap((t) => (t.slippage === null ? [] : [t.slippage]));
	return {
		label,
		trades: trades.length,
		winRate: trades.length ? trades.filter((t) => t.net > 0).length / trades.length : null,
		expectancy: mean(trades.map((t) => t.net)),
		expectancyR: mean(rs),
		tradesWithR: rs.length,
		slippage: mean(slips),
		tradesWithSlippage: slips.length
	};
}

/** Real trades below this many say too little to compare (a common rule of thumb). */
export const MIN_LIVE_TRADES = 20;
/** A win rate this many points below the test's is worth a warning. */
const WIN_RATE_GAP = 0.1;
/** An expectancy this many R below the test's is worth a warning. */
const EXPECTANCY_GAP_R = 0.25;

const pct = (x: number) => `${Math.round(x * 100)}%`;
const r2 = (x: number) => `${x.toFixed(2)}R`;

/**
 * What differs between a tested column (backtest or paper replay) and the live one, in words.
 * @example promotionNotes(backtest, real) // ['Real win rate 38% against 55% in the backtest: 17 points lower']
 */
export function promotionNotes(test: PromotionColumn, live: PromotionColumn): string[] {
	const notes: string[] = [];
	const where = `in the ${test.label.toLowerCase()}`;
	if (test.trades === 0) notes.push(`No trades ${where} to compare with.`);
	if (live.trades < MIN_LIVE_TRADES)
		notes.push(
			`${live.trades} ${live.label.toLowerCase()} trade${live.trades === 1 ? '' : 's'} so far: at least ${MIN_LIVE_TRADES} are needed before the figures say much.`
		);
	if (test.trades === 0 || live.trades === 0) return notes;
	if (test.winRate !== null && live.winRate !== null && test.winRate - live.winRate > WIN_RATE_GAP)
		// The gap of the percentages shown, so the sentence adds up.
		notes.push(
			`${live.label} win rate ${pct(live.winRate)} against ${pct(test.winRate)} ${where}: ${Math.round(test.winRate * 100) - Math.round(live.winRate * 100)} points lower.`
		);
	if (test.expectancyR !== null && live.expectancyR !== null) {
		if (test.expectancyR > 0 && live.expectancyR <= 0)
			notes.push(
				`${live.label} expectancy ${r2(live.expectancyR)} against ${r2(test.expectancyR)} ${where}: the edge does not show live.`
			);
		else if (test.expectancyR - live.expectancyR > EXPECTANCY_GAP_R)
			notes.push(
				`${live.label} expectancy ${r2(live.expectancyR)} against ${r2(test.expectancyR)} ${where}: ${r2(test.expectancyR - live.expectancyR)} lower per trade.`
			);
	}
	if (test.slippage !== null && live.slippage !== null && live.slippage > test.slippage)
		notes.push(
			`${live.label} entries slip ${live.slippage.toFixed(4)} a share against ${test.slippage.toFixed(4)} ${where}.`
		);
	return notes;
}

/**
 * A backtest's (or a strategy replay's) closed trades for the report: net P&L, R at the entry
 * intent's stop, and the entry's slippage against its signal bar's close.
 */
export function promotionTrades(result: Pick<BacktestResult, 'executions' | 'orders'>): PromotionTrade[] {
	return backtestTrades(result)
		.filter((t) => t.closeTime !== null)
		.map((t) => ({
			net: t.netCents / 100,
			r: t.r,
			slippage: t.signalPrice === null ? null : (t.entryPrice - t.signalPrice) * t.direction
		}));
}
