/**
 * RFC 4180 rows for the TradingView alert log: comma-separated, `"` quotes a cell, `""` is a quote
 * inside one, and a quoted cell may hold line breaks (an alert message with JSON over many lines).
 */

/** One row's cells and the 1-based line it starts on. */
export interface CsvRow {
	cells: string[];
	line: number;
}

/**
 * Splits CSV text into rows, each with the line it starts on; blank lines are not rows. An
 * unclosed quote runs to the end of the text (the last row then says so through `unclosed`).
 * @example csvRows('a,b\n"x\n""y""",2').map((r) => r.cells) // [['a', 'b'], ['x\n"y"', '2']]
 */
export function csvRows(text: string): { rows: CsvRow[]; unclosed: boolean } {
	const rows: CsvRow[] = [];
	let cells: string[] = [];
	let cell = '';
	let quoted = false;
	let line = 1;
	let rowLine = 1;
	let rowHasContent = false;
	const endRow = () => {
		if (rowHasContent || cells.length > 0) {
			cells.push(cell);
			rows.push({ cells, line: rowLine });
		}
		cells = [];
		cell = '';
		rowHasContent = false;
	};
	for (let i = 0; i < text.length; i++) {
		const ch = text[i]!;
		if (quoted) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					cell += '"';
					i++;
				} else quoted = false;
			} else {
				if (ch === '\n') line++;
				cell += ch;
			}
			continue;
		}
		if (ch === '"') {
			quoted = true;
			rowHasContent = true;
		} else if (ch === ',') {
			cells.push(cell);
			cell = '';
			rowHasContent = true;
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			endRow();
			line++;
			rowLine = line;
		} else {
			cell += ch;
			rowHasContent = true;
		}
	}
	endRow();
	return { rows, unclosed: quoted };
}
