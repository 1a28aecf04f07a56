import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN, OPEN } from '../../../../tests/support/paper-facts';
import { barsOf, CROSS_BARS, ruleArb, STRATEGY_BROKER, strategy } from '../../../../tests/support/strategy';
import type { Bar } from '../broker';
import { actionProblem, PaperSession, type PaperSessionFacts } from '../paper/session';
import { allRulesOff, type RiskConfig } from '../risk';
import { backtest } from './backtest';
import { entrySubmission, StrategyDriver } from './driver';
import type { Exits, StrategyDefinition } from './types';

const BROKER = STRATEGY_BROKER;

const SMA_2_3 = strategy({ kind: 'sma-cross', fast: 2, slow: 3 });

function facts(bars: readonly Bar[], risk: RiskConfig = allRulesOff()): PaperSessionFacts {
	return {
		id: 's1',
		symbol: 'SPY',
		from: bars[0]?.time ?? OPEN,
		to: (bars[bars.length - 1]?.time ?? OPEN) + MIN,
		broker: BROKER,
		risk,
		cursor: 0,
		actions: [],
		status: 'running',
		createdAt: 0
	};
}

/** Steps the session `count` times, the driver advancing after each step. */
function run(session: PaperSession, driver: StrategyDriver, count: number): void {
	for (let i = 0; i < count && !session.finished; i++) {
		session.step();
		driver.advance();
	}
}

describe('StrategyDriver', () => {
	it('logs each submission with its origin: the strategy, its version and the intent with its lineage', () => {
		const session = new PaperSession(facts(CROSS_BARS), CROSS_BARS, MIN);
		run(session, new StrategyDriver(session, SMA_2_3, MIN), 5);
		const submits = session.facts.actions.filter((a) => a.kind === 'submit');
		expect(
			submits.map((a) => [a.at, a.origin?.strategyId, a.origin?.version, a.origin?.intent.lineage.rule])
		).toEqual([[4, 'st1', 1, 'SMA(2) crossed above SMA(3): 10.5 > 10.3333 (was 10 ≤ 10)']]);
	});

	it('paused, reads bars without acting; started again, acts on the next intent with warm indicators', () => {
		const session = new PaperSession(facts(CROSS_BARS), CROSS_BARS, MIN);
		const driver = new StrategyDriver(session, SMA_2_3, MIN, { running: false });
		run(session, driver, 8);
		expect(session.facts.actions).toEqual([]);
		driver.start();
		run(session, driver, 12);
		// The crossing up at bar 9 (read on bar 10's step) fills at bar 10's open: SMA(3) was warm already.
		expect(session.view().executions.map((e) => [e.side, e.price, e.time])).toEqual([
			['buy', 10.1, OPEN + 10 * MIN]
		]);
	});

	it('pauses when the daily loss limit rejects its entry, and says why', () => {
		const risk: RiskConfig = { ...allRulesOff(), dailyLoss: { enabled: true, limit: 5 } };
		const session = new PaperSession(facts(CROSS_BARS, risk), CROSS_BARS, MIN);
		const driver = new StrategyDriver(session, SMA_2_3, MIN);
		run(session, driver, 12);
		// The first trade lost $9.70 and $2 of commissions: the entry at bar 9 is refused.
		expect(driver.running).toBe(false);
		expect(driver.pausedBecause).toBe('Daily loss limit: −$11.70 is beyond the limit of −$5.00');
		expect(driver.declined.map((d) => [d.intent.lineage.barIndex, d.rejection?.violation.rule])).toEqual([
			[9, 'dailyLoss']
		]);
	});

	it('cancelWorking cancels its working stop and leaves the trader’s own orders alone', () => {
		const exits: Exits = { stop: { atrMultiple: 3 }, target: null, atrPeriod: 2, flatAtSessionEnd: false };
		const def: StrategyDefinition = { ...SMA_2_3, exits };
		const session = new PaperSession(facts(CROSS_BARS), CROSS_BARS, MIN);
		const driver = new StrategyDriver(session, def, MIN);
		run(session, driver, 5);
		const own = session.act({
			kind: 'submit',
			at: 0,
			submission: {
				orderClass: 'single',
				order: { symbol: 'SPY', side: 'buy', quantity: 1, type: 'limit', limitPrice: 1 }
			}
		});
		expect(own.ok).toBe(true);
		driver.cancelWorking();
		expect(session.view().orders.map((o) => [o.role, o.status])).toEqual([
			['primary', 'filled'],
			['secondary', 'cancelled'],
			['single', 'accepted']
		]);
	});

	it('an origin that names no strategy or no intent is refused', () => {
		const submission = {
			orderClass: 'single',
			order: { symbol: 'SPY', side: 'buy', quantity: 1, type: 'market' }
		} as const;
		const origin = { strategyId: '', version: 1, intent: { kind: 'entry' } } as never;
		expect(actionProblem({ kind: 'submit', at: 0, submission, origin })).toBe(
			'the strategy origin names no strategy'
		);
		const noIntent = { strategyId: 'st1', version: 1, intent: null } as never;
		expect(actionProblem({ kind: 'submit', at: 0, submission, origin: noIntent })).toBe(
			'the strategy origin has no intent'
		);
	});
});

