/**
 * Tradervue — "Export trades": one row per round trip (a journal trade), 13 or 29 columns.
 * It has no executions, but it has what only the journal knows: initial risk, R, notes and tags
 * (the strategy is usually a tag). Every column is kept verbatim in `raw`; the typed fields are
 * parsed from it. Datetimes are wall times in the user's Tradervue time zone.
 */
import type { JournalTradeRecord } from '../model/records';
import {
	headerScore,
	isBlank,
	normalizeSymbol,
	parseDateTime,
	parseNumber,
	parseOptionalNumber
} from './cells';
import type { Columns, NumberStyle } from './cells';
import { rowErrors, TableParser, formatDef, layout } from './table';
import { refuse, type FormatDef, type RowOutcome } from './types';

const ALIASES = {
	open: ['Open Datetime'],
	close: ['Close Datetime'],
	symbol: ['Symbol'],
	side: ['Side'],
	volume: ['Volume'],
	execCount: ['Exec Count'],
	entry: ['Entry Price'],
	exit: ['Exit Price'],
	gross: ['Gross P&L'],
	notes: ['Notes'],
	tags: ['Tags'],
	net: ['Net P&L'],
	commissions: ['Commissions'],
	fees: ['Fees'],
	risk: ['Initial Risk'],
	r: ['P&L (R)'],
	account: ['Account']
} as const;
type Field = keyof typeof ALIASES;
/** The journal's numeric columns (all optional). */
const NUMBER_FIELDS = [
	'execCount',
	'entry',
	'exit',
	'gross',
	'net',
	'commissions',
	'fees',
	'risk',
	'r'
] as const;
const LAYOUT = layout(ALIASES, ['open', 'symbol', 'side', 'volume'], {
	optional: ['close', ...NUMBER_FIELDS, 'notes', 'tags'],
	// Every later row is refused with one reason instead (see row()).
	underBrokenHeader: 'read'
});

export const tradervueTrades: FormatDef = formatDef({
	id: 'tradervue-trades',
	label: 'Tradervue — Trade export (journal trades)',
	produces: 'journal',
	detect(sample) {
		const header = sample[0] ?? [];
		return headerScore(header, [
			ALIASES.open,
			ALIASES.close,
			ALIASES.symbol,
			ALIASES.side,
			ALIASES.volume,
			ALIASES.execCount,
			['Gross P&L']
		]) === 1
			? 0.95
			: 0;
	},
	parser: (options) => new TradervueTradesParser(LAYOUT, options)
});

/** Numeric journal fields: Tradervue writes `Inf` (R with zero risk) and blanks; both are kept in `raw`. */
function journalNumber(
	cell: string,
	style: NumberStyle = {}
): { ok: true; value: number | null } | { ok: false; reason: string } {
	const t = cell.trim();
	if (/^-?inf(inity)?$/i.test(t)) return { ok: true, value: null };
	return parseOptionalNumber(t, style);
}

class TradervueTradesParser extends TableParser<Field> {
	override row(cells: string[], line: number): RowOutcome {
		// Under a header that is not this export's, every row (blank ones too) is refused.
		if (this.broken) return refuse(line, null, 'the header row is not a Tradervue export header');
		return super.row(cells, line);
	}

	protected data(c: Columns<Field>, cells: string[], line: number): RowOutcome {
		const { errors, fail, check, positive, rejected } = rowErrors(c, line);

		const open = check('open', parseDateTime(c.get(cells, 'open'), this.options.zone));
		let closeTime: number | null = null;
		if (!isBlank(c.get(cells, 'close'))) {
			const close = parseDateTime(c.get(cells, 'close'), this.options.zone);
			if (close.ok) closeTime = close.value;
			else fail('close', close.reason);
		}
		const symbol = normalizeSymbol(c.get(cells, 'symbol'));
		if (symbol === '') fail('symbol', 'is empty');
		const sideCell = c.get(cells, 'side').trim().toUpperCase();
		const direction =
			sideCell === 'L' || sideCell === 'LONG'
				? 'long'
				: sideCell === 'S' || sideCell === 'SHORT'
					? 'short'
					: null;
		if (!direction) fail('side', `"${c.get(cells, 'side').trim()}" is not L or S`);
		const volume = positive('volume', parseNumber(c.get(cells, 'volume')));

		const numbers = {} as Record<(typeof NUMBER_FIELDS)[number], number | null>;
		for (const field of NUMBER_FIELDS) {
			const parsed = journalNumber(c.get(cells, field), field === 'r' ? { r: true } : {});
			if (parsed.ok) numbers[field] = parsed.value;
			else fail(field, parsed.reason);
		}
		if (errors.length > 0 || !open.ok || !direction || !volume.ok) return rejected();

		const raw: Record<string, string> = {};
		c.headers.forEach((header, i) => {
			if (header !== '') raw[header] = cells[i] ?? '';
		});
		const tagsCell = c.get(cells, 'tags');
		const account = c.get(cells, 'account').trim();
		const record: JournalTradeRecord = {
			kind: 'journal',
			accountNumber: account === '' ? null : account,
			symbol,
			direction,
			openTime: open.value,
			closeTime,
			volume: volume.value,
			executionCount: numbers.execCount,
			entryPrice: numbers.entry,
			exitPrice: numbers.exit,
			grossPnl: numbers.gross,
			netPnl: numbers.net,
			commissions: numbers.commissions,
			fees: numbers.fees,
			initialRisk: numbers.risk,
			pnlR: numbers.r,
			notes: c.get(cells, 'notes'),
			tags: tagsCell
				.split(',')
				.map((t) => t.trim())
				.filter((t) => t !== ''),
			raw,
			line
		};
		return { records: [record], errors: [], skipped: 0 };
	}
}
