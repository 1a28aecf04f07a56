import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { LineNumberer } from '$lib/core/formats/run';
import { streamCsv } from './csv-stream';

/** Lines as the whole text numbers them (no hint: every cell scanned). */
function wholeText(text: string): [string[], number][] {
	return new LineNumberer().number(Papa.parse<string[]>(text, { skipEmptyLines: false }).data);
}

async function streamed(text: string): Promise<{ rows: [string[], number][]; hints: boolean[] }> {
	const numberer = new LineNumberer();
	const rows: [string[], number][] = [];
	const hints: boolean[] = [];
	await streamCsv(
		new Blob([text]),
		(batch, _bytes, breakFree) => {
			hints.push(breakFree);
			numberer.each(batch, breakFree, (cells, line) => rows.push([cells, line]));
		},
		() => false
	);
	return { rows, hints };
}

describe('streamCsv with LineNumberer', () => {
	it('numbers lines as the whole text does, across reads, with and without quoted line breaks', async () => {
		const plain = Array.from({ length: 60_000 }, (_, i) => `${i},MU,B,50.99,100,`);
		const quoted = plain.map((line, i) => (i % 997 === 0 ? `${line}"note\nline ${i}"` : line));
		for (const lines of [plain, quoted]) {
			const text = ['Time,Symbol,Side,Price,Qty,Notes', ...lines].join('\n') + '\n';
			expect(text.length).toBeGreaterThan(1 << 20);
			const { rows, hints } = await streamed(text);
			expect(rows).toEqual(wholeText(text));
			// Batches of a text without quotes skip the scan of every cell.
			expect(hints.length).toBeGreaterThan(1);
			expect(hints.every((h) => h === (lines === plain))).toBe(true);
			expect(rows.at(-1)?.[1]).toBe(lines === plain ? 60_001 : 60_001 + Math.ceil(60_000 / 997));
		}
	});
});
