import { dayKey } from '$lib/core/trades/query';
import { dateTime } from './money';
import { barDate } from './price-chart';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/**
 * Bytes as a short human figure in powers of 1024.
 * @example formatBytes(1536) // '1.5 KB'
 */
export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes) || bytes < 0) return '—';
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < UNITS.length - 1) {
		value /= 1024;
		unit++;
	}
	const digits = unit === 0 || value >= 100 ? 0 : 1;
	return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/**
 * A duration as the progress bar says it: `45 s`, `3 min 5 s`, `1 h 2 min`.
 * @example formatDuration(185_000) // '3 min 5 s'
 */
export function formatDuration(ms: number): string {
	const s = Math.max(0, Math.round(ms / 1000));
	if (s < 60) return `${s} s`;
	const m = Math.floor(s / 60);
	if (m < 60) return `${m} min ${s % 60} s`;
	return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/*
 * Times on every page (lists, charts' readouts and axes, the desk, Signals) are written in one
 * zone: the display zone (`displayZone.current`, Settings). Pages pass it; nothing here reads
 * the browser's zone or an exchange's.
 */

const DAY_MS = 86_400_000;

/**
 * A bar's time as a page writes it: a daily (or longer) bar by its own date, whatever the zone
 * (see `barDate`); an intraday bar by date and time in `zone`, to the second.
 * @example barTime(Date.UTC(2025, 9, 14, 2, 30), 300_000, 'America/New_York') // '2025-10-13 22:30:00'
 */
export function barTime(t: number, timeframeMs: number, zone: string): string {
	return timeframeMs >= DAY_MS ? barDate(t) : dateTime(t, zone);
}

/**
 * The date (`YYYY-MM-DD`) an instant falls on in `zone`: a session's or a trade's day as shown.
 * @example dayIn(Date.UTC(2025, 9, 14, 2, 30), 'America/New_York') // '2025-10-13'
 */
export function dayIn(t: number, zone: string): string {
	return Number.isFinite(t) ? dayKey(t, zone) : '—';
}
