/**
 * Symbol search: what every symbol picker and the command palette list for what the user typed.
 * Pure; the entries come from the engine's symbol index (what the mode has for each symbol) and
 * the recent symbols from the browser.
 *
 * Ranking, best first: the symbol itself, then a symbol whose alias is what was typed, then
 * symbols (and aliases) that start with it, then fuzzy matches on symbol, alias and name
 * (uFuzzy). Case never matters, and neither do a class share's separators: "brk b", "brkb" and
 * "BRK/B" all find BRK.B exactly. Within the exact, alias and prefix ranks, recent symbols come
 * first, then shorter ones (separators not counted), then alphabetical order; fuzzy matches come
 * in uFuzzy's order (closest first). With nothing typed: the recent symbols, most recent first, then the
 * rest alphabetically.
 */
import uFuzzy from '@leeoniya/ufuzzy';

/** What the user has for a symbol: executions (so trades), imported bars (a chart), journal trades. */
export type SymbolKind = 'executions' | 'bars' | 'journal';

export interface SymbolEntry {
	/** As stored (upper case for the brokers and bar files Fillbook reads): "BRK.B", "ES=F". */
	symbol: string;
	/** The instrument's name, when known: "Berkshire Hathaway Class B". */
	name?: string;
	/** Other spellings of the symbol: "BRK-B", "BRK/B". */
	aliases?: string[];
	/** What the mode has for it, in SYMBOL_KINDS order. */
	kinds: SymbolKind[];
}

/** The order kinds are listed in. */
export const SYMBOL_KINDS: readonly SymbolKind[] = ['executions', 'bars', 'journal'];

/** Why an entry was listed, best first (see the module comment). */
export type SymbolMatchRank = 'recent' | 'all' | 'exact' | 'alias' | 'prefix' | 'fuzzy';

export interface SymbolHit<E extends SymbolEntry = SymbolEntry> {
	entry: E;
	rank: SymbolMatchRank;
	/** The alias that matched (rank 'alias', or a 'prefix' through an alias); absent otherwise. */
	alias?: string;
}

