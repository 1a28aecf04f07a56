/**
 * tastytrade — Positions CSV (the Positions tab's export):
 * `Account,Symbol,Type,Quantity,Exp Date,Strike Price,Call/Put,Underlying Last Price,Trade Price,Mark,…`.
 * Quantity is signed (− short); `Trade Price` is the average open price per unit. Options carry
 * their OCC symbol (`SPY   250321C00500000`), read with parseOptionSymbol and stored as the OCC
 * symbol the transactions import stores. No date column: the day comes from the file name or the user.
 */
import type { AssetClass } from '../../model/records';
import { formatOcc, parseOptionSymbol } from '../../instruments';
import { headerScore, normalizeSymbol, type Parsed } from '../cells';
import { avgCostOf, Collected, dayOf, quantityOf, readTable } from './table';
import type { PositionFormat } from './types';

const ALIASES = {
	account: ['Account'],
	symbol: ['Symbol'],
	type: ['Type', 'Instrument Type'],
	quantity: ['Quantity'],
	tradePrice: ['Trade Price', 'Average Price', 'Avg Open Price'],
	expDate: ['Exp Date'],
	strike: ['Strike Price'],
	callPut: ['Call/Put']
} as const;

/** The asset class of tastytrade's Type cell (`Stock`, `Equity Option`, `Future`, `Future Option`, `Cryptocurrency`…). */
function assetClassOf(cell: string): Parsed<AssetClass> {
	const t = cell
		.trim()
		.toLowerCase()
		.replace(/[_\s]+/g, ' ');
	if (t.includes('future') && t.includes('option')) return { ok: true, value: 'future_option' };
	if (t.includes('option')) return { ok: true, value: 'option' };
	if (t.includes('future')) return { ok: true, value: 'future' };
	if (t.includes('crypto')) return { ok: true, value: 'crypto' };
	if (t === 'stock' || t === 'equity' || t === 'etf') return { ok: true, value: 'stock' };
	return {
		ok: false,
		reason: `"${cell.trim()}" is not a type Fillbook reads (Stock, Equity Option, Future, Future Option, Cryptocurrency)`
	};
}

export const tastytradePositions: PositionFormat = {
	id: 'tastytrade-positions',
	label: 'tastytrade — Positions',
	broker: 'tastytrade',
	needsDate: true,
	detect(header) {
		if (headerScore(header, [ALIASES.account, ALIASES.symbol, ALIASES.type, ALIASES.quantity]) < 1) return 0;
		return (
			0.6 + 0.4 * headerScore(header, [['Trade Price'], ['Mark'], ['Underlying Last Price'], ['Call/Put']])
		);
	},
	parse(rows, options) {
		const out = new Collected();
		const date = dayOf(options.date);
		const headerLine = readTable(
			rows,
			{
				aliases: ALIASES,
				required: ['account', 'symbol', 'type', 'quantity'],
				row(c, cells, line, into) {
					const fail = (field: keyof typeof ALIASES, reason: string) =>
						into.errors.push({ line, column: c.name(field), reason });
					const before = into.errors.length;
					const account = c.get(cells, 'account').trim();
					if (account === '') fail('account', 'is empty');
					const assetClass = assetClassOf(c.get(cells, 'type'));
					if (!assetClass.ok) fail('type', assetClass.reason);
					let symbol = normalizeSymbol(c.get(cells, 'symbol'));
					if (symbol === '') fail('symbol', 'is empty');
					else if (assetClass.ok && assetClass.value === 'option') {
						const option = parseOptionSymbol(symbol);
						if (!option.ok) fail('symbol', option.reason);
						else symbol = formatOcc(option.value);
					}
					const quantity = quantityOf(c.get(cells, 'quantity'));
					if (!quantity.ok) fail('quantity', quantity.reason);
					const avg = avgCostOf(c.get(cells, 'tradePrice'), quantity.ok ? quantity.value : 0);
					if (!avg.ok) fail('tradePrice', avg.reason);
					if (into.errors.length > before || !assetClass.ok || !quantity.ok || !avg.ok) return;
					into.records.push({
						accountNumber: account,
						symbol,
						assetClass: assetClass.value,
						quantity: quantity.value,
						avgCost: avg.value,
						currency: null,
						line
					});
				}
			},
			out
		);
		return out.resultOn(date, headerLine);
	}
};
