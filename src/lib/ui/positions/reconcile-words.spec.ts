import { describe, expect, it } from 'vitest';
import { brokerQuantityText, countsText, differenceText, STATUS_LABEL } from './reconcile-words';

describe('reconcile words', () => {
	it('writes quantities, differences and counts', () => {
		expect([brokerQuantityText(null), brokerQuantityText(-225), brokerQuantityText(1200)]).toEqual([
			'not listed',
			'−225',
			'1,200'
		]);
		expect([differenceText(100), differenceText(-0.5), differenceText(0)]).toEqual(['+100', '−0.5', '0']);
		expect(countsText({ matches: 1, differs: 2, 'only-broker': 1, 'only-fillbook': 0 })).toBe(
			'1 matching · 2 differing · 1 only at the broker'
		);
		expect(countsText({ matches: 3, differs: 1, 'only-broker': 0, 'only-fillbook': 1 })).toBe(
			'3 matching · 1 differing · 1 only in Fillbook'
		);
		expect(STATUS_LABEL['only-fillbook']).toBe('Only Fillbook');
	});
});
