import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration } from './format';

describe('formatBytes', () => {
	it('uses powers of 1024 and one decimal under 100', () => {
		expect(formatBytes(0)).toBe('0 B');
		expect(formatBytes(1023)).toBe('1023 B');
		expect(formatBytes(1536)).toBe('1.5 KB');
		expect(formatBytes(300 * 1024 ** 3)).toBe('300 GB');
	});

	it('shows a dash for figures that are not sizes', () => {
		expect(formatBytes(Number.NaN)).toBe('—');
		expect(formatBytes(-1)).toBe('—');
	});
});

describe('formatDuration', () => {
	it('says seconds, minutes and hours', () => {
		expect(formatDuration(0)).toBe('0 s');
		expect(formatDuration(45_400)).toBe('45 s');
		expect(formatDuration(185_000)).toBe('3 min 5 s');
		expect(formatDuration(3_720_000)).toBe('1 h 2 min');
	});
});
