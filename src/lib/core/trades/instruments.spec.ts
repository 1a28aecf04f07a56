import { describe, expect, it } from 'vitest';
import { futuresRoot, multiplierOf } from './instruments';

describe('futuresRoot', () => {
	it.each([
		['ESZ5', 'ES'],
		['/MESU4', 'MES'],
		['ES DEC 25', 'ES'],
		// TradingView: continuous contracts (front month 1!, next 2!) and dated ones.
		['MNQ1!', 'MNQ'],
		['ES2!', 'ES'],
		['6E1!', '6E'],
		['ESZ2025', 'ES'],
		['LE1!', 'LE']
	])('%s -> %s', (symbol, root) => {
		expect(futuresRoot(symbol)).toBe(root);
	});

	it('gives TradingView futures their point value, and an unknown root none', () => {
		expect(multiplierOf('MNQ1!', 'future')).toBe(2);
		expect(multiplierOf('ES1!', 'future')).toBe(50);
		expect(multiplierOf('LE1!', 'future')).toBeNaN();
		expect(multiplierOf('LE1!', 'future', { LE: 400 })).toBe(400);
	});
});
