/**
 * The journal's positions: the mode's open trades (derived from its executions) per account and
 * symbol, each valued at its symbol's validated last price — the engine's `priceAt` at the symbol's
 * last bar, or now when it has no bars (the rule the trade page's levels use). Money stays in the
 * account's currency: there is no base currency yet, so totals are per currency.
 *
 * Figures are exact before one rounding to the cent: the cost of what is held is the entries'
 * Σ quantity × price (scaled down by what is still open), and unrealised P&L and exposure are
 * worked out on decimal fractions (BigInt), not on the average cost as a double.
 */
import type {
	PositionAccount,
	PositionCurrencyTotal,
	PositionRow,
	PositionScope,
	PositionsAnswer,
	PositionsApi
} from './contract';
import type { BarSymbol, PriceAtAnswer } from './contract';
import type { Account } from '$lib/core/model/account';
import type { Mode } from '$lib/core/model/mode';
import type { Trade } from '$lib/core/trades/types';
import { listAccounts } from '$lib/db/accounts';
import type { FillbookDb } from '$lib/db/schema';
import type { Derived } from './engine-trades';
import { currentPortfolios } from './engine-portfolios';
import { convertAll, sortRates } from '$lib/core/money/fx';
import { fxSettings } from './engine-fx';
import type { FxSettings } from '$lib/core/money/trades';

/** A fraction of BigInts, the denominator > 0: decimal prices and quantities multiply exactly. */
export interface Fraction {
	n: bigint;
	d: bigint;
}

/**
 * A finite number as the exact decimal it prints as (the shortest text that reads back as it).
 * @example decimalFraction(13.34) // { n: 1334n, d: 100n }
 * @example decimalFraction(1e-7) // { n: 1n, d: 10000000n }
 */
export function decimalFraction(x: number): Fraction {
	if (!Number.isFinite(x)) throw new RangeError(`Not a finite number: ${x}`);
	const [mantissa = '0', exponent = '0'] = String(x).split('e');
	const negative = mantissa.startsWith('-');
	const digits = negative ? mantissa.slice(1) : mantissa;
	const dot = digits.indexOf('.');
	const whole = dot < 0 ? digits : digits.slice(0, dot) + digits.slice(dot + 1);
	const scale = (dot < 0 ? 0 : digits.length - dot - 1) - Number(exponent);
	let n = BigInt(whole);
	let d = 1n;
	if (scale >= 0) d = 10n ** BigInt(scale);
	else n *= 10n ** BigInt(-scale);
	return { n: negative ? -n : n, d };
}

