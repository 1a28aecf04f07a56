/**
 * A backtest: a strategy over one or several symbols' bars, through a paper session, so a backtest and a
 * replay with the strategy attached are the same code path (the same broker, the same risk
 * manager, the same log of actions). Each bar is revealed to the session (orders placed before it
 * fill on it), then the stepper reads its close, then the intents of that close become actions.
 *
 * The broker's conventions hold: a market order placed on a bar's close fills at the next bar's
 * open; a stop and a target placed with the entry work from the bar after the entry fills, and
 * when one bar touches both the broker's `bothTouched` rule decides. Long only, one position at a
 * time: an entry while holding (or while an entry is working) is declined, an exit while flat is
 * ignored. An exit cancels the strategy's working stop and target, then sells at market.
 *
 * Several symbols: one session replays them on one clock with one account (so sizing by % of
 * equity and the risk manager see the whole book), one driver per symbol runs the same definition,
 * and after each step the drivers act in the session's symbol order. One symbol runs exactly as a
 * single-symbol backtest always did.
 *
 * Warm-up (`tradeFrom`): the bars before that time go through the drivers paused, so their
 * indicators are warm when trading starts and nothing trades before it.
 */
import type { AccountState, Bar, BrokerConfig, Order, PaperExecution } from '../broker/types';
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

export interface BacktestOptions {
	/** The symbols in the session's order (the first is the primary); by first appearance in the bars when absent. */
	symbols?: readonly string[];
	/** Trading starts at the first step at or after this time (ms); the bars before only warm the indicators. */
	tradeFrom?: number;
}

/**
 * The strategy over `bars` (one or several symbols', by time; `timeframeMs` their length), all at once.
 * @example backtest(def, bars, { ...DEFAULT_BROKER_CONFIG, startingCash: 100_000 }, allRulesOff(), 60_000).summary
 */
export function backtest(
	def: StrategyDefinition,
	bars: readonly Bar[],
	broker: BrokerConfig,
	risk: RiskConfig,
	timeframeMs: number,
	options: BacktestOptions = {}
): BacktestResult {
	return Backtest.once(def, bars, broker, risk, timeframeMs, options);
}

/**
 * A backtest taken in slices, so a worker can report progress and hear a Cancel between them:
 * `advance(n)` runs up to n more bars; `result()` is the run so far (the whole run once `finished`).
 * @example const run = new Backtest(def, bars, broker, risk, 60_000); while (!run.advance(65_536)) report(run.done / run.total);
 */
export class Backtest {
	readonly #session: PaperSession;
	/** One per symbol, in the session's symbol order. */
	readonly #drivers: StrategyDriver[];
	/** The first step that trades (the steps before it warm the indicators). */
	readonly #tradeStep: number;
	#done = 0;

	constructor(
		def: StrategyDefinition,
		bars: readonly Bar[],
		broker: BrokerConfig,
		risk: RiskConfig,
		timeframeMs: number,
		options: BacktestOptions = {}
	) {
		const found = symbolsOf(bars);
		const symbols = options.symbols?.length ? [...options.symbols] : found.length ? found : [''];
		const strays = found.filter((s) => !symbols.includes(s));
		if (strays.length)
			throw new RangeError(
				`The bars hold ${strays.join(', ')}, not among the backtest's symbols (${symbols.join(', ')})`
			);
		const symbol = symbols[0]!;
		const facts: PaperSessionFacts = {
			id: `backtest:${def.id}@${def.version}`,
			symbol,
			...(symbols.length > 1 ? { symbols } : {}),
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
		this.#tradeStep =
			options.tradeFrom === undefined ? 0 : stepsBefore(this.#session.bars, options.tradeFrom);
		const running = this.#tradeStep === 0;
		this.#drivers = symbols.map(
			(s) => new StrategyDriver(this.#session, def, timeframeMs, { symbol: s, running })
		);
	}

	/** The steps read without trading (the warm-up before `tradeFrom`). */
	get warmUp(): number {
		return this.#tradeStep;
	}

	/** Bars run so far. */
	get done(): number {
		return this.#done;
	}

	/** Steps of the whole run: with one symbol, its bars. */
	get total(): number {
		return this.#session.length;
	}

	get finished(): boolean {
		return this.#done >= this.total;
	}

	/** Runs up to `count` more bars; whether the run is finished. */
	advance(count: number): boolean {
		const end = Math.min(this.total, this.#done + Math.max(0, count));
		for (; this.#done < end; this.#done++) {
			this.#session.step();
			if (this.#done === this.#tradeStep && this.#tradeStep > 0) for (const d of this.#drivers) d.start();
			for (const d of this.#drivers) d.advance();
		}
		return this.finished;
	}

	/**
	 * The whole run at once, its orders and executions handed to the result rather than copied:
	 * no one else holds its session (copying 39,040 orders with their histories cost ~10 % of a run).
	 */
	static once(...args: ConstructorParameters<typeof Backtest>): BacktestResult {
		const run = new Backtest(...args);
		run.advance(Infinity);
		return run.#result(run.#session.handOver());
	}

	/** The run so far: its executions, orders, declined intents, summary and facts; the equity from the first trading step. */
	result(): BacktestResult {
		const session = this.#session;
		return this.#result({ orders: session.orders(), executions: session.executions() });
	}

	/** The result from the session's orders and executions (copies, or handed over). */
	#result({ orders, executions }: { orders: Order[]; executions: PaperExecution[] }): BacktestResult {
		// The parts of the view a result holds, without the rest (risk rules, desk figures).
		const session = this.#session;
		return {
			executions,
			equity: this.#tradeStep > 0 ? session.equityCurve().slice(this.#tradeStep) : session.equityCurve(),
			orders: this.#ordersOf(orders),
			declined: this.#drivers.length === 1 ? [...this.#drivers[0]!.declined] : this.#declined(),
			summary: summarise(executions, session.account()),
			facts: session.facts
		};
	}

	/** Every driver's orders, in submission order (the session's). */
	#ordersOf(all: readonly Order[]): StrategyOrder[] {
		if (this.#drivers.length === 1) return this.#drivers[0]!.orders(all);
		const byId = new Map(this.#drivers.flatMap((d) => d.orders(all)).map((o) => [o.order.id, o]));
		return all.flatMap((order) => byId.get(order.id) ?? []);
	}

	/** Every driver's declined intents, by the time of their bar (then the symbols' order). */
	#declined(): DeclinedIntent[] {
		return this.#drivers
			.flatMap((d) => d.declined)
			.map((d, i) => ({ d, i }))
			.sort((a, b) => a.d.intent.time - b.d.intent.time || a.i - b.i)
			.map(({ d }) => d);
	}
}

/** The symbols of `bars`, by first appearance. */
function symbolsOf(bars: readonly Bar[]): string[] {
	const seen = new Set<string>();
	// A symbol's bars mostly follow each other: the set is asked only when the symbol changes.
	let last: string | undefined;
	for (const bar of bars) if (bar.symbol !== last) seen.add((last = bar.symbol));
	return [...seen];
}

/** How many steps of `bars` (by time) come before `time`: the distinct bar times before it. */
function stepsBefore(bars: readonly Bar[], time: number): number {
	let steps = 0;
	for (let i = 0; i < bars.length && bars[i]!.time < time; i++)
		if (i === 0 || bars[i]!.time !== bars[i - 1]!.time) steps++;
	return steps;
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
