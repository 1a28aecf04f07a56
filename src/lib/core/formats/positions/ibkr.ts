/**
 * Interactive Brokers Flex Query — Open Positions section as CSV: every field quoted, columns
 * `ClientAccountID, CurrencyPrimary, AssetClass, Symbol, Quantity (signed), MarkPrice,
 * CostBasisPrice, Multiplier, ReportDate (yyyyMMdd), LevelOfDetail`. Only `SUMMARY` rows are
 * holdings (`LOT` rows split them by tax lot and would count twice). The file may open with a
 * `"MSG",…` line and wrap sections in `BOF/BOA/BOS … EOS/EOA/EOF` lines, as the trades flex does.
 * The snapshot's day is the rows' ReportDate (one day per file); a date given is not needed.
 */
import { assetClassOf } from '../ibkr-flex';
import { headerScore, isBlank, normalizeSymbol, parseDate } from '../cells';
import { avgCostOf, Collected, dayOf, quantityOf, readTable } from './table';
import type { PositionFormat } from './types';

const ALIASES = {
	account: ['ClientAccountID', 'AccountId'],
	currency: ['CurrencyPrimary', 'Currency'],
	assetClass: ['AssetClass', 'AssetCategory'],
	symbol: ['Symbol'],
	quantity: ['Quantity', 'Position'],
	costBasisPrice: ['CostBasisPrice'],
	reportDate: ['ReportDate'],
	levelOfDetail: ['LevelOfDetail']
} as const;

const CONTROL = new Set(['MSG', 'BOF', 'EOF', 'BOA', 'EOA', 'BOS', 'EOS', 'HEADER', 'DATA']);

export const ibkrPositions: PositionFormat = {
	id: 'ibkr-flex-positions',
	label: 'Interactive Brokers — Flex open positions',
	broker: 'Interactive Brokers',
	needsDate: false,
	detect(header) {
		if (headerScore(header, [ALIASES.account, ALIASES.assetClass, ALIASES.symbol, ALIASES.quantity]) < 1)
			return 0;
		// Trades flex files have TradeID / TradePrice; open positions have CostBasisPrice / MarkPrice.
		if (headerScore(header, [['TradeID'], ['TradePrice'], ['DateTime']]) > 0) return 0;
		return 0.6 + 0.4 * headerScore(header, [['CostBasisPrice'], ['MarkPrice'], ['ReportDate']]);
	},
	parse(rows, options) {
		const out = new Collected();
		const dates = new Set<string>();
		const headerLine = readTable(
			rows,
			{
				aliases: ALIASES,
				required: ['account', 'assetClass', 'symbol', 'quantity'],
				control: (cells) => {
					const first = cells[0]?.trim().toUpperCase() ?? '';
					return CONTROL.has(first) && cells.length < 12 ? `an IBKR ${first} line, not a position` : null;
				},
				row(c, cells, line, into) {
					const detail = c.get(cells, 'levelOfDetail').trim().toUpperCase();
					if (c.has('levelOfDetail') && detail !== 'SUMMARY') {
						into.skipped.push({
							line,
							reason: `a ${detail || 'blank'} level of detail row (only SUMMARY rows are holdings)`
						});
						return;
					}
					const fail = (field: keyof typeof ALIASES, reason: string) =>
						into.errors.push({ line, column: c.name(field), reason });
					const before = into.errors.length;
					const account = c.get(cells, 'account').trim();
					if (account === '') fail('account', 'is empty');
					const assetClass = assetClassOf(c.get(cells, 'assetClass'));
					if (!assetClass.ok) fail('assetClass', assetClass.reason);
					const symbol = normalizeSymbol(c.get(cells, 'symbol'));
					if (symbol === '') fail('symbol', 'is empty');
					const quantity = quantityOf(c.get(cells, 'quantity'));
					if (!quantity.ok) fail('quantity', quantity.reason);
					const avg = avgCostOf(c.get(cells, 'costBasisPrice'), quantity.ok ? quantity.value : 0);
					if (!avg.ok) fail('costBasisPrice', avg.reason);
					const dateCell = c.get(cells, 'reportDate');
					if (c.has('reportDate')) {
						const d = parseDate(dateCell, 'ymd');
						if (!d.ok) fail('reportDate', d.reason);
						else {
							const { year, month, day } = d.value;
							dates.add(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
							if (dates.size > 1)
								fail(
									'reportDate',
									`is ${dateCell.trim()}, another day than the rows before (one snapshot is of one day)`
								);
						}
					}
					if (into.errors.length > before || !assetClass.ok || !quantity.ok || !avg.ok) return;
					const currency = c.get(cells, 'currency').trim().toUpperCase();
					into.records.push({
						accountNumber: account,
						symbol,
						assetClass: assetClass.value,
						quantity: quantity.value,
						avgCost: avg.value,
						currency: isBlank(currency) ? null : currency,
						line
					});
				}
			},
			out
		);
		const [fileDate] = dates;
		if (fileDate !== undefined) return out.result(fileDate, headerLine);
		// No ReportDate column (or no rows): the day given, as for DAS.
		return out.resultOn(dayOf(options.date), headerLine);
	}
};
