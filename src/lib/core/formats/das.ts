/**
 * DAS Trader Pro — Trades window export. No date column: times are US/Eastern wall times of the
 * trade date, which comes from the file name or the user. Every line ends with a comma; columns
 * follow what the user's Trades window shows, so everything is matched by name.
 */
import type { ExecutionRecord } from '../model/records';
import {
	Columns,
	headerScore,
	isBlank,
	normalizeSymbol,
	parseNumber,
	parseOptionalNumber,
	parseSide,
	parseTimeOfDay,
	parseDate
} from './cells';
import { wallTimeToInstant } from '../time/zone';
import {
	EMPTY_OUTCOME,
	type FormatDef,
	type FormatParser,
	type ParseOptions,
	type RowError,
	type RowOutcome
} from './types';

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
const REQUIRED: Field[] = ['time', 'symbol', 'side', 'price', 'qty'];

export const das: FormatDef = {
	id: 'das-trades',
	label: 'DAS Trader — Trades window',
	produces: 'executions',
	defaultZone: 'America/New_York',
	needsTradeDate: true,
	hasAccountColumn: true,
	needsSymbol: false,
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
};

class DasParser implements FormatParser {
	#columns: Columns<Field> | null = null;
	#date: { year: number; month: number; day: number } | null = null;
	#dateError: string | null = null;

	constructor(private readonly options: ParseOptions) {
		if (options.tradeDate === null)
			this.#dateError = 'the trade date is not set (DAS exports have no date column)';
		else {
			const date = parseDate(options.tradeDate);
			if (date.ok) this.#date = date.value;
			else this.#dateError = `the trade date ${date.reason}`;
		}
	}

	row(cells: string[], line: number): RowOutcome {
		if (!this.#columns) {
			this.#columns = new Columns(cells, ALIASES);
			const missing = this.#columns.missing(REQUIRED);
			if (missing.length > 0)
				return {
					records: [],
					errors: [
						{ line, column: null, reason: `missing columns: ${missing.map((f) => ALIASES[f][0]).join(', ')}` }
					],
					skipped: 0
				};
			return { ...EMPTY_OUTCOME, skipped: 1 };
		}
		const c = this.#columns;
		if (cells.every(isBlank)) return { ...EMPTY_OUTCOME, skipped: 1 };
		const errors: RowError[] = [];
		const fail = (field: Field, reason: string) => errors.push({ line, column: c.name(field), reason });

		const time = parseTimeOfDay(c.get(cells, 'time'));
		if (!time.ok) fail('time', time.reason);
		const symbol = normalizeSymbol(c.get(cells, 'symbol'));
		if (symbol === '') fail('symbol', 'is empty');
		const side = parseSide(c.get(cells, 'side'));
		if (!side.ok) fail('side', side.reason);
		const price = parseNumber(c.get(cells, 'price'));
		if (!price.ok) fail('price', price.reason);
		else if (price.value <= 0) fail('price', `must be above zero, is ${price.value}`);
		const qty = parseNumber(c.get(cells, 'qty'));
		if (!qty.ok) fail('qty', qty.reason);
		else if (qty.value <= 0) fail('qty', `must be above zero, is ${qty.value}`);
		const ecnFee = parseOptionalNumber(c.get(cells, 'ecnFee'));
		if (!ecnFee.ok) fail('ecnFee', ecnFee.reason);
		const pnl = parseOptionalNumber(c.get(cells, 'pnl'));
		if (!pnl.ok) fail('pnl', pnl.reason);
		if (this.#dateError) errors.push({ line, column: null, reason: this.#dateError });

		if (
			errors.length > 0 ||
			!time.ok ||
			!side.ok ||
			!price.ok ||
			!qty.ok ||
			!ecnFee.ok ||
			!pnl.ok ||
			!this.#date
		)
			return { records: [], errors, skipped: 0 };
		const instant = wallTimeToInstant({ ...this.#date, ...time.value }, this.options.zone);
		if (!instant.ok)
			return { records: [], errors: [{ line, column: c.name('time'), reason: instant.reason }], skipped: 0 };

		const account = c.get(cells, 'account').trim();
		const cloid = c.get(cells, 'cloid').trim();
		const route = c.get(cells, 'route').trim();
		const secType = c.get(cells, 'secType').trim().toLowerCase();
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
			time: instant.value,
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
		return { records: [record], errors: [], skipped: 0 };
	}

	end(): RowOutcome {
		return EMPTY_OUTCOME;
	}
}
