/**
 * tastytrade — account "Transactions" CSV (the export since 2023; the tastyworks export before it
 * is tastytrade-legacy.ts). One row per transaction, newest first; every time carries its UTC
 * offset (`2024-09-10T15:32:26+0200`), so no zone has to be chosen.
 *
 * What the rows mean (checked against the public samples in tests/fixtures/public):
 * - `Trade` rows are fills. `Action` (BUY_TO_OPEN, SELL_TO_CLOSE…, plain BUY/SELL for futures)
 *   gives side and effect; Quantity is always positive and the sign is on Value (− = debit).
 * - `Receive Deliver` rows move positions without a trade: option removals (Expiration,
 *   Assignment, Exercise, Cash Settled …) close the option; Buy/Sell to Open/Close rows are the
 *   stock delivered by an assignment or exercise, at the strike. Other kinds (splits, symbol
 *   changes, mergers, ACAT transfers) are corporate actions this importer does not turn into
 *   executions: each is reported as an error, so a position changed by one is never silently off.
 * - `Money Movement` rows (deposits, interest, fees, dividends) are not executions: skipped.
 * - Commissions and Fees are negative when charged; `--` means the file gives none.
 *
 * Price per unit. Average Price is NOT a price: it is Value / Quantity, the cash per contract
 * with the multiplier in it, and for futures it is the mark-to-market cash (0 on an opening
 * fill; see laroche/tastyworks-pnl `tests/data/CL Future.csv`). The fill price is the `@ 1.1`
 * that ends Description, so that is the price used. In the /MES future-option sample (`Bought 2
 * /MESU4 … Put 4650.00 @ 1.1`, Value −11.00, Quantity 2, Average Price −5.50, Multiplier 1) the
 * Multiplier column says 1 although a /MES option is worth $5 a point: 2 × 1.1 × 5 = 11.00. For
 * future options the multiplier is therefore derived from Value = Quantity × price × multiplier
 * (rounded to 0.01 and accepted only when it reproduces Value to the half cent); when it cannot
 * be (no `@ price`, Value 0, an odd price notation) the row falls back to price = |Average
 * Price| / Multiplier with the file's Multiplier, which still keeps Value = quantity × price ×
 * multiplier exactly. Equity options use the file's Multiplier (100); stocks and crypto theirs.
 */
import type { AssetClass } from '../model/records';
import { roundCents } from '../model/money';
import { isBlank, parseNumber, parseOptionalNumber } from './cells';
import { occSymbol, type Columns } from './cells';
import { formatDef, layout } from './table';
import { type FormatDef, type RowOutcome } from './types';

import {
	transactionsScore,
	parseAction,
	costFromCharge,
	priceInDescription,
	TransactionsParser,
	type Transaction
} from './tastytrade-transactions';

/** Re-exported for the formats that build on this one. */
export { occSymbol };

const ALIASES = {
	date: ['Date'],
	type: ['Type'],
	subType: ['Sub Type'],
	action: ['Action'],
	symbol: ['Symbol'],
	instrumentType: ['Instrument Type'],
	description: ['Description'],
	value: ['Value'],
	quantity: ['Quantity'],
	averagePrice: ['Average Price'],
	commissions: ['Commissions'],
	fees: ['Fees'],
	multiplier: ['Multiplier'],
	orderNumber: ['Order #', 'Order Number', 'Order'],
	currency: ['Currency']
} as const;
type Field = keyof typeof ALIASES;
const LAYOUT = layout(
	ALIASES,
	[
		'date',
		'type',
		'subType',
		'action',
		'symbol',
		'instrumentType',
		'description',
		'value',
		'quantity',
		'averagePrice'
	],
	{ optional: ['commissions', 'fees'], underBrokenHeader: 'read' }
);

export const tastytrade: FormatDef = formatDef({
	id: 'tastytrade',
	label: 'tastytrade — Transactions',
	// Every Date cell carries its own UTC offset.
	defaultZone: null,
	detect(sample) {
		const core = [
			ALIASES.date,
			ALIASES.type,
			ALIASES.action,
			ALIASES.symbol,
			ALIASES.quantity,
			ALIASES.value
		];
		const own = ['Sub Type', 'Instrument Type', 'Average Price', 'Root Symbol', 'Underlying Symbol'];
		return transactionsScore(sample, core, [...own, 'Call or Put', 'Order #', 'Strike Price']);
	},
	parser: (options) =>
		new TastytradeParser(
			LAYOUT,
			{ kind: 'type', sub: 'subType', noun: 'type', time: 'date', symbol: 'symbol' },
			options
		)
});

// ---------------------------------------------------------------------------------------------
// Pieces shared with the legacy tastyworks format (tastytrade-legacy.ts).

const INSTRUMENTS: Record<string, AssetClass> = {
	equity: 'stock',
	'equity option': 'option',
	'index option': 'option',
	future: 'future',
	'future option': 'future_option',
	cryptocurrency: 'crypto'
};

/** Rounds to 2 decimals: futures point values are whole or simple fractions ($0.5, 0.1 BTC). */

