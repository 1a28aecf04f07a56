/**
 * Files in no known format: the user says which column holds what, and this builds a format
 * from that mapping. A mapping can be saved as a named preset; a preset recognises later files
 * by their exact header row, so the next file from the same source is detected automatically.
 */
import {
	Columns,
	isBlank,
	normalizeHeader,
	normalizeSymbol,
	parseDate,
	parseDateTime,
	parseNumber,
	parseOptionalNumber,
	sideOrSign,
	parseTimeOfDay,
	type DateOrder
} from './cells';
import { wallTimeToInstant } from '../time/zone';
import { RowParser } from './table';
import {
	accept,
	execution,
	notData,
	refuse,
	type FormatDef,
	type ParseOptions,
	type RowError,
	type RowOutcome
} from './types';

export const MAPPED_FIELDS = [
	'datetime',
	'date',
	'time',
	'symbol',
	'side',
	'quantity',
	'price',
	'commission',
	'fees',
	'account',
	'orderId',
	'executionId',
	'venue'
] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

/** What the user chose: for each field, the header of the column that holds it (or nothing). */
export interface ColumnMapping {
	columns: Partial<Record<MappedField, string>>;
	/** How slashed dates are written: month first (US) or day first. */
	dateOrder: DateOrder;
}

/** A saved mapping, recognised by the file's header row. */
export interface MappingPreset {
	id: string;
	name: string;
	/** The header row it was made from, normalised (see normalizeHeader). */
	headers: string[];
	mapping: ColumnMapping;
}

/** Human names of the fields, for the mapping screen and messages. */
export const FIELD_LABELS: Record<MappedField, string> = {
	datetime: 'Date and time',
	date: 'Date',
	time: 'Time',
	symbol: 'Symbol',
	side: 'Side (buy/sell)',
	quantity: 'Quantity',
	price: 'Price',
	commission: 'Commission',
	fees: 'Fees',
	account: 'Account',
	orderId: 'Order id',
	executionId: 'Execution id',
	venue: 'Venue / route'
};

/**
 * What is wrong with a mapping, or an empty list. It needs a symbol, a quantity, a price and a
 * time (a date-and-time column, or date and time columns, or a time column with a trade date).
 */
export function mappingProblems(mapping: ColumnMapping, headers: readonly string[]): string[] {
	const c = mapping.columns;
	const problems: string[] = [];
	for (const field of ['symbol', 'quantity', 'price'] as const)
		if (!c[field]) problems.push(`Choose the ${FIELD_LABELS[field].toLowerCase()} column.`);
	if (!c.datetime && !c.time)
		problems.push('Choose a date-and-time column, or a time column (with a date column or a trade date).');
	const known = new Set(headers.map(normalizeHeader));
	for (const [field, header] of Object.entries(c)) {
		if (header && !known.has(normalizeHeader(header)))
			problems.push(`${FIELD_LABELS[field as MappedField]}: the file has no column "${header}".`);
	}
	const used = Object.values(c).filter((h): h is string => !!h);
	if (new Set(used.map(normalizeHeader)).size !== used.length)
		problems.push('One column is chosen for two fields.');
	return problems;
}

/** Builds an executions format from a mapping (and the preset it comes from, if any). */
export function mappedFormat(
	mapping: ColumnMapping,
	preset?: Pick<MappingPreset, 'id' | 'name' | 'headers'>
): FormatDef {
	const c = mapping.columns;
	const signature = preset?.headers.join('\u0001');
	return {
		id: preset ? `preset:${preset.id}` : 'mapped',
		label: preset ? `Preset — ${preset.name}` : 'Mapped columns',
		produces: 'executions',
		defaultZone: 'America/New_York',
		needsTradeDate: !c.datetime && !c.date,
		hasAccountColumn: !!c.account,
		needsSymbol: false,
		detect(sample) {
			if (!signature) return 0;
			const header = sample[0] ?? [];
			return header.map(normalizeHeader).join('\u0001') === signature ? 0.97 : 0;
		},
		parser: (options) => new MappedParser(mapping, options)
	};
}

type Field = MappedField;

class MappedParser extends RowParser {
	#columns: Columns<Field> | null = null;
	#broken: string | null = null;
	#tradeDate: { year: number; month: number; day: number } | null = null;

	constructor(
		private readonly mapping: ColumnMapping,
		options: ParseOptions
	) {
		super(options);
		if (options.tradeDate) {
			const d = parseDate(options.tradeDate);
			if (d.ok) this.#tradeDate = d.value;
		}
	}

