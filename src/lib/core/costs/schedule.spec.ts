import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commissionOf } from './commission';
import { Exact } from './exact';
import {
	describeCost,
	describeSchedule,
	pickSchedule,
	sessionDate,
	tradeCosts,
	validateSchedule,
	type CommissionSchedule,
	type CostTable,
	type CostTrade,
	type ScheduleInput
} from './schedule';

/** One execution as a test writes it; time is `YYYY-MM-DD HH:MM` in New York (EDT, UTC−4). */
interface Ex {
	at?: string;
	side: 'buy' | 'sell';
	qty: number;
	price: number;
	order?: string | null;
	commission?: number;
	fees?: number;
}

const ACCOUNT = 'das|TR1';

function trade(executions: Ex[], accountId = ACCOUNT, multiplier = 1): [CostTrade, CostTable] {
	const n = executions.length;
	const table: CostTable = {
		id: executions.map((_, i) => `e${i}`),
		time: Float64Array.from(executions, (e) =>
			Date.parse(`${(e.at ?? '2025-10-13 10:00').replace(' ', 'T')}:00-04:00`)
		),
		quantity: Float64Array.from(executions, (e) => e.qty),
		price: Float64Array.from(executions, (e) => e.price),
		side: Uint8Array.from(executions, (e) => (e.side === 'buy' ? 0 : 1)),
		commission: Float64Array.from(executions, (e) => e.commission ?? NaN),
		fees: Float64Array.from(executions, (e) => e.fees ?? NaN),
		orderId: executions.map((e) => (e.order === undefined ? null : e.order))
	};
	const legs = Array.from({ length: n }, (_, i) => ({ execution: i, quantity: executions[i]!.qty }));
	return [{ accountId, multiplier, legs }, table];
}

function schedule(over: Partial<CommissionSchedule> = {}): CommissionSchedule {
	return {
		id: 's1',
		name: 'IBKR Pro fixed',
		scope: { kind: 'broker', broker: 'das' },
		effectiveFrom: '2025-01-01',
		commission: { kind: 'per_share', perShare: 0.0035, minimum: 0.35 },
		per: 'order',
		secFeePerMillion: null,
		taf: null,
		...over
	};
}

const costs = (executions: Ex[], schedules: CommissionSchedule[], accountId = ACCOUNT) =>
	tradeCosts(...trade(executions, accountId), schedules);

describe('commission rules', () => {
	const rule = { kind: 'per_share', perShare: 0.0035, minimum: 0.35, maxPercentOfValue: 1 } as const;
	it('per share: the minimum when shares × rate is below it, the rate above it, 1% of value as the cap', () => {
		// 36 × 0.0035 = 0.126 < 0.35
		expect(commissionOf(rule, Exact.of(36), Exact.of(8784)).amount.toNumber()).toBe(0.35);
		expect(commissionOf(rule, Exact.of(36), Exact.of(8784)).limit).toBe('min');
		// 14,000 × 0.0035 = 49.00; 1% of 5,990.60 = 59.906, not reached
		const plain = commissionOf(rule, Exact.of(14000), Exact.of(5990.6));
		expect([plain.amount.toNumber(), plain.limit]).toEqual([49, null]);
		// 1,000 × 0.0035 = 3.50 > 1% of $200 = 2.00
		const capped = commissionOf(rule, Exact.of(1000), Exact.of(200));
		expect([capped.amount.toNumber(), capped.limit]).toEqual([2, 'max']);
		// A fixed maximum caps too.
		const fixed = commissionOf(
			{ ...rule, maxPercentOfValue: null, maximum: 1 },
			Exact.of(1000),
			Exact.of(5000)
		);
		expect([fixed.amount.toNumber(), fixed.limit]).toEqual([1, 'max']);
	});

	it('per order and percent of value', () => {
		expect(
			commissionOf({ kind: 'per_order', amount: 4.95 }, Exact.of(10), Exact.of(1)).amount.toNumber()
		).toBe(4.95);
		// 0.1% of 1,000.50 = 1.0005, exact (not rounded here)
		expect(
			commissionOf({ kind: 'percent', percent: 0.1 }, Exact.of(100), Exact.of(1000.5)).amount.toNumber()
		).toBe(1.0005);
		expect(commissionOf({ kind: 'percent', percent: 0.1 }, Exact.of(0), Exact.of(0)).amount.isZero()).toBe(
			true
		);
	});
});

