/**
 * OHLCV bar files: Yahoo Finance history downloads, TradingView "Export chart data" and any other
 * time + open/high/low/close[/volume] table. None of them names the symbol in its rows, so the
 * symbol comes from the file name or the user. A bar that breaks OHLC arithmetic is rejected with
 * the rule it breaks; nothing is clamped or swapped into shape.
 */
import type { BarRecord } from '../model/records';
import { headerScore, isBlank, normalizeHeader, normalizeSymbol, parseDate, parseDateTime } from './cells';
import { parseNumber, parseTimeOfDay, type Columns } from './cells';
import { wallTimeToInstant, type InstantResult } from '../time/zone';
import { TableParser, formatDef } from './table';
import { notData, type FormatDef, type ParseOptions, type RowError, type RowOutcome } from './types';

type Field = 'date' | 'time' | 'open' | 'high' | 'low' | 'close' | 'volume';
type Aliases = Record<Field, readonly string[]>;
const PRICE_FIELDS = ['open', 'high', 'low', 'close'] as const;

/** How one kind of bar file names its columns and writes its times. */
interface BarLayout {
	aliases: Aliases;
	/** How a missing time column is named in the error. */
	timeName: string;
	/** Whether a bare 9-10 digit integer in the time column is Unix seconds (TradingView). */
	unixSeconds: boolean;
	/** Whether a bare 12-13 digit integer is Unix milliseconds (exchange and crypto dumps). */
	unixMillis: boolean;
}

const YAHOO: BarLayout = {
	aliases: {
		date: [],
		// `Datetime` (with a UTC offset) is what intraday downloads (yfinance) write instead of `Date`.
		time: ['Datetime', 'Date'],
		open: ['Open'],
		high: ['High'],
		low: ['Low'],
		close: ['Close'],
		volume: ['Volume']
	},
	timeName: 'Date',
	unixSeconds: false,
	unixMillis: false
};

const TRADINGVIEW: BarLayout = {
	aliases: {
		date: [],
		time: ['time'],
		open: ['open'],
		high: ['high'],
		low: ['low'],
		close: ['close'],
		volume: ['Volume']
	},
	timeName: 'time',
	unixSeconds: true,
	unixMillis: false
};

const GENERIC: BarLayout = {
	aliases: {
		date: ['date', 'day', 'trade date', '<date>'],
		time: ['datetime', 'timestamp', 'time', 'date time', 'open time', 'bar time', '<time>'],
		open: ['open', 'o', 'open price', '<open>'],
		high: ['high', 'h', 'high price', '<high>'],
		low: ['low', 'l', 'low price', '<low>'],
		close: ['close', 'c', 'close price', 'last', '<close>'],
		volume: ['volume', 'vol', 'v', '<vol>']
	},
	timeName: 'time or date',
	unixSeconds: true,
	unixMillis: true
};

/** A cell that stands for "no value" in bar files: blank, Yahoo's `null`, TradingView's `NaN`. */
function isMissing(cell: string): boolean {
	return isBlank(cell) || /^(null|nan)$/i.test(cell.trim());
}

/** A browser's duplicate-download suffix (`SPY (1).csv`) and the extension removed. */
function baseName(fileName: string): string {
	const last = fileName.split(/[\\/]/).pop() ?? '';
	return last
		.replace(/\.[A-Za-z0-9]{1,4}$/, '')
		.replace(/\s*\(\d+\)$/, '')
		.trim();
}

/** A ticker-like text: upper case letters, digits and `.-=^` with at least one letter (`^GSPC`, `BRK-B`, `ES=F`). */
function tickerLike(text: string): boolean {
	return /^\^?[A-Z0-9][A-Z0-9.=-]{0,14}$/.test(text) && /[A-Z]/.test(text);
}

/** `SPY.csv` -> `SPY`; lower-case names (`data.csv`, `export.csv`) are not taken for tickers. */
function plainSymbol(fileName: string): string | null {
	const base = baseName(fileName);
	return tickerLike(base) ? base : null;
}

/** Exchange prefixes that themselves contain an underscore (`CME_MINI:ES1!` -> `CME_MINI_ES1!, 1D.csv`). */
const UNDERSCORE_EXCHANGES = [
	'CME_MINI_DL',
	'CBOT_MINI_DL',
	'NYMEX_MINI_DL',
	'COMEX_MINI_DL',
	'CME_MINI',
	'CBOT_MINI',
	'NYMEX_MINI',
	'COMEX_MINI',
	'CME_DL',
	'CBOT_DL',
	'NYMEX_DL',
	'COMEX_DL'
];