	row(cells: string[], line: number): RowOutcome {
		if (!this.#columns) {
			const aliases = Object.fromEntries(
				MAPPED_FIELDS.map((f) => [f, this.mapping.columns[f] ? [this.mapping.columns[f]] : []])
			) as Record<Field, string[]>;
			this.#columns = new Columns(cells, aliases);
			const missing = MAPPED_FIELDS.filter((f) => this.mapping.columns[f] && !this.#columns!.has(f));
			if (missing.length > 0) {
				this.#broken = `the header row lacks the mapped columns ${missing.map((f) => this.mapping.columns[f]).join(', ')}`;
				return refuse(line, null, this.#broken);
			}
			return notData();
		}
		if (this.#broken) return refuse(line, null, this.#broken);
		if (cells.every(isBlank)) return notData();
		const col = this.#columns;
		const wrongWidth = col.widthRejection(cells, line);
		if (wrongWidth) return wrongWidth;
		const errors: RowError[] = [];
		const fail = (field: Field, reason: string) => errors.push({ line, column: col.name(field), reason });

		const time = this.#time(cells, fail);
		const symbol = normalizeSymbol(col.get(cells, 'symbol'));
		if (symbol === '') fail('symbol', 'is empty');
		const quantity = parseNumber(col.get(cells, 'quantity'));
		if (!quantity.ok) fail('quantity', quantity.reason);
		else if (quantity.value === 0) fail('quantity', 'is zero');
		// Without a side column the sign says it: negative quantities are sells.
		const side = sideOrSign(col.has('side') ? col.get(cells, 'side') : null, quantity, fail, {
			negativeBuy: () => 'is negative on a buy'
		});
		const price = parseNumber(col.get(cells, 'price'));
		if (!price.ok) fail('price', price.reason);
		else if (price.value <= 0) fail('price', `must be above zero, is ${price.value}`);
		const commission = col.has('commission')
			? parseOptionalNumber(col.get(cells, 'commission'))
			: ({ ok: true, value: null } as const);
		if (!commission.ok) fail('commission', commission.reason);
		const fees = col.has('fees')
			? parseOptionalNumber(col.get(cells, 'fees'))
			: ({ ok: true, value: null } as const);
		if (!fees.ok) fail('fees', fees.reason);

		if (
			errors.length > 0 ||
			time === null ||
			!quantity.ok ||
			!side ||
			!price.ok ||
			!commission.ok ||
			!fees.ok
		)
			return { records: [], errors, skipped: 0 };
		const text = (field: Field) => {
			const v = col.get(cells, field).trim();
			return v === '' ? null : v;
		};
		return accept(
			execution({
				brokerExecutionId: text('executionId'),
				accountNumber: text('account'),
				symbol,
				assetClass: 'stock',
				side: side.side,
				shortSale: side.shortSale,
				quantity: Math.abs(quantity.value),
				price: price.value,
				time,
				commission: commission.value,
				fees: fees.value,
				orderId: text('orderId'),
				venue: text('venue'),
				line
			})
		);
	}

	#time(cells: string[], fail: (field: Field, reason: string) => void): number | null {
		const col = this.#columns!;
		const zone = this.options.zone;
		if (col.has('datetime')) {
			const t = parseDateTime(col.get(cells, 'datetime'), zone, this.mapping.dateOrder);
			if (!t.ok) fail('datetime', t.reason);
			return t.ok ? t.value : null;
		}
		const timeOfDay = parseTimeOfDay(col.get(cells, 'time'));
		if (!timeOfDay.ok) fail('time', timeOfDay.reason);
		let date = this.#tradeDate;
		if (col.has('date')) {
			const d = parseDate(col.get(cells, 'date'), this.mapping.dateOrder);
			if (d.ok) date = d.value;
			else {
				fail('date', d.reason);
				return null;
			}
		}
		if (!date) {
			fail('time', 'there is no date: map a date column or enter the trade date');
			return null;
		}
		if (!timeOfDay.ok) return null;
		const instant = wallTimeToInstant({ ...date, ...timeOfDay.value }, zone);
		if (!instant.ok) fail('time', instant.reason);
		return instant.ok ? instant.value : null;
	}
}

/** A preset from a mapping and the header row it was made for. */
export function createPreset(
	id: string,
	name: string,
	headerRow: readonly string[],
	mapping: ColumnMapping
): MappingPreset {
	return { id, name: name.trim(), headers: headerRow.map(normalizeHeader), mapping };
}
