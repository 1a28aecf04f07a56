/**
 * A backtest: a strategy over one symbol's bars, through a paper session, so a backtest and a
 * replay with the strategy attached are the same code path (the same broker, the same risk
 * manager, the same log of actions). Each bar is revealed to the session (orders placed before it
 * fill on it), then the stepper reads its close, then the intents of that close become actions.
 *
 * The broker's conventions hold: a market order placed on a bar's close fills at the next bar's
 * open; a stop and a target placed with the entry work from the bar after the entry fills, and
 * when one bar touches both the broker's `bothTouched` rule decides. Long only, one position at a
 * time: an entry while holding (or while an entry is working) is declined, an exit while flat is
 * ignored. An exit cancels the strategy's working stop and target, then sells at market.
 */
import type { AccountState, Bar, BrokerConfig, PaperExecution } from '../broker/types';
import { roundTrips } from '../paper/desk-stats';
import { PaperSession, type PaperSessionFacts } from '../paper/session';
import type { RiskConfig } from '../risk';
import { StrategyDriver, type DeclinedIntent, type StrategyOrder } from './driver';
import type { StrategyDefinition } from './types';

export type { DeclinedIntent, StrategyOrder } from './driver';

export interface BacktestSummary {
	/** Closed flat-to-flat round trips. */
	trades: number;
	/** Closed trades whose net P&L (after commissions) is above 0. */
	wins: number;
	/** Net P&L of the closed trades, after commissions; integer cents. */
	netPnlCents: number;
	/** Every commission paid, open position's included; integer cents. */
	commissionsCents: number;
	/** Signed units still held after the last bar (+ long). */
	openQuantity: number;
	/** Equity after the last bar; integer cents. */
	endingEquityCents: number;
}

export interface BacktestResult {
	executions: PaperExecution[];
	/** Equity after each step (one per bar), in dollars. */
	equity: number[];
	/** Every order the strategy placed, in submission order. */
	orders: StrategyOrder[];
	declined: DeclinedIntent[];
	summary: BacktestSummary;
	/** The session's facts: storing them replays the backtest exactly. */
	facts: PaperSessionFacts;
}

/**
 * The strategy over `bars` (one symbol's, by time; `timeframeMs` their length), all at once.
 * @example backtest(def, bars, { ...DEFAULT_BROKER_CONFIG, startingCash: 100_000 }, allRulesOff(), 60_000).summary
 */
export function backtest(
	def: StrategyDefinition,
	bars: readonly Bar[],
	broker: BrokerConfig,
	risk: RiskConfig,
	timeframeMs: number
): BacktestResult {
	const run = new Backtest(def, bars, broker, risk, timeframeMs);
	run.advance(Infinity);
	return run.result();
}

/**
 * A backtest taken in slices, so a worker can report progress and hear a Cancel between them:
 * `advance(n)` runs up to n more bars; `result()` is the run so far (the whole run once `finished`).
 * @example const run = new Backtest(def, bars, broker, risk, 60_000); while (!run.advance(65_536)) report(run.done / run.total);
 */
export class Backtest {
	readonly #session: PaperSession;
	readonly #driver: StrategyDriver;
	#done = 0;

	constructor(
		def: StrategyDefinition,
		bars: readonly Bar[],
		broker: BrokerConfig,
		risk: RiskConfig,
		timeframeMs: number
	) {
		const symbol = bars[0]?.symbol ?? '';
		const other = bars.find((b) => b.symbol !== symbol);
		const symbols = other ? new Set(bars.map((b) => b.symbol)) : new Set([symbol]);
		if (symbols.size > 1)
			throw new RangeError(`A backtest runs one symbol's bars, got ${[...symbols].join(', ')}`);
		const facts: PaperSessionFacts = {
			id: `backtest:${def.id}@${def.version}`,
			symbol,
			from: bars[0]?.time ?? 0,
			to: (bars[bars.length - 1]?.time ?? 0) + timeframeMs,
			broker,
			risk,
			cursor: 0,
			actions: [],
			status: 'running',
			createdAt: 0
		};
		this.#session = new PaperSession(facts, bars, timeframeMs);
		if (this.#session.readOnly !== null)
			throw new RangeError(`The backtest cannot run: ${this.#session.readOnly}`);
		this.#driver = new StrategyDriver(this.#session, def, timeframeMs);
	}

	/** Bars run so far. */
	get done(): number {
		return this.#done;
	}

	get total(): number {
		return this.#session.bars.length;
	}

	get finished(): boolean {
		return this.#done >= this.total;
	}

	/** Runs up to `count` more bars; whether the run is finished. */
	advance(count: number): boolean {
		const end = Math.min(this.total, this.#done + Math.max(0, count));
		for (; this.#done < end; this.#done++) {
			this.#session.step();
			this.#driver.advance();
		}
		return this.finished;
	}

	/** The run so far: its executions, orders, declined intents, summary and facts. */
	result(): BacktestResult {
		// The parts of the view a result holds, without the rest (risk rules, desk figures).
		const session = this.#session;
		const executions = session.executions();
		return {
			executions,
			equity: session.equityCurve(),
			orders: this.#driver.orders(session.orders()),
			declined: [...this.#driver.declined],
			summary: summarise(executions, session.account()),
			facts: session.facts
		};
	}
}

function summarise(executions: readonly PaperExecution[], account: AccountState): BacktestSummary {
	const closed = roundTrips(executions).filter((t) => t.closeTime !== null);
	return {
		trades: closed.length,
		wins: closed.filter((t) => t.netCents > 0).length,
		netPnlCents: closed.reduce((sum, t) => sum + t.netCents, 0),
		commissionsCents: account.commissionsCents,
		openQuantity: account.positions.reduce((sum, p) => sum + p.quantity, 0),
		endingEquityCents: account.equityCents
	};
}
