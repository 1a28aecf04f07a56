/**
 * DAS Trader Pro — Positions window export:
 * `Symbol,Account,Type,Shares,Avgcost,Realized,Unrealized` and a closing `Summary` row (the
 * window's totals, skipped). No date column: the day comes from the file name or the user.
 *
 * Sign: `Type` says the side. `Short` is a short whatever the sign of `Shares` (DAS may print a
 * short's shares positive), so it is −|Shares|; `Margin` and `Cash` keep the sign written
 * (positive = long; a negative one is a short as written). A `Cash` row that is short is refused:
 * a cash account cannot be short.
 */
import { headerScore, normalizeSymbol } from '../cells';
import { avgCostOf, Collected, dayOf, quantityOf, readTable, stockOrOption } from './table';
import type { PositionFormat } from './types';

const ALIASES = {
	symbol: ['Symbol', 'Symb'],
	account: ['Account'],
	type: ['Type'],
	shares: ['Shares', 'Qty', 'Quantity'],
	avgCost: ['Avgcost', 'Avg Cost', 'AvgPrice']
} as const;

export const dasPositions: PositionFormat = {
	id: 'das-positions',
	label: 'DAS Trader — Positions window',
	broker: 'DAS Trader',
	needsDate: true,
	detect(header) {
		if (headerScore(header, [ALIASES.symbol, ALIASES.shares, ALIASES.avgCost]) < 1) return 0;
		return 0.6 + 0.4 * headerScore(header, [['Realized'], ['Unrealized'], ['Type'], ['Account']]);
	},
	parse(rows, options) {
		const out = new Collected();
		const date = dayOf(options.date);
		const headerLine = readTable(
			rows,
			{
				aliases: ALIASES,
				required: ['symbol', 'account', 'shares'],
				row(c, cells, line, into) {
					const symbolCell = c.get(cells, 'symbol').trim();
					if (symbolCell.toLowerCase() === 'summary' || cells[0]?.trim().toLowerCase() === 'summary') {
						into.skipped.push({ line, reason: 'the Summary row (the window’s totals)' });
						return;
					}
					const fail = (field: keyof typeof ALIASES, reason: string) =>
						into.errors.push({ line, column: c.name(field), reason });
					const symbol = normalizeSymbol(symbolCell);
					const account = c.get(cells, 'account').trim();
					const type = c.get(cells, 'type').trim().toLowerCase();
					const shares = quantityOf(c.get(cells, 'shares'));
					const before = into.errors.length;
					if (symbol === '') fail('symbol', 'is empty');
					if (account === '') fail('account', 'is empty');
					if (c.has('type') && !['margin', 'short', 'cash', ''].includes(type))
						fail('type', `"${c.get(cells, 'type').trim()}" is not Margin, Short or Cash`);
					if (!shares.ok) fail('shares', shares.reason);
					const quantity = shares.ok ? (type === 'short' ? -Math.abs(shares.value) : shares.value) : 0;
					if (type === 'cash' && quantity < 0)
						fail('shares', `is ${quantity} in a Cash row: a cash account cannot be short`);
					const avg = avgCostOf(c.get(cells, 'avgCost'), quantity);
					if (!avg.ok) fail('avgCost', avg.reason);
					if (into.errors.length > before || !avg.ok) return;
					into.records.push({
						accountNumber: account,
						symbol,
						assetClass: stockOrOption(symbol),
						quantity,
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
