/**
 * The backtest's fast path changes no cent. Two checks:
 *
 * - A straightforward runner (the runner as it was first written: it reads the session's whole
 *   `view()` before every intent, and after every step) drives its own PaperSession over the same
 *   bars; the backtest must give exactly its executions, orders (with their intents), declined
 *   intents, equity after every bar, summary and facts. Random rules, exits, sizing, broker and
 *   risk settings (day trades on a margin account, rate limits, circuit breaker, daily loss), and
 *   bars over several days (overnight gaps, a weekend, the 2025-03-09 clock change).
 * - A golden: digests of whole results over fixed cases, recorded from the code before the fast
 *   path existed (backtest-exact.golden.json; recorded again from main's StrategyDriver, with
 *   its strategy origins in the log, before the fast path was merged into it), so a change inside the session itself, which both
 *   runners share, cannot slip through. `WRITE_BACKTEST_GOLDEN=1` rewrites it (only ever from a
 *   commit known to be right).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN, OPEN } from '../../../../tests/support/paper-facts';
import { barsOf, ruleArb, strategy } from '../../../../tests/support/strategy';
import { DEFAULT_BROKER_CONFIG, type Bar, type BrokerConfig, type Order } from '../broker';
import { roundTrips } from '../paper/desk-stats';
import { PaperSession, type PaperSessionFacts, type PaperView, type RiskRejection } from '../paper/session';
import { riskAmount, sizeFromRisk } from '../paper/sizing';
import { allRulesOff, type RiskConfig } from '../risk';
import { backtest, type BacktestResult } from './backtest';
import { StrategyStepper, type Intent } from './signals';
import type { StrategyDefinition } from './types';

const GOLDEN = 'src/lib/core/strategy/backtest-exact.golden.json';
const HOUR = 60 * MIN;

/** Bars with gaps: most a minute apart, some overnight (17.5 h) or over a weekend (65.5 h). */
const spreadBarsArb: fc.Arbitrary<Bar[]> = fc
	.tuple(
		barsOf(30),
		fc.array(fc.constantFrom(MIN, MIN, MIN, MIN, MIN, 17.5 * HOUR, 65.5 * HOUR), {
			minLength: 120,
			maxLength: 120
		})
	)
	.map(([bars, gaps]) => {
		let time = OPEN;
		return bars.map((bar, i) => {
			if (i > 0) time += gaps[i]!;
			return { ...bar, time };
		});
	});

const exitsArb: fc.Arbitrary<StrategyDefinition['exits']> = fc.record({
	stop: fc.option(fc.record({ atrMultiple: fc.constantFrom(0.5, 1, 2, 3) }), { nil: null }),
	target: fc.option(
		fc.record({ unit: fc.constantFrom<'r' | 'atr'>('r', 'atr'), value: fc.constantFrom(1, 1.5, 3) }),
		{ nil: null }
	),
	atrPeriod: fc.integer({ min: 1, max: 14 }),
	flatAtSessionEnd: fc.boolean()
});

const sizingArb: fc.Arbitrary<StrategyDefinition['sizing']> = fc.oneof(
	fc.record({ by: fc.constant('quantity' as const), quantity: fc.integer({ min: 1, max: 400 }) }),
	fc.record({ by: fc.constant('risk-amount' as const), amount: fc.constantFrom(10, 50, 250) }),
	fc.record({ by: fc.constant('risk-percent' as const), percent: fc.constantFrom(0.1, 0.5, 2) })
);

const brokerArb: fc.Arbitrary<BrokerConfig> = fc
	.record({
		startingCash: fc.constantFrom(2_000, 20_000, 100_000),
		marginMultiplier: fc.constantFrom(1, 2, 4),
		perShare: fc.constantFrom(0, 0.005),
		bothTouched: fc.constantFrom<BrokerConfig['bothTouched']>('worse', 'better')
	})
	.map(({ perShare, ...rest }) => ({
		...DEFAULT_BROKER_CONFIG,
		...rest,
		commission: perShare ? { kind: 'per_share' as const, perShare, minimum: 1 } : { kind: 'none' as const }
	}));

const riskArb: fc.Arbitrary<RiskConfig> = fc
	.record({
		dayTrades: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
		ordersPerMinute: fc.option(fc.integer({ min: 1, max: 2 }), { nil: null }),
		dailyLoss: fc.option(fc.constantFrom(-5, -50), { nil: null }),
		circuitBreaker: fc.option(fc.constantFrom(0.01, 0.1, 1), { nil: null }),
		drawdown: fc.option(fc.constantFrom(0.05, 0.5), { nil: null }),
		positionShares: fc.option(fc.constantFrom(50, 300), { nil: null })
	})
	.map((on) => {
		const risk = allRulesOff();
		if (on.dayTrades !== null)
			risk.dayTrades = { ...risk.dayTrades, enabled: true, limit: on.dayTrades, minEquity: 1_000_000 };
		if (on.ordersPerMinute !== null) risk.ordersPerMinute = { enabled: true, limit: on.ordersPerMinute };
		if (on.dailyLoss !== null) risk.dailyLoss = { enabled: true, limit: on.dailyLoss };
		if (on.circuitBreaker !== null)
			risk.circuitBreaker = { enabled: true, limit: on.circuitBreaker, haltMs: 30 * MIN };
		if (on.drawdown !== null) risk.drawdown = { enabled: true, limit: on.drawdown, unit: 'percent' };
		if (on.positionShares !== null) risk.positionShares = { enabled: true, limit: on.positionShares };
		return risk;
	});

