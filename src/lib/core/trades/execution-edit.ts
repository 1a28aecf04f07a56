/**
 * Correcting one stored execution. Imported executions are facts kept in immutable column
 * chunks; a correction is a fact of its own (an "execution edit", keyed by the execution's id)
 * that replaces the corrected fields whenever the execution table is built. The execution's id
 * never changes, so re-importing its file adds nothing and does not bring the original back,
 * annotations keyed by trade id stay with the trade, and removing the edit reverts to what was
 * imported.
 */
import { parseDate, parseTimeOfDay } from '../formats/cells';
import { formatInstant, wallTimeToInstant } from '../time/zone';

/** The fields of an execution the user may correct. */
export interface ExecutionFields {
	/** Epoch ms, UTC. */
	time: number;
	side: 'buy' | 'sell';
	/** Units, > 0 (may be fractional). */
	quantity: number;
	/** Per unit, > 0 (may be sub-penny). */
	price: number;
	/** In the account's currency; null where there is none. Negative is a rebate (ECN credits). */
	commission: number | null;
	fees: number | null;
}

/** A correction as stored: the corrected fields of execution `id`, when and why. */
export interface ExecutionEdit extends ExecutionFields {
	/** The execution's id (16 hex digits). */
	id: string;
	/** Why, in the user's words (may be empty). */
	reason: string;
	/** Epoch ms, UTC. */
	editedAt: number;
}

/** A correction as the user types it: date and time are wall time in `zone`. */
export interface ExecutionEditInput {
	id: string;
	/** `YYYY-MM-DD`. */
	date: string;
	/** `HH:MM:SS` or `HH:MM:SS.mmm`. */
	time: string;
	zone: string;
	side: 'buy' | 'sell';
	quantity: number;
	price: number;
	commission: number | null;
	fees: number | null;
	reason: string;
}

/** Bounds that no real execution reaches; past them a typing slip is the likelier story. */
export const EDIT_LIMITS = {
	quantity: 1e12,
	price: 1e9,
	cost: 1e9,
	reason: 500,
	/** 1970-01-01 to 2100-01-01, UTC. */
	earliest: 0,
	latest: Date.UTC(2100, 0, 1)
} as const;

export type EditResult = { ok: true; value: ExecutionFields } | { ok: false; message: string };

/**
 * Checks a typed correction and turns it into execution fields, or says what is wrong with the
 * first bad field. Quantity and price must be finite and above zero (within {@link EDIT_LIMITS}),
 * costs finite or empty, the side buy or sell, and the date and time a real, unambiguous wall
 * time in the zone.
 * @example parseExecutionEdit({ id: 'a', date: '2025-10-13', time: '10:01:02', zone: 'America/New_York', side: 'buy', quantity: 100, price: 150.1, commission: null, fees: null, reason: '' })
 * // { ok: true, value: { time: 1760364062000, side: 'buy', quantity: 100, price: 150.1, commission: null, fees: null } }
 */
export function parseExecutionEdit(input: ExecutionEditInput): EditResult {
	const fail = (message: string): EditResult => ({ ok: false, message });
	const date = parseDate(String(input.date), 'ymd');
	if (!date.ok) return fail(`Date ${date.reason}.`);
	const time = parseTimeOfDay(String(input.time));
	if (!time.ok) return fail(`Time ${time.reason}.`);
	const instant = wallTimeToInstant({ ...date.value, ...time.value }, input.zone);
	if (!instant.ok) return fail(`Time ${instant.reason}.`);
	const fields: ExecutionFields = {
		time: instant.value,
		side: input.side,
		quantity: input.quantity,
		price: input.price,
		commission: input.commission,
		fees: input.fees
	};
	const problem = checkExecutionFields(fields);
	if (problem !== null) return fail(problem);
	if (typeof input.reason !== 'string' || input.reason.length > EDIT_LIMITS.reason)
		return fail(`The reason must be text of at most ${EDIT_LIMITS.reason} characters.`);
	return { ok: true, value: fields };
}

/**
 * What is wrong with corrected execution fields, or null when nothing is. The engine checks
 * stored edits with it too (a backup may carry any numbers).
 * @example checkExecutionFields({ time: 0, side: 'buy', quantity: 0, price: 1, commission: null, fees: null }) // "Quantity must be a number above zero."
 */
