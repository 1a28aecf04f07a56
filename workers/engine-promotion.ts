/**
 * The promotion report (paper to real): one strategy's backtests, its paper replays and the real
 * trades that carry its name, side by side, with what differs (core/strategy/promotion.ts).
 *
 * It reads both databases and writes none: the strategy and its runs and replays are in the paper
 * database, the real trades in the real one. The method still takes the mode first, as every
 * engine method does, and answers only in paper mode (where strategies live).
 */
import type { Mode } from '$lib/core/model/mode';
import { PaperSession, sessionSymbols } from '$lib/core/paper/session';
import { loggedSubmissions } from '$lib/core/strategy/driver';
import {
	promotionColumn,
	promotionNotes,
	promotionTrades,
	type PromotionTrade
} from '$lib/core/strategy/promotion';
import type { StrategyOrder } from '$lib/core/strategy/backtest';
import { listPaperSessions, loadPaperSession } from '$lib/db/paper';
import type { FillbookDb } from '$lib/db/schema';
import { listBacktestRuns, strategyRow } from '$lib/db/strategies';
import type { PromotionApi, PromotionReport } from './contract';
import type { Derived } from './engine-trades';
import { sessionBarsIn } from './paper-bars';

export function createPromotion(
	db: (mode: Mode) => FillbookDb,
	trades: (mode: Mode) => Promise<Derived>
): PromotionApi {
	return {
		async strategyPromotion(mode: Mode, strategyId: string): Promise<PromotionReport | null> {
			if (mode !== 'paper') return null;
			const d = db('paper');
			const strategy = await strategyRow(d, strategyId);
			if (!strategy) return null;
			const runs = await listBacktestRuns(d, strategyId);
			const backtest = runs.flatMap((run) =>
				run.trades
					.filter((t) => t.closeTime !== null)
					.map((t): PromotionTrade => ({
						net: t.netCents / 100,
						r: t.r,
						slippage:
							t.signalPrice === null || t.signalPrice === undefined
								? null
								: (t.entryPrice - t.signalPrice) * t.direction
					}))
			);
			const replay = await replayTrades(d, strategyId);
			const name = strategy.name.trim().toLowerCase();
			const real = (await trades('real')).rows
				.filter((r) => r.strategy.trim().toLowerCase() === name && !r.open && r.problem === null)
				.map((r): PromotionTrade => ({ net: r.netPnl, r: r.rMultiple, slippage: null }));
			const columns = {
				backtest: promotionColumn('Backtest', backtest),
				replay: promotionColumn('Paper replay', replay.trades),
				real: promotionColumn('Real', real)
			};
			const notes =
				columns.real.trades > 0
					? [
							...promotionNotes(columns.backtest, columns.real),
							...(columns.replay.trades > 0 ? promotionNotes(columns.replay, columns.real) : [])
						]
					: columns.replay.trades > 0
						? promotionNotes(columns.backtest, columns.replay)
						: [];
			return {
				strategyName: strategy.name,
				runs: runs.length,
				sessions: replay.sessions,
				columns,
				notes: [...new Set(notes)],
				skipped: replay.skipped
			};
		}
	};
}

/**
 * The closed trades the strategy made on paper replays: each session it was attached to, replayed
 * from its stored facts, its strategy orders matched with their intents. A session whose bars are
 * gone cannot be replayed: it is counted as skipped, with why.
 */
async function replayTrades(
	d: FillbookDb,
	strategyId: string
): Promise<{ trades: PromotionTrade[]; sessions: number; skipped: string[] }> {
	const rows = (await listPaperSessions(d)).filter((r) => r.strategy?.definition.id === strategyId);
	const out: PromotionTrade[] = [];
	const skipped: string[] = [];
	for (const row of rows) {
		const stored = await loadPaperSession(d, row.id);
		if (!stored) continue;
		try {
			const { bars, timeframeMs } = await sessionBarsIn(d, sessionSymbols(row), row.from, row.to);
			const session = new PaperSession(stored.facts, bars, timeframeMs);
			if (session.readOnly !== null) throw new Error(session.readOnly);
			const now = new Map(session.orders().map((o) => [o.id, o]));
			const orders: StrategyOrder[] = loggedSubmissions(session, timeframeMs).flatMap((s) =>
				s.origin.strategyId === strategyId && s.outcome.ok
					? s.outcome.orders.map((o) => ({ order: now.get(o.id) ?? o, intent: s.origin.intent }))
					: []
			);
			out.push(...promotionTrades({ executions: session.executions(), orders }));
		} catch (e) {
			skipped.push(`${row.symbol} session ${row.id}: ${e instanceof Error ? e.message : String(e)}`);
		}
	}
	return { trades: out, sessions: rows.length, skipped };
}
