/**
 * Interactive Brokers — Flex Query CSV (Activity flex "Trades" section, or a Trade Confirmation
 * flex). Every field is quoted; the file may open with a `"MSG",…` line and, when the query
 * includes header and trailer records, wraps sections in `BOF/BOA/BOS … EOS/EOA/EOF` lines. With
 * "section code and line descriptor" on, rows start with `HEADER,TRNT` / `DATA,TRNT`. One file
 * may hold several sections (trades, cash transactions…), each with its own header row; only the
 * trades sections give executions. Times are wall times in the account's zone.
 */
import type { AssetClass, PositionEffect } from '../model/records';
import { wallTimeToInstant, type InstantResult } from '../time/zone';
import {
	Columns,
	headerScore,
	isBlank,
	normalizeHeader,
	normalizeSymbol,
	parseDate,
	parseNumber,
	parseOptionalNumber,
	parseSide,
	type Parsed,
	occSymbol
} from './cells';

/** Re-exported for the formats that build on this one. */
export { occSymbol };
import { formatDef, headerRowOutcome, missingNames, rowErrors, RowParser } from './table';
import { accept, execution, notData, refuse, skip, type FormatDef, type RowOutcome } from './types';

const ALIASES = {
	account: ['ClientAccountID', 'AccountID', 'Account'],
	currency: ['CurrencyPrimary', 'Currency'],
	assetClass: ['AssetClass', 'AssetCategory'],
	symbol: ['Symbol'],
	underlying: ['UnderlyingSymbol'],
	tradeId: ['TradeID'],
	execId: ['IBExecID', 'ExecID'],
	multiplier: ['Multiplier'],
	strike: ['Strike'],
	expiry: ['Expiry'],
	putCall: ['Put/Call'],
	dateTime: ['DateTime', 'Date/Time'],
	exchange: ['Exchange'],
	quantity: ['Quantity'],
	price: ['TradePrice', 'Price'],
	commission: ['IBCommission', 'Commission'],
	commissionCurrency: ['IBCommissionCurrency', 'CommissionCurrency'],
	taxes: ['Taxes'],
	openClose: ['Open/CloseIndicator'],
	codes: ['Notes/Codes', 'Code'],
	buySell: ['Buy/Sell'],
	orderId: ['IBOrderID', 'OrderID'],
	levelOfDetail: ['LevelOfDetail'],
	pnl: ['FifoPnlRealized']
} as const;
type Field = keyof typeof ALIASES;
const REQUIRED: Field[] = ['assetClass', 'symbol', 'dateTime', 'quantity', 'price'];

/** Columns only IBKR's Flex reports have; a header needs some of them to be taken for a Flex file. */
const OWN_COLUMNS: readonly (readonly string[])[] = [
	['ClientAccountID'],
	['AssetClass'],
	['CurrencyPrimary'],
	['TradePrice'],
	['IBCommission'],
	['Buy/Sell'],
	['LevelOfDetail'],
	['TradeID'],
	['IBOrderID'],
	['Open/CloseIndicator'],
	['FifoPnlRealized'],
	['IBExecID'],
	['Conid'],
	['Put/Call']
];

/** Columns that mark a section as trades even without a BOS line (cash transactions have TradeID too). */
const TRADE_MARKERS = new Set(
	['TradePrice', 'Buy/Sell', 'IBExecID', 'ExecID', 'IBCommission'].map(normalizeHeader)
);

/** Every column name this module knows, to tell a section's header row from its data rows. */
const KNOWN_HEADERS = new Set(
	[
		...Object.values(ALIASES).flat(),
		...OWN_COLUMNS.flat(),
		'AccountAlias',
		'Model',
		'Description',
		'TradeDate',
		'ReportDate',
		'SettleDateTarget',
		'TransactionType',
		'Proceeds',
		'NetCash',
		'TradeMoney',
		'FXRateToBase',
		'ListingExchange',
		'Amount',
		'Type'
	].map(normalizeHeader)
);

/** Flex section codes whose rows are trades (Activity flex "Trades", Trade Confirmation flex). */
const TRADE_SECTIONS = new Set(['TRNT', 'TCNF']);
/** Header and trailer records a Flex file may carry around its sections. */
const CONTROL = new Set(['MSG', 'BOF', 'EOF', 'BOA', 'EOA', 'BOS', 'EOS']);

/** What both IBKR formats say of their files: each row names its account, and its P/L is net. */
export const IBKR_FORMAT = {
	hasAccountColumn: true,
	// FifoPnlRealized / Realized P/L include the commissions of both sides.
	brokerPnlAfterCommissions: true
} as const;

