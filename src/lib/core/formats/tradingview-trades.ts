/**
 * TradingView strategy tester — "List of trades" export. Every trade number has an entry row and
 * an exit row (the exit usually first, newest trades first); each row is one execution. The
 * header changed over the years (`Contracts` / `Position size (qty)`, `Profit $` / `Net P&L INR`,
 * `Date/Time` / `Date and time`) and the money columns carry their currency in the name
 * (`Price INR`, `Price USDT`; a bare `Price` names none), so those are matched by prefix.
 *
 * The file names neither the symbol nor the zone: the symbol comes from the file name TradingView
 * gives (`<strategy>_<EXCHANGE>_<SYMBOL>_<YYYY-MM-DD>.csv`) or from the user, and times are wall
 * times in the chart's zone, which the user confirms (New York is only the first offer).
 * The backtest has no commissions, order ids or accounts.
 */
import type { AssetClass } from '../model/records';
import { Columns, isBlank, normalizeSymbol, parseDateTime, parseNumber, parseOptionalNumber } from './cells';
import type { Parsed } from './cells';
import { TableParser, formatDef, layout } from './table';
import {
	accept,
	execution,
	notData,
	type FormatDef,
	type ParseOptions,
	type RowError,
	type RowOutcome
} from './types';

const ALIASES = {
	tradeNo: ['Trade #', 'Trade No', 'Trade number'],
	type: ['Type'],
	signal: ['Signal'],
	time: ['Date/Time', 'Date and time', 'Date'],
	qty: ['Contracts', 'Position size (qty)', 'Quantity', 'Qty']
} as const;
type Field = keyof typeof ALIASES;
const LAYOUT = layout(ALIASES, ['tradeNo', 'type', 'time', 'qty']);

/** Money columns whose name is a prefix plus a unit: `Price INR`, `Net P&L USD`, `Profit $`. */
const PRICE_PREFIXES = ['price'] as const;
const PNL_PREFIXES = ['net p&l', 'profit', 'p&l'] as const;

// Exchange prefixes TradingView writes before the symbol (`NSE_ANANDRATHI`, `CME_MINI:ES1!`).
// Known names only: an unknown token before the date may be part of the strategy's name.
const FUTURES_EXCHANGES = [
	'CME',
	'CME_MINI',
	'CBOT',
	'CBOT_MINI',
	'NYMEX',
	'NYMEX_MINI',
	'COMEX',
	'COMEX_MINI',
	'ICEUS',
	'ICEEUR',
	'ICEEU',
	'EUREX',
	'CFE'
];
const CRYPTO_EXCHANGES = [
	'BINANCE',
	'BINANCEUS',
	'BYBIT',
	'COINBASE',
	'KRAKEN',
	'BITSTAMP',
	'OKX',
	'BITGET',
	'KUCOIN',
	'MEXC',
	'GATEIO',
	'BITFINEX',
	'BITMEX',
	'DERIBIT',
	'GEMINI',
	'HTX',
	'POLONIEX',
	'PHEMEX',
	'BINGX'
];
const FOREX_EXCHANGES = [
	'FX',
	'FX_IDC',
	'OANDA',
	'FOREXCOM',
	'FXCM',
	'SAXO',
	'PEPPERSTONE',
	'ICMARKETS',
	'CAPITALCOM',
	'EIGHTCAP'
];
const STOCK_EXCHANGES = [
	'NSE',
	'BSE',
	'MCX',
	'NASDAQ',
	'NYSE',
	'AMEX',
	'BATS',
	'ARCA',
	'NYSEARCA',
	'OTC',
	'CBOE',
	'TSX',
	'TSXV',
	'LSE',
	'XETR',
	'FWB',
	'EURONEXT',
	'ASX',
	'HKEX',
	'TSE',
	'SGX',
	'TVC',
	'SP',
	'INDEX'
];
const FUTURES = new Set(FUTURES_EXCHANGES);
const CRYPTO = new Set(CRYPTO_EXCHANGES);
const FOREX = new Set(FOREX_EXCHANGES);
// Longest first so that `CME_MINI` is preferred over `CME` followed by a symbol `MINI`.
const EXCHANGES = [...FUTURES_EXCHANGES, ...CRYPTO_EXCHANGES, ...FOREX_EXCHANGES, ...STOCK_EXCHANGES].sort(
	(a, b) => b.length - a.length
);
const FILE_NAME = new RegExp(
	`(?:^|[_\\s])(${EXCHANGES.join('|')})_([A-Z0-9][A-Z0-9.!&]*)(?:_\\d{4}-\\d{2}-\\d{2})?(?:\\s*\\(\\d+\\))?$`,
	'i'
);

/**
 * The exchange and symbol in a TradingView export's file name, e.g.
 * `RSI_Strategy_NSE_ANANDRATHI_2025-09-20.csv` or `…_CME_MINI_NQ1!_2025-12-23 (1).csv`.
 * Null when no known exchange stands right before the symbol.
 */
