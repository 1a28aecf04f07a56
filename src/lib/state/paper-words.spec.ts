import { describe, expect, it } from 'vitest';
import { localInstant, positiveNumber, startOfDay, stoppedText } from './paper-words';

describe('paper-words', () => {
	it('reads typed days and times in a zone, null for what is no date', () => {
		expect(startOfDay('2024-01-02', 'America/New_York')).toBe(Date.UTC(2024, 0, 2, 5));
		expect(startOfDay('2024-01-02', 'America/New_York', 1)).toBe(Date.UTC(2024, 0, 3, 5));
		expect(startOfDay('', 'America/New_York')).toBeNull();
		expect(localInstant('2025-10-13T14:45', 'America/New_York')).toBe(Date.UTC(2025, 9, 13, 18, 45));
		expect(localInstant('2025-10-13', 'UTC')).toBeNull();
		expect([positiveNumber('25'), positiveNumber('-1'), positiveNumber(null), positiveNumber('x')]).toEqual([
			25,
			null,
			null,
			null
		]);
	});

	it('says what a stop did and what stays open', () => {
		const stop = { cancelled: 0, held: 0, open: 0, symbol: 'RIVN', how: 'flatten' } as const;
		expect(stoppedText(stop)).toBe('Stopped: no working order to cancel; no position was open');
		expect(stoppedText({ ...stop, cancelled: 2, held: -50 })).toBe(
			'Stopped: 2 working orders cancelled; 50 RIVN closed'
		);
		expect(stoppedText({ ...stop, held: 100, open: 100 })).toBe(
			'Stopped: no working order to cancel; 100 RIVN stay open, no bar was left to close at (an open trade in the journal)'
		);
	});
});