const times = (a: Fraction, b: Fraction): Fraction => ({ n: a.n * b.n, d: a.d * b.d });
const plus = (a: Fraction, b: Fraction): Fraction =>
	a.d === b.d ? { n: a.n + b.n, d: a.d } : { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
const minus = (a: Fraction, b: Fraction): Fraction => plus(a, { n: -b.n, d: b.d });
const over = (a: Fraction, b: Fraction): Fraction =>
	b.n < 0n ? { n: -a.n * b.d, d: a.d * -b.n } : { n: a.n * b.d, d: a.d * b.n };
const ZERO: Fraction = { n: 0n, d: 1n };

/**
 * A fraction rounded to whole cents, half away from zero, as a number of dollars (or the account
 * currency's units).
 * @example centsOf({ n: 1n, d: 8n }) // 0.13 (0.125 rounds up)
 */
export function centsOf(x: Fraction): number {
	const negative = x.n < 0n;
	const scaled = (negative ? -x.n : x.n) * 100n;
	let cents = scaled / x.d;
	if ((scaled % x.d) * 2n >= x.d) cents += 1n;
	const value = Number(cents) / 100;
	return negative && value !== 0 ? -value : value;
}

/** What a position is made of: signed units held and their signed cost, exact. */
export interface Holding {
	/** Units, signed: + long, − short. */
	quantity: Fraction;
	/** Σ entry quantity × price of what is held (signed as the quantity), before the multiplier. */
	cost: Fraction;
}

/**
 * The units an open trade still holds and what they cost: its entries' Σ quantity × price, scaled
 * by the part still open (a partial exit closes at the average cost, as the realised P&L does).
 * `side` is the table's (0 = buy, 1 = sell).
 * @example holdingOf(trade, table) // long 100 bought at 13.34: { quantity: 100, cost: 1334 }
 */
export function holdingOf(
	trade: Pick<Trade, 'direction' | 'entryQuantity' | 'legs'>,
	table: { side: ArrayLike<number>; price: ArrayLike<number> }
): Holding {
	const entrySide = trade.direction === 'long' ? 0 : 1;
	let entered = ZERO;
	let value = ZERO;
	for (const leg of trade.legs) {
		if (table.side[leg.execution] !== entrySide) continue;
		const q = decimalFraction(leg.quantity);
		entered = plus(entered, q);
		value = plus(value, times(q, decimalFraction(table.price[leg.execution]!)));
	}
	const held = decimalFraction(trade.legs.at(-1)?.position ?? 0);
	const open = held.n < 0n ? { n: -held.n, d: held.d } : held;
	const cost = entered.n === 0n ? ZERO : times(value, over(open, entered));
	return { quantity: held, cost: held.n < 0n ? { n: -cost.n, d: cost.d } : cost };
}

/** Unrealised P&L and exposure of a holding at `last`, to the cent. */
export function valueAt(
	holding: Holding,
	last: number,
	multiplier: number
): { unrealisedPnl: number; exposure: number } {
	const m = decimalFraction(multiplier);
	const marked = times(holding.quantity, decimalFraction(last));
	const unrealised = times(minus(marked, holding.cost), m);
	const exposure = times(marked, m);
	return { unrealisedPnl: centsOf(unrealised), exposure: Math.abs(centsOf(exposure)) };
}

export function createPositions(
	db: (mode: Mode) => FillbookDb,
	trades: (mode: Mode) => Promise<Derived>,
	barSymbols: (mode: Mode) => Promise<BarSymbol[]>,
	priceAt: (mode: Mode, symbol: string, at: number) => Promise<PriceAtAnswer>,
	now: () => number
): PositionsApi {
	return {
		async positions(mode: Mode, scope: PositionScope = { kind: 'all' }): Promise<PositionsAnswer> {
			const [derived, accounts, symbols, portfolios] = await Promise.all([
				trades(mode),
				listAccounts(db(mode)),
				barSymbols(mode),
				scope.kind === 'portfolio' ? currentPortfolios(db(mode)) : []
			]);
			// The accounts the scope takes (null: every one), and its name.
			let within: ReadonlySet<string> | null = null;
			let name: string | null = null;
			if (scope.kind === 'portfolio') {
				const portfolio = portfolios.find((p) => p.id === scope.id);
				within = new Set(portfolio?.accountIds ?? []);
				name = portfolio?.name ?? null;
			} else if (scope.kind === 'account') {
				within = new Set([scope.id]);
				const account = accounts.find((a) => a.id === scope.id);
				name = account ? `${account.broker} · ${account.number}` : null;
			}
			const lastBar = new Map(symbols.map((s) => [s.symbol, s.lastTime]));
			const problems = new Map(derived.rows.map((r) => [r.id, r.problem]));
			// Open trades by account, then symbol.
			const open = new Map<string, Map<string, Trade[]>>();
			for (const t of derived.trades) {
				if (!t.open) continue;
				let bySymbol = open.get(t.accountId);
				if (!bySymbol) open.set(t.accountId, (bySymbol = new Map<string, Trade[]>()));
				const list = bySymbol.get(t.symbol);
				if (list) list.push(t);
				else bySymbol.set(t.symbol, [t]);
			}
			const at = now();
			const prices = new Map<string, Promise<PriceAtAnswer>>();
			const priceOf = (symbol: string) => {
				let p = prices.get(symbol);
				if (!p) prices.set(symbol, (p = priceAt(mode, symbol, lastBar.get(symbol) ?? at)));
				return p;
			};

			const known = new Map(accounts.map((a, i) => [a.id, { account: a, order: i }]));
			const held = open.size;
			const ids = [...open.keys()]
				.filter((id) => within === null || within.has(id))
				.sort(
					(a, b) =>
						(known.get(a)?.order ?? Infinity) - (known.get(b)?.order ?? Infinity) ||
						(a < b ? -1 : a > b ? 1 : 0)
				);
			const out: PositionAccount[] = [];
			for (const id of ids) {
				const bySymbol = open.get(id)!;
				const rows: PositionRow[] = [];
				for (const symbol of [...bySymbol.keys()].sort()) {
					rows.push(positionRow(symbol, bySymbol.get(symbol)!, derived, await priceOf(symbol), problems));
				}
				out.push(accountOf(id, known.get(id)?.account, rows));
			}
			const totals = currencyTotals(out);
			const fx = await fxSettings(db(mode), 'UTC');
			const converted = convertedTotals(fx, totals, now());
			inBase(out, fx, now());
			return { accounts: out, totals, scope: { ...scope, name }, held, converted };
		}
	};
}

/** One symbol's open trades of one account as a position, its weight still to come. */
function positionRow(
	symbol: string,
	open: readonly Trade[],
	derived: Pick<Derived, 'table'>,
	price: PriceAtAnswer,
	problems: ReadonlyMap<string, string | null>
): PositionRow {
	const first = open[0]!;
	const base = {
		symbol,
		side: first.direction,
		multiplier: first.multiplier,
		price,
		tradeIds: open.map((t) => t.id),
		weight: null,
		inBase: null
	};
	const broken = open.find((t) => t.problem !== null);
	if (broken) {
		const held = broken.legs.at(-1)?.position;
		return {
			...base,
			quantity: open.length === 1 && Number.isFinite(held) ? held! : null,
			averageCost: open.length === 1 && Number.isFinite(broken.entryPrice) ? broken.entryPrice : null,
			unrealisedPnl: null,
			exposure: null,
			problem: problems.get(broken.id) ?? 'Its figures cannot be computed: see the trade.'
		};
	}
	let holding: Holding = { quantity: ZERO, cost: ZERO };
	for (const t of open) {
		const h = holdingOf(t, derived.table);
		holding = { quantity: plus(holding.quantity, h.quantity), cost: plus(holding.cost, h.cost) };
	}
	const quantity = fractionNumber(holding.quantity);
	const averageCost =
		open.length === 1 ? first.entryPrice : fractionNumber(over(holding.cost, holding.quantity));
	const valued = price.price === null ? null : valueAt(holding, price.price, first.multiplier);
	return {
		...base,
		quantity,
		averageCost,
		unrealisedPnl: valued?.unrealisedPnl ?? null,
		exposure: valued?.exposure ?? null,
		problem: null
	};
}

/** The nearest number to a fraction (for display: quantities and averages, never sums). */
function fractionNumber(x: Fraction): number {
	return Number(x.n) / Number(x.d);
}

/** An account's positions with their weights and the account's totals. */
function accountOf(id: string, account: Account | undefined, rows: PositionRow[]): PositionAccount {
	let pnlCents = 0;
	let exposureCents = 0;
	let unpriced = 0;
	for (const r of rows) {
		if (r.unrealisedPnl === null || r.exposure === null) {
			unpriced++;
			continue;
		}
		pnlCents += Math.round(r.unrealisedPnl * 100);
		exposureCents += Math.round(r.exposure * 100);
	}
	const positions = rows.map((r) => ({
		...r,
		weight: r.exposure === null || exposureCents === 0 ? null : Math.round(r.exposure * 100) / exposureCents
	}));
	const [broker = '', number = id] = account ? [account.broker, account.number] : id.split('|');
	return {
		accountId: id,
		broker,
		number,
		label: account?.label ?? '',
		currency: account?.currency ?? null,
		positions,
		unrealisedPnl: pnlCents / 100,
		exposure: exposureCents / 100,
		unpriced
	};
}

/** The accounts' sums per currency, by currency code (unknown last). */
function currencyTotals(accounts: readonly PositionAccount[]): PositionCurrencyTotal[] {
	const totals = new Map<
		string | null,
		{ pnl: number; exposure: number; positions: number; unpriced: number; accounts: number }
	>();
	for (const a of accounts) {
		const t = totals.get(a.currency) ?? { pnl: 0, exposure: 0, positions: 0, unpriced: 0, accounts: 0 };
		t.pnl += Math.round(a.unrealisedPnl * 100);
		t.exposure += Math.round(a.exposure * 100);
		t.positions += a.positions.length - a.unpriced;
		t.unpriced += a.unpriced;
		t.accounts++;
		totals.set(a.currency, t);
	}
	return [...totals]
		.sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0))
		.map(([currency, t]) => ({
			currency,
			unrealisedPnl: t.pnl / 100,
			exposure: t.exposure / 100,
			positions: t.positions,
			unpriced: t.unpriced,
			accounts: t.accounts
		}));
}