describe('tradeCosts', () => {
	it('applies a per-order minimum once per order, not once per partial fill (DAS Cloid)', () => {
		const result = costs(
			[
				{ side: 'buy', qty: 20, price: 244, order: 'OID1' },
				{ side: 'buy', qty: 16, price: 244, order: 'OID1' },
				{ side: 'sell', qty: 36, price: 245, order: 'OID2' }
			],
			[schedule()]
		);
		// Two orders at the $0.35 minimum; per fill it would be 3 × 0.35 = 1.05.
		expect(result).toEqual({
			commission: 0.7,
			fees: 0,
			lines: [
				{
					kind: 'commission',
					amount: 0.7,
					scheduleId: 's1',
					scheduleName: 'IBKR Pro fixed',
					effectiveFrom: '2025-01-01',
					per: 'order',
					units: 2,
					atMinimum: 2,
					atMaximum: 0
				}
			]
		});
	});

	it('executions without an order id are each an order; per trade prices the trade once', () => {
		const fills: Ex[] = [
			{ side: 'buy', qty: 20, price: 244 },
			{ side: 'buy', qty: 16, price: 244 },
			{ side: 'sell', qty: 36, price: 245 }
		];
		expect(costs(fills, [schedule()])!.commission).toBe(1.05);
		// Per trade: 72 × 0.0035 = 0.252 → the 0.35 minimum once.
		expect(costs(fills, [schedule({ per: 'trade' })])!.commission).toBe(0.35);
		// Per order: $4.95 × 3 orders; per trade: $4.95 once.
		const flat = { kind: 'per_order', amount: 4.95 } as const;
		expect(costs(fills, [schedule({ commission: flat })])!.commission).toBe(14.85);
		expect(costs(fills, [schedule({ commission: flat, per: 'trade' })])!.commission).toBe(4.95);
	});

	it('percent of value sums exactly and rounds the trade’s commission once', () => {
		// 0.1% × (1,000.50 + 1,010.00) = 1.0005 + 1.0100 = 2.0105 → 2.01 (each rounded: 1.00 + 1.01 = 2.01)
		const result = costs(
			[
				{ side: 'buy', qty: 100, price: 10.005, order: 'A' },
				{ side: 'sell', qty: 100, price: 10.1, order: 'B' }
			],
			[schedule({ commission: { kind: 'percent', percent: 0.1 } })]
		)!;
		expect(result.commission).toBe(2.01);
		expect(result.lines[0]!.amount).toBe(2.0105);
	});

	it('charges the SEC fee on sells only, at the stated rate per million', () => {
		const sec = schedule({ commission: { kind: 'none' }, secFeePerMillion: 27.8 });
		// Long: only the sale, 1,000 × 51 = 51,000 × 27.80 / 1,000,000 = 1.4178 → 1.42
		const long = costs(
			[
				{ side: 'buy', qty: 1000, price: 50, order: 'A' },
				{ side: 'sell', qty: 1000, price: 51, order: 'B' }
			],
			[sec]
		)!;
		expect([long.commission, long.fees, long.lines.map((l) => [l.kind, l.amount])]).toEqual([
			0,
			1.42,
			[['sec_fee', 1.4178]]
		]);
	});

	it.each<{ does: string; executions: Ex[]; over: Partial<CommissionSchedule>; fees: number }>([
		{
			does: 'charges the SEC fee on a short’s opening sale, not on the covering buy',
			// 500 × 20 = 10,000 → 0.278 → 0.28
			executions: [
				{ side: 'sell', qty: 500, price: 20, order: 'A' },
				{ side: 'buy', qty: 500, price: 19, order: 'B' }
			],
			over: { secFeePerMillion: 27.8 },
			fees: 0.28
		},
		{
			does: 'charges no SEC fee at the rate since 2025-05-14 ($0.00 per million)',
			executions: [{ side: 'sell', qty: 500, price: 20 }],
			over: { secFeePerMillion: 0 },
			fees: 0
		},
		{
			does: 'charges FINRA TAF per share sold (10,000 × 0.000166 = 1.66)',
			executions: [{ side: 'sell', qty: 10000, price: 1, order: 'A' }],
			over: { taf: { perShare: 0.000166, cap: 8.3 } },
			fees: 1.66
		},
		{
			does: 'caps FINRA TAF per order: two orders of 30,000 pay 4.98 each, under the cap',
			executions: [
				{ side: 'sell', qty: 30000, price: 1, order: 'A' },
				{ side: 'sell', qty: 30000, price: 1, order: 'B' }
			],
			over: { taf: { perShare: 0.000166, cap: 8.3 } },
			fees: 9.96
		}
	])('$does', ({ executions, over, fees }) => {
		expect(costs(executions, [schedule({ commission: { kind: 'none' }, ...over })])!.fees).toBe(fees);
	});

	it('charges FINRA TAF per share sold, capped per order', () => {
		const taf = schedule({ commission: { kind: 'none' }, taf: { perShare: 0.000166, cap: 8.3 } });
		// 60,000 in one order: 9.96 → the $8.30 cap (two orders of 30,000: see the fee cases above)
		const one = costs([{ side: 'sell', qty: 60000, price: 1, order: 'A' }], [taf])!;
		expect([one.fees, one.lines[0]!.atMaximum]).toEqual([8.3, 1]);
		// Buys pay none.
		expect(costs([{ side: 'buy', qty: 60000, price: 1, order: 'A' }], [taf])).toEqual({
			commission: 0,
			fees: 0,
			lines: []
		});
	});

	it('keeps the file’s own commission, and adds the schedule’s fees to the file’s ECN fees', () => {
		const s = schedule({ secFeePerMillion: 27.8 });
		// An execution with a commission of its own is the broker's word, fees included: untouched.
		expect(costs([{ side: 'sell', qty: 100, price: 10, commission: 1, fees: 0.02 }], [s])).toBeNull();
		// DAS: no commission, ECN fee 3.5088 + 2.4818 on the sells; SEC on 14,000 × 0.4279 = 5,990.60.
		const result = costs(
			[
				{ side: 'buy', qty: 14000, price: 0.4278, order: 'B', fees: 0 },
				{ side: 'sell', qty: 8200, price: 0.4279, order: 'S', fees: 3.5088 },
				{ side: 'sell', qty: 5800, price: 0.4279, order: 'S', fees: 2.4818 }
			],
			[s]
		)!;
		// 5.9906 + 0.16653868 = 6.15713868 → 6.16; commission 49.00 + 49.00
		expect([result.commission, result.fees]).toEqual([98, 6.16]);
	});

	it('picks the schedule in effect on each execution’s New York session date', () => {
		const old = schedule({ id: 'old', name: 'Old', commission: { kind: 'per_order', amount: 1 } });
		const next = schedule({
			id: 'new',
			name: 'New',
			effectiveFrom: '2025-10-14',
			commission: { kind: 'per_order', amount: 2 }
		});
		const day = (at: string) =>
			costs([{ at, side: 'buy', qty: 1, price: 1 }], [next, old])!.lines[0]!.scheduleName;
		expect(day('2025-10-13 15:59')).toBe('Old');
		// 23:30 in New York is 03:30 UTC the next day: still the 13th's session.
		expect(day('2025-10-13 23:30')).toBe('Old');
		expect(day('2025-10-14 00:00')).toBe('New');
		expect(costs([{ at: '2024-12-31 10:00', side: 'buy', qty: 1, price: 1 }], [next, old])).toBeNull();
		// A trade across the change pays each execution's rate.
		expect(
			costs(
				[
					{ at: '2025-10-13 15:00', side: 'buy', qty: 1, price: 1, order: 'A' },
					{ at: '2025-10-14 10:00', side: 'sell', qty: 1, price: 1, order: 'B' }
				],
				[old, next]
			)!.commission
		).toBe(3);
		expect(sessionDate(Date.parse('2025-10-14T03:30:00Z'))).toBe('2025-10-13');
	});

	it('an account’s own schedule wins over a broker-wide one once it is in effect', () => {
		const wide = schedule({ id: 'wide', name: 'DAS standard', commission: { kind: 'per_order', amount: 5 } });
		const own = schedule({
			id: 'own',
			name: 'TR1 negotiated',
			scope: { kind: 'account', accountId: 'das|TR1' },
			effectiveFrom: '2025-06-01',
			commission: { kind: 'per_order', amount: 1 }
		});
		const all = [wide, own];
		expect(pickSchedule(all, 'das|TR1', '2025-10-13')?.id).toBe('own');
		expect(pickSchedule(all, 'das|TR2', '2025-10-13')?.id).toBe('wide');
		// Before the account's starts, the broker's applies; another broker gets none.
		expect(pickSchedule(all, 'das|TR1', '2025-03-01')?.id).toBe('wide');
		expect(pickSchedule(all, 'ibkr|U1', '2025-10-13')).toBeNull();
		// Even a newer broker-wide schedule does not override the account's own.
		const newer = { ...wide, id: 'newer', effectiveFrom: '2025-09-01' };
		expect(pickSchedule([...all, newer], 'das|TR1', '2025-10-13')?.id).toBe('own');
		expect(costs([{ side: 'buy', qty: 1, price: 1 }], all, 'ibkr|U1')).toBeNull();
	});

	it('splitting an order into partial fills never changes what it costs (property)', () => {
		const s = schedule({ secFeePerMillion: 27.8, taf: { perShare: 0.000166, cap: 8.3 } });
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						qty: fc.integer({ min: 1, max: 20000 }),
						cents: fc.integer({ min: 1, max: 100000 }),
						parts: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 })
					}),
					{ minLength: 1, maxLength: 4 }
				),
				(orders) => {
					const whole: Ex[] = [];
					const split: Ex[] = [];
					orders.forEach((o, k) => {
						const side = k % 2 === 0 ? 'buy' : 'sell';
						const price = o.cents / 10000;
						whole.push({ side, qty: o.qty, price, order: `O${k}` });
						// The quantity in parts proportional to `parts`, the last taking what is left.
						const total = o.parts.reduce((a, b) => a + b, 0);
						let left = o.qty;
						o.parts.forEach((p, j) => {
							const q = j === o.parts.length - 1 ? left : Math.floor((o.qty * p) / total);
							left -= q;
							if (q > 0) split.push({ side, qty: q, price, order: `O${k}` });
						});
					});
					const a = costs(whole, [s])!;
					const b = costs(split, [s])!;
					expect([b.commission, b.fees]).toEqual([a.commission, a.fees]);
					// Whole cents, so net = gross − commission − fees is exact.
					for (const x of [a.commission, a.fees]) expect(Math.round(x * 100) / 100).toBe(x);
				}
			)
		);
	});
});