export function tradingViewFileSymbol(fileName: string): { exchange: string; symbol: string } | null {
	const base = (fileName.split(/[/\\]/).pop() ?? '').replace(/\.(csv|txt|tsv|xlsx?)$/i, '').trim();
	const m = FILE_NAME.exec(base);
	if (!m) return null;
	return { exchange: m[1]!.toUpperCase(), symbol: normalizeSymbol(m[2]!) };
}

/**
 * The asset class a TradingView exchange and symbol imply: continuous futures (`ES1!`) and the
 * CME/CBOT/NYMEX/… family are futures, crypto venues crypto, six-letter pairs on FX venues forex,
 * anything else stock.
 * @example tradingViewAssetClass('CME_MINI', 'ES1!') // 'future'
 */
export function tradingViewAssetClass(exchange: string | null, symbol: string): AssetClass {
	if (/\d!$/.test(symbol)) return 'future';
	const ex = exchange?.toUpperCase() ?? '';
	if (FUTURES.has(ex)) return 'future';
	if (CRYPTO.has(ex)) return 'crypto';
	if (FOREX.has(ex) && /^[A-Z]{6}$/.test(symbol)) return 'forex';
	return 'stock';
}

/**
 * TradingView writes negatives with U+2212 on screen; should one reach a file it must still read.
 */
export function parseTradingViewNumber(cell: string): Parsed<number> {
	return parseNumber(cell.replace(/\u2212/g, '-'), { currencyCode: true });
}

interface UnitColumn {
	index: number;
	/** Header as written, for messages. */
	name: string;
	/** What follows the prefix (`INR`, `$`), null when the name is the bare prefix. */
	unit: string | null;
}

/** The first column named `<prefix>` or `<prefix> <unit>` (never a `%` column). */
function findUnitColumn(headers: readonly string[], prefixes: readonly string[]): UnitColumn | null {
	for (const [index, raw] of headers.entries()) {
		const name = raw.replace(/^\uFEFF/, '').trim();
		const h = name.toLowerCase().replace(/\s+/g, ' ');
		for (const prefix of prefixes) {
			if (h === prefix) return { index, name, unit: null };
			if (!h.startsWith(`${prefix} `)) continue;
			const unit = name
				.slice(prefix.length)
				.trim()
				.replace(/^\((.*)\)$/, '$1')
				.trim();
			if (unit !== '%') return { index, name, unit };
		}
	}
	return null;
}

type Direction = 'long' | 'short';
type Leg = 'entry' | 'exit';

function parseType(cell: string): Parsed<{ leg: Leg; direction: Direction }> {
	const m = /^(entry|exit)\s+(long|short)$/i.exec(cell.trim());
	if (!m)
		return {
			ok: false,
			reason: `"${cell.trim()}" is not a trade type (Entry long, Exit long, Entry short, Exit short)`
		};
	return {
		ok: true,
		value: { leg: m[1]!.toLowerCase() as Leg, direction: m[2]!.toLowerCase() as Direction }
	};
}

function detectHeader(header: string[]): number {
	const c = new Columns(header, ALIASES);
	if (c.missing(['tradeNo', 'type', 'time']).length > 0) return 0;
	if (!findUnitColumn(header, PRICE_PREFIXES)) return 0;
	// `Trade #` + entry/exit `Type` + a price is TradingView's own; quantity and P&L only confirm it.
	const extra = (c.has('qty') ? 1 : 0) + (findUnitColumn(header, PNL_PREFIXES) ? 1 : 0);
	return 0.85 + 0.05 * extra;
}

export const tradingviewTrades: FormatDef = formatDef({
	id: 'tradingview-trades',
	label: 'TradingView — Strategy list of trades',
	needsSymbol: true,
	detect(sample) {
		return detectHeader(sample[0] ?? []);
	},
	/**
	 * @example tradingviewTrades.symbolFromFileName?.('RSI_Momentum_Strategy_NSE_ANANDRATHI_2025-09-20.csv') // 'ANANDRATHI'
	 */
	symbolFromFileName(fileName) {
		return tradingViewFileSymbol(fileName)?.symbol ?? null;
	},
	parser: (options) => new TradesParser(options)
});

/** The money columns, found by prefix. */
interface Units {
	price: UnitColumn;
	pnl: UnitColumn | null;
	currency: string | null;
}

interface SeenRow {
	direction: Direction;
	line: number;
}

class TradesParser extends TableParser<Field> {
	#units: Units | null = null;
	readonly #symbol: string | null;
	readonly #assetClass: AssetClass;
	readonly #zone: string;
	/** Rows already read per trade number, to catch a second entry (or exit) or a flipped direction. */
	readonly #seen = new Map<string, { entry?: SeenRow; exit?: SeenRow }>();

	constructor(options: ParseOptions) {
		super(LAYOUT, options);
		const symbol = options.symbol === null ? '' : normalizeSymbol(options.symbol);
		this.#symbol = symbol === '' ? null : symbol;
		this.#zone = options.zone;
		// The exchange is only in the file name; without it the symbol alone decides.
		const fromName = tradingViewFileSymbol(options.fileName);
		this.#assetClass = tradingViewAssetClass(fromName?.exchange ?? null, symbol);
	}