export function checkExecutionFields(f: ExecutionFields): string | null {
	if (f.side !== 'buy' && f.side !== 'sell') return 'Side must be buy or sell.';
	if (!isNumber(f.quantity) || !(f.quantity > 0)) return 'Quantity must be a number above zero.';
	if (f.quantity > EDIT_LIMITS.quantity) return 'Quantity must be at most 1,000,000,000,000.';
	if (!isNumber(f.price) || !(f.price > 0)) return 'Price must be a number above zero.';
	if (f.price > EDIT_LIMITS.price) return 'Price must be at most 1,000,000,000.';
	for (const [name, value] of [
		['Commission', f.commission],
		['Fees', f.fees]
	] as const) {
		if (value === null) continue;
		if (!isNumber(value)) return `${name} must be a number, or empty for none.`;
		if (Math.abs(value) > EDIT_LIMITS.cost) return `${name} must be within ±1,000,000,000.`;
	}
	if (
		!isNumber(f.time) ||
		!Number.isInteger(f.time) ||
		f.time < EDIT_LIMITS.earliest ||
		f.time >= EDIT_LIMITS.latest
	)
		return 'The time must fall between 1970 and 2100.';
	return null;
}

/** Whether two sets of fields are the same execution (NaN-free; costs may be null). */
export function sameFields(a: ExecutionFields, b: ExecutionFields): boolean {
	return (
		a.time === b.time &&
		a.side === b.side &&
		a.quantity === b.quantity &&
		a.price === b.price &&
		a.commission === b.commission &&
		a.fees === b.fees
	);
}

/**
 * An execution in one line, in `zone`: `2025-10-13 10:01:02 BUY 100 AAPL @ 150.00`.
 * @example describeExecution({ time: 1760364062000, side: 'buy', quantity: 100, price: 150, commission: null, fees: null }, 'AAPL', 'America/New_York')
 * // "2025-10-13 10:01:02 BUY 100 AAPL @ 150.00"
 */
export function describeExecution(f: ExecutionFields, symbol: string, zone: string): string {
	return `${formatInstant(f.time, zone)} ${f.side.toUpperCase()} ${f.quantity} ${symbol} @ ${priceText(f.price)}`;
}

/**
 * What a correction changes, naming only the changed fields: `@ 150.00 to @ 150.10`,
 * `quantity 100 to 90`, `time 2025-10-13 10:01:02 to 2025-10-13 10:01:05`. Empty when nothing changes.
 * @example describeChange(a, { ...a, price: 150.1 }, 'America/New_York') // ["@ 150.00 to @ 150.10"]
 */
export function describeChange(before: ExecutionFields, after: ExecutionFields, zone: string): string[] {
	return fieldChanges(before, after, zone).map((c) => `${c.label}${c.from} to ${c.to}`);
}

/**
 * The new values of the changed fields only, to follow "to" after the execution as it was:
 * `@ 150.10`, `quantity 90`.
 * @example describeTarget(a, { ...a, price: 150.1, quantity: 90 }, 'America/New_York') // ["quantity 90", "@ 150.10"]
 */
export function describeTarget(before: ExecutionFields, after: ExecutionFields, zone: string): string[] {
	return fieldChanges(before, after, zone).map((c) => `${c.label}${c.to}`);
}

/** Each changed field as text before and after, with the word that names it (none for side and price). */
function fieldChanges(
	before: ExecutionFields,
	after: ExecutionFields,
	zone: string
): { label: string; from: string; to: string }[] {
	const out: { label: string; from: string; to: string }[] = [];
	if (before.time !== after.time)
		out.push({ label: 'time ', from: formatInstant(before.time, zone), to: formatInstant(after.time, zone) });
	if (before.side !== after.side)
		out.push({ label: '', from: before.side.toUpperCase(), to: after.side.toUpperCase() });
	if (before.quantity !== after.quantity)
		out.push({ label: 'quantity ', from: String(before.quantity), to: String(after.quantity) });
	if (before.price !== after.price)
		out.push({ label: '', from: `@ ${priceText(before.price)}`, to: `@ ${priceText(after.price)}` });
	if (before.commission !== after.commission)
		out.push({ label: 'commission ', from: costText(before.commission), to: costText(after.commission) });
	if (before.fees !== after.fees)
		out.push({ label: 'fees ', from: costText(before.fees), to: costText(after.fees) });
	return out;
}

/** A price with at least two decimals and no more than it has (up to 8). */
function priceText(x: number): string {
	const text = String(x);
	const decimals = text.includes('.') ? text.split('.')[1]!.length : 0;
	return x.toFixed(Math.min(8, Math.max(2, decimals)));
}

function costText(x: number | null): string {
	return x === null ? 'none' : priceText(x);
}

function isNumber(x: unknown): x is number {
	return typeof x === 'number' && Number.isFinite(x);
}