describe('validateSchedule', () => {
	const context = { accounts: [{ id: 'das|TR1' }], schedules: [schedule()] };
	const input = (over: Partial<ScheduleInput>): ScheduleInput => {
		const { id: _id, ...rest } = schedule({ effectiveFrom: '2025-06-01' });
		return { ...rest, ...over };
	};
	const messages = (over: Partial<ScheduleInput>) => {
		const result = validateSchedule(input(over), context);
		return result.ok ? [] : result.errors.map((e) => `${e.field}: ${e.message}`);
	};

	it('accepts a sensible schedule and spells the broker as account ids do', () => {
		const result = validateSchedule(
			input({ name: '  IBKR   Pro ', scope: { kind: 'broker', broker: ' DAS ' } }),
			context
		);
		expect(result).toEqual({
			ok: true,
			value: input({ name: 'IBKR Pro', scope: { kind: 'broker', broker: 'das' } })
		});
	});

	it('says what is wrong: negative rates, min above max, an unknown account, a bad date, a clash', () => {
		expect(messages({ commission: { kind: 'per_share', perShare: -0.0035, minimum: 0.35 } })).toEqual([
			'perShare: The rate per share cannot be negative.'
		]);
		expect(
			messages({ commission: { kind: 'per_share', perShare: 0.0035, minimum: 1, maximum: 0.5 } })
		).toEqual(['maximum: The minimum ($1) is above the maximum ($0.5).']);
		expect(messages({ scope: { kind: 'account', accountId: 'das|NOPE' } })).toEqual([
			'scope: Unknown account “das|NOPE”: choose an account of this mode.'
		]);
		expect(messages({ effectiveFrom: '2025-02-30' })).toEqual([
			'effectiveFrom: Enter the date the schedule takes effect as YYYY-MM-DD.'
		]);
		expect(messages({ effectiveFrom: '2025-01-01' })).toEqual([
			'effectiveFrom: “IBKR Pro fixed” already applies to the same broker from 2025-01-01: choose another date or edit it.'
		]);
		expect(messages({ secFeePerMillion: -1, taf: { perShare: 0.000166, cap: Number.NaN } })).toEqual([
			'secFeePerMillion: The SEC fee rate cannot be negative.',
			'tafCap: Enter the TAF cap as a number.'
		]);
		expect(messages({ name: ' ' })).toEqual(['name: Name the schedule, e.g. “IBKR Pro fixed”.']);
		expect(messages({ commission: { kind: 'none' } })).toEqual([
			'scope: The schedule charges nothing: choose a commission or a fee.'
		]);
		// Editing a schedule does not clash with itself.
		expect(validateSchedule({ ...input({ effectiveFrom: '2025-01-01' }), id: 's1' }, context).ok).toBe(true);
	});

	it('describes a schedule in words', () => {
		expect(
			describeSchedule(
				schedule({
					commission: { kind: 'per_share', perShare: 0.0035, minimum: 0.35, maxPercentOfValue: 1 },
					secFeePerMillion: 27.8,
					taf: { perShare: 0.000166, cap: 8.3 }
				})
			)
		).toBe(
			'$0.0035/share, min $0.35, max 1% of value per order · SEC $27.8/M sold · TAF $0.000166/share sold, cap $8.3 per order'
		);
	});
});

describe('describeCost', () => {
	const line = {
		kind: 'commission',
		amount: 0.35,
		scheduleId: 's1',
		scheduleName: 'IBKR Pro fixed',
		effectiveFrom: '2025-01-01',
		per: 'order',
		units: 1,
		atMinimum: 1,
		atMaximum: 0
	} as const;
	it('names the schedule, its date and what decided the amount', () => {
		expect(describeCost(line)).toBe('Commission $0.35 — IBKR Pro fixed (min), from 2025-01-01');
		expect(describeCost({ ...line, amount: 1.05, units: 3, atMinimum: 2 })).toBe(
			'Commission $1.05 — IBKR Pro fixed (min on 2 of 3 orders), from 2025-01-01'
		);
		expect(describeCost({ ...line, kind: 'sec_fee', amount: 2.04971624, atMinimum: 0 })).toBe(
			'SEC fee $2.04971624 — IBKR Pro fixed, from 2025-01-01'
		);
		expect(
			describeCost({ ...line, kind: 'taf', amount: 8.3, per: 'trade', atMinimum: 0, atMaximum: 1 })
		).toBe('FINRA TAF $8.30 — IBKR Pro fixed (cap), from 2025-01-01');
	});
});
