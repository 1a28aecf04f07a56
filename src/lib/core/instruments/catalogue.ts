/**
 * The catalogue: a plain list of instrument records (the user's edits and what imports
 * revealed; the engine stores it, backups carry it) over the bundled starter list and the rules.
 * {@link instrumentFor} answers "what is this symbol?"; {@link mergeRevealed} grows the list
 * from imported executions and says where a file disagrees with what is known.
 */
import type { AssetClass } from '../model/records';
import { decimalsOf } from '../trades/decimal';
import { canonicalSymbol, futuresRoot, resolveSymbol, type ResolvedSymbol } from './aliases';
import { cryptoPairOf } from './crypto';
import { STARTER_INSTRUMENTS } from './starter';
import { CRYPTO_DEFAULT_TICKS, fixedTick, tickRuleProblem, US_EQUITY_TICKS } from './ticks';
import type { Instrument, InstrumentClass, RevealedFacts } from './types';

/** The stored catalogue: user and import records, in any order. */
export type Catalogue = readonly Instrument[];

/** Classes that share one symbol space: an execution's `stock` may be a record's ETF or CFD. */
type Family = 'equity' | 'option' | 'future' | 'future_option' | 'crypto' | 'forex';

function familyOf(c: InstrumentClass): Family {
	return c === 'stock' || c === 'etf' || c === 'cfd' ? 'equity' : c;
}

/** A forex pair `EURUSD`, `EUR/USD`, `EUR.USD` (IBKR), `EUR-USD`, or null. */
function forexPairOf(symbol: string): { base: string; quote: string } | null {
	const m = /^(?:[A-Z][A-Z0-9_]*:)?([A-Z]{3})[/.-]?([A-Z]{3})$/.exec(symbol.trim().toUpperCase());
	return m ? { base: m[1]!, quote: m[2]! } : null;
}

/** What to look for: the catalogue key, the family (null: any but futures), and the spelling read. */
interface Target {
	key: string;
	family: Family | null;
	resolved: ResolvedSymbol;
	upper: string;
}

function targetOf(symbol: string, assetClass: InstrumentClass | undefined): Target {
	const upper = symbol.trim().toUpperCase().replace(/\s+/g, ' ');
	const resolved = resolveSymbol(symbol);
	const family: Family | null = assetClass
		? familyOf(assetClass)
		: resolved.kind === 'plain'
			? null
			: resolved.kind;
	let key = resolved.symbol;
	if (family === 'future' && resolved.kind !== 'future') key = futuresRoot(resolved.symbol);
	if (family === 'forex') {
		const pair = forexPairOf(upper);
		if (pair) key = `${pair.base}/${pair.quote}`;
	}
	return { key, family, resolved, upper };
}

/** Records by every name they answer to: symbol, aliases, and the aliases' canonical forms. */
class Lookup {
	readonly #names = new Map<string, Instrument[]>();

	constructor(list: readonly Instrument[]) {
		for (const instrument of list) this.add(instrument);
	}

	add(instrument: Instrument): void {
		const names = new Set([instrument.symbol, ...instrument.aliases]);
		for (const alias of instrument.aliases) names.add(canonicalSymbol(alias));
		for (const name of names) {
			const list = this.#names.get(name);
			if (list) list.push(instrument);
			else this.#names.set(name, [instrument]);
		}
	}

	replace(old: Instrument, next: Instrument): void {
		for (const list of this.#names.values()) {
			const i = list.indexOf(old);
			if (i >= 0) list.splice(i, 1);
		}
		this.add(next);
	}

	find(target: Target, source: Instrument['source']): Instrument | undefined {
		for (const name of [target.key, target.upper]) {
			const found = this.#names.get(name)?.find((i) => {
				if (i.source !== source) return false;
				const family = familyOf(i.assetClass);
				// Without a class, a bare `ES` is the stock ticker, not the future's root.
				return target.family === null
					? family !== 'future' && family !== 'future_option'
					: family === target.family;
			});
			if (found) return found;
		}
		return undefined;
	}
}

const starterLookup = new Lookup(STARTER_INSTRUMENTS);
const lookups = new WeakMap<Catalogue, Lookup>();

function lookupOf(catalogue: Catalogue): Lookup {
	let lookup = lookups.get(catalogue);
	if (!lookup) lookups.set(catalogue, (lookup = new Lookup(catalogue)));
	return lookup;
}