	protected override header(cells: string[], line: number): RowOutcome {
		const price = findUnitColumn(cells, PRICE_PREFIXES);
		const currency = price?.unit && /^[A-Z]{3,5}$/.test(price.unit) ? price.unit : null;
		this.#units = price && { price, pnl: findUnitColumn(cells, PNL_PREFIXES), currency };
		return super.header(cells, line);
	}

	/** The layout's columns, and a price column (found by prefix). */
	protected override missing(columns: Columns<Field>, cells: string[]): string[] {
		const missing = super.missing(columns, cells);
		return this.#units ? missing : [...missing, 'Price'];
	}

	protected data(c: Columns<Field>, cells: string[], line: number): RowOutcome {
		// Data rows are read only under a header that has every column, the price among them.
		const { price: priceColumn, pnl: pnlColumn, currency } = this.#units!;
		const errors: RowError[] = [];
		const fail = (column: string, reason: string) => errors.push({ line, column, reason });

		const type = parseType(c.get(cells, 'type'));
		if (!type.ok) fail(c.name('type'), type.reason);
		// An open trade's exit row is a placeholder (Signal `Open`, last bar's time and close), not a fill.
		else if (type.value.leg === 'exit' && c.get(cells, 'signal').trim().toLowerCase() === 'open')
			return notData();

		const tradeNo = c.get(cells, 'tradeNo').trim();
		if (!/^\d+$/.test(tradeNo))
			fail(c.name('tradeNo'), isBlank(tradeNo) ? 'is empty' : `"${tradeNo}" is not a trade number`);
		const time = parseDateTime(c.get(cells, 'time'), this.#zone);
		if (!time.ok) fail(c.name('time'), time.reason);
		const price = parseTradingViewNumber(cells[priceColumn.index] ?? '');
		if (!price.ok) fail(priceColumn.name, price.reason);
		else if (price.value <= 0) fail(priceColumn.name, `must be above zero, is ${price.value}`);
		const qty = parseTradingViewNumber(c.get(cells, 'qty'));
		if (!qty.ok) fail(c.name('qty'), qty.reason);
		else if (qty.value <= 0) fail(c.name('qty'), `must be above zero, is ${qty.value}`);
		// Newer exports repeat the trade's P&L on the entry row; it is realised only by the exit.
		const isExit = type.ok && type.value.leg === 'exit';
		const pnlCell = pnlColumn && isExit ? (cells[pnlColumn.index] ?? '') : '';
		const pnl = isBlank(pnlCell) ? parseOptionalNumber('') : parseTradingViewNumber(pnlCell);
		if (!pnl.ok) fail(pnlColumn?.name ?? 'P&L', pnl.reason);
		if (this.#symbol === null)
			errors.push({
				line,
				column: null,
				reason:
					"the symbol is not set (TradingView's list of trades does not name it): choose it for the import"
			});
		if (type.ok && errors.length === 0) {
			const conflict = this.#conflict(tradeNo, type.value.leg, type.value.direction);
			if (conflict) fail(c.name('type'), conflict);
		}

		if (errors.length > 0 || !type.ok || !time.ok || !price.ok || !qty.ok || !pnl.ok || this.#symbol === null)
			return { records: [], errors, skipped: 0 };
		const { leg, direction } = type.value;
		this.#remember(tradeNo, leg, { direction, line });
		const opens = leg === 'entry';
		return accept(
			execution({
				// `${trade#}-entry` would be unique in one export only: another strategy's export of the
				// same symbol reuses trade numbers, so identity falls back to the tuple.
				brokerExecutionId: null,
				symbol: this.#symbol,
				assetClass: this.#assetClass,
				// Long: entry buys, exit sells. Short: entry sells short, exit buys to cover.
				side: (direction === 'long') === opens ? 'buy' : 'sell',
				positionEffect: opens ? 'open' : 'close',
				shortSale: direction === 'short' && opens,
				quantity: qty.value,
				price: price.value,
				time: time.value,
				currency,
				brokerPnl: pnl.value,
				line
			})
		);
	}

	/** Why this row cannot belong to its trade number, or null when it fits. */
	#conflict(tradeNo: string, leg: Leg, direction: Direction): string | null {
		const seen = this.#seen.get(tradeNo);
		const same = seen?.[leg];
		if (same) return `trade #${tradeNo} already has an ${leg} row (line ${same.line})`;
		const other = seen?.[leg === 'entry' ? 'exit' : 'entry'];
		if (other && other.direction !== direction)
			return `${leg} ${direction} does not match trade #${tradeNo}'s ${leg === 'entry' ? 'exit' : 'entry'} ${other.direction} (line ${other.line})`;
		return null;
	}

	#remember(tradeNo: string, leg: Leg, row: SeenRow): void {
		const seen = this.#seen.get(tradeNo) ?? {};
		seen[leg] = row;
		this.#seen.set(tradeNo, seen);
	}
}
