import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cellsAreBreakFree, LineNumberer } from './run';

const split = (text: string, newline: '\n' | '\r' | '\r\n'): string[][] =>
	Papa.parse<string[]>(text, { delimiter: ',', newline, skipEmptyLines: false }).data;

describe('LineNumberer', () => {
	it('counts line breaks inside quoted cells (\\n, \\r\\n, \\r) and drops blank lines', () => {
		const text = 'a,b\n1,"x\ny"\n\n2,"p\r\nq\rr"\n3,z\n';
		expect(new LineNumberer().number(split(text, '\n')).map(([cells, line]) => [cells[0], line])).toEqual([
			['a', 1],
			['1', 2],
			['2', 5],
			['3', 8]
		]);
	});

	it('numbers the same with the break-free hint whenever the text is break-free', () => {
		const piece = fc.constantFrom('a', ',', '\n', '\r', '\r\n', '"', ' ', '1');
		fc.assert(
			fc.property(
				fc.array(piece, { maxLength: 60 }).map((p) => p.join('')),
				fc.constantFrom<'\n' | '\r' | '\r\n'>('\n', '\r', '\r\n'),
				(text, newline) => {
					const rows = split(text, newline);
					const breakFree = cellsAreBreakFree(text, newline);
					if (breakFree) for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/[\r\n]/);
					const copy = rows.map((r) => [...r]);
					expect(new LineNumberer().number(copy, breakFree)).toEqual(new LineNumberer().number(rows));
				}
			),
			{ numRuns: 2000 }
		);
	});

	it('says a text is break-free only when it is', () => {
		expect(cellsAreBreakFree('a,b\n1,2\n', '\n')).toBe(true);
		expect(cellsAreBreakFree('a,b\r\n1,2\r\n', '\r\n')).toBe(true);
		expect(cellsAreBreakFree('a,"b"\n', '\n')).toBe(false);
		expect(cellsAreBreakFree('a,b\r\n1,2\n', '\n')).toBe(false);
		expect(cellsAreBreakFree('a,b\r\n1\n,2\r\n', '\r\n')).toBe(false);
		expect(cellsAreBreakFree('a,b\r\n1\r,2\r\n', '\r\n')).toBe(false);
		expect(cellsAreBreakFree('a\rb\n', '\r')).toBe(false);
	});
});
