/**
 * The instrument catalogue's side of the engine: the stored records with the starter list for
 * Settings, the user's saves and removals, and what an import reveals about its instruments
 * (merged into the stored catalogue in the import's own transaction; see engine-imports.ts).
 */
import type {
	InstrumentEntry,
	InstrumentField,
	InstrumentsApi,
	RemoveInstrumentResult,
	SaveInstrumentResult
} from './contract';
import {
	instrumentFor,
	instrumentProblem,
	mergeRevealed,
	SESSIONS,
	STARTER_INSTRUMENTS,
	tickRuleProblem,
	type Instrument,
	type InstrumentClass,
	type RevealedFacts,
	type TickRule
} from '$lib/core/instruments';
import type { ExecutionChunk } from '$lib/core/model/execution-codec';
import type { AssetClass } from '$lib/core/model/records';
import type { Mode } from '$lib/core/model/mode';
import { decimalsOf } from '$lib/core/trades/decimal';
import {
	instrumentOf,
	loadCatalogue,
	removeUserInstrument,
	saveUserInstrument,
	storedInstrument,
	storeRevealed
} from '$lib/db/instruments';
import type { FillbookDb, InstrumentRow } from '$lib/db/schema';
import { readSetting } from '$lib/db/settings';

const CLASSES: readonly InstrumentClass[] = [
	'stock',
	'etf',
	'future',
	'option',
	'future_option',
	'crypto',
	'forex',
	'cfd'
];

