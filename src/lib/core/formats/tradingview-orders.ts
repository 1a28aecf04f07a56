/**
 * TradingView paper trading — order history export (`paper-trading-order-history-all-….csv`).
 * One row per order, newest first. A `Filled` order is one execution at its `Fill Price`, filled at
 * its `Closing Time` (a limit order is placed earlier and fills when it closes); cancelled,
 * rejected and working orders are not executions. Symbols carry their exchange (`CME_MINI:ES1!`),
 * money may carry its currency (`"87,209.38 USD"`), and header spelling changed (`Qty`/`Quantity`,
 * `Fill Price`/`Fill price`), so columns are matched by name.
 *
 * Time zone: the cells are wall times without a zone (`2026-02-09 16:40:12`, or `2/9/26 16:40`
 * once a spreadsheet re-saved the file), and TradingView does not document which zone it writes.
 * UTC is offered first because the export's own name stamps the download instant in UTC
 * (`…-2026-02-09T18_25_06.099Z.csv`) and the public samples' last fills sit before that stamp only
 * when read as UTC (or a zone east of it), not as US/Eastern. The user confirms the zone.
 */
import {
	headerScore,
	isBlank,
	normalizeSymbol,
	parseDateTime,
	parseOptionalNumber,
	parseSide
} from './cells';
import type { Columns } from './cells';
import { layout, rowErrors, TableParser, tableFormat } from './table';
import { parseTradingViewNumber, tradingViewAssetClass } from './tradingview-trades';
import { accept, execution, skip, type FormatDef, type RowOutcome } from './types';

const ALIASES = {
	symbol: ['Symbol'],
	side: ['Side'],
	qty: ['Qty', 'Quantity'],
	fillPrice: ['Fill Price', 'Avg Fill Price'],
	status: ['Status'],
	commission: ['Commission'],
	placingTime: ['Placing Time'],
	closingTime: ['Closing Time'],
	orderId: ['Order ID']
} as const;
type Field = keyof typeof ALIASES;
const LAYOUT = layout(ALIASES, ['symbol', 'side', 'qty', 'fillPrice', 'status', 'closingTime'], {
	optional: ['commission', 'orderId']
});

/** Order states that never filled: read, counted as skipped, not executions. */
const NOT_FILLED = new Set([
	'cancelled',
	'canceled',
	'rejected',
	'working',
	'inactive',
	'expired',
	'pending'
]);

/**
 * A TradingView symbol split at its exchange: `CME_MINI:ES1!` -> `{ exchange: 'CME_MINI', symbol: 'ES1!' }`.
 * @example splitTradingViewSymbol('BINANCE:btcusdt.p') // { exchange: 'BINANCE', symbol: 'BTCUSDT.P' }
 */
export function splitTradingViewSymbol(cell: string): { exchange: string | null; symbol: string } {
	const t = cell.trim();
	const at = t.indexOf(':');
	if (at < 0) return { exchange: null, symbol: normalizeSymbol(t) };
	const exchange = t.slice(0, at).trim().toUpperCase();
	return { exchange: exchange === '' ? null : exchange, symbol: normalizeSymbol(t.slice(at + 1)) };
}

export const tradingviewOrders: FormatDef = tableFormat({
	id: 'tradingview-orders',
	label: 'TradingView — Paper trading order history',
	defaultZone: 'UTC',
	layout: LAYOUT,
	// Placing Time, Order ID, Level ID and Leverage are the paper-trading panel's own.
	score: (header) =>
		0.8 + 0.15 * headerScore(header, [ALIASES.placingTime, ALIASES.orderId, ['Level ID'], ['Leverage']]),
	parser: (options) => new OrdersParser(LAYOUT, options)
});

class OrdersParser extends TableParser<Field> {
	protected data(c: Columns<Field>, cells: string[], line: number): RowOutcome {
		const { errors, fail, check, positive, rejected } = rowErrors(c, line);

		const status = c.get(cells, 'status').trim().toLowerCase();
		if (NOT_FILLED.has(status)) return skip(`a ${status} order, never filled`);
		if (status !== 'filled') {
			fail(
				'status',
				isBlank(status) ? 'is empty' : `"${c.get(cells, 'status').trim()}" is not an order status`
			);
			return rejected();
		}

		const { exchange, symbol } = splitTradingViewSymbol(c.get(cells, 'symbol'));
		if (symbol === '') fail('symbol', 'is empty');
		const side = check('side', parseSide(c.get(cells, 'side')));
		const qty = positive('qty', parseTradingViewNumber(c.get(cells, 'qty')));
		const priceCell = c.get(cells, 'fillPrice');
		const price = positive('fillPrice', parseTradingViewNumber(priceCell));
		const commissionCell = c.get(cells, 'commission');
		const commission = check(
			'commission',
			isBlank(commissionCell) ? parseOptionalNumber('') : parseTradingViewNumber(commissionCell)
		);
		const time = check('closingTime', parseDateTime(c.get(cells, 'closingTime'), this.options.zone));

		if (errors.length > 0 || !side.ok || !qty.ok || !price.ok || !commission.ok || !time.ok)
			return rejected();
		const orderId = c.get(cells, 'orderId').trim();
		const currency = /\s([A-Z]{3})$/.exec(priceCell.trim())?.[1] ?? null;
		return accept(
			execution({
				// A filled paper order fills whole, once: its order id names the execution too.
				brokerExecutionId: orderId === '' ? null : orderId,
				symbol,
				assetClass: tradingViewAssetClass(exchange, symbol),
				side: side.value.side,
				shortSale: side.value.shortSale,
				quantity: qty.value,
				price: price.value,
				time: time.value,
				// Paper commissions are what the user configured, written as a positive cost; blank = not stated.
				commission: commission.value,
				currency,
				orderId: orderId === '' ? null : orderId,
				line
			})
		);
	}
}
