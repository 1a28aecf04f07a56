import { describe, expect, it } from 'vitest';
import type { LevelAlertRow } from '$workers/contract';
import type { Crossing } from '$lib/core/prices';
import {
	crossingHead,
	crossingLine,
	levelHistory,
	levelNotice,
	localInputValue,
	measuredFrom,
	parseLastSeen,
	specLine,
	unseenEvents
} from './level-words';

const NY = 'America/New_York';
/** 2025-10-13 hh:mm New York (EDT, UTC−4) in epoch ms. */
const ny = (hh: number, mm: number) => Date.UTC(2025, 9, 13, hh + 4, mm);

const TRIGGER: Crossing = {
	time: ny(14, 49),
	reached: 13.28,
	seenIn: 'RIVN.csv',
	validated: {
		price: 13.29,
		confidence: 'medium',
		reasons: ['single source: RIVN.csv'],
		used: ['RIVN.csv'],
		dropped: null
	}
};
const DOUBT: Crossing = {
	time: ny(15, 11),
	reached: 13.95,
	seenIn: 'manual mark',
	validated: {
		price: 13.655,
		confidence: 'low',
		reasons: [
			'sources disagree beyond 0.5 %: RIVN.csv 13.36, manual mark 13.95',
			'jump of 4.3 ATR from the previous close 13.36 (limit 3 ATR)'
		],
		used: ['RIVN.csv', 'manual mark'],
		dropped: null
	}
};

function stopLoss(patch: Partial<LevelAlertRow> = {}): LevelAlertRow {
	return {
		id: 'sl',
		symbol: 'RIVN',
		target: { kind: 'trade', tradeId: 't1', quantity: 100 },
		spec: { kind: 'stop-loss', unit: 'price', value: 13.28 },
		reference: { side: 'long', entry: 13.34, stop: null, atr: null },
		level: { kind: 'stop-loss', price: 13.28, direction: 'down' },
		armedFrom: ny(14, 45) + 30_000,
		status: 'armed',
		trigger: null,
		doubts: [],
		eventSeq: 0,
		note: '',
		createdAt: 0,
		endedAt: null,
		...patch
	};
}

function cross(patch: Partial<LevelAlertRow> = {}): LevelAlertRow {
	return stopLoss({
		id: 'cross',
		target: { kind: 'symbol' },
		spec: { kind: 'cross-above', unit: 'price', value: 13.9 },
		reference: { side: 'long', entry: 13.36, stop: null, atr: 0.0688 },
		level: { kind: 'cross-above', price: 13.9, direction: 'up' },
		armedFrom: ny(15, 10),
		...patch
	});
}

describe('level notices', () => {
	it('tells a trigger with its time in the display zone, the price reached, the validated price and why', () => {
		const notice = levelNotice(stopLoss({ status: 'triggered', trigger: TRIGGER, eventSeq: 1 }), NY);
		expect(notice).toEqual({
			title: 'Price alert: RIVN stop-loss 13.28 reached',
			body: 'RIVN stop-loss 13.28 reached at 14:49 (13.28) — price 13.29, medium confidence: single source: RIVN.csv'
		});
		// In another zone the same instant reads as its wall time there.
		expect(levelNotice(stopLoss({ trigger: TRIGGER }), 'UTC')!.body).toContain('reached at 18:49 (13.28)');
	});

	it('tells a doubt as a possible crossing at low confidence with every reason', () => {
		expect(levelNotice(cross({ doubts: [DOUBT], eventSeq: 1 }), NY)).toEqual({
			title: 'Price alert: RIVN cross above 13.90 may have crossed (low confidence)',
			body:
				'RIVN cross above 13.90 may have crossed at 15:11 (13.95) — price 13.655, low confidence: ' +
				'sources disagree beyond 0.5 %: RIVN.csv 13.36, manual mark 13.95; ' +
				'jump of 4.3 ATR from the previous close 13.36 (limit 3 ATR)'
		});
	});

	it('tells the trigger of a level that had doubts before, and nothing for a level without events', () => {
		const both = cross({ status: 'triggered', doubts: [DOUBT], trigger: { ...TRIGGER, time: ny(15, 12) } });
		expect(levelNotice(both, NY)!.title).toBe('Price alert: RIVN cross above 13.90 reached');
		expect(levelNotice(cross(), NY)).toBeNull();
	});
});

describe('level history', () => {
	it('lists every trigger and doubt, the newest crossing first', () => {
		const a = stopLoss({ status: 'triggered', trigger: TRIGGER });
		const b = cross({ status: 'triggered', doubts: [DOUBT], trigger: { ...TRIGGER, time: ny(15, 12) } });
		expect(levelHistory([a, b]).map((e) => [e.row.id, e.kind, e.crossing.time])).toEqual([
			['cross', 'trigger', ny(15, 12)],
			['cross', 'doubt', ny(15, 11)],
			['sl', 'trigger', ny(14, 49)]
		]);
		expect(crossingLine(levelHistory([a])[0]!, NY)).toBe(
			'RIVN stop-loss 13.28 reached at 14:49 (13.28) — price 13.29, medium confidence: single source: RIVN.csv'
		);
		expect(crossingHead(levelHistory([b])[1]!, NY)).toBe(
			'RIVN cross above 13.90 may have crossed at 15:11 (13.95)'
		);
	});

	it('says how a level was set and what it is measured from', () => {
		expect(specLine(stopLoss())).toBe('price 13.28');
		expect(specLine(cross({ spec: { kind: 'cross-below', unit: 'percent', value: 10 } }))).toBe(
			'10 % from 13.36'
		);
		expect(
			specLine(
				stopLoss({
					spec: { kind: 'take-profit', unit: 'r', value: 1 },
					reference: { side: 'long', entry: 13.34, stop: 13.3, atr: null }
				})
			)
		).toBe('1 R from 13.34 (stop 13.30)');
		expect(measuredFrom(stopLoss(), NY)).toBe('long 100 RIVN entered at 13.34');
		expect(measuredFrom(cross(), NY)).toBe('last close 13.36 at 2025-10-13 15:10:00');
	});

	it('writes an instant as a datetime-local input shows it in the zone', () => {
		expect(localInputValue(ny(15, 11) + 42_000, NY)).toBe('2025-10-13T15:11');
	});
});

describe('last seen', () => {
	it('reads a stored number, and anything else as nothing seen', () => {
		expect(parseLastSeen('7')).toBe(7);
		expect(parseLastSeen(null)).toBe(0);
		expect(parseLastSeen('')).toBe(0);
		expect(parseLastSeen('-1')).toBe(0);
		expect(parseLastSeen('2.5')).toBe(0);
		expect(parseLastSeen('x')).toBe(0);
	});

	it('keeps the events after the last seen, in order, and moves it to the newest', () => {
		const rows = [cross({ eventSeq: 3 }), stopLoss({ eventSeq: 2 }), cross({ id: 'old', eventSeq: 1 })];
		const { fresh, lastSeen } = unseenEvents(rows, 1);
		expect(fresh.map((r) => r.eventSeq)).toEqual([2, 3]);
		expect(lastSeen).toBe(3);
		expect(unseenEvents([], 3)).toEqual({ fresh: [], lastSeen: 3 });
	});
});
