/**
 * The paper broker: a pure, deterministic order state machine and account for paper trading.
 *
 * - `PaperBroker` takes orders (market, limit, stop, stop-limit, trailing stop; single,
 *   bracket, OCO, OTO; DAY, GTC, IOC, FOK), executes them against bars by the fill rules
 *   documented in fill-rules.ts, and keeps cash, positions and P&L in integer cents
 *   (paper-broker.ts states the account rules).
 * - `replayActions` rebuilds the same state from a plain JSON log of bars and actions.
 * - Everything returned is plain data; ids are sequential ('o1'…, 'e1'…).
 *
 * Vocabulary: an "order" is an instruction to the broker; an "execution" is one fill of it.
 * Risk rules are not here: the risk manager runs before `submit`, reading `account()`,
 * `position()`, `lastPrice()` and `estimateOrderValue()`.
 *
 * @example
 * const broker = new PaperBroker({ startingCash: 25_000, commission: { kind: 'per_share', perShare: 0.005, minimum: 1 } });
 * broker.onBar(bar0);
 * broker.submit(
 * 	{ orderClass: 'bracket', entry: { symbol: 'AAPL', side: 'buy', quantity: 100, type: 'market' },
 * 	  stopLoss: { stopPrice: 180 }, takeProfit: { limitPrice: 195 } },
 * 	bar0.time
 * );
 * for (const bar of later) broker.onBar(bar);
 * broker.account().equityCents;
 */

export { orderRequestProblem, trailProblem } from './checks';
export { DEFAULT_BROKER_CONFIG, PaperBroker } from './paper-broker';
export { applyEvent, replayActions } from './replay';
export { formatCents, valueCents } from './money';
export { orderCommissionCents } from '../costs/commission';
export type * from './types';
