/**
 * Reads alerts however they arrive as text: one JSON object, a JSON array of them, objects one
 * after another (one per line, or pretty-printed), or a TradingView alert-log CSV export, whose
 * Description column holds each alert's message. Every alert becomes an entry, valid or with its
 * problems, so each one gets an audit row.
 */
import { normalizeHeader } from '../formats/cells';
import { csvRows, type CsvRow } from './csv-rows';
import { parseAlertTime, placeholderReason, validatePayload } from './validate';
import type { AlertEntry, AlertLocation, AlertPayload, AlertProblem, JsonValue, ParsedAlerts } from './types';

/** Options for `parseAlerts`. */
export interface ParseAlertsOptions {
	/** Where the text came from (a file name, "paste", "share"): kept on every entry. */
	sourceName?: string | null;
}

/** The TradingView alert log's columns: the first name is the export's, the rest what we also accept. */
const LOG_COLUMNS = {
	id: ['Alert ID'],
	ticker: ['Ticker'],
	name: ['Name'],
	description: ['Description', 'Message'],
	time: ['Time']
} as const;

/** 1-based line of `offset` in `text`. */
function lineAt(text: string, offset: number): number {
	let line = 1;
	for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
	return line;
}

function isPayload(value: JsonValue): value is AlertPayload {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Why a piece of text is not JSON, naming the field when the cause is a placeholder written without
 * quotes (`"price": {{close}}`, which TradingView fills with a number but leaves invalid JSON unfilled).
 */
function jsonFailure(text: string, error: unknown): AlertProblem {
	const bare = /"([^"\\]+)"\s*:\s*(\{\{[^{}]*\}\})/.exec(text);
	if (bare) return { field: bare[1]!, reason: placeholderReason(bare[2]!) };
	const detail = error instanceof Error ? error.message : String(error);
	return { field: null, reason: `is not valid JSON (${detail})` };
}

/** An entry from one piece of JSON text (or an already-parsed value). */
function entryOf(
	where: AlertLocation,
	value: { text: string } | { parsed: JsonValue },
	fallbackTime: number | null = null
): AlertEntry {
	let parsed: JsonValue;
	if ('text' in value) {
		try {
			parsed = JSON.parse(value.text) as JsonValue;
		} catch (error) {
			return { ...where, payload: null, ok: false, problems: [jsonFailure(value.text, error)] };
		}
	} else parsed = value.parsed;
	if (!isPayload(parsed))
		return {
			...where,
			payload: null,
			ok: false,
			problems: [
				{
					field: null,
					reason: `must be a JSON object, is ${Array.isArray(parsed) ? 'an array' : JSON.stringify(parsed)}`
				}
			]
		};
	return { ...where, payload: parsed, ...validatePayload(parsed, { fallbackTime }) };
}

function location(position: number, line: number, row: number | null, source: string | null): AlertLocation {
	const label = row === null ? `alert ${position} (line ${line})` : `CSV row ${row} (line ${line})`;
	return { position, line, row, source, label };
}

/**
 * Top-level `{…}` objects one after another, found by balancing braces outside strings. Text that is
 * neither whitespace nor a comma between them is reported, as is an object left open.
 */
function splitObjects(text: string): { pieces: { text: string; start: number }[]; stray: string[] } {
	const pieces: { text: string; start: number }[] = [];
	const stray: string[] = [];
	let i = 0;
	while (i < text.length) {
		const ch = text[i]!;
		if (ch !== '{') {
			if (!/[\s,]/.test(ch)) {
				const start = i;
				while (i < text.length && text[i] !== '{') i++;
				stray.push(
					`line ${lineAt(text, start)}: text outside any alert object: ${JSON.stringify(text.slice(start, i).trim().slice(0, 60))}`
				);
				continue;
			}
			i++;
			continue;
		}
		const start = i;
		let depth = 0;
		let inString = false;
		for (; i < text.length; i++) {
			const c = text[i]!;
			if (inString) {
				if (c === '\\') i++;
				else if (c === '"') inString = false;
			} else if (c === '"') inString = true;
			else if (c === '{') depth++;
			else if (c === '}' && --depth === 0) break;
		}
		pieces.push({ text: text.slice(start, i + 1), start });
		i++;
	}
	return { pieces, stray };
}

/** Whether the first row looks like a TradingView alert-log header. */
function isLogHeader(cells: readonly string[]): boolean {
	const names = new Set(cells.map(normalizeHeader));
	return (
		LOG_COLUMNS.description.some((d) => names.has(normalizeHeader(d))) &&
		(names.has(normalizeHeader('Alert ID')) || names.has(normalizeHeader('Time')))
	);
}

function columnIndex(header: readonly string[], aliases: readonly string[]): number {
	const wanted = new Set(aliases.map(normalizeHeader));
	return header.findIndex((h) => wanted.has(normalizeHeader(h)));
}