/** The ticker in a TradingView chart-export name `EXCHANGE_TICKER, INTERVAL.csv`; null otherwise. */
function tradingViewSymbol(fileName: string): string | null {
	const m = /^([^,]+),\s*(\d+[SMHDW]?|[SDWM])$/i.exec(baseName(fileName));
	if (!m) return null;
	const ticker = m[1]!.trim().toUpperCase();
	if (!/^[A-Z0-9_.!&-]+$/.test(ticker)) return null;
	const prefix = UNDERSCORE_EXCHANGES.find((p) => ticker.startsWith(`${p}_`));
	const symbol = prefix
		? ticker.slice(prefix.length + 1)
		: ticker.split('_').length === 2
			? ticker.split('_')[1]!
			: ticker.includes('_')
				? null
				: ticker;
	return symbol && /[A-Z]/.test(symbol) ? symbol : null;
}

/**
 * A format of bars laid out as `layout`: its rows name no symbol (the file name or the user gives
 * it), and its header must name the four prices before `score` (given the header row, the sample
 * and the file name) says how sure it is.
 */
function barFormat(
	layout: BarLayout,
	def: Omit<Parameters<typeof formatDef>[0], 'detect' | 'parser'> & {
		score: (header: string[], sample: string[][], fileName: string) => number;
	}
): FormatDef {
	const { score, ...rest } = def;
	const a = layout.aliases;
	return formatDef({
		produces: 'bars',
		needsSymbol: true,
		...rest,
		detect(sample, fileName) {
			const header = sample[0] ?? [];
			if (headerScore(header, [a.open, a.high, a.low, a.close]) < 1) return 0;
			return score(header, sample, fileName);
		},
		parser: (options) => new BarParser(layout, options)
	});
}

/**
 * Yahoo Finance history download: `Date,Open,High,Low,Close,Adj Close,Volume`, ascending ISO
 * dates; a daily bar opens at 00:00 of its date in the chosen zone. `Adj Close` is ignored: bars
 * keep the traded prices so they line up with executions.
 */
export const yahooBars: FormatDef = barFormat(YAHOO, {
	id: 'yahoo-bars',
	label: 'Yahoo Finance — Historical prices',
	score(header, _sample, fileName) {
		if (headerScore(header, [YAHOO.aliases.time]) < 1) return 0;
		// `Adj Close` is Yahoo's own; without it the header is any OHLCV table.
		if (headerScore(header, [['Adj Close']]) < 1) return 0.4;
		return /yahoo/i.test(fileName) ? 0.95 : 0.9;
	},
	symbolFromFileName(fileName) {
		const yahoo = /^yahoo[\s_-]?finance[\s_-]+(.+?)[\s_-]+\d{8}[\s_-]+\d{8}$/i.exec(baseName(fileName));
		if (yahoo) {
			const symbol = yahoo[1]!.toUpperCase();
			return tickerLike(symbol) ? symbol : null;
		}
		return plainSymbol(fileName);
	}
});

/**
 * TradingView "Export chart data": `time,open,high,low,close[,Volume,Volume MA,<plots>]`. `time`
 * is Unix seconds or ISO (with an offset, or a bare date read in the chosen zone). Indicator plot
 * columns are ignored, however they are named or duplicated.
 */
export const tradingviewBars: FormatDef = barFormat(TRADINGVIEW, {
	id: 'tradingview-bars',
	label: 'TradingView — Chart data export',
	defaultZone: 'UTC',
	score(header, sample, fileName) {
		// TradingView always starts with `time`; a Date,Time,... header is someone else's.
		if (normalizeHeader(header[0] ?? '') !== 'time') return 0;
		let score = 0.45;
		// TradingView's own spelling: lower-case prices next to a capitalised `Volume`, plus plot columns.
		const ownCase = header.slice(0, 5).join(',') === 'time,open,high,low,close';
		if (ownCase) score += 0.25;
		if (tradingViewSymbol(fileName) !== null) score += 0.25;
		if (header.includes('Volume MA') || header.includes('Plot') || (ownCase && header.includes('Volume')))
			score += 0.1;
		if (/^\d{9,10}$/.test((sample[1]?.[0] ?? '').trim())) score += 0.1;
		return Math.min(1, score);
	},
	symbolFromFileName: tradingViewSymbol
});

/**
 * Any OHLCV table: a time column (or date + time columns) and open/high/low/close[/volume] under
 * common names, short ones (`o,h,l,c,v`) and MetaTrader's `<OPEN>` included. Slashed dates are
 * read month first; a day-first file fails loudly on its first day above 12. Detection stays at
 * 0.55 or below so that a specific format always wins.
 */
export const genericBars: FormatDef = barFormat(GENERIC, {
	id: 'generic-bars',
	label: 'Bars — generic OHLCV',
	// Fillbook's executions are mostly US markets; the user confirms the zone before importing.
	defaultZone: 'America/New_York',
	score(header) {
		const a = GENERIC.aliases;
		return headerScore(header, [[...a.date, ...a.time]]) < 1 ? 0 : 0.55;
	},
	symbolFromFileName: plainSymbol
});