class TastytradeParser extends TransactionsParser<Field> {
	protected transaction(c: Columns<Field>, cells: string[], row: Transaction<Field>): RowOutcome {
		const { line, removal, time, symbol } = row;
		const { errors, fail, check, positive, rejected } = row.checks;
		const instrumentCell = c.get(cells, 'instrumentType').trim();
		const assetClass = INSTRUMENTS[instrumentCell.toLowerCase()];
		if (assetClass === undefined)
			fail(
				'instrumentType',
				isBlank(instrumentCell)
					? 'is empty'
					: `"${instrumentCell}" is not an instrument type this importer knows`
			);

		// The Action says which way; removal rows may leave it empty (resolved from the file's
		// positions at the end), and the stock legs of assignments repeat it in Sub Type.
		const action = this.action(c, cells, row, 'action', parseAction, 'is not a buy or sell action');

		const quantity = positive('quantity', parseNumber(c.get(cells, 'quantity')));
		const value = check('value', parseOptionalNumber(c.get(cells, 'value')));
		const average = check('averagePrice', parseOptionalNumber(c.get(cells, 'averagePrice')));
		const fileMultiplier = check('multiplier', parseOptionalNumber(c.get(cells, 'multiplier')));
		if (fileMultiplier.ok && fileMultiplier.value !== null && fileMultiplier.value <= 0)
			fail('multiplier', `must be above zero, is ${fileMultiplier.value}`);
		const commissions = check('commissions', parseOptionalNumber(c.get(cells, 'commissions')));
		const fees = check('fees', parseOptionalNumber(c.get(cells, 'fees')));

		if (
			errors.length > 0 ||
			!time.ok ||
			assetClass === undefined ||
			!quantity.ok ||
			!value.ok ||
			!average.ok ||
			!fileMultiplier.ok ||
			!commissions.ok ||
			!fees.ok
		)
			return rejected();

		const priced = this.#price(
			assetClass,
			c.get(cells, 'description'),
			quantity.value,
			value.value,
			average.value,
			fileMultiplier.value
		);
		if (!priced.ok) {
			fail(priced.field, priced.reason);
			return rejected();
		}
		const { price, multiplier } = priced;
		if (price < 0) fail('averagePrice', `gives a negative price, ${price}`);
		else if (price === 0 && !removal?.zeroPrice)
			fail(
				'averagePrice',
				removal
					? `gives price 0 for a ${removal.what}, which settles at a price`
					: 'gives price 0 for a trade'
			);
		if (errors.length > 0) return rejected();

		const currency = c.get(cells, 'currency').trim().toUpperCase();
		const order = c.get(cells, 'orderNumber').trim();
		// Order # is shared by the legs and partial fills of one order, and the file has no per-fill
		// id: identity falls back to the (time, symbol, side, quantity, price) tuple.
		const record = {
			symbol,
			assetClass,
			positionEffect: removal ? 'close' : (action?.effect ?? null),
			quantity: quantity.value,
			price,
			time: time.value,
			commission: costFromCharge(commissions.value),
			fees: costFromCharge(fees.value),
			currency: currency === '' ? null : currency,
			multiplier,
			orderId: isBlank(order) ? null : order,
			line
		};
		return this.record(record, action?.side ?? null, c.name('action'), removal);
	}

	/** Price per unit and multiplier; see the module comment for why Average Price is not the price. */
	#price(
		assetClass: AssetClass,
		description: string,
		quantity: number,
		value: number | null,
		average: number | null,
		fileMultiplier: number | null
	): Priced {
		const quoted = priceInDescription(description);
		const ok = (price: number, multiplier: number | null): Priced => ({ ok: true, price, multiplier });
		// Average Price is cash per contract: per unit it is |Average Price| / multiplier.
		const fromAverage = (divisor: number | null, multiplier: number | null): Priced => {
			if (average === null)
				return { ok: false, field: 'averagePrice', reason: 'is empty and Description has no "@ price"' };
			if (divisor === null)
				return {
					ok: false,
					field: 'multiplier',
					reason: 'is empty and Description has no "@ price", so Average Price cannot be turned into a price'
				};
			return ok(Math.abs(average) / divisor, multiplier);
		};
		switch (assetClass) {
			case 'future':
				// Average Price of a future is the day's mark-to-market cash, never a price.
				if (quoted === null)
					return {
						ok: false,
						field: 'description',
						reason: 'has no "@ price", and Average Price of a future is cash, not a price'
					};
				return ok(quoted, fileMultiplier);
			case 'future_option': {
				if (quoted !== null && quoted > 0 && value !== null && value !== 0) {
					const multiplier = roundCents(Math.abs(value) / (quantity * quoted));
					if (multiplier > 0 && Math.abs(quantity * quoted * multiplier - Math.abs(value)) <= 0.005 + 1e-9)
						return ok(quoted, multiplier);
				}
				return fromAverage(fileMultiplier, fileMultiplier);
			}
			case 'option': {
				// Instrument Type says equity (or index) option: 100 when the column is empty.
				const multiplier = fileMultiplier ?? 100;
				return quoted !== null ? ok(quoted, multiplier) : fromAverage(multiplier, multiplier);
			}
			default:
				// Stocks and coins: Average Price is per share or coin already.
				return quoted !== null
					? ok(quoted, fileMultiplier)
					: fromAverage(fileMultiplier ?? 1, fileMultiplier);
		}
	}
}

type Priced =
	{ ok: true; price: number; multiplier: number | null } | { ok: false; field: Field; reason: string };
