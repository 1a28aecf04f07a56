import type { UsedRate } from '$lib/core/money/fx';
/**
 * The journal's positions: the open trades of the mode's imported executions, per account and
 * symbol, valued at the symbol's validated price (core/prices validatePrice, as the engine's
 * `priceAt` gives it). Not the paper desk's replay positions (contract/paper.ts). Money is in the
 * account's currency; nothing is converted and totals are per currency, never summed across
 * currencies. They can be asked for every account, a portfolio's accounts, or one account.
 */
import type { Mode } from '$lib/core/model/mode';
import type { PriceAtAnswer } from './levels';

/** One account's open position in one symbol (its open trades taken together). */
export interface PositionRow {
	symbol: string;
	side: 'long' | 'short';
	/** Units held, signed: + long, − short; null when they cannot be known (`problem`). */
	quantity: number | null;
	/** Price per unit paid for what is held: the entries' volume-weighted average (average cost); null as `quantity`. */
	averageCost: number | null;
	/** Units × price × multiplier = money (options 100, futures their point value). */
	multiplier: number;
	/**
	 * The symbol's validated price at `price.at`: its last bar's time, or the time of the answer when
	 * it has no bars. `price.price` is null when no source gives one.
	 */
	price: PriceAtAnswer;
	/** (last − average cost) × quantity × multiplier, exact and rounded once to the cent; null without a price. */
	unrealisedPnl: number | null;
	/** |quantity| × last × multiplier, to the cent; null without a price. */
	exposure: number | null;
	/** Exposure ÷ the account's exposure (of its priced positions), 0–1; null without a price. */
	weight: number | null;
	/**
	 * The unrealised P&L in the base currency (Settings), at the latest rate on or before today
	 * (UTC), naming the rate; or why it cannot be had. Null without a base currency, in an account
	 * already in it, or without an unrealised P&L.
	 */
	inBase: { currency: string; unrealisedPnl: number; rate: UsedRate | null } | { problem: string } | null;
	/** The open trades that make the position, oldest first (ids for /trades/[id]). */
	tradeIds: string[];
	/** Why the position's figures cannot be computed (a trade with a missing price…), or null. */
	problem: string | null;
}

/** One account's open positions and their totals. */
export interface PositionAccount {
	accountId: string;
	broker: string;
	number: string;
	label: string;
	/** The account's currency (ISO 4217); null when the executions name an account the mode does not have. */
	currency: string | null;
	/** By symbol. */
	positions: PositionRow[];
	/** Sum of the priced positions' unrealised P&L, to the cent. */
	unrealisedPnl: number;
	/** Sum of the priced positions' exposure, to the cent. */
	exposure: number;
	/** How many positions have no price (or cannot be computed) and count in neither sum. */
	unpriced: number;
}

/** The accounts' totals in one currency (never added to another currency's). */
export interface PositionCurrencyTotal {
	/** ISO 4217; null for accounts whose currency is unknown. */
	currency: string | null;
	unrealisedPnl: number;
	exposure: number;
	/** Positions counted / not counted (no price or a problem). */
	positions: number;
	unpriced: number;
	accounts: number;
}

/** Whose positions: every account's, a portfolio's accounts' (as they are now), or one account's. */
export type PositionScope =
	{ kind: 'all' } | { kind: 'portfolio'; id: string } | { kind: 'account'; id: string };

export interface PositionsAnswer {
	/** Accounts of the scope with an open position, in the order they were added. */
	accounts: PositionAccount[];
	/** One line per currency of the scope's accounts, by currency code. */
	totals: PositionCurrencyTotal[];
	/** The scope answered, with its name ("Day trading", "DAS · TR1"); null for every account or one unknown. */
	scope: PositionScope & { name: string | null };
	/** Accounts of the whole mode with an open position (whatever the scope): 0 when nothing is open at all. */
	held: number;
	/**
	 * With a base currency set and a total in another currency: their sum in it, at the latest
	 * rate on or before today (UTC), naming the rates; or why it cannot be had. Null otherwise.
	 */
	converted:
		| { currency: string; unrealisedPnl: number; exposure: number; rates: UsedRate[] }
		| { problem: string }
		| null;
}

export interface PositionsApi {
	/**
	 * The mode's open positions per account, each valued at its symbol's validated last price: of
	 * every account (no scope), a portfolio's or one account's. An unknown portfolio or account
	 * has none (its `scope.name` is null).
	 */
	positions(mode: Mode, scope?: PositionScope): Promise<PositionsAnswer>;
}
