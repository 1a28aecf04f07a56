import { describe, expect, it } from 'vitest';
import { MIN, OPEN } from '../../../../tests/support/paper-facts';
import { CROSS_BARS, STRATEGY_BROKER, strategy } from '../../../../tests/support/strategy';
import { PaperSession } from '../paper/session';
import { allRulesOff } from '../risk';
import { StrategyDriver } from './driver';
import { strategyLineage } from './lineage';

const DEF = strategy(
	{ kind: 'sma-cross', fast: 2, slow: 3 },
	{
		exits: {
			stop: { atrMultiple: 3 },
			target: { unit: 'r', value: 3 },
			atrPeriod: 2,
			flatAtSessionEnd: false
		}
	}
);

function replayed(): PaperSession {
	const session = new PaperSession(
		{
			id: 's1',
			symbol: 'SPY',
			from: OPEN,
			to: OPEN + CROSS_BARS.length * MIN,
			broker: STRATEGY_BROKER,
			risk: allRulesOff(),
			cursor: 0,
			actions: [],
			status: 'running',
			createdAt: 0
		},
		CROSS_BARS,
		MIN
	);
	const driver = new StrategyDriver(session, DEF, MIN);
	for (let i = 0; i < 5; i++) {
		session.step();
		driver.advance();
	}
	session.act({
		kind: 'submit',
		at: 0,
		submission: {
			orderClass: 'single',
			order: { symbol: 'SPY', side: 'buy', quantity: 1, type: 'limit', limitPrice: 1 }
		}
	});
	return session;
}

describe('strategyLineage', () => {
	it('an order of a bracket leads to its signal, the passed risk check, the three orders and the entry’s fill', () => {
		const [l, ...rest] = strategyLineage(replayed(), MIN, ['o3']);
		expect(rest).toEqual([]);
		expect(l!.strategy).toEqual({ id: 'st1', name: 'Test', version: 1 });
		expect(l!.risk).toEqual({ ok: true });
		expect(l!.intent.lineage).toMatchObject({
			barIndex: 3,
			close: 11,
			rule: 'SMA(2) crossed above SMA(3): 10.5 > 10.3333 (was 10 ≤ 10)'
		});
		expect(l!.orders.map((o) => [o.id, o.role, o.status])).toEqual([
			['o1', 'entry', 'filled'],
			['o2', 'stop_loss', 'accepted'],
			['o3', 'take_profit', 'accepted']
		]);
		expect(l!.executions.map((e) => [e.orderId, e.side, e.quantity, e.price])).toEqual([
			['o1', 'buy', 10, 11.04]
		]);
	});

	it('the trader’s own orders, and orders that do not exist, have none', () => {
		expect(strategyLineage(replayed(), MIN, ['o4', 'o99'])).toEqual([]);
	});
});
