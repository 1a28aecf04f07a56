/**
 * Symbols as matching compares them: the same instrument written as brokers and journals write
 * it. `BRK.B`, `BRK B`, `BRK/B`, `BRK-B` and `brk.b` are one symbol; an exchange prefix
 * (`NASDAQ:AAPL`) is dropped; user-defined aliases map one symbol onto another.
 */

/** A share-class suffix written with a dot, blank, slash or dash: `BRK B` → `BRK.B`. */
const CLASS_SUFFIX = /^([A-Z]{1,6})[ ./-]([A-Z]{1,2})$/;

/**
 * The symbol matching compares. Option symbols (OCC) and futures keep their form apart from case
 * and blanks at the ends.
 * @example matchSymbol('nyse:brk/b') // 'BRK.B'
 */
export function matchSymbol(symbol: string, aliases: Readonly<Record<string, string>> = {}): string {
	const plain = canonical(symbol);
	const alias = aliases[plain];
	return alias === undefined ? plain : canonical(alias);
}

function canonical(symbol: string): string {
	let s = symbol.trim().toUpperCase();
	// An exchange prefix: letters (and `_`) before one colon, e.g. `NASDAQ:`, `BATS:`, `CME_MINI:`.
	const colon = /^[A-Z_]+:(.+)$/.exec(s);
	if (colon) s = colon[1]!.trim();
	const share = CLASS_SUFFIX.exec(s);
	return share ? `${share[1]}.${share[2]}` : s;
}

/**
 * Aliases as the user types them (`FB = META`, one per line), normalised: both sides through
 * matchSymbol. Lines that are blank or start with `#` are ignored; other lines without `=`
 * are errors.
 */
export function parseAliases(text: string): { aliases: Record<string, string>; errors: string[] } {
	const aliases: Record<string, string> = {};
	const errors: string[] = [];
	text.split(/\r?\n/).forEach((line, i) => {
		const trimmed = line.trim();
		if (trimmed === '' || trimmed.startsWith('#')) return;
		const [from, to, ...rest] = trimmed.split('=');
		if (from === undefined || to === undefined || rest.length > 0 || !from.trim() || !to.trim()) {
			errors.push(`Line ${i + 1}: write one alias as "SYMBOL = OTHER".`);
			return;
		}
		aliases[canonical(from)] = canonical(to);
	});
	return { aliases, errors };
}