export const ibkrFlex: FormatDef = formatDef({
	id: 'ibkr-flex',
	label: 'Interactive Brokers — Flex Query (trades)',
	...IBKR_FORMAT,
	detect(sample) {
		let best = 0;
		for (const raw of sample.slice(0, 50)) {
			// An Activity statement (`Trades,Header,…`) names its sections in every row: not a Flex file.
			if (raw[1]?.trim() === 'Header' && raw[0]?.trim() !== 'HEADER') return 0;
			const first = (raw[0] ?? '').trim().toUpperCase();
			if (first === 'BOS' && TRADE_SECTIONS.has((raw[1] ?? '').trim().toUpperCase()))
				best = Math.max(best, 0.8);
			if (CONTROL.has(first) || first === 'DATA') continue;
			const cells = first === 'HEADER' ? raw.slice(2) : raw;
			if (!looksLikeHeader(cells)) continue;
			// One IBKR-looking column is not enough: tastyworks' legacy export has Buy/Sell too.
			const own = Math.round(headerScore(cells, OWN_COLUMNS) * OWN_COLUMNS.length);
			const core = headerScore(cells, [ALIASES.symbol, ALIASES.quantity, ALIASES.price, ALIASES.dateTime]);
			best = Math.max(best, core === 1 && own >= 3 ? Math.min(1, 0.6 + 0.1 * own) : Math.min(0.4, 0.1 * own));
		}
		return best;
	},
	parser: (options) => new FlexParser(options)
});

interface Section {
	columns: Columns<Field>;
	/** Whether the section's rows are trades; rows of other sections are skipped. */
	trades: boolean;
	headerLine: number;
	/** Required columns the header lacks (its rows cannot be read). */
	missing: string[];
}

class FlexParser extends RowParser {
	#section: Section | null = null;
	/** Code of the section a BOS line opened (`TRNT`…), until its EOS. */
	#sectionCode: string | null = null;
	/** Account named by the BOA (or BOF) line, for queries without a ClientAccountID column. */
	#account: string | null = null;

	row(input: string[], line: number): RowOutcome {
		if (input.every(isBlank)) return notData();
		const first = (input[0] ?? '').trim().toUpperCase();
		if (CONTROL.has(first)) {
			this.#control(first, input);
			return notData();
		}
		let cells = input;
		let isHeader: boolean;
		let code = this.#sectionCode;
		if ((first === 'HEADER' || first === 'DATA') && input.length > 2) {
			cells = input.slice(2);
			isHeader = first === 'HEADER';
			code = (input[1] ?? '').trim().toUpperCase() || code;
		} else {
			// Without line descriptors, a section's first row is its header, and a new header row
			// (sections follow each other without BOS lines) is told apart by its column names.
			isHeader = this.#section === null || looksLikeHeader(cells);
		}
		if (isHeader) return this.#header(cells, line, code);
		const section = this.#section;
		if (section && !section.trades) return skip('a line of a section that is not trades');
		if (!section || section.missing.length > 0)
			return unreadable(section && { line: section.headerLine, missing: section.missing }, line, '');
		return this.#execution(section, cells, line);
	}

	#control(kind: string, cells: string[]): void {
		const value = (cells[1] ?? '').trim();
		if (kind === 'BOA' || (kind === 'BOF' && this.#account === null))
			this.#account = value === '' ? null : value;
		else if (kind === 'EOA') this.#account = null;
		else if (kind === 'BOS') {
			this.#sectionCode = value.toUpperCase();
			this.#section = null;
		} else if (kind === 'EOS') {
			this.#sectionCode = null;
			this.#section = null;
		}
	}

	#header(cells: string[], line: number, code: string | null): RowOutcome {
		const columns = new Columns(cells, ALIASES);
		const normalized = cells.map(normalizeHeader);
		const trades =
			code !== null ? TRADE_SECTIONS.has(code) : normalized.some((header) => TRADE_MARKERS.has(header));
		const missing = trades ? missingNames(columns, ALIASES, REQUIRED) : [];
		this.#section = { columns, trades, headerLine: line, missing };
		return headerRowOutcome(columns, missing, [], line);
	}

	#execution(section: Section, cells: string[], line: number): RowOutcome {
		const c = section.columns;
		const wrongWidth = c.widthRejection(cells, line, section.headerLine);
		if (wrongWidth) return wrongWidth;
		// Flex reports can list orders, closed lots and summaries beside executions.
		if (c.has('levelOfDetail')) {
			const level = c.get(cells, 'levelOfDetail').trim().toUpperCase();
			if (level === '') return refuse(line, c.name('levelOfDetail'), 'is empty');
			if (level !== 'EXECUTION') return skip(`a ${level} summary line, not an execution`);
		}
		const { errors, fail, check, rejected } = rowErrors(c, line);

