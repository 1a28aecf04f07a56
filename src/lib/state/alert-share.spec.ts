import { describe, expect, it } from 'vitest';
import { hasShare, sharedAlertText } from './alert-share';

describe('shared alert text', () => {
	it('takes the parameter that holds the JSON, whichever the sharing app used', () => {
		expect(sharedAlertText(new URLSearchParams('text={"symbol":"RIVN"}'))).toBe('{"symbol":"RIVN"}');
		expect(sharedAlertText(new URLSearchParams('title=TradingView alert&text={"a":1}'))).toBe('{"a":1}');
		expect(sharedAlertText(new URLSearchParams('title={"a":1}&text=see this'))).toBe('{"a":1}');
		expect(sharedAlertText(new URLSearchParams('url=https://x.test/a'))).toBe('https://x.test/a');
	});

	it('is null for a query without a share, or an empty one', () => {
		expect(sharedAlertText(new URLSearchParams(''))).toBeNull();
		expect(sharedAlertText(new URLSearchParams('text=%20&title='))).toBeNull();
		expect(hasShare(new URLSearchParams('text='))).toBe(true);
		expect(hasShare(new URLSearchParams('shared=1'))).toBe(false);
	});
});
