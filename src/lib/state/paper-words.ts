/** The paper desk's small helpers: days and times typed, stored numbers, what a stop did in words. */
import { wallTimeToInstant } from '$lib/core/time/zone';

/** A stored number above 0, or null. */
export function positiveNumber(text: string | null): number | null {
	const n = Number(text);
	return text !== null && Number.isFinite(n) && n > 0 ? n : null;
}

/** `1 working order cancelled`, `no working order to cancel`. */
function cancelledText(n: number): string {
	return n === 0 ? 'no working order to cancel' : `${n} working order${n === 1 ? '' : 's'} cancelled`;
}

/** Midnight starting a YYYY-MM-DD day in `zone`, plus `days`; null when the text is no date. */
export function startOfDay(date: string, zone: string, days = 0): number | null {
	const [y, m, d] = date.split('-').map(Number);
	if (!y || !m || !d) return null;
	const r = wallTimeToInstant(
		{ year: y, month: m, day: d + days, hour: 0, minute: 0, second: 0, millisecond: 0 },
		zone
	);
	return r.ok ? r.value : null;
}

/**
 * What stopping did: `Stopped: 1 working order cancelled; 100 RIVN closed`, or what stays open
 * (`…; 100 RIVN stay open (an open trade in the journal)`).
 */
export function stoppedText(stop: {
	cancelled: number;
	/** Signed quantity held before stopping, and after. */
	held: number;
	open: number;
	symbol: string;
	how: 'flatten' | 'leave_open';
}): string {
	const { held, open, symbol } = stop;
	const closed = held === 0 ? 'no position was open' : `${Math.abs(held)} ${symbol} closed`;
	const after =
		open === 0
			? closed
			: `${Math.abs(open)} ${symbol} stay open${stop.how === 'flatten' ? ', no bar was left to close at' : ''} (an open trade in the journal)`;
	return `Stopped: ${cancelledText(stop.cancelled)}; ${after}`;
}

/** The instant of a wall time in `zone` as a datetime-local input gives it (`YYYY-MM-DDTHH:MM`); null when it is none. */
export function localInstant(local: string, zone: string): number | null {
	const [date, time] = local.split('T');
	const [y, mo, d] = (date ?? '').split('-').map(Number);
	const [h, m] = (time ?? '').split(':').map(Number);
	if (!y || !mo || !d || h === undefined || m === undefined) return null;
	const r = wallTimeToInstant(
		{ year: y, month: mo, day: d, hour: h, minute: m, second: 0, millisecond: 0 },
		zone
	);
	return r.ok ? r.value : null;
}
