/**
 * DAS Trader Pro — Trades window export. No date column: times are US/Eastern wall times of the
 * trade date, which comes from the file name or the user. Every line ends with a comma; columns
 * follow what the user's Trades window shows, so everything is matched by name.
 */
import type { ExecutionRecord } from '../model/records';
import { headerScore, normalizeSymbol, parseNumber, parseOptionalNumber, parseSide } from './cells';
import { parseTimeOfDay, parseDate, type Columns } from './cells';
import { wallTimeToInstant } from '../time/zone';
import { rowErrors, TableParser, formatDef, layout } from './table';
import { EMPTY_OUTCOME, refuse, type FormatDef, type ParseOptions, type RowOutcome } from './types';

const ALIASES = {
	time: ['Time'],
	symbol: ['Symbol', 'Symb'],
	side: ['Side'],
	price: ['Price'],
	qty: ['Qty', 'Quantity', 'Shares'],
	route: ['Route'],
	account: ['Account'],
	type: ['Type'],
	cloid: ['Cloid'],
	ecnFee: ['ECNFee', 'ECN Fee'],
	pnl: ['P / L', 'P/L'],
	secType: ['SecType']
} as const;
type Field = keyof typeof ALIASES;
const LAYOUT = layout(ALIASES, ['time', 'symbol', 'side', 'price', 'qty'], {
	optional: ['account', 'pnl'],
	underBrokenHeader: 'read'
});
/** Bound on the per-file cache of instants by Time text (a day has 86,400 whole seconds). */
const MAX_CACHED_INSTANTS = 200_000;

export const das: FormatDef = formatDef({
	id: 'das-trades',
	label: 'DAS Trader — Trades window',
	needsTradeDate: true,
	hasAccountColumn: true,
	detect(sample) {
		const header = sample[0] ?? [];
		const core = headerScore(header, [
			ALIASES.time,
			ALIASES.symbol,
			ALIASES.side,
			ALIASES.price,
			ALIASES.qty
		]);
		if (core < 1) return 0;
		// Route / Cloid / Liq / ECNFee are DAS's own; a bare Time,Symbol,Side,Price,Qty could be anything.
		const own = headerScore(header, [
			['Route'],
			['Cloid'],
			['Account'],
			['P / L', 'P/L'],
			['Symb'],
			['ECNFee'],
			['LiqType', 'Liq']
		]);
		const hasDate = headerScore(header, [['Date', 'Trade Date', 'T/D', 'Date/Time']]) > 0;
		return hasDate ? 0 : 0.6 + 0.4 * Math.min(1, own * 2);
	},
	parser: (options) => new DasParser(options)
});

class DasParser extends TableParser<Field> {
	#date: { year: number; month: number; day: number } | null = null;
	#dateError: string | null = null;
	/** Instant of each Time text seen (valid ones only). */
	readonly #instants = new Map<string, number>();
	#lastTimeText: string | null = null;
	#lastInstant: number | undefined = undefined;
	/** Column index of each field (-1: absent), read once from the header. */
	#at: Record<Field, number> | null = null;
	/** Cells that repeat on most rows, by their text: symbols, routes, accounts. */
	readonly #symbols = new TextCache(normalizeSymbol);
	readonly #routes = new TextCache((cell) => cell.trim());
	readonly #accounts = new TextCache((cell) => cell.trim());

	constructor(options: ParseOptions) {
		super(LAYOUT, options);
		if (options.tradeDate === null)
			this.#dateError = 'the trade date is not set (DAS exports have no date column)';
		else {
			const date = parseDate(options.tradeDate);
			if (date.ok) this.#date = date.value;
			else this.#dateError = `the trade date ${date.reason}`;
		}
	}