		const buySell = c.get(cells, 'buySell').trim();
		if (isCancellation(buySell, c.get(cells, 'codes')))
			return refuse(line, c.name(c.has('buySell') ? 'buySell' : 'codes'), CANCELLATION);

		const assetClass = check('assetClass', assetClassOf(c.get(cells, 'assetClass')));
		const fileSymbol = normalizeSymbol(c.get(cells, 'symbol'));
		if (fileSymbol === '') fail('symbol', 'is empty');
		const quantity = ibkrQuantity(c, cells, fail);
		let side: Parsed<'buy' | 'sell'> | null = null;
		if (quantity.ok && quantity.value !== 0) {
			const bySign = quantity.value > 0 ? 'buy' : 'sell';
			if (isBlank(buySell)) side = { ok: true, value: bySign };
			else {
				const parsed = parseSide(buySell);
				if (!parsed.ok) side = parsed;
				else if (parsed.value.side !== bySign)
					side = {
						ok: false,
						reason: `"${buySell}" contradicts the quantity ${quantity.value} (IBKR signs sells negative)`
					};
				else side = { ok: true, value: bySign };
			}
			if (!side.ok) fail('buySell', side.reason);
		}
		const price = ibkrPrice(c, cells, assetClass, fail);
		const time = check('dateTime', parseIbkrDateTime(c.get(cells, 'dateTime'), this.options.zone));
		const commission = check('commission', parseOptionalNumber(c.get(cells, 'commission')));
		const taxes = check('taxes', parseOptionalNumber(c.get(cells, 'taxes')));
		const multiplier = check('multiplier', parseOptionalNumber(c.get(cells, 'multiplier')));
		if (multiplier.ok && multiplier.value !== null && multiplier.value <= 0)
			fail('multiplier', `must be above zero, is ${multiplier.value}`);
		const pnl = check('pnl', parseOptionalNumber(c.get(cells, 'pnl')));

		if (
			errors.length > 0 ||
			!assetClass.ok ||
			!quantity.ok ||
			side === null ||
			!side.ok ||
			!price.ok ||
			!time.ok ||
			!commission.ok ||
			!taxes.ok ||
			!multiplier.ok ||
			!pnl.ok
		)
			return rejected();

		const currency = c.get(cells, 'currency').trim().toUpperCase();
		const commissionCurrency = c.get(cells, 'commissionCurrency').trim().toUpperCase();
		const account = c.get(cells, 'account').trim();
		const tradeId = c.get(cells, 'tradeId').trim();
		const execId = c.get(cells, 'execId').trim();
		const orderId = c.get(cells, 'orderId').trim();
		const exchange = c.get(cells, 'exchange').trim();
		const openClose = c.get(cells, 'openClose');
		return accept(
			execution({
				// TradeID first: the Activity and Trade Confirmation flexes both carry it, so the same
				// execution keeps one identity whichever of the two the user imports.
				brokerExecutionId: !isBlank(tradeId) ? tradeId : !isBlank(execId) ? execId : null,
				accountNumber: !isBlank(account) ? account : this.#account,
				symbol:
					assetClass.value === 'option'
						? (optionSymbolFromColumns(fileSymbol, c, cells) ?? fileSymbol)
						: fileSymbol,
				assetClass: assetClass.value,
				side: side.value,
				positionEffect: positionEffectOf(isBlank(openClose) ? c.get(cells, 'codes') : openClose),
				// Flex marks no short sales: a sell that opens a short is only told by Open/CloseIndicator.
				shortSale: false,
				quantity: Math.abs(quantity.value),
				price: price.value,
				time: time.value,
				// IBKR writes charges as negative cash flows; a commission in another currency than the
				// trade (forex trades are charged in USD) cannot be expressed in this record, so it is left out.
				commission:
					commission.value === null ||
					(commissionCurrency !== '' && currency !== '' && commissionCurrency !== currency)
						? null
						: asCost(commission.value),
				// Transaction taxes (stamp duty, FTT) are charged per trade, negative like commissions.
				fees: taxes.value === null ? null : asCost(taxes.value),
				currency: currency === '' ? null : currency,
				multiplier: multiplier.value,
				orderId: isBlank(orderId) ? null : orderId,
				venue: isBlank(exchange) ? null : exchange,
				brokerPnl: pnl.value,
				line
			})
		);
	}
}