class BarParser extends TableParser<Field> {
	readonly #symbol: string | null;

	constructor(
		private readonly bars: BarLayout,
		options: ParseOptions
	) {
		super({ aliases: bars.aliases, required: PRICE_FIELDS, underBrokenHeader: 'read' }, options);
		const symbol = normalizeSymbol(options.symbol ?? '');
		this.#symbol = symbol === '' ? null : symbol;
	}

	/** A time (or date) column first, then the prices. */
	protected override missing(columns: Columns<Field>, cells: string[]): string[] {
		const time = columns.has('time') || columns.has('date') ? [] : [this.bars.timeName];
		return [...time, ...super.missing(columns, cells)];
	}

	protected data(c: Columns<Field>, cells: string[], line: number): RowOutcome {
		// Yahoo writes `null` across non-trading days, TradingView `NaN` where it has no bar; a
		// dividend or split line has no prices either. None of these is a bar.
		if (PRICE_FIELDS.every((f) => isMissing(c.get(cells, f)))) return notData();

		const errors: RowError[] = [];
		const fail = (field: Field | null, reason: string) =>
			errors.push({ line, column: field === null ? null : c.name(field), reason });
		if (this.#symbol === null) fail(null, 'the symbol is needed: this file does not name it (choose one)');

		const time = this.#time(c, cells);
		if (!time.ok) fail(time.field, time.reason);
		const prices: Partial<Record<(typeof PRICE_FIELDS)[number], number>> = {};
		for (const field of PRICE_FIELDS) {
			const n = parseNumber(c.get(cells, field));
			if (!n.ok) fail(field, n.reason);
			else if (n.value <= 0) fail(field, `must be above zero, is ${n.value}`);
			else prices[field] = n.value;
		}
		let volume: number | null = null;
		if (c.has('volume') && !isMissing(c.get(cells, 'volume'))) {
			const n = parseNumber(c.get(cells, 'volume'));
			if (!n.ok) fail('volume', n.reason);
			else if (n.value < 0) fail('volume', `must not be negative, is ${n.value}`);
			else volume = n.value;
		}
		const { open, high, low, close } = prices;
		if (open === undefined || high === undefined || low === undefined || close === undefined)
			return { records: [], errors, skipped: 0 };
		// Each rule involves two or three columns, so none of them is named as the culprit.
		if (high < low) fail(null, `breaks high >= low: high ${high}, low ${low}`);
		if (high < Math.max(open, close))
			fail(null, `breaks high >= max(open, close): high ${high}, open ${open}, close ${close}`);
		if (low > Math.min(open, close))
			fail(null, `breaks low <= min(open, close): low ${low}, open ${open}, close ${close}`);

		if (errors.length > 0 || !time.ok || this.#symbol === null) return { records: [], errors, skipped: 0 };
		const record: BarRecord = {
			kind: 'bar',
			symbol: this.#symbol,
			time: time.value,
			open,
			high,
			low,
			close,
			volume,
			line
		};
		return { records: [record], errors: [], skipped: 0 };
	}

	/** The bar's instant, from a date + time-of-day pair or from one time column. */
	#time(
		c: Columns<Field>,
		cells: string[]
	): { ok: true; value: number } | { ok: false; field: Field; reason: string } {
		const zone = this.options.zone;
		if (c.has('date') && c.has('time')) {
			const time = parseTimeOfDay(c.get(cells, 'time'));
			// A Time column holding full timestamps next to a Date column stands on its own.
			if (!time.ok) return withField('time', this.#instant(c.get(cells, 'time')));
			const date = parseDate(c.get(cells, 'date'), 'mdy');
			if (!date.ok) return { ok: false, field: 'date', reason: date.reason };
			return withField('time', wallTimeToInstant({ ...date.value, ...time.value }, zone));
		}
		const field: Field = c.has('time') ? 'time' : 'date';
		return withField(field, this.#instant(c.get(cells, field)));
	}

	#instant(cell: string): InstantResult {
		const t = cell.trim();
		if (this.bars.unixSeconds && /^\d{9,10}$/.test(t)) return { ok: true, value: Number(t) * 1000 };
		if (this.bars.unixMillis && /^\d{12,13}$/.test(t)) return { ok: true, value: Number(t) };
		return parseDateTime(t, this.options.zone, 'mdy', true);
	}
}

function withField(
	field: Field,
	result: InstantResult
): { ok: true; value: number } | { ok: false; field: Field; reason: string } {
	return result.ok ? result : { ok: false, field, reason: result.reason };
}
