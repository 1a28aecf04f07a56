/**
 * Reconciling a broker's positions snapshot with the executions Fillbook stores: per account and
 * symbol, the position the executions imply at the snapshot's instant against what the broker
 * says, each difference explained in words and, where an opening execution would fix it, the
 * opening balance to add (docs/reconcile.md).
 *
 * Quantities are summed in whole units of 10⁻⁸ (exact for fractional shares and crypto down to a
 * satoshi; integers up to 2⁵³ are exact), so 0.1 + 0.2 is 0.3 here. Average costs are the open
 * position's Σ entry quantity × price / quantity (a partial exit leaves the average unchanged; a
 * reversal starts a new position at its execution's price), as the Positions page values them.
 */
import { instantToWallTime, wallTimeToInstant, type InstantResult } from '../time/zone';

/** The executions to sum, in the engine's table layout (one row per execution). */
export interface ExecutionColumns {
	count: number;
	/** Epoch ms, UTC. */
	time: ArrayLike<number>;
	/** Units, > 0. */
	quantity: ArrayLike<number>;
	price: ArrayLike<number>;
	/** 0 = buy, 1 = sell. */
	side: ArrayLike<number>;
	/** Index into `groups`. */
	group: ArrayLike<number>;
	groups: readonly { accountId: string; symbol: string }[];
}

/** The position the executions of one account in one symbol imply at an instant. */
export interface ImpliedPosition {
	accountId: string;
	symbol: string;
	/** Signed units: + long, − short; 0 when flat. */
	quantity: number;
	/** Average cost per unit of what is held; null when flat. */
	avgCost: number | null;
	/** The first stored execution of this account and symbol (any time), epoch ms. */
	firstTime: number;
}

/** One holding of a stored snapshot. */
export interface SnapshotPosition {
	accountId: string;
	symbol: string;
	/** Signed units: + long, − short (0: the broker lists it flat). */
	quantity: number;
	avgCost: number | null;
}

/** What the reconciliation needs of a snapshot. */
export interface SnapshotFacts {
	/** Who says it, as the explanations name it ("DAS Trader", "Interactive Brokers"…). */
	broker: string;
	/** The instant the positions are of: executions at or before it count. Epoch ms, UTC. */
	asOf: number;
	/** The zone dates are written in (the broker's). */
	zone: string;
	/** The accounts the snapshot covers (a position of another account is not compared). */
	accountIds: readonly string[];
	rows: readonly SnapshotPosition[];
}

export type ReconcileStatus = 'matches' | 'differs' | 'only-broker' | 'only-fillbook';

/** The execution that would open the missing position, before every stored execution of it. */
export interface OpeningBalance {
	accountId: string;
	symbol: string;
	side: 'buy' | 'sell';
	/** Units, > 0. */
	quantity: number;
	/** Price per unit, > 0 (4 decimals at most). */
	price: number;
	/** Epoch ms, UTC, a whole second. */
	time: number;
}

/** One account and symbol compared. */
export interface ReconcileLine {
	accountId: string;
	symbol: string;
	status: ReconcileStatus;
	/** What the broker says; null when the snapshot does not list the symbol. */
	brokerQuantity: number | null;
	executionQuantity: number;
	/** brokerQuantity (0 when unlisted) − executionQuantity: what the executions lack. */
	difference: number;
	brokerAvgCost: number | null;
	executionAvgCost: number | null;
	/** The average costs are both known and more than a cent apart. */
	avgCostDiffers: boolean;
	/** The difference in words; '' for a match. */
	explanation: string;
	/** The opening execution that removes the difference; null when none would. */
	opening: OpeningBalance | null;
}

/** Quantities are compared in whole units of 10⁻⁸. */
const UNIT = 1e8;
const units = (q: number) => Math.round(q * UNIT);
const fromUnits = (u: number) => u / UNIT;
const key = (accountId: string, symbol: string) => `${accountId}\u0001${symbol}`;

/**
 * The last instant of a day in a zone: a date-only snapshot is of the end of its day (the
 * executions of that whole day count).
 * @example endOfDay('2025-03-04', 'America/New_York') // { ok: true, value: 1741150799999 } (23:59:59.999 EST)
 */
export function endOfDay(date: string, zone: string): InstantResult {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (!m) return { ok: false, reason: `"${date}" is not a YYYY-MM-DD date` };
	const next = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1));
	const start = wallTimeToInstant(
		{
			year: next.getUTCFullYear(),
			month: next.getUTCMonth() + 1,
			day: next.getUTCDate(),
			hour: 0,
			minute: 0,
			second: 0,
			millisecond: 0
		},
		zone
	);
	return start.ok ? { ok: true, value: start.value - 1 } : start;
}

