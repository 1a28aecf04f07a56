/**
 * Commission schedules: the user's cost rules for executions whose file gives no commission
 * (DAS Trades windows carry only ECN fees). Schedules are settings (facts); the costs they
 * produce are computed each time trades are derived and never written into executions.
 *
 * Which executions: only those with no commission of their own. Their file's fees (DAS ECN
 * fees) stay and the schedule's regulatory fees are added to them.
 *
 * Which schedule: per execution, by its account and its session date (the calendar date in
 * SESSION_ZONE, where US equities trade). A schedule for the account wins over a broker-wide
 * one; within either, the one with the latest effective-from date on or before that date. A
 * new rate is a new schedule from a later date, so earlier trades keep the rate they paid.
 *
 * Units and rounding (money to the cent, exactly):
 * - `per: 'order'`: a minimum, a maximum, a per-order amount and the TAF cap apply once per
 *   order: the executions of a trade that share an order id (DAS `Cloid`) and a side are one
 *   order; an execution without an order id is an order of its own. `per: 'trade'`: they apply
 *   once per trade (what Tradervue does; see costs.spec.ts). An order whose executions fall in
 *   two trades (it reversed the position) is priced in each trade for its part there.
 * - Every amount is exact (decimal rates × decimal quantities and prices; see exact.ts). A
 *   trade's commissions and its fees are each rounded to the cent ONCE, half away from zero:
 *   the file's own costs plus the schedule's, summed exactly. Net P&L = gross − commissions −
 *   fees is then a sum of whole cents, so it is exact. (Rounding each fee on its own would not
 *   reproduce Tradervue: CYN on 2025-10-13 has ECN 3.0200 + SEC 0.2551 + TAF 0.3486 = 3.6237,
 *   booked as 3.62, where 3.02 + 0.26 + 0.35 = 3.63.)
 */
import { accountId as makeAccountId } from '../model/account';
import { instantToWallTime } from '../time/zone';
import { ExactSum } from '../trades/decimal';
import type { ExecutionTable } from '../trades/types';
import { commissionOf, type CommissionModel } from './commission';
import { Exact } from './exact';

/** The zone whose calendar dates effective-from dates are: US equity sessions. */
export const SESSION_ZONE = 'America/New_York';

/** Whom a schedule applies to: one account (its id), or every account at a broker. */
export type ScheduleScope = { kind: 'account'; accountId: string } | { kind: 'broker'; broker: string };

export interface CommissionSchedule {
	/** Stable id, for editing and for naming the schedule behind a cost. */
	id: string;
	/** As the user names it, e.g. "IBKR Pro fixed". */
	name: string;
	scope: ScheduleScope;
	/** `YYYY-MM-DD` in SESSION_ZONE: applies to executions on this date and later. */
	effectiveFrom: string;
	commission: CommissionModel;
	/** What a minimum, a maximum, a per-order amount and the TAF cap apply to. */
	per: 'order' | 'trade';
	/** SEC fee on sells: dollars per million dollars of sale value (e.g. 27.80); null = none. */
	secFeePerMillion: number | null;
	/** FINRA TAF on sells: dollars per unit sold, at most `cap` per order (or trade); null = none. */
	taf: { perShare: number; cap: number } | null;
}

export type CostKind = 'commission' | 'sec_fee' | 'taf';

/** One cost a schedule put on a trade (all its orders, or the trade, of one kind together). */
export interface CostLine {
	kind: CostKind;
	/** Currency units, exact (may have more than two decimals: rounding is the trade's, once). */
	amount: number;
	scheduleId: string;
	scheduleName: string;
	effectiveFrom: string;
	/** What `units` counts: the schedule's `per`. */
	per: 'order' | 'trade';
	/** Orders (or trades) priced. */
	units: number;
	/** Of those, how many the minimum decided, the maximum decided, or (TAF) the cap decided. */
	atMinimum: number;
	atMaximum: number;
}