/** The record the rules give a symbol nobody recorded. */
function ruleInstrument(target: Target, assetClass: InstrumentClass | undefined): Instrument {
	const { resolved, upper, key } = target;
	const aliases = upper !== key ? [upper] : [];
	const common = {
		symbol: key,
		name: null,
		exchange: resolved.exchange,
		pair: null,
		aliases,
		option: null,
		source: 'rule' as const
	};
	const cls: InstrumentClass = assetClass ?? (resolved.kind === 'plain' ? 'stock' : resolved.kind);
	switch (cls) {
		case 'option':
			return {
				...common,
				assetClass: 'option',
				currency: 'USD',
				multiplier: 100,
				tick: fixedTick(0.01),
				lotStep: 1,
				session: 'us-equity',
				option: resolved.option
			};
		case 'future':
		case 'future_option': {
			const root = resolved.future?.root ?? futuresRoot(upper);
			const starter = starterLookup.find({ ...target, key: root, family: 'future' }, 'starter');
			return {
				...common,
				assetClass: cls,
				currency: 'USD',
				// A future's own point value is unknown here (the starter list would have answered);
				// an option on a future takes its root's.
				multiplier: cls === 'future_option' ? (starter?.multiplier ?? null) : null,
				tick: US_EQUITY_TICKS,
				lotStep: 1,
				session: starter?.session ?? 'cme-globex'
			};
		}
		case 'crypto': {
			const pair = cryptoPairOf(upper);
			const quote = resolved.kind === 'crypto' ? resolved.symbol.split('-')[1]! : (pair?.quote ?? 'USD');
			return {
				...common,
				assetClass: 'crypto',
				currency: quote,
				pair: resolved.kind === 'crypto' ? pairOfCanonical(resolved.symbol) : null,
				multiplier: 1,
				tick: CRYPTO_DEFAULT_TICKS,
				lotStep: 0.00000001,
				session: 'crypto'
			};
		}
		case 'forex': {
			const pair = forexPairOf(upper);
			return {
				...common,
				assetClass: 'forex',
				currency: pair?.quote ?? 'USD',
				pair,
				multiplier: 1,
				tick: fixedTick(pair?.quote === 'JPY' ? 0.001 : 0.00001),
				lotStep: 1,
				session: 'fx'
			};
		}
		default:
			return {
				...common,
				assetClass: cls,
				currency: 'USD',
				multiplier: 1,
				tick: US_EQUITY_TICKS,
				lotStep: 1,
				session: 'us-equity'
			};
	}
}

function pairOfCanonical(symbol: string): { base: string; quote: string } {
	const [base, quote] = symbol.split('-') as [string, string];
	return { base, quote };
}

/**
 * The instrument a symbol names: the user's record first, then the starter list, then what an
 * import revealed, then the rules (an option from its symbol; a crypto pair by the rule in
 * crypto.ts; a futures contract by its shape; otherwise a US stock in USD, as today's tick and
 * session rules assume). `assetClass` settles what the symbol alone cannot (`ES` the stock or
 * `ES` the future); without it a bare root is the stock.
 * @example instrumentFor('ESZ5').multiplier // 50
 * @example instrumentFor('ES', 'future').tick // { kind: 'fixed', tick: 0.25 }
 * @example instrumentFor('XBTUSD').symbol // 'BTC-USD'
 * @example instrumentFor('AAPL  250321C00150000').option // { underlying: 'AAPL', root: 'AAPL', expiry: '2025-03-21', strike: 150, right: 'call' }
 */
export function instrumentFor(
	symbol: string,
	assetClass?: AssetClass | InstrumentClass,
	catalogue: Catalogue = []
): Instrument {
	const target = targetOf(symbol, assetClass);
	const stored = lookupOf(catalogue);
	return (
		stored.find(target, 'user') ??
		starterLookup.find(target, 'starter') ??
		stored.find(target, 'import') ??
		ruleInstrument(target, assetClass)
	);
}

/** What {@link mergeRevealed} gives back: the new list and where files disagree with it. */
export interface MergeResult {
	catalogue: Instrument[];
	/** One line per disagreement or unusable fact, each once. */
	notes: string[];
}

/** The lot step a quantity shows: 10^-decimals (0.5 → 0.1, 0.25 → 0.01, 3 → 1). */
function lotStepShown(quantity: number): number {
	return 10 ** -decimalsOf(Math.abs(quantity));
}

/**
 * The catalogue grown by what imported executions reveal. A symbol nobody recorded gets an
 * `import` record built by the rules and the file's facts (its currency, its multiplier, a lot
 * step as fine as its quantities, the exchange, the spelling as an alias). An `import` record
 * already there gains what it lacked (a multiplier, an exchange, an alias, a finer lot step).
 * User and starter records are never changed. Where a file disagrees with a record, or states
 * something unusable, the record is kept and a note says so. Pure: the input is not modified.
 * @example mergeRevealed([], [{ symbol: 'LEZ5', assetClass: 'future', multiplier: 400 }]).catalogue[0] // { symbol: 'LE', multiplier: 400, source: 'import', … }
 * @example mergeRevealed([], [{ symbol: 'ESZ5', assetClass: 'future', multiplier: 5 }]).notes // ['ESZ5: the file says multiplier 5; the starter list's ES has 50 (kept)']
 */
