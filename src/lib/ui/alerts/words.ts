import type { AlertRecord, AlertSourceSettings } from '$workers/contract';
import { dateTime } from '../money';
import { formatDuration } from '../format';

/**
 * The inbox's words: a verdict with its time in the display zone, the signature state, and the
 * durations of a source's rules as a form edits them (a count of seconds or minutes).
 */

/**
 * The verdict as the history shows it. A duplicate names the first one's time in the display
 * zone (the stored text says it in UTC); every other verdict reads as stored.
 */
export function verdictLine(record: AlertRecord, zone: string): string {
	const v = record.verdict;
	if (v.kind !== 'duplicate') return record.verdictText;
	const what = v.by === 'id' ? `the same id ${JSON.stringify(v.of.id)}` : 'the same content';
	return `duplicate of #${v.of.seq} received ${dateTime(v.of.receivedAt, zone)} (${what})`;
}

/** The signature's state in words. */
export function signatureLine(record: AlertRecord): string {
	switch (record.signature) {
		case 'valid':
			return 'signature valid';
		case 'wrong':
			return 'signature wrong';
		case 'missing':
			return 'not signed';
		case 'unchecked':
			return 'signature not checked (the source does not require one)';
	}
}

/** A span of time as a form edits it: a whole count in seconds or minutes. */
export interface Span {
	count: string;
	unit: 's' | 'min';
}

export const UNIT_MS: Record<Span['unit'], number> = { s: 1000, min: 60_000 };

/** A duration in the unit that writes it whole (minutes when it is whole minutes). */
export function spanOf(ms: number): Span {
	return ms >= 60_000 && ms % 60_000 === 0
		? { count: String(ms / 60_000), unit: 'min' }
		: { count: String(Math.round(ms / 1000)), unit: 's' };
}

/** The milliseconds a span means, or null when its count is not a whole number ≥ 0. */
export function spanMs(span: Span): number | null {
	const text = span.count.trim();
	if (!/^\d+$/.test(text)) return null;
	return Number(text) * UNIT_MS[span.unit];
}

/** A source's rules in one line: `signed · 5 per 1 min · stale after 2 min · duplicates within 60 s`. */
export function rulesLine(settings: AlertSourceSettings, hasSecret: boolean): string {
	const parts = [
		settings.requireSignature
			? hasSecret
				? 'signature required'
				: 'signature required, no secret set'
			: 'unsigned allowed',
		settings.rateLimit
			? `at most ${settings.rateLimit.count} per ${formatDuration(settings.rateLimit.perMs)}`
			: 'no rate limit',
		settings.staleAfterMs === null ? 'never stale' : `stale after ${formatDuration(settings.staleAfterMs)}`,
		`duplicates within ${formatDuration(settings.dedupeWindowMs)}`
	];
	return parts.join(' · ');
}
