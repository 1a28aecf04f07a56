import type { AlertRecord, AlertSourceSettings } from '$workers/contract';
import { dateTime } from '../money';

/**
 * The inbox's words: a verdict with its time in the display zone, the signature state, and the
 * durations of a source's rules as a form edits them (a count of seconds or minutes).
 */

/**
 * The verdict as the history shows it. The gate numbers accepted alerts per source, while the
 * history numbers every alert received (`#seq`): so an accepted alert says just "accepted" (its
 * row shows its #), and a duplicate names its first by the history's # when that row is in
 * `history` (else by its time), with the time in the display zone (the stored text says UTC).
 * Refusals read as stored.
 */
export function verdictLine(record: AlertRecord, zone: string, history: readonly AlertRecord[] = []): string {
	const v = record.verdict;
	if (v.kind === 'accepted') return 'accepted';
	if (v.kind !== 'duplicate') return record.verdictText;
	const what = v.by === 'id' ? `the same id ${JSON.stringify(v.of.id)}` : 'the same content';
	const first = history.find(
		(r) => r.sourceId === record.sourceId && r.verdict.kind === 'accepted' && r.verdict.seq === v.of.seq
	);
	const which = first ? `#${first.seq}` : `the alert`;
	return `duplicate of ${which} received ${dateTime(v.of.receivedAt, zone)} (${what})`;
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

/** A rule's span as people say it: `60 s`, `5 min`, `90 s`, `2 h`. */
export function spanText(ms: number): string {
	if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
	const { count, unit } = spanOf(ms);
	return `${count} ${unit}`;
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
			? `at most ${settings.rateLimit.count} per ${spanText(settings.rateLimit.perMs)}`
			: 'no rate limit',
		settings.staleAfterMs === null ? 'never stale' : `stale after ${spanText(settings.staleAfterMs)}`,
		`duplicates within ${spanText(settings.dedupeWindowMs)}`
	];
	return parts.join(' · ');
}
