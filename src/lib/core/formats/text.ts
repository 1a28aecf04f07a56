/**
 * A file's bytes as text, the same way for the preview and the import: the encoding (from a
 * byte-order mark, the pattern of zero bytes, or whether the bytes are valid UTF-8) and line
 * breaks made one kind (`\r\n`, `\n` and lone `\r` all become `\n`), so a header ending in CRLF
 * over rows ending in LF still splits into one row per line.
 */

/**
 * The WHATWG TextDecoder, which every runtime Fillbook runs in has (browsers, workers, Node). The
 * core compiles against the ES library alone, which does not declare it, so it is typed here.
 */
const TextDecoder = (
	globalThis as unknown as {
		TextDecoder: new (
			label: string,
			options?: { fatal?: boolean }
		) => { decode(input: Uint8Array, options?: { stream?: boolean }): string };
	}
).TextDecoder;

/** The encodings Fillbook reads files in (TextDecoder labels). */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** How the user is told which encoding was read. */
export const ENCODING_LABEL: Readonly<Record<TextEncoding, string>> = {
	'utf-8': 'UTF-8',
	'utf-16le': 'UTF-16 LE',
	'utf-16be': 'UTF-16 BE',
	'windows-1252': 'Windows-1252'
};

/**
 * The encoding of a file from its first bytes (a few kilobytes are plenty): a byte-order mark
 * decides; without one, text where every other byte is zero is UTF-16 (little-endian when the
 * zeros come second); bytes that are not valid UTF-8 are read as Windows-1252 (what Excel on
 * Windows writes); anything else is UTF-8.
 * @example detectEncoding(new Uint8Array([0xff, 0xfe, 0x41, 0])) // 'utf-16le'
 */
export function detectEncoding(head: Uint8Array): TextEncoding {
	if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
	if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
	if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
	const pairs = Math.min(2048, head.length >> 1);
	if (pairs >= 2) {
		let evenZeros = 0;
		let oddZeros = 0;
		for (let i = 0; i < pairs; i++) {
			if (head[2 * i] === 0) evenZeros++;
			if (head[2 * i + 1] === 0) oddZeros++;
		}
		if (oddZeros >= pairs * 0.4 && evenZeros <= pairs * 0.05) return 'utf-16le';
		if (evenZeros >= pairs * 0.4 && oddZeros <= pairs * 0.05) return 'utf-16be';
	}
	try {
		// stream: an incomplete character cut at the end of the sample is not an error.
		new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
		return 'utf-8';
	} catch {
		return 'windows-1252';
	}
}

/**
 * Turns every line break into `\n`, chunk by chunk: a `\r` ending one chunk waits for the next
 * (it may be the first half of `\r\n`). Call `end()` after the last chunk.
 * @example new LineBreaks().push('a\r\nb\rc\n') // 'a\nb\nc\n'
 */
export class LineBreaks {
	#pendingCr = false;

	push(text: string): string {
		let input = text;
		if (this.#pendingCr) {
			input = '\r' + input;
			this.#pendingCr = false;
		}
		if (input.endsWith('\r')) {
			this.#pendingCr = true;
			input = input.slice(0, -1);
		}
		return input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
	}

	end(): string {
		const rest = this.#pendingCr ? '\n' : '';
		this.#pendingCr = false;
		return rest;
	}
}

/**
 * The start of a file as text for sniffing and previews: decoded as detectEncoding says, line
 * breaks made `\n`, and (unless `whole`, the sample being the whole file) the last, maybe cut,
 * line dropped.
 */
export function sampleText(bytes: Uint8Array, whole: boolean): { text: string; encoding: TextEncoding } {
	const encoding = detectEncoding(bytes.subarray(0, 4096));
	const decoded = new TextDecoder(encoding).decode(bytes, { stream: !whole });
	const breaks = new LineBreaks();
	const text = breaks.push(decoded) + (whole ? breaks.end() : '');
	return { text: whole ? text : text.slice(0, Math.max(0, text.lastIndexOf('\n'))), encoding };
}
