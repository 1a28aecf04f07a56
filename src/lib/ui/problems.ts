/**
 * How many trades cannot be computed (TradeRow.problem), as the Trades, Dashboard and Reports
 * pages say it.
 * @example unusableText(1) // '1 trade cannot be computed'
 */
export function unusableText(count: number): string {
	return `${count.toLocaleString('en-US')} ${count === 1 ? 'trade' : 'trades'} cannot be computed`;
}