/** Equity classes share one symbol space (a stock may be recorded as an ETF or a CFD). */
function familyOf(c: InstrumentClass): string {
	return c === 'stock' || c === 'etf' || c === 'cfd' ? 'equity' : c;
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';

/** A tick rule's shape (its values are the core's to judge). */
function isTickRule(v: unknown): v is TickRule {
	if (typeof v !== 'object' || v === null) return false;
	const rule = v as { kind?: unknown; tick?: unknown; bands?: unknown };
	if (rule.kind === 'fixed') return isNumber(rule.tick);
	return (
		rule.kind === 'bands' &&
		Array.isArray(rule.bands) &&
		rule.bands.every(
			(b: unknown) =>
				typeof b === 'object' &&
				b !== null &&
				isNumber((b as { from?: unknown }).from) &&
				isNumber((b as { tick?: unknown }).tick)
		)
	);
}

/**
 * A record from the UI, checked field by field (it crossed the worker boundary: nothing is
 * trusted) and made canonical: the symbol as the catalogue keys it, upper-case codes, the option
 * terms and pair from the symbol itself. Returns the record, or the field at fault and why.
 */
export function checkInstrument(
	input: unknown
): { ok: true; record: Instrument } | { ok: false; field: InstrumentField | null; message: string } {
	if (typeof input !== 'object' || input === null)
		return { ok: false, field: null, message: 'An instrument record must be an object.' };
	const r = input as Partial<Record<keyof Instrument, unknown>>;
	const bad = (field: InstrumentField, message: string) => ({ ok: false as const, field, message });
	if (!isText(r.symbol) || !r.symbol.trim()) return bad('symbol', 'an instrument needs a symbol');
	if (!CLASSES.includes(r.assetClass as InstrumentClass))
		return bad('assetClass', `"${String(r.assetClass)}" is not an asset class`);
	const assetClass = r.assetClass as InstrumentClass;
	if (r.name !== null && !isText(r.name)) return bad('name', 'the name must be text');
	if (r.exchange !== null && !isText(r.exchange)) return bad('exchange', 'the exchange must be text');
	if (!isText(r.currency)) return bad('currency', 'the currency must be a code such as USD');
	if (r.multiplier !== null && !isNumber(r.multiplier))
		return bad('multiplier', 'the multiplier must be a number (or empty: unknown)');
	if (!isTickRule(r.tick)) return bad('tick', 'the tick must be a number');
	if (!isNumber(r.lotStep)) return bad('lotStep', 'the lot step must be a number');
	if (!isText(r.session) || !Object.hasOwn(SESSIONS, r.session))
		return bad('session', `"${String(r.session)}" is not a trading session`);
	if (r.aliases !== undefined && (!Array.isArray(r.aliases) || !r.aliases.every(isText)))
		return { ok: false, field: null, message: 'aliases must be a list of symbols' };
	// The key the catalogue looks the symbol up by (`ESZ5` as a future is `ES`; `BRK B` is `BRK.B`).
	const rule = instrumentFor(r.symbol, assetClass);
	const typed = r.symbol.trim().toUpperCase();
	const aliases = new Set((r.aliases ?? []).map((a) => a.trim().toUpperCase()).filter(Boolean));
	if (typed !== rule.symbol) aliases.add(typed);
	aliases.delete(rule.symbol);
	const record: Instrument = {
		symbol: rule.symbol,
		assetClass,
		name: r.name?.trim() || null,
		exchange: r.exchange?.trim().toUpperCase() || null,
		currency: r.currency.trim().toUpperCase(),
		pair: rule.pair,
		multiplier: r.multiplier,
		tick: r.tick,
		lotStep: r.lotStep,
		session: r.session as Instrument['session'],
		aliases: [...aliases],
		option: rule.option,
		source: 'user'
	};
	const problem = instrumentProblem(record);
	return problem === null ? { ok: true, record } : { ok: false, field: fieldOf(record), message: problem };
}

/** The field {@link instrumentProblem} finds fault with first (it checks in this order). */
function fieldOf(record: Instrument): InstrumentField | null {
	const positive = (x: number) => x > 0 && Number.isFinite(x);
	if (!record.symbol.trim()) return 'symbol';
	if (tickRuleProblem(record.tick) !== null) return 'tick';
	if (!positive(record.lotStep)) return 'lotStep';
	if (record.multiplier !== null && !positive(record.multiplier)) return 'multiplier';
	if (!/^[A-Z0-9]{2,10}$/.test(record.currency)) return 'currency';
	return null;
}

/** The starter list's record of the symbol and class of `record`, if there is one. */
function starterOf(record: Instrument): Instrument | null {
	const family = familyOf(record.assetClass);
	return (
		STARTER_INSTRUMENTS.find((s) => s.symbol === record.symbol && familyOf(s.assetClass) === family) ?? null
	);
}

/**
 * What a list of stored chunks reveals about their instruments: one fact per distinct (symbol,
 * class, currency, account, multiplier), with the quantity of the most decimals seen (the lot
 * step). A file's currency wins; else its account's. One pass of typed-array reads per chunk and a
 * map lookup only where a row differs from the one before, so a million executions cost a few ms.
 */
export function revealedFacts(
	chunks: readonly ExecutionChunk[],
	currencyOfAccount: ReadonlyMap<string, string>
): RevealedFacts[] {
	type Fact = RevealedFacts & { decimals: number; scale: number };
	/** A distinct code tuple of one chunk and the fact it adds to. */
	interface Seen {
		currency: number;
		account: number;
		multiplier: number;
		fact: Fact;
	}
	const facts = new Map<string, Fact>();
	for (const chunk of chunks) {
		const { dict, symbol, assetClass, currency, accountId, multiplier, quantity } = chunk;
		const width = dict.length;
		// Per chunk, by symbol and class code (one number: the dictionary is far below 2^26 entries).
		const seen = new Map<number, Seen[]>();
		const factOf = (s: number, c: number, cur: number, a: number, m: number): Fact => {
			const key = s * width + c;
			let list = seen.get(key);
			if (!list) seen.set(key, (list = []));
			for (const item of list)
				if (
					item.currency === cur &&
					item.account === a &&
					(item.multiplier === m || (Number.isNaN(item.multiplier) && Number.isNaN(m)))
				)
					return item.fact;
			const account = a === 0 ? null : (dict[a] ?? null);
			const fileCurrency = cur === 0 ? null : (dict[cur] ?? null);
			const cls = (c === 0 ? 'stock' : (dict[c] ?? 'stock')) as AssetClass;
			const symbolText = dict[s] ?? '';
			const factCurrency =
				fileCurrency ?? (account !== null ? (currencyOfAccount.get(account) ?? null) : null);
			const multiplierValue = Number.isNaN(m) ? null : m;
			const global = `${symbolText}|${cls}|${factCurrency ?? ''}|${multiplierValue ?? ''}`;
			let fact = facts.get(global);
			if (!fact) {
				fact = {
					symbol: symbolText,
					assetClass: cls,
					currency: factCurrency,
					multiplier: multiplierValue,
					quantity: null,
					decimals: 0,
					scale: 1
				};
				facts.set(global, fact);
			}
			list.push({ currency: cur, account: a, multiplier: m, fact });
			return fact;
		};
		// Per row: a table lookup by the symbol and class codes (or none when the row's codes are
		// the previous row's), and a quantity measured only when finer than any seen for its fact.
		let fact: Fact | null = null;
		let lastS = -1;
		let lastC = -1;
		let lastCur = -1;
		let lastA = -1;
		let lastM = 0;
		for (let i = 0; i < chunk.count; i++) {
			const s = symbol[i]!;
			const c = assetClass[i]!;
			const cur = currency[i]!;
			const a = accountId[i]!;
			const m = multiplier[i]!;
			if (
				fact === null ||
				s !== lastS ||
				c !== lastC ||
				cur !== lastCur ||
				a !== lastA ||
				!Object.is(m, lastM)
			) {
				fact = factOf(s, c, cur, a, m);
				lastS = s;
				lastC = c;
				lastCur = cur;
				lastA = a;
				lastM = m;
			}
			const q = quantity[i]!;
			const scaled = q * fact.scale;
			if (
				scaled !== Math.round(scaled) &&
				Math.abs(scaled - Math.round(scaled)) > 1e-9 * Math.max(1, Math.abs(scaled))
			) {
				const decimals = decimalsOf(Math.abs(q));
				if (decimals > fact.decimals) {
					fact.decimals = decimals;
					fact.scale = 10 ** decimals;
					fact.quantity = q;
				}
			}
		}
	}
	return [...facts.values()].map(({ decimals: _decimals, scale: _scale, ...fact }) => fact);
}

/**
 * Merges what executions revealed into the stored catalogue; returns the notes (where a file
 * disagrees with a record, or a record could not be stored). Call inside a transaction that
 * includes `instruments`.
 */
export async function mergeIntoCatalogue(
	db: FillbookDb,
	importId: string,
	facts: readonly RevealedFacts[]
): Promise<string[]> {
	if (facts.length === 0) return [];
	const before = await loadCatalogue(db);
	const merged = mergeRevealed(before, facts);
	const clashes = await storeRevealed(db, importId, before, merged.catalogue, facts);
	return [
		...merged.notes,
		...clashes.map(
			(symbol) =>
				`${symbol}: another record of ${symbol} (of another class) is stored; the file's was not added`
		)
	];
}

export function createInstruments(
	db: (mode: Mode) => FillbookDb,
	write: <T>(task: () => Promise<T>, mode?: Mode) => Promise<T>
): InstrumentsApi {
	return {
		async instruments(mode: Mode): Promise<InstrumentEntry[]> {
			const database = db(mode);
			const stored: InstrumentRow[] = await loadCatalogue(database);
			// A point value typed on the Point values card (before records could say it) is the
			// multiplier trades use: the starter list's record shows it too.
			const own = await readSetting(database, 'pointValues');
			const withOwnPointValue = (s: Instrument): InstrumentEntry => {
				const value = s.assetClass === 'future' ? own[s.symbol] : undefined;
				return value === undefined || value === s.multiplier
					? { instrument: s, starter: null }
					: { instrument: { ...s, multiplier: value, source: 'user' }, starter: s };
			};
			const replaced = new Set(stored.map((r) => `${r.symbol}|${familyOf(r.assetClass)}`));
			const entries: InstrumentEntry[] = [
				...stored.map((row) => ({ instrument: instrumentOf(row), starter: starterOf(row) })),
				...STARTER_INSTRUMENTS.filter((s) => !replaced.has(`${s.symbol}|${familyOf(s.assetClass)}`)).map(
					withOwnPointValue
				)
			];
			return entries.sort(
				(a, b) =>
					a.instrument.symbol.localeCompare(b.instrument.symbol) ||
					a.instrument.assetClass.localeCompare(b.instrument.assetClass)
			);
		},

		saveInstrument(mode: Mode, record: Instrument): Promise<SaveInstrumentResult> {
			const checked = checkInstrument(record);
			if (!checked.ok) return Promise.resolve(checked);
			return write(async () => {
				const instrument = await saveUserInstrument(db(mode), checked.record);
				return { ok: true as const, instrument };
			}, mode);
		},

		async instrumentOf(mode: Mode, symbol: string): Promise<Instrument> {
			if (typeof symbol !== 'string' || !symbol.trim())
				throw new Error('Which instrument? No symbol was given.');
			const rows = await loadCatalogue(db(mode));
			// A symbol stored under its own name settles its class (`ES` the user saved as a future).
			const own = rows.find((r) => r.symbol === symbol.trim().toUpperCase());
			return instrumentFor(symbol, own?.assetClass, rows.map(instrumentOf));
		},

		removeInstrument(mode: Mode, symbol: string): Promise<RemoveInstrumentResult> {
			if (typeof symbol !== 'string' || !symbol.trim())
				return Promise.resolve({ ok: false, message: 'Which instrument? No symbol was given.' });
			return write(async () => {
				const database = db(mode);
				const stored = await storedInstrument(database, symbol);
				if (!stored || !(await removeUserInstrument(database, symbol)))
					return { ok: false as const, message: `${symbol} has no stored record to remove.` };
				const rest = await loadCatalogue(database);
				return { ok: true as const, instrument: instrumentFor(symbol, stored.assetClass, rest) };
			}, mode);
		}
	};
}