describe('StrategyDriver: replay equals backtest', () => {
	const exitsArb: fc.Arbitrary<Exits> = fc.record({
		stop: fc.option(fc.record({ atrMultiple: fc.double({ min: 0.5, max: 3, noNaN: true }) }), { nil: null }),
		target: fc.option(
			fc.record({
				unit: fc.constantFrom('atr' as const),
				value: fc.double({ min: 0.5, max: 4, noNaN: true })
			}),
			{ nil: null }
		),
		atrPeriod: fc.integer({ min: 1, max: 10 }),
		flatAtSessionEnd: fc.boolean()
	});
	/** Slices of steps, each maybe followed by a reload (the facts through JSON into a new session and driver). */
	const slicesArb = fc.array(fc.record({ steps: fc.integer({ min: 1, max: 15 }), reload: fc.boolean() }), {
		minLength: 1,
		maxLength: 30
	});

	it('stepped in random slices and reloaded from JSON at random points, gives the backtest’s executions and orders', () => {
		let placed = 0;
		fc.assert(
			fc.property(barsOf(30), ruleArb, exitsArb, slicesArb, (bars, rule, exits, slices) => {
				const def = strategy(rule, { exits });
				const expected = backtest(def, bars, BROKER, allRulesOff(), MIN);
				let session = new PaperSession(facts(bars), bars, MIN);
				let driver = new StrategyDriver(session, def, MIN);
				for (let k = 0; !session.finished; k++) {
					const slice = slices[k % slices.length]!;
					run(session, driver, slice.steps);
					if (!slice.reload) continue;
					const stored = JSON.parse(JSON.stringify(session.facts)) as PaperSessionFacts;
					session = new PaperSession(stored, bars, MIN);
					driver = new StrategyDriver(session, def, MIN);
				}
				const view = session.view();
				expect(view.executions).toEqual(expected.executions);
				expect(driver.orders(view.orders)).toEqual(expected.orders);
				placed += expected.orders.length;
			}),
			{ numRuns: 80 }
		);
		expect(placed).toBeGreaterThan(0);
	});
});

describe("entrySubmission: an entry with its intent's stop and target", () => {
	const long = { symbol: 'SPY', side: 'buy', quantity: 100, type: 'market' } as const;
	const short = { ...long, side: 'sell' } as const;

	it("puts a long entry's exits on the sell side, GTC, written as the stored logs always had them", () => {
		// Exact JSON, keys in order: backtest-exact's golden digests are of the logs written so.
		expect(JSON.stringify(entrySubmission(long, { stop: 99.5, target: null }))).toBe(
			'{"orderClass":"oto","primary":{"symbol":"SPY","side":"buy","quantity":100,"type":"market"},' +
				'"secondary":{"symbol":"SPY","side":"sell","quantity":100,"timeInForce":"gtc","type":"stop","stopPrice":99.5}}'
		);
		expect(JSON.stringify(entrySubmission(long, { stop: null, target: 102.25 }))).toBe(
			'{"orderClass":"oto","primary":{"symbol":"SPY","side":"buy","quantity":100,"type":"market"},' +
				'"secondary":{"symbol":"SPY","side":"sell","quantity":100,"timeInForce":"gtc","type":"limit","limitPrice":102.25}}'
		);
		expect(JSON.stringify(entrySubmission(long, { stop: 99.5, target: 102.25 }))).toBe(
			'{"orderClass":"bracket","entry":{"symbol":"SPY","side":"buy","quantity":100,"type":"market"},' +
				'"stopLoss":{"stopPrice":99.5},"takeProfit":{"limitPrice":102.25},"exitTimeInForce":"gtc"}'
		);
		expect(entrySubmission(long, { stop: null, target: null })).toEqual({
			orderClass: 'single',
			order: long
		});
	});

	it("puts a short entry's exits on the buy side", () => {
		expect(entrySubmission(short, { stop: 101.5, target: null })).toEqual({
			orderClass: 'oto',
			primary: short,
			secondary: {
				symbol: 'SPY',
				side: 'buy',
				quantity: 100,
				timeInForce: 'gtc',
				type: 'stop',
				stopPrice: 101.5
			}
		});
		expect(entrySubmission(short, { stop: null, target: 97.75 })).toEqual({
			orderClass: 'oto',
			primary: short,
			secondary: {
				symbol: 'SPY',
				side: 'buy',
				quantity: 100,
				timeInForce: 'gtc',
				type: 'limit',
				limitPrice: 97.75
			}
		});
		// A bracket names no exit side: the broker puts its stop and target opposite the entry.
		const margin = { ...facts(CROSS_BARS), broker: { ...BROKER, allowShort: true } };
		const session = new PaperSession(margin, CROSS_BARS, MIN);
		session.step();
		const close = CROSS_BARS[0]!.close;
		const outcome = session.act({
			kind: 'submit',
			at: 0,
			submission: entrySubmission(short, { stop: close + 1, target: close - 1 })
		});
		expect(outcome.ok && outcome.orders.map((o) => [o.role, o.side])).toEqual([
			['entry', 'sell'],
			['stop_loss', 'buy'],
			['take_profit', 'buy']
		]);
	});
});
