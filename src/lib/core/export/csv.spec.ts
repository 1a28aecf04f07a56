import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('CSV export', () => {
	it('escapes text that a spreadsheet would run as a formula', () => {
		expect(csvCell('=1+1')).toBe("'=1+1");
		expect(csvCell('+SUM(A1)')).toBe("'+SUM(A1)");
		expect(csvCell('-2+3')).toBe("'-2+3");
		expect(csvCell('@cmd')).toBe("'@cmd");
		expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvCell(-2.5)).toBe('-2.5');
		expect(csvCell(null)).toBe('');
	});

	it('round-trips any text through a CSV parser, with formula text only ever prefixed', () => {
		fc.assert(
			fc.property(
				fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 4 }), { maxLength: 10 }),
				(rows) => {
					const width = rows[0]?.length ?? 2;
					const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
					const header = Array.from({ length: width }, (_, i) => `c${i}`);
					const parsed = Papa.parse<string[]>(toCsv(header, table), {
						delimiter: ',',
						skipEmptyLines: false
					}).data.slice(1, 1 + table.length);
					parsed.forEach((row, r) =>
						row.forEach((cell, c) => {
							const original = table[r]![c]!;
							expect(cell).toBe(/^[=+\-@\t\r]/.test(original) ? `'${original}` : original);
						})
					);
				}
			)
		);
	});
});
