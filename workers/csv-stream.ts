/**
 * Streams a CSV file into rows: bytes are decoded with a streaming TextDecoder in the encoding
 * the file's first bytes show (so a character split across two reads is never mangled), every
 * line break is made `\n` (a CRLF header over LF rows is still one row per line), and the text is
 * split by Papa Parse's own parser, which hands back the unfinished last row to be completed by
 * the next read. The delimiter and decimal separator are guessed from the start of the file.
 */
import Papa from 'papaparse';
import { detectDecimal, type DecimalSeparator } from '$lib/core/formats/decimal';
import { cellsAreBreakFree } from '$lib/core/formats/run';
import { detectEncoding, LineBreaks, type TextEncoding } from '$lib/core/formats/text';

/** Bytes read per step. */
const READ_BYTES = 1 << 20;
/** Characters split into rows at a time (a read is parsed in pieces of this size). */
const PARSE_CHARS = 1 << 16;

export interface CsvDialect {
	delimiter: string;
	linebreak: string;
	/** The file's decimal separator, from the numbers in its first rows. */
	decimal: DecimalSeparator;
}

/** How a file was read: its encoding and dialect (told to the user and kept with the import). */
export interface CsvReading extends CsvDialect {
	encoding: TextEncoding;
}

/**
 * Guesses delimiter (comma, tab, semicolon, pipe), line break and decimal separator from a sample
 * of the text.
 */
export function guessDialect(sample: string): CsvDialect {
	const parsed = Papa.parse<string[]>(sample, {
		preview: 50,
		delimitersToGuess: [',', '\t', ';', '|']
	});
	return {
		delimiter: parsed.meta.delimiter || ',',
		linebreak: parsed.meta.linebreak || '\n',
		decimal: detectDecimal(parsed.data)
	};
}

/**
 * Reads `blob` to the end, calling `onRows` with each batch of complete rows and the number of
 * bytes read so far. Between batches it awaits the next read, so a cancellation message can be
 * handled; `cancelled()` stops the stream. `breakFree` is true when no cell of the batch can hold
 * a line break (its text has no quotes and no stray `\r`/`\n`): see LineNumberer.number.
 * `pause`, when given, is awaited before each read (a consumer's back-pressure). `onReading` is
 * told the encoding and dialect before the first rows.
 */
export async function streamCsv(
	blob: Blob,
	onRows: (rows: string[][], bytesRead: number, breakFree: boolean) => void,
	cancelled: () => boolean,
	pause?: () => Promise<void>,
	onReading?: (reading: CsvReading) => void
): Promise<'done' | 'cancelled'> {
	let decoder: TextDecoder | null = null;
	let encoding: TextEncoding = 'utf-8';
	const breaks = new LineBreaks();
	let parser: Papa.Parser | null = null;
	let carry = '';
	let bytes = 0;
	for (;;) {
		if (pause) await pause();
		if (cancelled()) return 'cancelled';
		// Fixed-size slices rather than blob.stream(): read sizes (and so progress and the points
		// where a cancel is seen) are then the same in every browser and in Node.
		const done = bytes >= blob.size;
		const value = done ? null : new Uint8Array(await blob.slice(bytes, bytes + READ_BYTES).arrayBuffer());
		if (!decoder) {
			encoding = detectEncoding(value ? value.subarray(0, 4096) : new Uint8Array(0));
			decoder = new TextDecoder(encoding);
		}
		const text = value
			? breaks.push(decoder.decode(value, { stream: true }))
			: breaks.push(decoder.decode()) + breaks.end();
		if (value) bytes += value.byteLength;
		const input = carry + text;
		if (!parser) {
			if (input.length === 0 && done) return 'done';
			// Wait for a few kilobytes (or the end) before guessing the dialect.
			if (input.length < 4096 && !done) {
				carry = input;
				continue;
			}
			const dialect = guessDialect(input.slice(0, 64 * 1024));
			onReading?.({ ...dialect, linebreak: '\n', encoding });
			parser = new Papa.Parser({ delimiter: dialect.delimiter, newline: '\n' });
		}
		// Split in pieces of PARSE_CHARS: each batch of rows is handed on and dropped before the next
		// is made, so few rows are ever alive at once (a whole read's rows would be copied by every
		// young-generation garbage collection while they are processed).
		let at = 0;
		carry = '';
		do {
			const end = Math.min(input.length, at + PARSE_CHARS);
			const piece = carry + input.substring(at, end);
			at = end;
			// Keep the last row back until the end: it may continue in the next piece or read.
			// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- Papa types parse() as any.
			const results: Papa.ParseResult<string[]> = parser.parse(piece, 0, !(done && at === input.length));
			carry = piece.substring(results.meta.cursor);
			if (results.data.length > 0) onRows(results.data, bytes, cellsAreBreakFree(piece, '\n'));
		} while (at < input.length);
		if (done) return 'done';
	}
}