/**
 * Totals in several currencies summed in the base currency at the latest rate on or before
 * today (UTC day of `at`), naming the rates; null with one currency or no base currency.
 */
function convertedTotals(
	fx: FxSettings,
	totals: readonly PositionCurrencyTotal[],
	at: number
): PositionsAnswer['converted'] {
	// Nothing to convert: no base currency, or every total already in it.
	if (fx.base === null || totals.every((t) => t.currency === fx.base)) return null;
	if (totals.some((t) => t.currency === null))
		return { problem: 'an account with open positions has no known currency' };
	const day = new Date(at).toISOString().slice(0, 10);
	const of = (pick: (t: PositionCurrencyTotal) => number) =>
		convertAll(
			totals.map((t) => ({ currency: t.currency!, amount: pick(t), day })),
			fx.base!,
			fx.table
		);
	const pnl = of((t) => t.unrealisedPnl);
	if ('problem' in pnl) return pnl;
	const exposure = of((t) => t.exposure);
	if ('problem' in exposure) return exposure;
	return {
		currency: fx.base,
		unrealisedPnl: pnl.amount,
		exposure: exposure.amount,
		rates: sortRates(pnl.rates)
	};
}

/**
 * Gives each priced position of an account not in the base currency its unrealised P&L in the
 * base currency, at the latest rate on or before the day of `at` (UTC), as the converted total.
 */
function inBase(accounts: PositionAccount[], fx: FxSettings, at: number): void {
	const base = fx.base;
	if (base === null) return;
	const day = new Date(at).toISOString().slice(0, 10);
	for (const account of accounts) {
		if (account.currency === base) continue;
		const currency = account.currency;
		for (const row of account.positions) {
			if (row.unrealisedPnl === null) continue;
			if (currency === null) {
				row.inBase = { problem: 'the account’s currency is not known' };
				continue;
			}
			const c = convertAll([{ currency, amount: row.unrealisedPnl, day }], base, fx.table);
			row.inBase = 'problem' in c ? c : { currency: base, unrealisedPnl: c.amount, rate: c.rates[0] ?? null };
		}
	}
}
