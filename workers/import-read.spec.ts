/**
 * The preview and the import read a file the same way: encoding (UTF-8, UTF-16 LE/BE, Windows-1252),
 * any mix of line endings, and the decimal separator, with line numbers that stay right.
 */
import { describe, expect, it } from 'vitest';
import { formatById } from '$lib/core/formats';
import type { ParseOptions } from '$lib/core/formats/types';
import { utf16 } from '../tests/fuzz/mutate';
import { parseFile, preview, sniff } from './import-read';

const DAS = formatById('das-trades')!;
const OPTIONS: ParseOptions = {
	fileName: 'Trades_2025-10-13.csv',
	zone: 'America/New_York',
	tradeDate: '2025-10-13',
	symbol: null
};
const HEADER = 'Time,Symb,Side,Price,Qty,Route,Account,P / L,';
const row = (i: number) =>
	`09:${String(30 + (i % 30)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},MU,B,${50 + i / 100},${i + 1},SMRT,TRIB5621,0,`;

const read = (file: File) =>
	parseFile(
		file,
		DAS,
		OPTIONS,
		() => undefined,
		() => false
	);

describe('encodings', () => {
	it.each(['le', 'be'] as const)(
		'reads UTF-16 %s with BOM in the preview and the import alike',
		async (endian) => {
			const text = [HEADER, ...Array.from({ length: 40 }, (_, i) => row(i))].join('\r\n') + '\r\n';
			const file = new File([utf16(text, endian)], OPTIONS.fileName);
			const sniffed = await sniff(file);
			expect(sniffed.encoding).toBe(`utf-16${endian}`);
			expect(sniffed.candidates[0]?.id).toBe('das-trades');
			const shown = await preview(file, DAS, OPTIONS);
			expect(shown.encoding).toBe(`utf-16${endian}`);
			expect(shown.errors).toEqual([]);
			expect(shown.rows[0]?.cells.Symbol).toBe('MU');
			const parsed = await read(file);
			expect(parsed.encoding).toBe(`utf-16${endian}`);
			expect(parsed.errors).toEqual([]);
			expect(parsed.records).toHaveLength(40);
			expect(parsed.records.map((r) => r.line)).toEqual(Array.from({ length: 40 }, (_, i) => i + 2));
		}
	);

	it('reads bytes that are not UTF-8 as Windows-1252 (not as undecodable characters)', async () => {
		const bytes = new TextEncoder().encode([HEADER, row(0).replace('TRIB5621', 'TRIB-X')].join('\n'));
		const withE = new Uint8Array([...bytes.slice(0, -5), 0xe9, ...bytes.slice(-5)]); // é before "0,"
		const file = new File([withE], OPTIONS.fileName);
		expect((await sniff(file)).encoding).toBe('windows-1252');
		const parsed = await read(file);
		expect(parsed.encoding).toBe('windows-1252');
	});
});

describe('line endings', () => {
	it('reads a CRLF header over LF rows: every row, right line numbers (69 of 69, not 1)', async () => {
		const rows = Array.from({ length: 69 }, (_, i) => row(i));
		const text = HEADER + '\r\n' + rows.join('\n') + '\n';
		const parsed = await read(new File([text], OPTIONS.fileName));
		expect(parsed.errors).toEqual([]);
		expect(parsed.rows).toBe(70);
		expect(parsed.records.map((r) => r.line)).toEqual(Array.from({ length: 69 }, (_, i) => i + 2));
		const shown = await preview(new File([text], OPTIONS.fileName), DAS, OPTIONS);
		expect(shown.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
	});

	it('numbers lines right under LF, CRLF, CR and any mix of them', async () => {
		const rows = Array.from({ length: 12 }, (_, i) => row(i));
		const breaks = ['\n', '\r\n', '\r'];
		const text = [HEADER, ...rows].map((line, i) => line + breaks[(i * 7) % 3]).join('');
		const parsed = await read(new File([text], OPTIONS.fileName));
		expect(parsed.errors).toEqual([]);
		expect(parsed.records.map((r) => r.line)).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
	});

	it('keeps a CR split from its LF between two reads as one line break', async () => {
		// A file larger than one read (1 MiB), with CRLF breaks: one falls across the read boundary.
		const rows = Array.from({ length: 40_000 }, (_, i) => row(i % 1000));
		const text = [HEADER, ...rows].join('\r\n') + '\r\n';
		expect(text.length).toBeGreaterThan(1 << 20);
		const parsed = await read(new File([text], OPTIONS.fileName));
		expect(parsed.errors).toEqual([]);
		expect(parsed.rows).toBe(40_001);
		expect(parsed.records.at(-1)?.line).toBe(40_001);
	});
});

describe('decimal commas', () => {
	it('are detected per file and read the same in the preview and the import', async () => {
		const text = [
			'Time;Symb;Side;Price;Qty;Route;Account;P / L',
			'09:30:00;MU;B;129,88;100;SMRT;A1;0',
			'09:31:00;MU;S;1.129,5;100;SMRT;A1;99.962,00',
			'09:32:00;MU;B;129.88;100;SMRT;A1;0'
		].join('\n');
		const file = new File([text], OPTIONS.fileName);
		expect((await sniff(file)).decimal).toBe(',');
		const shown = await preview(file, DAS, OPTIONS);
		expect(shown.rows.map((r) => r.cells.Price)).toEqual(['129.88', '1,129.5']);
		const parsed = await read(file);
		expect(parsed.records.map((r) => r.kind === 'execution' && r.price)).toEqual([129.88, 1129.5]);
		expect(parsed.errors.map((e) => [e.line, e.reason])).toEqual([
			[4, '"129.88" is written with a decimal point, but this file\'s numbers use a decimal comma']
		]);
	});
});