/** A trade's costs with its schedules applied. Currency units, rounded to the cent once each. */
export interface TradeCosts {
	commission: number;
	fees: number;
	lines: CostLine[];
}

/** The executions a trade is made of: columns of the execution table, with each one's order id. */
export type CostTable = Pick<
	ExecutionTable,
	'id' | 'time' | 'quantity' | 'price' | 'side' | 'commission' | 'fees'
> & {
	/** The broker's order id (DAS `Cloid`); null where the file has none. */
	orderId: readonly (string | null)[];
};

/** What of a trade costs need: its account, multiplier and legs (execution index, quantity in this trade). */
export interface CostTrade {
	accountId: string;
	multiplier: number;
	legs: readonly { execution: number; quantity: number }[];
}

/** The broker part of an account id (`accountId(broker, number)`). */
export function brokerOf(accountId: string): string {
	const bar = accountId.indexOf('|');
	return bar < 0 ? accountId : accountId.slice(0, bar);
}

/** A broker name as account ids spell it (trimmed, single spaces, lower case). */
export function brokerKey(broker: string): string {
	return brokerOf(makeAccountId(broker, ''));
}

/**
 * Session dates by UTC hour: New York's offset is whole hours, so its midnight falls on a UTC
 * hour and every instant of one UTC hour has one session date.
 */
const sessionDates = new Map<number, string>();

