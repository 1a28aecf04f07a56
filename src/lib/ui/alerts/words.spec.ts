import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '$workers/contract';
import { rulesLine, spanMs, spanOf, spanText, verdictLine } from './words';

describe('alert words', () => {
	it("names a duplicate's first by the history's # and its time in the display zone", () => {
		const at = Date.UTC(2025, 9, 13, 18, 46, 5);
		// The source's first accepted alert is the history's #7 (other sources' alerts came before).
		const first = {
			seq: 7,
			sourceId: 'tv',
			verdict: { kind: 'accepted', seq: 1 },
			verdictText: 'accepted (#1)'
		} as unknown as AlertRecord;
		const other = { ...first, seq: 2, sourceId: 'manual' };
		const duplicate = {
			seq: 8,
			sourceId: 'tv',
			verdict: {
				kind: 'duplicate',
				by: 'id',
				of: { seq: 1, receivedAt: at, id: 'tv-1' },
				receivedAt: at + 5000
			},
			verdictText: 'duplicate of #1 received 2025-10-13T18:46:05.000Z (the same id "tv-1")'
		} as unknown as AlertRecord;
		expect(verdictLine(duplicate, 'America/New_York', [duplicate, first, other])).toBe(
			'duplicate of #7 received 2025-10-13 14:46:05 (the same id "tv-1")'
		);
		// Its first not loaded (an older page): named by its time alone.
		expect(verdictLine(duplicate, 'UTC', [other])).toBe(
			'duplicate of the alert received 2025-10-13 18:46:05 (the same id "tv-1")'
		);
		const byContent = {
			...duplicate,
			verdict: { kind: 'duplicate', by: 'content', of: { seq: 1, receivedAt: at, id: null }, receivedAt: at }
		} as unknown as AlertRecord;
		expect(verdictLine(byContent, 'UTC', [first])).toBe(
			'duplicate of #7 received 2025-10-13 18:46:05 (the same content)'
		);
		expect(verdictLine(first, 'UTC')).toBe('accepted');
		const refused = { verdict: { kind: 'refused' }, verdictText: 'refused: stale' } as unknown as AlertRecord;
		expect(verdictLine(refused, 'UTC')).toBe('refused: stale');
	});

	it('edits spans as whole seconds or minutes, and refuses what is not a whole number', () => {
		expect(spanOf(60_000)).toEqual({ count: '1', unit: 'min' });
		expect(spanOf(90_000)).toEqual({ count: '90', unit: 's' });
		expect(spanMs({ count: '5', unit: 'min' })).toBe(300_000);
		expect(spanMs({ count: ' 0 ', unit: 's' })).toBe(0);
		for (const count of ['', '1.5', '-1', 'abc']) expect(spanMs({ count, unit: 's' })).toBeNull();
		expect([spanText(60_000), spanText(90_000), spanText(7_200_000)]).toEqual(['1 min', '90 s', '2 h']);
	});

	it("says a source's rules in one line", () => {
		expect(
			rulesLine(
				{
					requireSignature: true,
					rateLimit: { count: 5, perMs: 60_000 },
					staleAfterMs: 120_000,
					dedupeWindowMs: 60_000
				},
				true
			)
		).toBe('signature required · at most 5 per 1 min · stale after 2 min · duplicates within 1 min');
		expect(
			rulesLine(
				{ requireSignature: true, rateLimit: null, staleAfterMs: null, dedupeWindowMs: 30_000 },
				false
			)
		).toBe('signature required, no secret set · no rate limit · never stale · duplicates within 30 s');
	});
});