interface Case {
	def: StrategyDefinition;
	bars: Bar[];
	broker: BrokerConfig;
	risk: RiskConfig;
}

const caseArb: fc.Arbitrary<Case> = fc
	.record({
		rule: ruleArb,
		exits: exitsArb,
		sizing: sizingArb,
		bars: fc.oneof(barsOf(30), spreadBarsArb),
		broker: brokerArb,
		risk: riskArb
	})
	.map(({ rule, exits, sizing, bars, broker, risk }) => ({
		def: strategy(rule, { exits, sizing }),
		bars,
		broker,
		risk
	}));

/** The backtest, or the error it throws (an invalid definition). */
function run(c: Case): BacktestResult | string {
	try {
		return backtest(c.def, c.bars, c.broker, c.risk, MIN);
	} catch (e) {
		return `throws: ${e instanceof Error ? e.message : String(e)}`;
	}
}

const WORKING: ReadonlySet<Order['status']> = new Set(['new', 'accepted', 'partially_filled']);

/** The runner as first written: the whole view before each intent, and after each step. */
function straightforward(c: Case): BacktestResult | string {
	let stepper: StrategyStepper;
	try {
		stepper = new StrategyStepper(c.def, MIN);
	} catch (e) {
		return `throws: ${e instanceof Error ? e.message : String(e)}`;
	}
	const facts: PaperSessionFacts = {
		id: `backtest:${c.def.id}@${c.def.version}`,
		symbol: c.bars[0]?.symbol ?? '',
		from: c.bars[0]?.time ?? 0,
		to: (c.bars[c.bars.length - 1]?.time ?? 0) + MIN,
		broker: c.broker,
		risk: c.risk,
		cursor: 0,
		actions: [],
		status: 'running',
		createdAt: 0
	};
	const session = new PaperSession(facts, c.bars, MIN);
	const intentOf = new Map<string, Intent>();
	const declined: BacktestResult['declined'] = [];
	let entryId: string | null = null;
	let exitIds: string[] = [];
	const equity: number[] = [];
	let running = true;
	const decline = (intent: Intent, reason: string, rejection?: RiskRejection | null) =>
		declined.push(rejection ? { intent, reason, rejection } : { intent, reason });
	const origin = (intent: Intent) => ({
		strategyId: c.def.id,
		name: c.def.name,
		version: c.def.version,
		intent
	});
	const quantityFor = (intent: Extract<Intent, { kind: 'entry' }>, eq: number): number | string => {
		const sizing = c.def.sizing;
		if (sizing.by === 'quantity') return sizing.quantity;
		if (intent.stop === null) return 'sizing by risk needs a stop';
		const amount =
			sizing.by === 'risk-amount' ? sizing.amount : riskAmount({ by: 'percent', value: sizing.percent }, eq);
		const sized = sizeFromRisk({ amount, entry: intent.reference, stop: intent.stop });
		return sized.ok ? sized.quantity : sized.reason;
	};
	const entry = (intent: Extract<Intent, { kind: 'entry' }>, view: PaperView, held: number) => {
		if (intent.blocked !== null) return decline(intent, intent.blocked);
		if (held !== 0) return decline(intent, `already holding ${held} ${intent.symbol}`);
		const working = view.orders.find((o) => o.id === entryId);
		if (working && WORKING.has(working.status))
			return decline(intent, `an entry (${working.id}) is still working`);
		const quantity = quantityFor(intent, view.account.equityCents / 100);
		if (typeof quantity === 'string') return decline(intent, quantity);
		const order = { symbol: intent.symbol, side: 'buy' as const, quantity, type: 'market' as const };
		const exit = (o: object) => ({ ...order, side: 'sell' as const, timeInForce: 'gtc' as const, ...o });
		const submission =
			intent.stop !== null && intent.target !== null
				? {
						orderClass: 'bracket' as const,
						entry: order,
						stopLoss: { stopPrice: intent.stop },
						takeProfit: { limitPrice: intent.target },
						exitTimeInForce: 'gtc' as const
					}
				: intent.stop !== null
					? {
							orderClass: 'oto' as const,
							primary: order,
							secondary: exit({ type: 'stop', stopPrice: intent.stop })
						}
					: intent.target !== null
						? {
								orderClass: 'oto' as const,
								primary: order,
								secondary: exit({ type: 'limit', limitPrice: intent.target })
							}
						: { orderClass: 'single' as const, order };
		const outcome = session.act({ kind: 'submit', at: 0, submission, origin: origin(intent) });
		if (!outcome.ok) return decline(intent, outcome.reason, outcome.rejection);
		for (const o of outcome.orders) intentOf.set(o.id, intent);
		entryId = outcome.orders.find((o) => ['entry', 'primary', 'single'].includes(o.role))!.id;
		exitIds = outcome.orders.filter((o) => o.id !== entryId).map((o) => o.id);
	};
	const exit = (intent: Extract<Intent, { kind: 'exit' }>, view: PaperView, held: number) => {
		if (held <= 0) return;
		const pending = view.orders.find(
			(o) =>
				WORKING.has(o.status) &&
				o.side === 'sell' &&
				o.type === 'market' &&
				intentOf.get(o.id)?.kind === 'exit'
		);
		if (pending) return decline(intent, `an exit (${pending.id}) is already working`);
		for (const id of exitIds) {
			const order = view.orders.find((o) => o.id === id);
			if (order && WORKING.has(order.status)) session.act({ kind: 'cancel', at: 0, orderId: id });
		}
		exitIds = [];
		const outcome = session.act({
			kind: 'submit',
			at: 0,
			submission: {
				orderClass: 'single',
				order: { symbol: intent.symbol, side: 'sell', quantity: held, type: 'market' }
			},
			origin: origin(intent)
		});
		if (!outcome.ok) return decline(intent, outcome.reason, outcome.rejection);
		for (const o of outcome.orders) intentOf.set(o.id, intent);
	};
	for (const bar of session.bars) {
		session.step();
		const after = session.view();
		equity.push(after.equity[after.equity.length - 1]!);
		const intents = stepper.push(bar);
		if (!running) continue;
		const before = declined.length;
		for (const intent of intents) {
			const view = session.view();
			const held = view.account.positions.find((p) => p.symbol === intent.symbol)?.quantity ?? 0;
			if (intent.kind === 'exit') exit(intent, view, held);
			else entry(intent, view, held);
		}
		// A rejection by the daily loss limit or the circuit breaker pauses the strategy (StrategyDriver).
		const pausing = ['dailyLoss', 'circuitBreaker'];
		if (declined.slice(before).some((d) => d.rejection && pausing.includes(d.rejection.violation.rule)))
			running = false;
	}
	const view = session.view();
	expect(view.equity).toEqual(equity);
	const closed = roundTrips(view.executions).filter((t) => t.closeTime !== null);
	return {
		executions: view.executions,
		equity: view.equity,
		orders: view.orders.flatMap((order) => {
			const intent = intentOf.get(order.id);
			return intent ? [{ order, intent }] : [];
		}),
		declined,
		summary: {
			trades: closed.length,
			wins: closed.filter((t) => t.netCents > 0).length,
			netPnlCents: closed.reduce((sum, t) => sum + t.netCents, 0),
			commissionsCents: view.account.commissionsCents,
			openQuantity: view.account.positions.reduce((sum, p) => sum + p.quantity, 0),
			endingEquityCents: view.account.equityCents
		},
		facts: session.facts
	};
}