export function mergeRevealed(catalogue: Catalogue, facts: readonly RevealedFacts[]): MergeResult {
	const list = [...catalogue];
	const lookup = new Lookup(list);
	const notes = new Set<string>();
	const seen = new Set<string>();
	for (const fact of facts) {
		const decimals =
			fact.quantity != null && Number.isFinite(fact.quantity) ? decimalsOf(Math.abs(fact.quantity)) : 0;
		const memo = `${fact.symbol}|${fact.assetClass}|${fact.currency ?? ''}|${fact.multiplier ?? ''}|${fact.exchange ?? ''}|${decimals}`;
		if (seen.has(memo)) continue;
		seen.add(memo);
		const label = fact.symbol.trim().toUpperCase();
		const target = targetOf(fact.symbol, fact.assetClass);
		let multiplier = fact.multiplier ?? null;
		if (multiplier !== null && !(multiplier > 0 && Number.isFinite(multiplier))) {
			notes.add(`${label}: multiplier ${multiplier} is not a positive number (ignored)`);
			multiplier = null;
		}
		let currency = fact.currency?.trim().toUpperCase() || null;
		if (currency !== null && !/^[A-Z0-9]{2,10}$/.test(currency)) {
			notes.add(`${label}: currency "${fact.currency}" is not a currency code (ignored)`);
			currency = null;
		}
		const exchange = fact.exchange?.trim().toUpperCase() || null;
		const step =
			fact.quantity != null && Number.isFinite(fact.quantity) && fact.quantity !== 0
				? lotStepShown(fact.quantity)
				: null;

		const fixed = lookup.find(target, 'user') ?? starterLookup.find(target, 'starter');
		if (fixed) {
			const whose = fixed.source === 'user' ? 'your record' : "the starter list's";
			if (multiplier !== null && fixed.multiplier !== null && multiplier !== fixed.multiplier)
				notes.add(
					`${label}: the file says multiplier ${multiplier}; ${whose} ${fixed.symbol} has ${fixed.multiplier} (kept)`
				);
			if (currency !== null && currency !== fixed.currency)
				notes.add(
					`${label}: the file says currency ${currency}; ${whose} ${fixed.symbol} has ${fixed.currency} (kept)`
				);
			if (step !== null && step < fixed.lotStep)
				notes.add(
					`${label}: quantities in steps of ${step} are finer than the lot step ${fixed.lotStep} of ${whose} ${fixed.symbol}`
				);
			continue;
		}

		const old = lookup.find(target, 'import');
		if (old) {
			const next: Instrument = { ...old };
			if (multiplier !== null) {
				if (old.multiplier === null) next.multiplier = multiplier;
				else if (old.multiplier !== multiplier)
					notes.add(
						`${label}: the file says multiplier ${multiplier}; ${old.symbol} was imported with ${old.multiplier} (kept)`
					);
			}
			if (currency !== null && currency !== old.currency)
				notes.add(
					`${label}: the file says currency ${currency}; ${old.symbol} was imported in ${old.currency} (kept)`
				);
			if (exchange !== null && old.exchange === null) next.exchange = exchange;
			if (step !== null && step < old.lotStep) next.lotStep = step;
			if (target.upper !== old.symbol && !old.aliases.includes(target.upper))
				next.aliases = [...old.aliases, target.upper];
			if (
				next.multiplier !== old.multiplier ||
				next.exchange !== old.exchange ||
				next.lotStep !== old.lotStep ||
				next.aliases !== old.aliases
			) {
				list[list.indexOf(old)] = next;
				lookup.replace(old, next);
			}
			continue;
		}

		const rule = ruleInstrument(target, fact.assetClass);
		const made: Instrument = {
			...rule,
			currency: currency ?? rule.currency,
			multiplier: multiplier ?? rule.multiplier,
			exchange: exchange ?? rule.exchange,
			lotStep: step !== null && step < rule.lotStep ? step : rule.lotStep,
			source: 'import'
		};
		if (made.multiplier === null)
			notes.add(`${label}: no multiplier known for ${made.symbol}; set its point value in Settings`);
		list.push(made);
		lookup.add(made);
	}
	return { catalogue: list, notes: [...notes] };
}

/**
 * Why a record cannot be used, or null: for a record the user edits in Settings.
 * @example instrumentProblem({ ...instrumentFor('AAPL'), lotStep: 0 }) // 'AAPL: the lot step must be a positive number, not 0'
 */
export function instrumentProblem(instrument: Instrument): string | null {
	const name = instrument.symbol || '(no symbol)';
	if (!instrument.symbol.trim()) return 'an instrument needs a symbol';
	const tick = tickRuleProblem(instrument.tick);
	if (tick) return `${name}: ${tick}`;
	if (!(instrument.lotStep > 0) || !Number.isFinite(instrument.lotStep))
		return `${name}: the lot step must be a positive number, not ${instrument.lotStep}`;
	if (
		instrument.multiplier !== null &&
		!(instrument.multiplier > 0 && Number.isFinite(instrument.multiplier))
	)
		return `${name}: the multiplier must be a positive number, not ${instrument.multiplier}`;
	if (!/^[A-Z0-9]{2,10}$/.test(instrument.currency))
		return `${name}: "${instrument.currency}" is not a currency code`;
	return null;
}