/**
 * The refusal of a data row of an IBKR section that cannot be read: one before any header, or one
 * under a header lacking required columns. `what` names the section (`Trades `) or is ''.
 */
export function unreadable(
	header: { line: number; missing: readonly string[] } | null,
	line: number,
	what: string
): RowOutcome {
	if (!header) return refuse(line, null, `a ${what}data row comes before any ${what}header row`);
	return refuse(
		line,
		null,
		`cannot be read: the ${what}header on line ${header.line} lacks ${header.missing.join(', ')}`
	);
}

/** The columns both IBKR files read the same way. */
type SharedField = 'quantity' | 'price';

/** An IBKR quantity: signed (sells negative), never zero. */
export function ibkrQuantity<F extends string>(
	c: Columns<F | SharedField>,
	cells: string[],
	fail: (field: F | SharedField, reason: string) => void
): Parsed<number> {
	const quantity = parseNumber(c.get(cells, 'quantity'));
	if (!quantity.ok) fail('quantity', quantity.reason);
	else if (quantity.value === 0) fail('quantity', 'is zero');
	return quantity;
}

/** An IBKR price, checked against what its asset class allows (see priceProblem). */
export function ibkrPrice<F extends string>(
	c: Columns<F | SharedField>,
	cells: string[],
	assetClass: Parsed<AssetClass>,
	fail: (field: F | SharedField, reason: string) => void
): Parsed<number> {
	const price = parseNumber(c.get(cells, 'price'));
	if (!price.ok) fail('price', price.reason);
	else if (assetClass.ok) {
		const bad = priceProblem(price.value, assetClass.value);
		if (bad) fail('price', bad);
	}
	return price;
}

/** A charge as IBKR writes it (negative = paid) as a cost (positive = paid), without a -0 for 0. */
export function asCost(cashFlow: number): number {
	return cashFlow === 0 ? 0 : -cashFlow;
}

/** The reason given for a trade cancellation row (Flex `BUY (Ca.)`, code `Ca`). */
export const CANCELLATION =
	'is the cancellation of an earlier trade; Fillbook cannot undo a trade from a file, so remove this row and the trade it cancels';

/** Whether a row cancels an earlier trade: Buy/Sell `SELL (Ca.)` or a `Ca` code. */
export function isCancellation(buySell: string, codes: string): boolean {
	return /\(\s*ca\.?\s*\)/i.test(buySell) || codeTokens(codes).includes('CA');
}

function codeTokens(codes: string): string[] {
	return codes
		.split(/[;,\s]+/)
		.map((t) => t.trim().toUpperCase())
		.filter((t) => t !== '');
}

/**
 * Open or close from IBKR codes (`O`, `C`, `C;O` for a reversal, `O;P`, `A;C`…); null when the
 * codes say neither or both.
 * @example positionEffectOf('C;Ep') // 'close'
 */
export function positionEffectOf(codes: string): PositionEffect | null {
	const tokens = codeTokens(codes);
	const open = tokens.includes('O');
	const close = tokens.includes('C');
	return open === close ? null : open ? 'open' : 'close';
}

/** Flex `AssetClass` codes and Activity statement `Asset Category` names we can represent. */
const ASSET_CLASSES = new Map<string, AssetClass>([
	['STK', 'stock'],
	['OPT', 'option'],
	['FOP', 'future_option'],
	['FUT', 'future'],
	['CASH', 'forex'],
	['CRYPTO', 'crypto'],
	['STOCKS', 'stock'],
	['EQUITY AND INDEX OPTIONS', 'option'],
	['OPTIONS ON FUTURES', 'future_option'],
	['FUTURES OPTIONS', 'future_option'],
	['FUTURES', 'future'],
	['FOREX', 'forex'],
	['CRYPTOCURRENCY', 'crypto']
]);

/**
 * The asset class of an IBKR code (`STK`, `OPT`, `FOP`, `FUT`, `CASH`, `CRYPTO`) or Activity
 * statement category (`Stocks`, `Equity and Index Options`, `Futures`, `Forex`…). Bonds, CFDs,
 * warrants and funds are errors: Fillbook does not model them.
 */
export function assetClassOf(cell: string): Parsed<AssetClass> {
	const t = cell.trim();
	if (isBlank(t)) return { ok: false, reason: 'is empty' };
	const found = ASSET_CLASSES.get(t.toUpperCase().replace(/\s+/g, ' '));
	if (found) return { ok: true, value: found };
	return {
		ok: false,
		reason: `"${t}" is not an asset class Fillbook handles (stocks, options, futures, futures options, forex, crypto)`
	};
}

