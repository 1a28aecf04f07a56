import { describe, expect, it } from 'vitest';
import type { AlertRecord, ReceiveAlertsResult } from '$workers/contract';
import { alertOf } from '../../../tests/support/alerts';
import { deliver, noticeFor, outcomeLine, summarize, type NotificationApi } from './alert-notify';

function record(seq: number, patch: Partial<AlertRecord>): AlertRecord {
	return {
		id: `r${seq}`,
		seq,
		sourceId: 'tv',
		sourceName: 'TradingView',
		via: 'paste',
		label: `alert ${seq} (line 1)`,
		receivedAt: 0,
		format: 'json',
		payload: null,
		alert: null,
		problems: [],
		signature: 'valid',
		verdict: { kind: 'accepted', seq },
		verdictText: `accepted (#${seq})`,
		outcome: { kind: 'none' },
		orderIds: [],
		...patch
	} as AlertRecord;
}

const BUY = alertOf({ id: 'tv-1' });

const placed = record(1, {
	alert: BUY,
	outcome: {
		kind: 'placed',
		sessionId: 's',
		actionIndex: 0,
		orderIds: ['o1'],
		text: 'Buy 100 RIVN at market'
	}
});
const duplicate = record(2, {
	verdict: { kind: 'duplicate', by: 'id', of: { seq: 1, receivedAt: 0, id: 'tv-1' } }
} as Partial<AlertRecord>);

/** A fake Notification API: records what was shown and what was asked. */
function fakeApi(permission: NotificationPermission, answer: NotificationPermission = permission) {
	const shown: { title: string; body: string | undefined }[] = [];
	let asked = 0;
	const Api = class {
		static permission = permission;
		static requestPermission() {
			asked++;
			return Promise.resolve(answer);
		}
		constructor(title: string, options?: { body?: string }) {
			shown.push({ title, body: options?.body });
		}
	};
	return { api: Api as unknown as NotificationApi, shown, asked: () => asked };
}

describe('alert notices', () => {
	it('counts a receive by verdict and keeps the input problems', () => {
		const result: ReceiveAlertsResult = {
			format: 'json-lines',
			problems: ['line 3 is not JSON'],
			records: [
				placed,
				duplicate,
				record(3, { verdict: { kind: 'refused', refusal: { rule: 'stale' } } } as Partial<AlertRecord>)
			]
		};
		expect(summarize(result)).toEqual({
			accepted: 1,
			duplicates: 1,
			refused: 1,
			problems: ['line 3 is not JSON']
		});
	});

	it('tells only accepted alerts, with what each became', () => {
		expect(noticeFor([duplicate], 'paper')).toBeNull();
		expect(noticeFor([placed, duplicate], 'paper')).toEqual({
			title: 'Alert from TradingView',
			body: '#1 buy 100 RIVN: placed: Buy 100 RIVN at market'
		});
		const noted = record(4, { alert: BUY, outcome: { kind: 'noted' } });
		expect(noticeFor([noted], 'real')).toEqual({
			title: 'Alert from TradingView (real mode: noted)',
			body: '#4 buy 100 RIVN: noted (real mode never orders)'
		});
		const queued = record(5, {
			alert: BUY,
			outcome: { kind: 'queued', reason: 'no paper session is open on the desk' }
		});
		expect(noticeFor([placed, queued], 'paper')!.title).toBe('2 alerts accepted');
		expect(outcomeLine(queued)).toBe('queued (no paper session is open on the desk)');
	});

	it('shows a system notification when allowed, asking once while undecided', async () => {
		const notice = { title: 'Alert', body: 'b' };
		const granted = fakeApi('granted');
		expect(await deliver(notice, granted.api)).toBe('system');
		expect(granted.shown).toEqual([{ title: 'Alert', body: 'b' }]);
		expect(granted.asked()).toBe(0);

		const asks = fakeApi('default', 'granted');
		expect(await deliver(notice, asks.api)).toBe('system');
		expect(asks.asked()).toBe(1);
		expect(asks.shown).toHaveLength(1);
	});

	it('falls back to the in-app banner when denied, refused at the question, or unsupported', async () => {
		const notice = { title: 'Alert', body: 'b' };
		const denied = fakeApi('denied');
		expect(await deliver(notice, denied.api)).toBe('banner');
		expect(denied.asked()).toBe(0);
		const refuses = fakeApi('default', 'denied');
		expect(await deliver(notice, refuses.api)).toBe('banner');
		expect(refuses.shown).toEqual([]);
		expect(await deliver(notice, undefined)).toBe('banner');
	});

	it("uses the service worker's registration where a page may not construct a notification", async () => {
		const Throws = class {
			static permission = 'granted' as const;
			static requestPermission = () => Promise.resolve('granted' as const);
			constructor() {
				throw new TypeError('Illegal constructor');
			}
		} as unknown as NotificationApi;
		const shown: string[] = [];
		const worker = () =>
			Promise.resolve({
				showNotification: (title: string) => {
					shown.push(title);
					return Promise.resolve();
				}
			});
		expect(await deliver({ title: 'Alert', body: 'b' }, Throws, worker)).toBe('system');
		expect(shown).toEqual(['Alert']);
		expect(await deliver({ title: 'Alert', body: 'b' }, Throws)).toBe('banner');
	});
});
