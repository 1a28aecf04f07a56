/**
 * tastyworks — the transaction history CSV from before the tastytrade rename (until 2023).
 * Times are wall times without offset (`02/19/2020 11:00 PM`), month first; the zone is asked,
 * US Eastern offered first. Rows are newest first.
 *
 * Unlike the current export, this one states things per unit: Price is the fill price per share
 * or per point (`0.56` for a 56-dollar option premium), Amount the signed cash without fees,
 * Fees the positive sum of commissions and fees. Options name the underlying in Symbol and spell
 * out Expiration Date, Strike and Call/Put, so the OCC symbol is built from those (the same
 * symbol the current export writes). The file has no multiplier: equity options get the standard
 * 100, checked against Amount = Quantity × Price × 100 wherever the row has both.
 *
 * Expiration, Assignment and Exercise rows leave Buy/Sell (and Price) empty; they close the
 * option at 0 and their side is read off the position the same file opened (see ClosingSides),
 * never guessed. Money Movement rows are skipped. Account Reference is a masked label
 * (`Individual...39`), not an account number, so the user chooses the account, as for the
 * current export.
 */
import { roundCents } from '../model/money';
import type { AssetClass, PositionEffect } from '../model/records';
import { isBlank, parseDate, parseNumber, parseOptionalNumber } from './cells';
import type { Columns } from './cells';
import { formatDef, layout } from './table';
import { optionSymbol, transactionsScore, TransactionsParser } from './tastytrade-transactions';
import type { Action, Transaction } from './tastytrade-transactions';
import type { FormatDef, RowOutcome } from './types';

const ALIASES = {
	dateTime: ['Date/Time'],
	code: ['Transaction Code'],
	subcode: ['Transaction Subcode'],
	symbol: ['Symbol'],
	buySell: ['Buy/Sell'],
	openClose: ['Open/Close'],
	quantity: ['Quantity'],
	expiration: ['Expiration Date'],
	strike: ['Strike'],
	callPut: ['Call/Put'],
	price: ['Price'],
	fees: ['Fees'],
	amount: ['Amount'],
	description: ['Description']
} as const;
type Field = keyof typeof ALIASES;
const LAYOUT = layout(
	ALIASES,
	[
		'dateTime',
		'code',
		'subcode',
		'symbol',
		'buySell',
		'openClose',
		'quantity',
		'expiration',
		'strike',
		'callPut',
		'price'
	],
	{ optional: ['fees'], underBrokenHeader: 'read' }
);

/** Equity options are on 100 shares; the file has no multiplier column. */
const EQUITY_OPTION_MULTIPLIER = 100;

export const tastytradeLegacy: FormatDef = formatDef({
	id: 'tastytrade-legacy',
	label: 'tastyworks — Transactions (legacy)',
	detect(sample) {
		const core = [ALIASES.dateTime, ALIASES.code, ALIASES.symbol, ALIASES.quantity, ALIASES.price];
		const own = ['Transaction Subcode', 'Buy/Sell', 'Open/Close', 'Call/Put', 'Account Reference', 'Amount'];
		return transactionsScore(sample, core, own);
	},
	parser: (options) =>
		new LegacyParser(
			LAYOUT,
			{ kind: 'code', sub: 'subcode', noun: 'code', time: 'dateTime', symbol: 'symbol' },
			options
		)
});

/** A Buy/Sell cell's side (the legacy file says nothing of the effect there: that is Open/Close). */
function buyOrSell(cell: string): Action | null {
	const word = cell.trim().toLowerCase();
	return word === 'buy' || word === 'sell' ? { side: word, effect: null } : null;
}

class LegacyParser extends TransactionsParser<Field> {
	protected transaction(c: Columns<Field>, cells: string[], row: Transaction<Field>): RowOutcome {
		const { line, removal, time, symbol: root } = row;
		const { errors, fail, check, positive, rejected } = row.checks;

		const side = this.action(c, cells, row, 'buySell', buyOrSell, 'is not Buy or Sell')?.side ?? null;
		const openClose = c.get(cells, 'openClose').trim().toLowerCase();
		let effect: PositionEffect | null =
			openClose === 'open' ? 'open' : openClose === 'close' ? 'close' : null;
		if (removal) effect = 'close';
		else if (effect === null && !isBlank(openClose))
			fail('openClose', `"${c.get(cells, 'openClose').trim()}" is not Open or Close`);

		const quantity = positive('quantity', parseNumber(c.get(cells, 'quantity')));

		// Option or not is told by Call/Put; futures by the leading slash of their symbols.
		const callPutCell = c.get(cells, 'callPut').trim().toUpperCase();
		const right = callPutCell.startsWith('C') ? 'C' : callPutCell.startsWith('P') ? 'P' : null;
		if (right === null && !isBlank(callPutCell)) fail('callPut', `"${callPutCell}" is not C or P`);
		const future = root.startsWith('/');
		let symbol = root;
		let assetClass: AssetClass = future ? 'future' : 'stock';
		if (right !== null) {
			assetClass = future ? 'future_option' : 'option';
			const expiry = parseDate(c.get(cells, 'expiration'), 'mdy');
			if (!expiry.ok) fail('expiration', isBlank(c.get(cells, 'expiration')) ? 'is empty' : expiry.reason);
			const strikeCell = c.get(cells, 'strike');
			const strike = positive('strike', parseNumber(strikeCell));
			if (expiry.ok && strike.ok && strike.value > 0 && root !== '') {
				const built = optionSymbol(root, expiry.value, right, strike.value);
				if (built === null) fail('strike', `${strike.value} does not fit an OCC symbol`);
				else symbol = built;
			}
		}
		const multiplier = assetClass === 'option' ? EQUITY_OPTION_MULTIPLIER : null;

		const priceCell = c.get(cells, 'price');
		const price =
			removal?.zeroPrice && isBlank(priceCell) ? { ok: true as const, value: 0 } : parseNumber(priceCell);
		if (!price.ok) fail('price', price.reason);
		else if (price.value < 0) fail('price', `must not be negative, is ${price.value}`);
		else if (price.value === 0 && !removal?.zeroPrice)
			fail('price', removal ? `is 0 for a ${removal.what}, which settles at a price` : 'is 0 for a trade');
		const fees = check('fees', parseOptionalNumber(c.get(cells, 'fees')));
		const amount = check('amount', parseOptionalNumber(c.get(cells, 'amount')));
		if (
			amount.ok &&
			assetClass === 'option' &&
			amount.value !== null &&
			amount.value !== 0 &&
			price.ok &&
			price.value > 0 &&
			quantity.ok
		) {
			// The multiplier is assumed, so the row's own cash must agree with it.
			const expected = quantity.value * price.value * EQUITY_OPTION_MULTIPLIER;
			if (Math.abs(Math.abs(amount.value) - expected) > 0.01)
				fail(
					'amount',
					`${amount.value} does not match Quantity × Price × ${EQUITY_OPTION_MULTIPLIER} = ${roundCents(expected)}; the contract multiplier is unclear`
				);
		}

		if (errors.length > 0 || !time.ok || !quantity.ok || !price.ok || !fees.ok) return rejected();

		const record = {
			symbol,
			assetClass,
			positionEffect: effect,
			quantity: quantity.value,
			price: price.value,
			time: time.value,
			// Fees holds commissions and fees together, positive when charged.
			commission: null,
			fees: fees.value,
			currency: null,
			multiplier,
			orderId: null,
			line
		};
		return this.record(record, side, c.name('buySell'), removal);
	}
}
