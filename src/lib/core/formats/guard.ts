/**
 * What every record must be, whatever format read it: values within sane bounds for their asset
 * class (no 1e20 shares, no 1e308 prices that would be stored and then vanish from Trades), times
 * within the years Fillbook reads, and symbols and accounts without control characters or
 * undecodable bytes. `guardParser` wraps a format's parser so that a record breaking a rule is
 * refused as its row's error (naming line and reason) instead of being stored.
 */
import type { AssetClass, ExecutionRecord, ImportRecord } from '../model/records';
import { withDecimalPoint, type DecimalSeparator } from './decimal';
import type { FormatParser, RowError, RowOutcome } from './types';

/** Largest quantity (shares, contracts, units) and price per asset class. */
export const BOUNDS: Readonly<Record<AssetClass, { quantity: number; price: number }>> = {
	stock: { quantity: 1e9, price: 1e7 },
	option: { quantity: 1e7, price: 1e6 },
	future: { quantity: 1e7, price: 1e8 },
	future_option: { quantity: 1e7, price: 1e8 },
	forex: { quantity: 1e12, price: 1e6 },
	crypto: { quantity: 1e12, price: 1e8 }
};
/** Largest amount of money (fees, P/L, risk) on one record. */
export const MAX_AMOUNT = 1e12;
/** Largest volume of one bar. */
export const MAX_BAR_VOLUME = 1e15;
/** Largest contract multiplier. */
export const MAX_MULTIPLIER = 1e6;
/** Executions and bars: from 1900 (daily bars go far back) to the end of 2099. */
export const EARLIEST = Date.UTC(1900, 0, 1);
export const LATEST = Date.UTC(2100, 0, 1);
/** Journal trades are from this century (Tradervue's years); a year like 1025 or 2925 is a typo. */
export const EARLIEST_JOURNAL = Date.UTC(2000, 0, 1);
/** Control characters, and U+FFFD (bytes the file's encoding could not decode). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\ufffd]/;

const fmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 6 });
const year = (t: number) => new Date(t).getUTCFullYear();

/**
 * The reasons a record breaks the rules (empty when it keeps them all).
 * @example recordProblems({ ...execution, quantity: 1e20 })[0] // 'quantity 100,000,000,000,000,000,000 is beyond the 1,000,000,000 a stock execution may have'
 */
export function recordProblems(record: ImportRecord): string[] {
	const problems: string[] = [];
	const text = (what: string, value: string | null) => {
		if (value !== null && UNPRINTABLE.test(value))
			problems.push(`${what} "${value.replace(UNPRINTABLE, '�')}" holds a control or undecodable character`);
	};
	const amount = (what: string, value: number | null) => {
		if (value !== null && !(Math.abs(value) <= MAX_AMOUNT))
			problems.push(`${what} ${fmt(value)} is beyond ±${fmt(MAX_AMOUNT)}`);
	};
	const between = (what: string, value: number, max: number, kind: string, allowZero: boolean) => {
		if (!(value <= max)) problems.push(`${what} ${fmt(value)} is beyond the ${fmt(max)} a ${kind} may have`);
		else if (!(allowZero ? value >= 0 : value > 0))
			problems.push(`${what} must be ${allowZero ? 'zero or more' : 'above zero'}, is ${fmt(value)}`);
	};
	const when = (what: string, value: number | null, earliest: number) => {
		if (value !== null && !(value >= earliest && value < LATEST))
			problems.push(
				`${what} in ${Number.isFinite(value) ? year(value) : value} is outside ${year(earliest)}–${year(LATEST) - 1}`
			);
	};
	text('symbol', record.symbol);
	if (record.symbol.trim() === '') problems.push('the symbol is empty');
	switch (record.kind) {
		case 'execution': {
			const b = BOUNDS[record.assetClass];
			const kind = `${record.assetClass.replace('_', ' ')} execution`;
			text('account', record.accountNumber);
			between('quantity', record.quantity, b.quantity, kind, false);
			between('price', record.price, b.price, kind, true);
			amount('commission', record.commission);
			amount('fees', record.fees);
			amount('broker P/L', record.brokerPnl);
			if (record.multiplier !== null) between('multiplier', record.multiplier, MAX_MULTIPLIER, kind, false);
			when('time', record.time, EARLIEST);
			break;
		}
		case 'journal': {
			text('account', record.accountNumber);
			between('volume', record.volume, BOUNDS.crypto.quantity, 'journal trade', false);
			for (const [what, price] of [
				['entry price', record.entryPrice],
				['exit price', record.exitPrice]
			] as const)
				if (price !== null) between(what, price, BOUNDS.crypto.price, 'journal trade', true);
			amount('gross P&L', record.grossPnl);
			amount('net P&L', record.netPnl);
			amount('commissions', record.commissions);
			amount('fees', record.fees);
			amount('initial risk', record.initialRisk);
			amount('R', record.pnlR);
			when('open', record.openTime, EARLIEST_JOURNAL);
			when('close', record.closeTime, EARLIEST_JOURNAL);
			if (record.closeTime !== null && record.closeTime < record.openTime)
				problems.push('closes before it opens');
			break;
		}
		case 'bar': {
			const max = BOUNDS.crypto.price;
			between('open', record.open, max, 'bar', true);
			between('high', record.high, max, 'bar', true);
			between('low', record.low, max, 'bar', true);
			between('close', record.close, max, 'bar', true);
			if (record.volume !== null) between('volume', record.volume, MAX_BAR_VOLUME, 'bar', true);
			when('time', record.time, EARLIEST);
			break;
		}
	}
	return problems;
}