/** The entries of a TradingView alert log, oldest first (the export lists newest first). */
function parseLog(rows: CsvRow[], unclosed: boolean, source: string | null): ParsedAlerts {
	const problems: string[] = [];
	const header = rows[0]!.cells;
	const description = columnIndex(header, LOG_COLUMNS.description);
	const timeColumn = columnIndex(header, LOG_COLUMNS.time);
	if (unclosed) problems.push(`a quoted cell opened on line ${rows[rows.length - 1]!.line} is never closed`);
	const entries: { entry: AlertEntry; at: number | null }[] = [];
	rows.slice(1).forEach((r, i) => {
		const where = location(i + 1, r.line, i + 1, source);
		const message = r.cells[description] ?? '';
		const timeCell = timeColumn >= 0 ? (r.cells[timeColumn] ?? '').trim() : '';
		const logTime = timeCell === '' ? null : parseAlertTime(timeCell);
		const at = logTime?.ok ? logTime.value : null;
		if (message.trim() === '') {
			entries.push({
				entry: {
					...where,
					payload: null,
					ok: false,
					problems: [{ field: 'Description', reason: 'is empty: the alert has no message' }]
				},
				at
			});
			return;
		}
		if (!message.trim().startsWith('{')) {
			entries.push({
				entry: {
					...where,
					payload: null,
					ok: false,
					problems: [
						{
							field: 'Description',
							reason: `is not a JSON alert payload: ${JSON.stringify(message.trim().slice(0, 60))}`
						}
					]
				},
				at
			});
			return;
		}
		const entry = entryOf(where, { text: message.trim() }, at);
		if (logTime && !logTime.ok && entry.ok && entry.alert.time === null)
			entries.push({
				entry: {
					...where,
					payload: entry.payload,
					ok: false,
					problems: [{ field: 'Time', reason: logTime.reason }]
				},
				at
			});
		else entries.push({ entry, at });
	});
	// Stable sort on the log's Time: the first of two repeats is then the earlier one.
	if (entries.every((e) => e.at !== null)) entries.sort((a, b) => a.at! - b.at!);
	return { format: 'tradingview-csv', entries: entries.map((e) => e.entry), problems };
}

/**
 * Reads alerts from text: one JSON object, a JSON array, JSON objects one after another (one per
 * line or pretty-printed), or a TradingView alert-log CSV export (header
 * `Alert ID,Ticker,Name,Description,Time[,Webhook status]`, the alert's JSON in Description; its
 * rows come back oldest first, and a payload without `time` takes the row's Time).
 * @example parseAlerts('{"symbol":"AAPL","action":"buy","quantity":10}').entries[0].ok // true
 * @example parseAlerts('{"symbol":"{{ticker}}","action":"buy","quantity":1}').entries[0].problems[0].field // 'symbol'
 */
export function parseAlerts(text: string, options: ParseAlertsOptions = {}): ParsedAlerts {
	const source = options.sourceName ?? null;
	const body = text.replace(/^\uFEFF/, '');
	const first = /\S/.exec(body);
	if (!first) return { format: 'empty', entries: [], problems: ['nothing to read: the text is empty'] };

	if (first[0] === '[') {
		let parsed: JsonValue;
		try {
			parsed = JSON.parse(body) as JsonValue;
		} catch (error) {
			const p = jsonFailure(body, error);
			return {
				format: 'json-array',
				entries: [],
				problems: [`the JSON array cannot be read: ${p.field === null ? '' : `field ${p.field} `}${p.reason}`]
			};
		}
		const items = parsed as JsonValue[];
		// Each object element's own line, when the elements are all objects (else the array's).
		const { pieces } = splitObjects(body);
		const lines =
			pieces.length === items.length && items.every(isPayload)
				? pieces.map((p) => lineAt(body, p.start))
				: items.map(() => lineAt(body, first.index));
		return {
			format: 'json-array',
			entries: items.map((item, i) => entryOf(location(i + 1, lines[i]!, null, source), { parsed: item })),
			problems: items.length === 0 ? ['the JSON array is empty'] : []
		};
	}

	if (first[0] === '{') {
		const { pieces, stray } = splitObjects(body);
		const entries = pieces.map((p, i) =>
			entryOf(location(i + 1, lineAt(body, p.start), null, source), { text: p.text })
		);
		return { format: pieces.length === 1 ? 'json' : 'json-lines', entries, problems: stray };
	}

	const { rows, unclosed } = csvRows(body);
	if (rows.length > 0 && isLogHeader(rows[0]!.cells)) {
		if (rows.length === 1)
			return { format: 'tradingview-csv', entries: [], problems: ['the alert log has a header but no rows'] };
		return parseLog(rows, unclosed, source);
	}
	return {
		format: 'empty',
		entries: [],
		problems: [
			'not an alert: expected a JSON object, a JSON array, one JSON object per line, or a TradingView alert log export (header Alert ID, Ticker, Name, Description, Time)'
		]
	};
}