/**
 * The positions the executions imply at `asOf` (executions at or before it), per account and
 * symbol, flat ones included (their first execution dates an opening balance).
 * @example impliedPositions(table, Infinity).get('das|TR1\u0001AAPL') // { quantity: 100, avgCost: 10.5, … }
 */
export function impliedPositions(table: ExecutionColumns, asOf: number): Map<string, ImpliedPosition> {
	// Executions in time order (ties in table order) per group.
	const order = Array.from({ length: table.count }, (_, i) => i).sort(
		(a, b) => table.time[a]! - table.time[b]! || a - b
	);
	const state = new Map<number, { held: number; cost: number; first: number }>();
	for (const i of order) {
		const g = table.group[i]!;
		let s = state.get(g);
		if (!s) state.set(g, (s = { held: 0, cost: 0, first: table.time[i]! }));
		if (table.time[i]! > asOf) continue;
		const q = units(table.quantity[i]!) * (table.side[i] === 0 ? 1 : -1);
		const price = table.price[i]!;
		const next = s.held + q;
		if (s.held === 0 || Math.sign(q) === Math.sign(s.held)) {
			// Opening or adding: the cost grows by what was bought (or sold short).
			s.cost += fromUnits(q) * price;
		} else if (next === 0 || Math.sign(next) === Math.sign(s.held)) {
			// Reducing: what is left keeps its average.
			s.cost = next === 0 ? 0 : (s.cost * next) / s.held;
		} else {
			// Reversing: the rest opens a new position at this price.
			s.cost = fromUnits(next) * price;
		}
		s.held = next;
	}
	const out = new Map<string, ImpliedPosition>();
	for (const [g, s] of state) {
		const { accountId, symbol } = table.groups[g]!;
		out.set(key(accountId, symbol), {
			accountId,
			symbol,
			quantity: fromUnits(s.held),
			avgCost: s.held === 0 ? null : s.cost / fromUnits(s.held),
			firstTime: s.first
		});
	}
	return out;
}

/** A quantity as the explanations write it: `200`, `short 200`, `0.5`. */
function said(q: number): string {
	const n = Number(Math.abs(q).toFixed(8)).toString();
	return q < 0 ? `short ${n}` : n;
}

/** A price as the explanations write it: 2 decimals, 4 when it has sub-cent digits. */
function priced(p: number): string {
	return Math.abs(p * 100 - Math.round(p * 100)) < 1e-6 ? p.toFixed(2) : String(Number(p.toFixed(4)));
}