/** Upper case with every character that is not a letter or digit taken out: BRK.B → BRKB. */
export function compactSymbol(text: string): string {
	return text.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/*
 * One extra letter inside a term is allowed, so "rvn" finds RIVN and "lcd" LCID, but not two:
 * "rvn" does not find RIVIAN AUTOMOTIVE.
 */
const fuzzy = new uFuzzy({ intraIns: 1 });

/**
 * The entries matching `query`, best first (see the module comment); every entry at most once.
 * `recent` is most recent first; symbols in it that no entry has are ignored.
 *
 * @example
 * const entries = [{ symbol: 'BRK.B', kinds: ['bars'] }, { symbol: 'BRKR', kinds: ['executions'] }];
 * searchSymbols(entries, 'brk b', []).map((h) => [h.entry.symbol, h.rank]);
 * // [['BRK.B', 'exact']]
 * searchSymbols(entries, 'brk', ['BRKR']).map((h) => [h.entry.symbol, h.rank]);
 * // [['BRKR', 'prefix'], ['BRK.B', 'prefix']]
 */
export function searchSymbols<E extends SymbolEntry>(
	entries: readonly E[],
	query: string,
	recent: readonly string[]
): SymbolHit<E>[] {
	const recency = new Map<string, number>();
	recent.forEach((s, i) => {
		if (!recency.has(s)) recency.set(s, i);
	});
	const byRecency = (a: E, b: E) =>
		(recency.get(a.symbol) ?? Infinity) - (recency.get(b.symbol) ?? Infinity) ||
		compactSymbol(a.symbol).length - compactSymbol(b.symbol).length ||
		alphabetical(a, b);

	const typed = query.trim().toUpperCase();
	if (typed === '') {
		const seen = new Set<string>();
		const hits: SymbolHit<E>[] = [];
		const bySymbol = new Map(entries.map((e) => [e.symbol, e]));
		for (const s of recency.keys()) {
			const entry = bySymbol.get(s);
			if (entry && !seen.has(s)) {
				seen.add(s);
				hits.push({ entry, rank: 'recent' });
			}
		}
		for (const entry of [...entries].sort(alphabetical))
			if (!seen.has(entry.symbol)) {
				seen.add(entry.symbol);
				hits.push({ entry, rank: 'all' });
			}
		return hits;
	}

	const compact = compactSymbol(typed);
	const taken = new Set<string>();
	const hits: SymbolHit<E>[] = [];
	/** Adds the entries `test` accepts, in recency order, at `rank`. */
	function tier(rank: SymbolMatchRank, test: (e: E) => boolean | string) {
		const found: { entry: E; alias?: string }[] = [];
		for (const entry of entries) {
			if (taken.has(entry.symbol)) continue;
			const ok = test(entry);
			if (ok === false) continue;
			found.push(typeof ok === 'string' ? { entry, alias: ok } : { entry });
		}
		found.sort((a, b) => byRecency(a.entry, b.entry));
		for (const f of found) {
			taken.add(f.entry.symbol);
			hits.push({ ...f, rank });
		}
	}
	const aliasWhere = (e: E, test: (alias: string) => boolean) => e.aliases?.find(test) ?? false;

	tier('exact', (e) => e.symbol.toUpperCase() === typed);
	if (compact !== '') tier('exact', (e) => compactSymbol(e.symbol) === compact);
	tier('alias', (e) =>
		aliasWhere(e, (a) => a.toUpperCase() === typed || (compact !== '' && compactSymbol(a) === compact))
	);
	if (compact !== '') {
		tier(
			'prefix',
			(e) => e.symbol.toUpperCase().startsWith(typed) || compactSymbol(e.symbol).startsWith(compact)
		);
		tier('prefix', (e) =>
			aliasWhere(e, (a) => a.toUpperCase().startsWith(typed) || compactSymbol(a).startsWith(compact))
		);
	}

	// Fuzzy: one haystack line per spelling (symbol, its compact form, aliases, name), in uFuzzy's order.
	const lines: string[] = [];
	const owner: { entry: E; alias?: string }[] = [];
	for (const entry of entries) {
		if (taken.has(entry.symbol)) continue;
		const spellings = new Set([entry.symbol, compactSymbol(entry.symbol)]);
		for (const s of spellings) {
			lines.push(s);
			owner.push({ entry });
		}
		for (const alias of entry.aliases ?? []) {
			lines.push(alias);
			owner.push({ entry, alias });
		}
		if (entry.name) {
			lines.push(entry.name);
			owner.push({ entry });
		}
	}
	if (lines.length === 0) return hits;
	const [idxs, info, order] = fuzzy.search(lines, query.trim(), 0, Infinity);
	// Ranked when uFuzzy could afford to (infoThresh Infinity: always); the filter's order otherwise.
	const ranked = info && order ? order.map((i) => info.idx[i]!) : (idxs ?? []);
	for (const i of ranked) {
		const o = owner[i]!;
		if (taken.has(o.entry.symbol)) continue;
		taken.add(o.entry.symbol);
		hits.push(
			o.alias === undefined
				? { entry: o.entry, rank: 'fuzzy' }
				: { entry: o.entry, rank: 'fuzzy', alias: o.alias }
		);
	}
	return hits;
}

function alphabetical(a: SymbolEntry, b: SymbolEntry): number {
	return a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0;
}

/**
 * The entries of several sources for one symbol merged into one: kinds in SYMBOL_KINDS order,
 * aliases without repeats, the first name given. Sorted by symbol.
 *
 * @example
 * mergeSymbolEntries([{ symbol: 'RIVN', kinds: ['bars'] }, { symbol: 'RIVN', kinds: ['executions'] }]);
 * // [{ symbol: 'RIVN', kinds: ['executions', 'bars'] }]
 */
export function mergeSymbolEntries(entries: readonly SymbolEntry[]): SymbolEntry[] {
	const merged = new Map<string, { kinds: Set<SymbolKind>; aliases: Set<string>; name?: string }>();
	for (const e of entries) {
		let m = merged.get(e.symbol);
		if (!m) merged.set(e.symbol, (m = { kinds: new Set(), aliases: new Set() }));
		for (const k of e.kinds) m.kinds.add(k);
		for (const a of e.aliases ?? []) if (a !== e.symbol) m.aliases.add(a);
		if (m.name === undefined && e.name) m.name = e.name;
	}
	return [...merged]
		.map(([symbol, m]) => {
			const entry: SymbolEntry = { symbol, kinds: SYMBOL_KINDS.filter((k) => m.kinds.has(k)) };
			if (m.name !== undefined) entry.name = m.name;
			if (m.aliases.size) entry.aliases = [...m.aliases];
			return entry;
		})
		.sort(alphabetical);
}
