/**
 * CSV writing for exports. Cells that a spreadsheet would run as a formula (starting with
 * `=`, `+`, `-`, `@`, tab or carriage return) are prefixed with a single quote, so an exported
 * symbol or note can never execute in Excel or Sheets (CSV formula injection). Numbers are
 * written as numbers and are not escaped.
 */

export type CsvCell = string | number | null;

/**
 * One CSV cell: quoted when needed, formula-escaped when it is text.
 * @example csvCell('=HYPERLINK("x")') // `"'=HYPERLINK(""x"")"`
 */
export function csvCell(value: CsvCell): string {
	if (value === null) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	let text = value;
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document (CRLF line ends, as spreadsheets expect). */
export function toCsv(header: string[], rows: CsvCell[][]): string {
	return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