function dateOf(instant: number, zone: string): string {
	const w = instantToWallTime(instant, zone);
	return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** A cent, with room for the binary error of an average. */
const CENT = 0.01 + 1e-9;

/**
 * Compares a snapshot with the executions' positions at its instant. Lines come per account
 * (in the snapshot's order of accounts) then symbol; a symbol flat on both sides is left out.
 * @example reconcile(snapshot, impliedPositions(table, snapshot.asOf))[0]?.explanation
 * // 'Interactive Brokers says 200 AAPL, executions give 100: 100 missing (fills before 2025-03-04 not imported?)'
 */
export function reconcile(
	snapshot: SnapshotFacts,
	implied: ReadonlyMap<string, ImpliedPosition>
): ReconcileLine[] {
	const covered = new Set(snapshot.accountIds);
	const listed = new Map<string, SnapshotPosition>();
	for (const r of snapshot.rows) {
		const k = key(r.accountId, r.symbol);
		const before = listed.get(k);
		// A symbol listed twice for one account (two lines of one holding) counts once, summed.
		listed.set(
			k,
			before
				? {
						...r,
						quantity: fromUnits(units(before.quantity) + units(r.quantity)),
						avgCost: before.avgCost ?? r.avgCost
					}
				: r
		);
	}
	const keys = new Set(listed.keys());
	for (const [k, p] of implied) if (covered.has(p.accountId) && p.quantity !== 0) keys.add(k);

	const lines: ReconcileLine[] = [];
	for (const k of keys) {
		const broker = listed.get(k) ?? null;
		const ours = implied.get(k) ?? null;
		const accountId = broker?.accountId ?? ours!.accountId;
		const symbol = broker?.symbol ?? ours!.symbol;
		const b = units(broker?.quantity ?? 0);
		const e = units(ours?.quantity ?? 0);
		if (b === 0 && e === 0) continue;
		const brokerAvgCost = broker && b !== 0 ? broker.avgCost : null;
		const executionAvgCost = e !== 0 ? (ours?.avgCost ?? null) : null;
		const avgCostDiffers =
			b === e &&
			brokerAvgCost !== null &&
			executionAvgCost !== null &&
			Math.abs(brokerAvgCost - executionAvgCost) > CENT;
		const status: ReconcileStatus =
			b === e
				? avgCostDiffers
					? 'differs'
					: 'matches'
				: e === 0
					? 'only-broker'
					: b === 0
						? 'only-fillbook'
						: 'differs';
		const line: ReconcileLine = {
			accountId,
			symbol,
			status,
			brokerQuantity: broker ? broker.quantity : null,
			executionQuantity: fromUnits(e),
			difference: fromUnits(b - e),
			brokerAvgCost,
			executionAvgCost,
			avgCostDiffers,
			explanation: '',
			opening: null
		};
		if (status !== 'matches') {
			line.explanation = explain(snapshot, line, ours);
			line.opening = openingFor(snapshot, line, ours);
		}
		lines.push(line);
	}
	const accountOrder = new Map(snapshot.accountIds.map((id, i) => [id, i]));
	return lines.sort(
		(x, y) =>
			(accountOrder.get(x.accountId) ?? 0) - (accountOrder.get(y.accountId) ?? 0) ||
			(x.symbol < y.symbol ? -1 : x.symbol > y.symbol ? 1 : 0)
	);
}

function explain(snapshot: SnapshotFacts, line: ReconcileLine, ours: ImpliedPosition | null): string {
	const { broker: who, zone } = snapshot;
	const b = line.brokerQuantity ?? 0;
	const e = line.executionQuantity;
	const s = line.symbol;
	if (b === e)
		return `${who} and the executions agree on ${said(b)} ${s}, but the average cost differs: ${who} ${priced(line.brokerAvgCost!)}, executions ${priced(line.executionAvgCost!)} (a fill at another price, or the broker's cost includes commissions?)`;
	const first = ours ? dateOf(ours.firstTime, zone) : null;
	const asOf = dateOf(snapshot.asOf, zone);
	if (line.status === 'only-broker')
		return `${who} says ${said(b)} ${s}, executions give none: ${said(b)} missing (${
			first === null
				? `no execution of ${s} in this account is stored: fills on or before ${asOf} not imported?`
				: `fills before ${first} not imported?`
		})`;
	if (line.status === 'only-fillbook')
		return `${who} says ${line.brokerQuantity === null ? `nothing of ${s}` : `0 ${s}`}, executions give ${said(e)}: the closing fills on or before ${asOf} not imported, or an execution imported twice?`;
	const gap = said(Math.abs(line.difference)).replace('short ', '');
	if (Math.sign(b) === Math.sign(e) && Math.abs(b) > Math.abs(e))
		return `${who} says ${said(b)} ${s}, executions give ${said(e)}: ${gap} missing (fills before ${first} not imported?)`;
	if (Math.sign(b) === Math.sign(e))
		return `${who} says ${said(b)} ${s}, executions give ${said(e)}: ${gap} more than ${who} holds (a closing fill on or before ${asOf} not imported, or an execution imported twice?)`;
	return `${who} says ${said(b)} ${s}, executions give ${said(e)}: the other side, ${gap} apart (fills on or before ${asOf} not imported?)`;
}

/**
 * The opening execution that makes the executions give what the broker says: offered when the
 * broker's position is missing in part or whole on its own side and the executions are not on the
 * other side (an opening fill before the first stored one can explain it) and its average cost is known. It is dated a second before the
 * account's first stored execution of the symbol (or before the snapshot's instant when that is
 * earlier or there is none), and priced so that the average cost comes out at the broker's when
 * the executions' position is one open trade: (broker qty × broker avg − executions qty ×
 * executions avg) / missing qty, to 4 decimals; the broker's average itself when nothing is held.
 */
function openingFor(
	snapshot: SnapshotFacts,
	line: ReconcileLine,
	ours: ImpliedPosition | null
): OpeningBalance | null {
	const b = line.brokerQuantity ?? 0;
	const missing = line.difference;
	const avg = line.brokerAvgCost;
	const e = line.executionQuantity;
	// On the other side than the broker, an opening fill would hide the problem rather than explain it.
	if (
		b === 0 ||
		missing === 0 ||
		avg === null ||
		Math.sign(missing) !== Math.sign(b) ||
		Math.sign(e) === -Math.sign(b)
	)
		return null;
	let price = avg;
	if (e !== 0 && line.executionAvgCost !== null) {
		const implied = Number(((b * avg - e * line.executionAvgCost) / missing).toFixed(4));
		if (implied > 0) price = implied;
	}
	const before = Math.min(ours ? ours.firstTime : Infinity, snapshot.asOf);
	const time = Math.floor((before - 1000) / 1000) * 1000;
	return {
		accountId: line.accountId,
		symbol: line.symbol,
		side: missing > 0 ? 'buy' : 'sell',
		quantity: Math.abs(missing),
		price,
		time
	};
}
