/**
 * Seeded mutations of a CSV file's text, for the import fuzz harness: byte flips, dropped,
 * duplicated and swapped cells and lines, truncations, nasty values, other line endings and
 * encodings. The same seed always gives the same mutant.
 */
import { seededRandom } from '$lib/core/analytics/random';

/** The seeded generator mutants are drawn with (numbers in [0, 1)). */
export const random = seededRandom;

/** Values a cell should never turn into a stored number or text as they are. */
export const NASTY_VALUES: readonly string[] = [
	'',
	' ',
	'0',
	'-0',
	'-1',
	'1e20',
	'1e308',
	'-1e308',
	'1e-320',
	'NaN',
	'Infinity',
	'100%',
	'100R',
	'@100',
	'100 EUR',
	'$',
	'(',
	'1,234',
	'12,5',
	'1.234,50',
	'9'.repeat(400),
	'\u0000',
	'\u0007AAPL',
	'AA\u001bPL',
	'\ufffd',
	'"',
	'""',
	'--',
	'N/A',
	'null',
	'٣٤',
	'ＡＡＰＬ',
	'\u202eSPY',
	'2099-12-31 23:59:59',
	'1899-01-01 00:00:00',
	'0001-01-01',
	'25:61:61',
	'13/45/2025',
	'=HYPERLINK("x")',
	'x'.repeat(5000)
];

const FLIP_CHARS = [
	'\u0000',
	'\u0001',
	'\r',
	'\n',
	'"',
	',',
	';',
	'\t',
	'9',
	'.',
	'-',
	'Z',
	'\ufffd',
	'é',
	' '
];

export type Mutation =
	| 'flip'
	| 'drop-cell'
	| 'duplicate-cell'
	| 'swap-cells'
	| 'drop-line'
	| 'duplicate-line'
	| 'swap-lines'
	| 'truncate'
	| 'nasty-value'
	| 'line-endings';

export const MUTATIONS: readonly Mutation[] = [
	'flip',
	'drop-cell',
	'duplicate-cell',
	'swap-cells',
	'drop-line',
	'duplicate-line',
	'swap-lines',
	'truncate',
	'nasty-value',
	'line-endings'
];

export interface Mutant {
	/** The mutated text. */
	text: string;
	/** What was done, in order (for a failure's report). */
	applied: string[];
}

/** The delimiter of a text (the one its first line has most of). */
export function delimiterOf(text: string): string {
	const first = text.slice(0, text.search(/\r|\n|$/));
	let best = ',';
	let most = -1;
	for (const d of [',', '\t', ';', '|']) {
		const n = first.split(d).length;
		if (n > most) {
			most = n;
			best = d;
		}
	}
	return best;
}

/**
 * One to three mutations of `text`, chosen by `rand`. Cells are split naively on the delimiter
 * (a quoted cell holding one may split: that is a mutation too).
 */
export function mutate(text: string, rand: () => number): Mutant {
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
	const delimiter = delimiterOf(text);
	const lines = text.split(/\r\n|\n|\r/);
	const trailing = lines.at(-1) === '' ? lines.pop() : undefined;
	let breaks: string[] = lines.map(() => (text.includes('\r\n') ? '\r\n' : '\n'));
	const applied: string[] = [];
	let truncateAt: number | null = null;
	const count = 1 + Math.floor(rand() * 3);
	for (let m = 0; m < count && lines.length > 0; m++) {
		const kind = pick(MUTATIONS);
		const at = Math.floor(rand() * lines.length);
		const cells = lines[at]!.split(delimiter);
		const c = Math.floor(rand() * cells.length);
		switch (kind) {
			case 'flip': {
				const line = lines[at]!;
				const i = Math.floor(rand() * Math.max(1, line.length));
				const ch = pick(FLIP_CHARS);
				lines[at] = line.slice(0, i) + ch + line.slice(i + 1);
				applied.push(`flip line ${at + 1} char ${i} to ${JSON.stringify(ch)}`);
				break;
			}
			case 'drop-cell':
				cells.splice(c, 1);
				lines[at] = cells.join(delimiter);
				applied.push(`drop cell ${c + 1} of line ${at + 1}`);
				break;
			case 'duplicate-cell':
				cells.splice(c, 0, cells[c]!);
				lines[at] = cells.join(delimiter);
				applied.push(`duplicate cell ${c + 1} of line ${at + 1}`);
				break;
			case 'swap-cells': {
				const d = Math.floor(rand() * cells.length);
				[cells[c], cells[d]] = [cells[d]!, cells[c]!];
				lines[at] = cells.join(delimiter);
				applied.push(`swap cells ${c + 1} and ${d + 1} of line ${at + 1}`);
				break;
			}
			case 'drop-line':
				lines.splice(at, 1);
				breaks.splice(at, 1);
				applied.push(`drop line ${at + 1}`);
				break;
			case 'duplicate-line':
				lines.splice(at, 0, lines[at]!);
				breaks.splice(at, 0, breaks[at]!);
				applied.push(`duplicate line ${at + 1}`);
				break;
			case 'swap-lines': {
				const b = Math.floor(rand() * lines.length);
				[lines[at], lines[b]] = [lines[b]!, lines[at]!];
				applied.push(`swap lines ${at + 1} and ${b + 1}`);
				break;
			}
			case 'truncate':
				truncateAt = Math.floor(rand() * text.length);
				applied.push(`truncate at ${truncateAt}`);
				break;
			case 'nasty-value': {
				const value = pick(NASTY_VALUES);
				cells[c] = value;
				lines[at] = cells.join(delimiter);
				applied.push(`cell ${c + 1} of line ${at + 1} = ${JSON.stringify(value.slice(0, 40))}`);
				break;
			}
			case 'line-endings': {
				const style = pick(['\n', '\r\n', '\r', 'mixed'] as const);
				breaks = breaks.map((b, i) =>
					style === 'mixed' ? pick(['\n', '\r\n', '\r']) : i === 0 && rand() < 0.5 ? b : style
				);
				applied.push(`line endings ${JSON.stringify(style)}`);
				break;
			}
		}
	}
	let out = lines
		.map((line, i) => line + (i < lines.length - 1 || trailing !== undefined ? breaks[i] : ''))
		.join('');
	if (truncateAt !== null) out = out.slice(0, Math.min(truncateAt, out.length));
	return { text: out, applied };
}

/** The text's line breaks all turned into `style` (for the "same result under any line endings" check). */
export function withLineBreaks(text: string, style: '\n' | '\r\n' | '\r'): string {
	return text.replace(/\r\n|\n|\r/g, style);
}

/** UTF-16 bytes of a text with its byte-order mark. */
export function utf16(text: string, endian: 'le' | 'be'): Uint8Array<ArrayBuffer> {
	const bytes = new Uint8Array(2 + text.length * 2);
	const view = new DataView(bytes.buffer);
	view.setUint16(0, 0xfeff, endian === 'le');
	for (let i = 0; i < text.length; i++) view.setUint16(2 + 2 * i, text.charCodeAt(i), endian === 'le');
	return bytes;
}
