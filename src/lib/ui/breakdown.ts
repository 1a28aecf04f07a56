import { BREAKDOWN_KEYS, isTimeKey, NONE, type Breakdown, type BreakdownKey } from '$lib/core/analytics';

/** The breakdowns the Reports page offers, in the order of its menu. */
export const BREAKDOWN_CHOICES: readonly BreakdownKey[] = BREAKDOWN_KEYS;

/** What each breakdown groups by, in words. */
export const BREAKDOWN_LABELS: Record<BreakdownKey, string> = {
	strategy: 'Strategy',
	tag: 'Tag',
	symbol: 'Symbol',
	side: 'Side (long or short)',
	hourOfDay: 'Hour of day (entry)',
	dayOfWeek: 'Day of week (entry)',
	month: 'Month (close)',
	monthOfYear: 'Month of the year (close)',
	holdingTime: 'Holding time',
	entryPrice: 'Entry price',
	positionSize: 'Position size',
	venue: 'Venue (matched trades)',
	mistakes: 'Mistakes'
};

/**
 * A bucket's key as words.
 * @example bucketLabel('hourOfDay', '09') // "09:00–09:59"
 */
export function bucketLabel(key: BreakdownKey, bucket: string): string {
	if (bucket === NONE) return key === 'venue' ? '(no venue or not matched)' : '(none)';
	if (key === 'hourOfDay') return `${bucket}:00–${bucket}:59`;
	if (key === 'side') return bucket === 'long' ? 'Long' : 'Short';
	return bucket;
}

/** A clock's buckets say whose clock: ` · America/New_York`; other breakdowns, ''. */
export function zoneNote(b: Breakdown): string {
	return isTimeKey(b.key) ? ` · ${b.zone}` : '';
}
