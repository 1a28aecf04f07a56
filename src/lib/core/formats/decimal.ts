/**
 * The decimal separator of a file, decided once per file from its first rows: `12,5` and
 * `1.234,50` say comma, `12.50` and `1,234.50` say point. A file is read with one separator
 * throughout, never cell by cell (`;`-delimited files with decimal commas read `1,234` as 1234
 * and stored prices 1000× too high).
 */

export type DecimalSeparator = '.' | ',';

/** A number cell split into what surrounds its digits and the digits with their separators. */
const NUMBER_CELL = /^(\s*\(?\s*[-+]?\s*[$€£¥₹@]?\s*[-+]?)([\d.,]*\d)(\s*(?:[A-Za-z]{3,4}|%|R)?\s*\)?\s*)$/;

/** Digits that can only mean a decimal comma: `12,5`, `0,25`, `1.234,50`, `1234,5678`. */
function saysComma(digits: string): boolean {
	return (
		(/^\d+,\d+$/.test(digits) && !/^\d{1,3},\d{3}$/.test(digits)) || /^\d{1,3}(\.\d{3})+,\d+$/.test(digits)
	);
}

/** Digits that can only mean a decimal point: `12.5`, `0.25`, `1,234.50`. */
function saysPoint(digits: string): boolean {
	return (
		(/^\d+\.\d+$/.test(digits) && !/^\d{1,3}\.\d{3}$/.test(digits)) || /^\d{1,3}(,\d{3})+\.\d+$/.test(digits)
	);
}

/**
 * The separator of a file from its first rows: comma when some cells can only be read with a
 * decimal comma and none only with a point; otherwise point (the separator every format but
 * a European spreadsheet's uses).
 * @example detectDecimal([['Price'], ['12,50']]) // ','
 */
export function detectDecimal(sample: readonly (readonly string[])[]): DecimalSeparator {
	let comma = 0;
	let point = 0;
	for (const row of sample)
		for (const cell of row) {
			const m = NUMBER_CELL.exec(cell);
			if (!m) continue;
			if (saysComma(m[2]!)) comma++;
			else if (saysPoint(m[2]!)) point++;
		}
	return comma > point ? ',' : '.';
}

/**
 * The cells of a row of a decimal-comma file with their numbers in the form every parser reads
 * (`1.234,50` -> `1234.50`, `(€12,5)` -> `(€12.5)`), or why the row cannot be read: a number
 * written with a decimal point in a file whose numbers use a comma would mix the two.
 */
export function withDecimalPoint(
	cells: readonly string[]
): { ok: true; cells: string[] } | { ok: false; reason: string } {
	let out: string[] | null = null;
	for (let i = 0; i < cells.length; i++) {
		const cell = cells[i]!;
		const m = NUMBER_CELL.exec(cell);
		if (!m) continue;
		const digits = m[2]!;
		if (!digits.includes(',') && !digits.includes('.')) continue;
		if (/^\d+(,\d+)?$/.test(digits) || /^\d{1,3}(\.\d{3})+(,\d+)?$/.test(digits)) {
			out ??= [...cells];
			out[i] = m[1]! + digits.replace(/\./g, '').replace(',', '.') + m[3]!;
		} else if (saysPoint(digits) || /^\d{1,3}(,\d{3})+$/.test(digits))
			return {
				ok: false,
				reason: `"${cell.trim()}" is written with a decimal point, but this file's numbers use a decimal comma`
			};
	}
	return { ok: true, cells: out ?? (cells as string[]) };
}