	protected data(c: Columns<Field>, cells: string[], line: number): RowOutcome {
		const at = (this.#at ??= { ...c.index });

		// The instant depends only on the Time text (trade date and zone are fixed per parser), so
		// it is worked out once per distinct text; only texts that gave an instant are cached.
		const timeText = cell(cells, at.time);
		// Rows come in time order: most repeat the previous row's Time.
		const cached = timeText === this.#lastTimeText ? this.#lastInstant : this.#instants.get(timeText);
		const time = cached === undefined ? parseTimeOfDay(timeText) : null;
		const symbol = this.#symbols.get(cell(cells, at.symbol));
		const side = parseSide(cell(cells, at.side));
		const price = parseNumber(cell(cells, at.price));
		const qty = parseNumber(cell(cells, at.qty));
		const ecnFee = parseOptionalNumber(cell(cells, at.ecnFee));
		const pnl = parseOptionalNumber(cell(cells, at.pnl));

		if (
			(time !== null && !time.ok) ||
			symbol === '' ||
			!side.ok ||
			!price.ok ||
			price.value <= 0 ||
			!qty.ok ||
			qty.value <= 0 ||
			!ecnFee.ok ||
			!pnl.ok ||
			this.#dateError !== null ||
			this.#date === null
		) {
			// The failure path: every problem of the row, in column order as always.
			const { errors, fail, positive, rejected } = rowErrors(c, line);
			if (time !== null && !time.ok) fail('time', time.reason);
			if (symbol === '') fail('symbol', 'is empty');
			if (!side.ok) fail('side', side.reason);
			positive('price', price);
			positive('qty', qty);
			if (!ecnFee.ok) fail('ecnFee', ecnFee.reason);
			if (!pnl.ok) fail('pnl', pnl.reason);
			if (this.#dateError) errors.push({ line, column: null, reason: this.#dateError });
			return rejected();
		}
		let instant: number;
		if (cached !== undefined) instant = cached;
		else {
			// time is parsed and valid here (cached is undefined, so time was parsed; failures returned above).
			const result = wallTimeToInstant({ ...this.#date, ...time!.value }, this.options.zone);
			if (!result.ok) return refuse(line, c.name('time'), result.reason);
			instant = result.value;
			if (this.#instants.size >= MAX_CACHED_INSTANTS) this.#instants.clear();
			this.#instants.set(timeText, instant);
		}
		this.#lastTimeText = timeText;
		this.#lastInstant = instant;

		const account = this.#accounts.get(cell(cells, at.account));
		const cloid = cell(cells, at.cloid).trim();
		const route = this.#routes.get(cell(cells, at.route));
		const secType = cell(cells, at.secType).trim().toLowerCase();
		const record: ExecutionRecord = {
			kind: 'execution',
			brokerExecutionId: null,
			accountNumber: account === '' ? null : account,
			symbol,
			assetClass: secType.startsWith('opt') ? 'option' : secType.startsWith('fut') ? 'future' : 'stock',
			side: side.value.side,
			positionEffect: null,
			shortSale: side.value.shortSale,
			quantity: qty.value,
			price: price.value,
			time: instant,
			// The Trades window shows ECN fees (positive = charged, negative = rebate for adding
			// liquidity); commissions are not in this export.
			commission: null,
			fees: ecnFee.value,
			currency: null,
			multiplier: null,
			// `AUTO` is the simulator's placeholder, not an order id.
			orderId: cloid === '' || cloid.toUpperCase() === 'AUTO' ? null : cloid,
			venue: route === '' ? null : route,
			brokerPnl: pnl.value,
			line
		};
		return { records: [record], errors: EMPTY_OUTCOME.errors, skipped: 0 };
	}
}

/** The cell at a column index ('' when the column is absent or the row is short), as Columns.get. */
function cell(cells: string[], at: number): string {
	return at >= 0 ? (cells[at] ?? '') : '';
}

/**
 * A function of a cell's text, remembered per distinct text: one Map lookup instead of the work,
 * and one shared string for every row that repeats it. Bounded (forgets all when full).
 */
class TextCache {
	readonly #values = new Map<string, string>();
	constructor(private readonly of: (cell: string) => string) {}

	get(text: string): string {
		let value = this.#values.get(text);
		if (value === undefined) {
			value = this.of(text);
			if (this.#values.size >= 10_000) this.#values.clear();
			this.#values.set(text, value);
		}
		return value;
	}
}