/** 53-bit FNV-1a-style digest of a string (two 32-bit lanes), as hex. */
function digest(text: string): string {
	let a = 0x811c9dc5;
	let b = 0x01000193;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		a = Math.imul(a ^ c, 0x01000193);
		b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
	}
	return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

const GOLDEN_CASES = fc.sample(caseArb, { seed: 17, numRuns: 300 });

describe('the backtest changes no cent', () => {
	it('gives exactly what the straightforward runner over view() gives (property)', () => {
		fc.assert(
			fc.property(caseArb, (c) => {
				expect(run(c)).toEqual(straightforward(c));
			}),
			{ numRuns: 150 }
		);
	});

	it('gives exactly the golden results recorded before the fast path (300 fixed cases)', () => {
		const digests = GOLDEN_CASES.map((c) => digest(JSON.stringify(run(c))));
		if (process.env.WRITE_BACKTEST_GOLDEN) writeFileSync(GOLDEN, `${JSON.stringify(digests, null, '\t')}\n`);
		const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as string[];
		// The cases trade: most of them place orders, many are declined, some hit the risk rules.
		const results = GOLDEN_CASES.map(run).filter((r): r is BacktestResult => typeof r !== 'string');
		expect(results.filter((r) => r.executions.length > 0).length).toBeGreaterThan(50);
		expect(
			results.filter((r) => r.declined.some((d) => /limit|Day trades|Circuit/.test(d.reason))).length
		).toBeGreaterThan(5);
		expect(digests).toEqual(golden);
	});
});