/** Why a price cannot be right for an asset class, or null. Expired options close at 0; futures may trade below 0. */
export function priceProblem(price: number, assetClass: AssetClass): string | null {
	if (assetClass === 'future') return null;
	if (assetClass === 'option' || assetClass === 'future_option')
		return price < 0 ? `must not be negative, is ${price}` : null;
	return price <= 0 ? `must be above zero, is ${price}` : null;
}

/** Offsets (minutes east of UTC) of the zone abbreviations IBKR may append to a time. */
const ZONE_ABBREVIATIONS = new Map([
	['UTC', 0],
	['GMT', 0],
	['EST', -300],
	['EDT', -240],
	['CST', -360],
	['CDT', -300],
	['MST', -420],
	['MDT', -360],
	['PST', -480],
	['PDT', -420]
]);

/**
 * Parses an IBKR date and time in every layout the Flex settings allow: date `yyyyMMdd`,
 * `yyyy-MM-dd` or `MM/dd/yyyy`; separator `;`, `,`, a space or none; time `HHmmss` or `HH:mm:ss`;
 * plus the Activity statement's `2026-01-05, 09:30:00`. A trailing US zone abbreviation (`EST`)
 * wins over `zone`. A date without a time is an error, never midnight.
 * @example parseIbkrDateTime('20260105;093000', 'America/New_York') // { ok: true, value: Date.UTC(2026, 0, 5, 14, 30) }
 */
export function parseIbkrDateTime(cell: string, zone: string): InstantResult {
	const t = cell.trim();
	if (isBlank(t)) return { ok: false, reason: 'is empty' };
	const m =
		/^(\d{8})(\d{2})(\d{2})(\d{2})()$/.exec(t) ??
		/^(\S+?)(?:;\s*|,\s*|\s+|T)(\d{1,2}):?(\d{2}):?(\d{2})(?:\s+([A-Za-z]{3,4}))?$/.exec(t);
	if (!m) {
		if (parseDate(t).ok) return { ok: false, reason: `"${t}" has a date but no time of day` };
		return { ok: false, reason: `"${t}" is not a date and time` };
	}
	const date = parseDate(m[1]!);
	if (!date.ok) return { ok: false, reason: `"${t}" is not a date and time` };
	const wall = {
		...date.value,
		hour: Number(m[2]),
		minute: Number(m[3]),
		second: Number(m[4]),
		millisecond: 0
	};
	const abbreviation = m[5]?.toUpperCase();
	if (!abbreviation) return wallTimeToInstant(wall, zone);
	const offset = ZONE_ABBREVIATIONS.get(abbreviation);
	if (offset === undefined) return { ok: false, reason: `"${t}" has an unknown zone "${m[5]}"` };
	// Validate the wall time through the UTC zone, then apply the stated offset.
	const asUtc = wallTimeToInstant(wall, 'UTC');
	return asUtc.ok ? { ok: true, value: asUtc.value - offset * 60_000 } : asUtc;
}

/** An OCC symbol written with any spacing (`SPY 240315P00500000`) in canonical form, else null. */
export function canonicalOcc(symbol: string): string | null {
	const m = /^([A-Z0-9]{1,6})\s*(\d{6})([CP])(\d{8})$/.exec(symbol.trim().toUpperCase());
	return m ? `${m[1]!.padEnd(6)}${m[2]}${m[3]}${m[4]}` : null;
}

/**
 * The OCC symbol of a Flex option row. IBKR's own symbol is already OCC for US options and keeps
 * the real root (SPXW, not the underlying SPX), so it wins; otherwise the symbol is built from
 * UnderlyingSymbol, Expiry, Put/Call and Strike. Null when neither is possible.
 */
function optionSymbolFromColumns(fileSymbol: string, c: Columns<Field>, cells: string[]): string | null {
	const own = canonicalOcc(fileSymbol);
	if (own) return own;
	const expiry = parseDate(c.get(cells, 'expiry'));
	const right = c.get(cells, 'putCall').trim().toUpperCase().charAt(0);
	const strike = parseNumber(c.get(cells, 'strike'));
	if (!expiry.ok || (right !== 'C' && right !== 'P') || !strike.ok) return null;
	return occSymbol(c.get(cells, 'underlying'), expiry.value, right, strike.value);
}

/** A row whose cells are mostly known column names: a section's header, not its data. */
function looksLikeHeader(cells: string[]): boolean {
	let known = 0;
	for (const cell of cells) if (KNOWN_HEADERS.has(normalizeHeader(cell)) && ++known >= 3) return true;
	return false;
}
