/**
 * Any positions CSV whose columns the user names (a PositionMapping: symbol and quantity, and
 * optionally account, average cost and date). Quantities are signed (− short). Without an account
 * column the user picks the account; without a date column, the day.
 */
import { isBlank, normalizeSymbol } from '../cells';
import { avgCostOf, Collected, dayOf, quantityOf, readTable, stockOrOption } from './table';
import type { PositionFormat, PositionMapping } from './types';

type Field = 'symbol' | 'quantity' | 'account' | 'avgCost' | 'date';

/** The problems of a mapping against a header row, as the picker shows them (empty: usable). */
export function mappingProblems(mapping: PositionMapping, header: readonly string[]): string[] {
	const names = new Set(header.map((h) => h.trim()));
	const problems: string[] = [];
	if (mapping.symbol.trim() === '') problems.push('Choose the symbol column.');
	if (mapping.quantity.trim() === '') problems.push('Choose the quantity column.');
	for (const [field, name] of Object.entries(mapping) as [Field, string | null][])
		if (name !== null && name.trim() !== '' && !names.has(name.trim()))
			problems.push(`The ${field} column "${name}" is not in the file's header.`);
	return problems;
}

export const genericPositions: PositionFormat = {
	id: 'generic-positions',
	label: 'Other CSV — columns you choose',
	broker: null,
	needsDate: true,
	detect: () => 0,
	parse(rows, options) {
		const out = new Collected();
		const mapping = options.mapping;
		if (!mapping) {
			out.errors.push({ line: 1, column: null, reason: 'choose the file’s symbol and quantity columns' });
			return { records: [], errors: out.errors, skipped: [], date: null };
		}
		const alias = (name: string | null): readonly string[] =>
			name === null || name.trim() === '' ? [] : [name];
		const aliases: Record<Field, readonly string[]> = {
			symbol: alias(mapping.symbol),
			quantity: alias(mapping.quantity),
			account: alias(mapping.account),
			avgCost: alias(mapping.avgCost),
			date: alias(mapping.date)
		};
		const dates = new Set<string>();
		const headerLine = readTable(
			rows,
			{
				aliases,
				required: [
					'symbol',
					'quantity',
					...(mapping.account ? (['account'] as const) : []),
					...(mapping.date ? (['date'] as const) : [])
				],
				row(c, cells, line, into) {
					const fail = (field: Field, reason: string) =>
						into.errors.push({ line, column: c.name(field), reason });
					const before = into.errors.length;
					const symbol = normalizeSymbol(c.get(cells, 'symbol'));
					if (symbol === '') fail('symbol', 'is empty');
					const account = c.has('account') ? c.get(cells, 'account').trim() : null;
					if (account === '') fail('account', 'is empty');
					const quantity = quantityOf(c.get(cells, 'quantity'));
					if (!quantity.ok) fail('quantity', quantity.reason);
					const avg = avgCostOf(c.get(cells, 'avgCost'), quantity.ok ? quantity.value : 0);
					if (!avg.ok) fail('avgCost', avg.reason);
					if (c.has('date')) {
						const d = dayOf(c.get(cells, 'date'));
						if (!d.ok) fail('date', d.reason);
						else if (d.value === null) fail('date', 'is empty');
						else {
							dates.add(d.value);
							if (dates.size > 1)
								fail('date', `is ${d.value}, another day than the rows before (one snapshot is of one day)`);
						}
					}
					if (into.errors.length > before || !quantity.ok || !avg.ok) return;
					into.records.push({
						accountNumber: account === null || isBlank(account) ? null : account,
						symbol,
						assetClass: stockOrOption(symbol),
						quantity: quantity.value,
						avgCost: avg.value,
						currency: null,
						line
					});
				}
			},
			out
		);
		const [fileDate] = dates;
		if (fileDate !== undefined) return out.result(fileDate, headerLine);
		return out.resultOn(dayOf(options.date), headerLine);
	}
};