/**
 * A format's parser with the rules above applied to what it gives, and (for a decimal-comma file)
 * its rows' numbers turned into the form the parser reads. A row with a record that breaks a rule
 * gives its errors and none of its records; rows still count once each.
 */
export class GuardedParser implements FormatParser {
	/** The file's decimal separator; set before the first row (the stream learns it from the start). */
	decimal: DecimalSeparator = '.';
	/** Whether the header row (the first row) has been seen: it is never converted. */
	#seenFirst = false;

	constructor(private readonly inner: FormatParser) {}

	row(cells: string[], line: number): RowOutcome {
		if (this.decimal === ',' && this.#seenFirst) {
			const converted = withDecimalPoint(cells);
			if (!converted.ok)
				return { records: [], errors: [{ line, column: null, reason: converted.reason }], skipped: 0 };
			cells = converted.cells;
		}
		this.#seenFirst = true;
		return checked(this.inner.row(cells, line));
	}

	end(): RowOutcome {
		return checked(this.inner.end());
	}
}

/** The common case of recordProblems(record).length === 0 for executions, without allocating. */
function executionOk(r: ExecutionRecord): boolean {
	const b = BOUNDS[r.assetClass];
	return (
		r.quantity > 0 &&
		r.quantity <= b.quantity &&
		r.price >= 0 &&
		r.price <= b.price &&
		r.time >= EARLIEST &&
		r.time < LATEST &&
		(r.commission === null || Math.abs(r.commission) <= MAX_AMOUNT) &&
		(r.fees === null || Math.abs(r.fees) <= MAX_AMOUNT) &&
		(r.brokerPnl === null || Math.abs(r.brokerPnl) <= MAX_AMOUNT) &&
		(r.multiplier === null || (r.multiplier > 0 && r.multiplier <= MAX_MULTIPLIER)) &&
		r.symbol.trim() !== '' &&
		!UNPRINTABLE.test(r.symbol) &&
		(r.accountNumber === null || !UNPRINTABLE.test(r.accountNumber))
	);
}

/** An outcome with each record that breaks a rule replaced by errors on its line. */
function checked(outcome: RowOutcome): RowOutcome {
	let errors: RowError[] | null = null;
	for (const record of outcome.records) {
		if (record.kind === 'execution' && executionOk(record)) continue;
		const problems = recordProblems(record);
		if (problems.length === 0) continue;
		errors ??= [...outcome.errors];
		for (const reason of problems) errors.push({ line: record.line, column: null, reason });
	}
	if (errors === null) return outcome;
	const bad = new Set(errors.map((e) => e.line));
	return { ...outcome, records: outcome.records.filter((r) => !bad.has(r.line)), errors };
}