/** `YYYY-MM-DD` of an instant in SESSION_ZONE. */
export function sessionDate(instant: number): string {
	const hour = Math.floor(instant / 3_600_000);
	let date = sessionDates.get(hour);
	if (date === undefined) {
		const w = instantToWallTime(instant, SESSION_ZONE);
		date = `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
		if (sessionDates.size > 100_000) sessionDates.clear();
		sessionDates.set(hour, date);
	}
	return date;
}

/**
 * The schedule in effect for an account on a date: the account's own with the latest
 * effective-from on or before the date, else the broker-wide one picked the same way, else null.
 * @example
 * pickSchedule([{ …, scope: { kind: 'broker', broker: 'das' }, effectiveFrom: '2025-01-01' }], 'das|TR1', '2025-10-13')
 * // that schedule
 */
export function pickSchedule(
	schedules: readonly CommissionSchedule[],
	accountId: string,
	date: string
): CommissionSchedule | null {
	let own: CommissionSchedule | null = null;
	let wide: CommissionSchedule | null = null;
	const broker = brokerOf(accountId);
	for (const s of schedules) {
		if (s.effectiveFrom > date) continue;
		if (s.scope.kind === 'account') {
			if (s.scope.accountId === accountId && (!own || s.effectiveFrom > own.effectiveFrom)) own = s;
		} else if (s.scope.broker === broker && (!wide || s.effectiveFrom > wide.effectiveFrom)) wide = s;
	}
	return own ?? wide;
}

/** Whether any schedule could apply to an account (on some date). */
export function hasScheduleFor(schedules: readonly CommissionSchedule[], accountId: string): boolean {
	const broker = brokerOf(accountId);
	return schedules.some((s) =>
		s.scope.kind === 'account' ? s.scope.accountId === accountId : s.scope.broker === broker
	);
}

/** What one order (or trade) executed; sums stay exact (values before the multiplier). */
interface Unit {
	schedule: CommissionSchedule;
	quantity: ExactSum;
	value: ExactSum;
	sellQuantity: ExactSum;
	sellValue: ExactSum;
}

/**
 * A trade's commissions and fees with the schedules applied to its executions that have no
 * commission of their own; null when no schedule applies to any of them (the trade's own
 * figures stand). See the module comment for units and rounding.
 * @example
 * // 36 shares bought and sold in one order each at $0.0035/share, min $0.35 per order:
 * tradeCosts(trade, table, [ibkr]) // { commission: 0.7, fees: …, lines: [{ kind: 'commission', amount: 0.7, units: 2, atMinimum: 2, … }] }
 */
export function tradeCosts(
	trade: CostTrade,
	table: CostTable,
	schedules: readonly CommissionSchedule[]
): TradeCosts | null {
	if (!hasScheduleFor(schedules, trade.accountId)) return null;
	const fileCommission = new ExactSum();
	const fileFees = new ExactSum();
	const units = new Map<string, Unit>();
	const picked = new Map<string, CommissionSchedule | null>();
	for (const leg of trade.legs) {
		const i = leg.execution;
		const whole = leg.quantity === table.quantity[i];
		const c = table.commission[i]!;
		const f = table.fees[i]!;
		if (!Number.isNaN(f)) fileFees.add(1, whole ? f : (f * leg.quantity) / table.quantity[i]!);
		if (!Number.isNaN(c)) {
			fileCommission.add(1, whole ? c : (c * leg.quantity) / table.quantity[i]!);
			continue;
		}
		const date = sessionDate(table.time[i]!);
		let schedule = picked.get(date);
		if (schedule === undefined) picked.set(date, (schedule = pickSchedule(schedules, trade.accountId, date)));
		if (!schedule) continue;
		const order = table.orderId[i];
		const sell = table.side[i] === 1;
		const key =
			schedule.per === 'trade'
				? schedule.id
				: `${schedule.id}\u0001${order ? `${sell ? 's' : 'b'}\u0001${order}` : `e\u0001${table.id[i]}`}`;
		let unit = units.get(key);
		if (!unit) {
			unit = {
				schedule,
				quantity: new ExactSum(),
				value: new ExactSum(),
				sellQuantity: new ExactSum(),
				sellValue: new ExactSum()
			};
			units.set(key, unit);
		}
		const price = table.price[i]!;
		unit.quantity.add(leg.quantity, 1);
		unit.value.add(leg.quantity, price);
		if (sell) {
			unit.sellQuantity.add(leg.quantity, 1);
			unit.sellValue.add(leg.quantity, price);
		}
	}
	if (units.size === 0) return null;

	const lines = new Map<string, CostLine & { exact: Exact }>();
	const add = (schedule: CommissionSchedule, kind: CostKind, amount: Exact, limit: 'min' | 'max' | null) => {
		const key = `${schedule.id}\u0001${kind}`;
		let line = lines.get(key);
		if (!line) {
			line = {
				kind,
				amount: 0,
				exact: Exact.ZERO,
				scheduleId: schedule.id,
				scheduleName: schedule.name,
				effectiveFrom: schedule.effectiveFrom,
				per: schedule.per,
				units: 0,
				atMinimum: 0,
				atMaximum: 0
			};
			lines.set(key, line);
		}
		line.exact = line.exact.plus(amount);
		line.units++;
		if (limit === 'min') line.atMinimum++;
		if (limit === 'max') line.atMaximum++;
	};
	let scheduleCommission = Exact.ZERO;
	let scheduleFees = Exact.ZERO;
	const multiplier = Exact.of(trade.multiplier);
	for (const unit of units.values()) {
		const s = unit.schedule;
		const quantity = Exact.ofSum(unit.quantity);
		const value = Exact.ofSum(unit.value).times(multiplier);
		const sellQuantity = Exact.ofSum(unit.sellQuantity);
		const sellValue = Exact.ofSum(unit.sellValue).times(multiplier);
		if (s.commission.kind !== 'none') {
			const c = commissionOf(s.commission, quantity, value);
			scheduleCommission = scheduleCommission.plus(c.amount);
			add(s, 'commission', c.amount, c.limit);
		}
		if (s.secFeePerMillion !== null && !sellValue.isZero()) {
			const sec = sellValue.times(Exact.of(s.secFeePerMillion)).shifted(6);
			scheduleFees = scheduleFees.plus(sec);
			add(s, 'sec_fee', sec, null);
		}
		if (s.taf !== null && !sellQuantity.isZero()) {
			const byShares = sellQuantity.times(Exact.of(s.taf.perShare));
			const cap = Exact.of(s.taf.cap);
			const capped = byShares.compare(cap) > 0;
			const taf = capped ? cap : byShares;
			scheduleFees = scheduleFees.plus(taf);
			add(s, 'taf', taf, capped ? 'max' : null);
		}
	}
	return {
		commission: Exact.ofSum(fileCommission).plus(scheduleCommission).toCents() / 100,
		fees: Exact.ofSum(fileFees).plus(scheduleFees).toCents() / 100,
		lines: [...lines.values()].map(({ exact, ...line }) => ({ ...line, amount: exact.toNumber() }))
	};
}

/** A problem with a schedule as typed, by field. */
export interface ScheduleError {
	field:
		| 'name'
		| 'scope'
		| 'effectiveFrom'
		| 'perShare'
		| 'minimum'
		| 'maximum'
		| 'maxPercentOfValue'
		| 'amount'
		| 'percent'
		| 'secFeePerMillion'
		| 'tafPerShare'
		| 'tafCap';
	message: string;
}

/** A schedule as the form sends it (no id for a new one). */
export type ScheduleInput = Omit<CommissionSchedule, 'id'> & { id?: string };

/**
 * Checks a schedule against the mode's accounts and its other schedules and returns it cleaned
 * (name trimmed, broker as account ids spell it), or every problem with a message saying what
 * to fix. Nothing is defaulted.
 * @example validateSchedule({ …, commission: { kind: 'per_share', perShare: -1, minimum: 0 } }, ctx)
 * // { ok: false, errors: [{ field: 'perShare', message: 'The rate per share cannot be negative.' }] }
 */
export function validateSchedule(
	input: ScheduleInput,
	context: { accounts: readonly { id: string }[]; schedules: readonly CommissionSchedule[] }
): { ok: true; value: ScheduleInput } | { ok: false; errors: ScheduleError[] } {
	const errors: ScheduleError[] = [];
	const fail = (field: ScheduleError['field'], message: string) => errors.push({ field, message });
	const name = input.name.trim().replace(/\s+/g, ' ');
	if (name === '') fail('name', 'Name the schedule, e.g. “IBKR Pro fixed”.');
	else if (name.length > 80) fail('name', 'The name is longer than 80 characters.');

	let scope: ScheduleScope = input.scope;
	if (scope.kind === 'account') {
		const { accountId } = scope;
		if (!context.accounts.some((a) => a.id === accountId))
			fail('scope', `Unknown account “${accountId}”: choose an account of this mode.`);
	} else {
		const broker = brokerKey(scope.broker);
		if (broker === '') fail('scope', 'Enter the broker the schedule applies to.');
		scope = { kind: 'broker', broker };
	}

	const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.effectiveFrom);
	const real =
		date !== null &&
		(() => {
			const d = new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])));
			return d.toISOString().slice(0, 10) === input.effectiveFrom;
		})();
	if (!real) fail('effectiveFrom', 'Enter the date the schedule takes effect as YYYY-MM-DD.');

	const amount = (field: ScheduleError['field'], value: number, what: string) => {
		if (!Number.isFinite(value)) fail(field, `Enter ${what} as a number.`);
		else if (value < 0) fail(field, `${what[0]!.toUpperCase()}${what.slice(1)} cannot be negative.`);
	};
	const c = input.commission;
	if (c.kind === 'per_share') {
		amount('perShare', c.perShare, 'the rate per share');
		amount('minimum', c.minimum, 'the minimum');
		if (c.maximum != null) {
			amount('maximum', c.maximum, 'the maximum');
			if (Number.isFinite(c.minimum) && c.maximum < c.minimum)
				fail('maximum', `The minimum ($${c.minimum}) is above the maximum ($${c.maximum}).`);
		}
		if (c.maxPercentOfValue != null) {
			amount('maxPercentOfValue', c.maxPercentOfValue, 'the maximum percent of value');
			if (c.maxPercentOfValue > 100)
				fail('maxPercentOfValue', 'The maximum is a percent of the order’s value: at most 100.');
		}
	} else if (c.kind === 'per_order') amount('amount', c.amount, 'the amount per order');
	else if (c.kind === 'percent') {
		amount('percent', c.percent, 'the percent of value');
		if (c.percent > 100) fail('percent', 'The percent of value is at most 100.');
	}
	if (input.secFeePerMillion !== null) amount('secFeePerMillion', input.secFeePerMillion, 'the SEC fee rate');
	if (input.taf !== null) {
		amount('tafPerShare', input.taf.perShare, 'the TAF per share');
		amount('tafCap', input.taf.cap, 'the TAF cap');
	}
	if (c.kind === 'none' && input.secFeePerMillion === null && input.taf === null)
		fail('scope', 'The schedule charges nothing: choose a commission or a fee.');

	const sameScope = (s: CommissionSchedule) =>
		s.scope.kind === scope.kind &&
		(scope.kind === 'account'
			? s.scope.kind === 'account' && s.scope.accountId === scope.accountId
			: s.scope.kind === 'broker' && s.scope.broker === scope.broker);
	const clash = context.schedules.find(
		(s) => s.id !== input.id && sameScope(s) && s.effectiveFrom === input.effectiveFrom
	);
	if (clash && real)
		fail(
			'effectiveFrom',
			`“${clash.name}” already applies to the same ${scope.kind} from ${clash.effectiveFrom}: choose another date or edit it.`
		);
	if (input.id !== undefined && !context.schedules.some((s) => s.id === input.id))
		fail('name', 'This schedule no longer exists (deleted elsewhere?): reload the page.');

	return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { ...input, name, scope } };
}

/**
 * A schedule's rule in words, for lists and confirmations.
 * @example describeSchedule(ibkr) // '$0.0035/share, min $0.35, max 1% of value per order · SEC $27.8/M · TAF $0.000166/share, cap $8.3'
 */
export function describeSchedule(s: CommissionSchedule): string {
	const c = s.commission;
	const unit = s.per === 'order' ? 'order' : 'trade';
	const parts: string[] = [];
	if (c.kind === 'per_share')
		parts.push(
			`$${c.perShare}/share, min $${c.minimum}${c.maximum != null ? `, max $${c.maximum}` : ''}${c.maxPercentOfValue != null ? `, max ${c.maxPercentOfValue}% of value` : ''} per ${unit}`
		);
	else if (c.kind === 'per_order') parts.push(`$${c.amount} per ${unit}`);
	else if (c.kind === 'percent') parts.push(`${c.percent}% of value`);
	else parts.push('no commission');
	if (s.secFeePerMillion !== null) parts.push(`SEC $${s.secFeePerMillion}/M sold`);
	if (s.taf !== null) parts.push(`TAF $${s.taf.perShare}/share sold, cap $${s.taf.cap} per ${unit}`);
	return parts.join(' · ');
}

const COST_LABELS: Record<CostKind, string> = {
	commission: 'Commission',
	sec_fee: 'SEC fee',
	taf: 'FINRA TAF'
};

/**
 * One cost line in words, naming its schedule and what decided it (the minimum, the maximum or
 * the TAF cap, on all or some of the orders). The amount is exact (up to 8 decimals): the
 * trade's totals are what is rounded.
 * @example describeCost({ kind: 'commission', amount: 0.35, scheduleName: 'IBKR Pro fixed', effectiveFrom: '2025-01-01', per: 'order', units: 1, atMinimum: 1, atMaximum: 0, … })
 * // 'Commission $0.35 — IBKR Pro fixed (min), from 2025-01-01'
 */
export function describeCost(line: CostLine): string {
	const amount = line.amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 8 });
	const limit = (count: number, word: string) =>
		count === 0
			? ''
			: count === line.units
				? ` (${word})`
				: ` (${word} on ${count} of ${line.units} ${line.per}s)`;
	const notes = limit(line.atMinimum, 'min') + limit(line.atMaximum, line.kind === 'taf' ? 'cap' : 'max');
	return `${COST_LABELS[line.kind]} $${amount} — ${line.scheduleName}${notes}, from ${line.effectiveFrom}`;
}
