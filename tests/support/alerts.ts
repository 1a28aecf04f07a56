/** A checked alert for specs: a market buy of 100 RIVN with nothing else set, and `over` on top. */
import type { Alert } from '../../src/lib/core/alerts';

export function alertOf(over: Partial<Alert> = {}): Alert {
	return {
		symbol: 'RIVN',
		action: 'buy',
		quantity: 100,
		risk: null,
		orderType: 'market',
		limitPrice: null,
		stopPrice: null,
		stopLoss: null,
		takeProfit: null,
		price: null,
		strategy: null,
		time: null,
		id: null,
		signature: null,
		comment: null,
		...over
	};
}
