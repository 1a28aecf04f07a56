/**
 * Risk-adjusted figures of the closed trades: how much return per unit of risk, and how big a
 * bet the edge supports. Each is computed from what the dashboard already has (the daily P&L,
 * the per-trade values and R multiples, the deepest drawdown) and each states its formula in
 * `FORMULAS`, which the dashboard shows as the figure's tooltip.
 *
 * Days are the days with at least one closed trade: a journal knows nothing of the days a trader
 * sat out, so they are not counted as zero days (which would flatter the deviation).
 */
/** Trading days in a year, to annualise daily figures (the usual convention for US markets). */
export const TRADING_DAYS = 252;
/** SQN counts at most this many trades: beyond it √N grows without the system getting better. */
export const SQN_CAP = 100;

export interface RiskAdjusted {
	/** Annualised Sharpe ratio of daily P&L; null with fewer than 2 days or no spread. */
	sharpe: number | null;
	/** Annualised Sortino ratio of daily P&L; null with fewer than 2 days or no losing day. */
	sortino: number | null;
	/** Annualised net P&L over the max drawdown; null without a drawdown or under a day. */
	calmar: number | null;
	/** System Quality Number of the R multiples; null with fewer than 2 trades with R or no spread. */
	sqn: number | null;
	/** Kelly fraction from the win rate and the win/loss ratio; null without wins and losses. */
	kelly: number | null;
}

/** What each figure is, for its tooltip. */
export const FORMULAS: Record<keyof RiskAdjusted, string> = {
	sharpe: 'Sharpe = mean(daily P&L) ÷ standard deviation(daily P&L) × √252, over days with a closed trade',
	sortino:
		'Sortino = mean(daily P&L) ÷ downside deviation × √252; downside deviation = √(mean of min(daily P&L, 0)²) over days with a closed trade',
	calmar:
		'Calmar = net P&L per year ÷ max drawdown; per year = net P&L × 365 ÷ calendar days from the first to the last close',
	sqn: 'SQN = √min(N, 100) × mean(R) ÷ standard deviation(R), N = trades with an R multiple (Van Tharp)',
	kelly: 'Kelly = W − (1 − W) ÷ B; W = win rate, B = average win ÷ |average loss|'
};

export interface RiskAdjustedInput {
	/** Net P&L of each day with a closed trade, in the unit. */
	daily: ArrayLike<number>;
	/** R multiples of the closed trades (NaN where a trade has none). */
	r: ArrayLike<number>;
	/** First and last close time, epoch ms. */
	firstClose: number | null;
	lastClose: number | null;
	netPnl: number;
	/** The deepest fall, ≥ 0, in the unit. */
	maxDrawdown: number;
	winRate: number | null;
	averageWin: number | null;
	/** Negative, or null. */
	averageLoss: number | null;
}

const DAY_MS = 86_400_000;

/**
 * The risk-adjusted figures; every ratio is unit-free, so it is the same whether the P&L is in
 * dollars or R (up to which trades count).
 * @example riskAdjusted({ ... , daily: [100, -50, 80] }).sharpe // ≈ 10.9
 */
export function riskAdjusted(input: RiskAdjustedInput): RiskAdjusted {
	const days = Array.from(input.daily);
	const rs = Array.from(input.r).filter((x) => Number.isFinite(x));
	const years =
		input.firstClose === null || input.lastClose === null
			? 0
			: (input.lastClose - input.firstClose) / DAY_MS / 365;
	return {
		sharpe: ratio(mean(days), deviation(days), Math.sqrt(TRADING_DAYS), days.length),
		sortino: ratio(mean(days), downsideDeviation(days), Math.sqrt(TRADING_DAYS), days.length),
		calmar: input.maxDrawdown > 0 && years * 365 >= 1 ? input.netPnl / years / input.maxDrawdown : null,
		sqn: ratio(mean(rs), deviation(rs), Math.sqrt(Math.min(rs.length, SQN_CAP)), rs.length),
		kelly: kelly(input.winRate, input.averageWin, input.averageLoss)
	};
}

function ratio(numerator: number, denominator: number, scale: number, n: number): number | null {
	return n >= 2 && denominator > 0 ? (numerator / denominator) * scale : null;
}

function mean(xs: readonly number[]): number {
	let s = 0;
	for (const x of xs) s += x;
	return xs.length === 0 ? 0 : s / xs.length;
}

/** Sample standard deviation (n − 1). */
function deviation(xs: readonly number[]): number {
	if (xs.length < 2) return 0;
	const m = mean(xs);
	let s = 0;
	for (const x of xs) s += (x - m) ** 2;
	return Math.sqrt(s / (xs.length - 1));
}

/** √(mean of min(x, 0)²): the spread of the losing days only, over all days. */
function downsideDeviation(xs: readonly number[]): number {
	if (xs.length === 0) return 0;
	let s = 0;
	for (const x of xs) if (x < 0) s += x * x;
	return Math.sqrt(s / xs.length);
}

function kelly(winRate: number | null, averageWin: number | null, averageLoss: number | null): number | null {
	if (winRate === null || averageWin === null || averageLoss === null || averageLoss >= 0) return null;
	const b = averageWin / -averageLoss;
	return winRate - (1 - winRate) / b;
}
