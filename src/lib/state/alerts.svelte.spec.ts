import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlertRecord, AlertSourceDto, ReceiveAlertsResult } from '$workers/contract';
import { mode } from './app.svelte';
import { AlertsState, HISTORY_PAGE } from './alerts.svelte';
import type * as AlertNotify from './alert-notify';

const engine = vi.hoisted(() => ({
	alertSources: vi.fn(),
	alertHistory: vi.fn(),
	receiveAlerts: vi.fn(),
	placeQueuedAlert: vi.fn(),
	saveAlertSource: vi.fn(),
	deleteAlertSource: vi.fn()
}));
vi.mock('./engine', () => ({ engine }));
const desk = vi.hoisted((): { id: string | null; loaded: boolean } => ({ id: 's1', loaded: true }));
vi.mock('./paper.svelte', () => ({
	paper: {
		get id() {
			return desk.id;
		},
		view: {
			get loaded() {
				return desk.loaded;
			}
		},
		load: vi.fn()
	}
}));

const manual: AlertSourceDto = {
	id: 'manual',
	name: 'Manual',
	settings: { requireSignature: false, rateLimit: null, staleAfterMs: null, dedupeWindowMs: 60_000 },
	hasSecret: false,
	accepted: 0,
	createdAt: 0
};
const row = (seq: number): AlertRecord =>
	({
		id: `r${seq}`,
		seq,
		sourceId: 'manual',
		verdict: { kind: 'accepted', seq },
		outcome: { kind: 'queued', reason: 'no paper session is open on the desk' }
	}) as AlertRecord;

/** `deliver` answers when the test says: a permission question answered late. */
const answers = vi.hoisted(() => [] as ((channel: 'system' | 'banner') => void)[]);
vi.mock('./alert-notify', async (original) => ({
	...(await original<typeof AlertNotify>()),
	deliver: () => new Promise((resolve) => answers.push(resolve))
}));

let state: AlertsState;

beforeEach(() => {
	vi.clearAllMocks();
	answers.length = 0;
	mode.set('paper');
	desk.id = 's1';
	engine.alertSources.mockResolvedValue([manual]);
	state = new AlertsState();
});
afterEach(() => mode.set('paper'));

describe('the alert inbox state', () => {
	it('reads the newest page first and pages back before the oldest seq', async () => {
		const page = Array.from({ length: HISTORY_PAGE }, (_, i) => row(60 - i));
		engine.alertHistory.mockResolvedValueOnce(page).mockResolvedValueOnce([row(10), row(9)]);
		await state.load();
		expect(state.view.more).toBe(true);
		expect(state.view.sourceId).toBe('manual');
		await state.loadOlder();
		expect(engine.alertHistory).toHaveBeenLastCalledWith({ limit: HISTORY_PAGE, beforeSeq: 11 });
		expect(state.view.history.map((r) => r.seq).slice(-3)).toEqual([11, 10, 9]);
		expect(state.view.more).toBe(false);
	});

	it("receives onto the desk's open session in paper mode and on none in real mode, newest first", async () => {
		engine.alertHistory.mockResolvedValue([row(1)]);
		const result: ReceiveAlertsResult = { format: 'json-lines', problems: [], records: [row(2), row(3)] };
		engine.receiveAlerts.mockResolvedValue(result);
		await state.load();
		const last = await state.receive('…', 'paste');
		expect(engine.receiveAlerts).toHaveBeenCalledWith({
			text: '…',
			sourceId: 'manual',
			via: 'paste',
			sessionId: 's1'
		});
		expect(last).toMatchObject({ accepted: 2, duplicates: 0, refused: 0, via: 'paste', fileName: null });
		expect(state.view.history.map((r) => r.seq)).toEqual([3, 2, 1]);

		mode.set('real');
		await state.load();
		expect(state.view.last).toBeNull();
		await state.receive('…', 'share');
		expect(engine.receiveAlerts).toHaveBeenLastCalledWith({
			text: '…',
			sourceId: 'manual',
			via: 'share',
			sessionId: null
		});
	});

	it("shows the engine's refusal of a source beside the form, and of a receive as the message", async () => {
		engine.alertHistory.mockResolvedValue([]);
		await state.load();
		engine.saveAlertSource.mockRejectedValue(new Error('Source not saved: give it a name'));
		expect(await state.saveSource({ name: ' ', settings: manual.settings })).toBe(false);
		expect(state.view.sourceProblem).toBe('Source not saved: give it a name');
		engine.receiveAlerts.mockRejectedValue(
			new Error('No such alert source: it was deleted. Nothing was received.')
		);
		expect(await state.receive('x', 'paste')).toBeNull();
		expect(state.view.message).toBe('No such alert source: it was deleted. Nothing was received.');
		expect(state.view.busy).toBe(false);
	});

	it('places a queued alert only on an open session, replacing its row', async () => {
		engine.alertHistory.mockResolvedValue([row(1)]);
		await state.load();
		desk.id = null;
		await state.placeQueued('r1');
		expect(engine.placeQueuedAlert).not.toHaveBeenCalled();
		expect(state.view.message).toBe(
			'No paper session is open on the desk: start or open one, then place the alert.'
		);
		desk.id = 's1';
		const placed = {
			...row(1),
			outcome: {
				kind: 'placed',
				sessionId: 's1',
				actionIndex: 0,
				orderIds: ['o1'],
				text: 'Buy 1 RIVN at market'
			}
		} as AlertRecord;
		engine.placeQueuedAlert.mockResolvedValue(placed);
		await state.placeQueued('r1');
		expect(engine.placeQueuedAlert).toHaveBeenCalledWith('r1', 's1');
		expect(state.view.history).toEqual([placed]);
		expect(state.view.message).toBeNull();
	});

	it('keeps the newest notice in the banner when an older one is answered late', async () => {
		engine.alertHistory.mockResolvedValue([]);
		await state.load();
		const accepted = (seq: number, quantity: number) =>
			({
				...row(seq),
				sourceName: 'Manual',
				alert: { symbol: 'RIVN', action: 'buy', quantity },
				outcome: { kind: 'noted' }
			}) as AlertRecord;
		engine.receiveAlerts.mockResolvedValueOnce({ format: 'json', problems: [], records: [accepted(1, 5)] });
		engine.receiveAlerts.mockResolvedValueOnce({ format: 'json', problems: [], records: [accepted(2, 7)] });
		await state.receive('a', 'paste');
		await state.receive('b', 'paste');
		// The receive is done while its notice waits: the inbox is not held.
		expect(state.view.busy).toBe(false);
		expect(answers).toHaveLength(2);
		answers[1]!('banner');
		await Promise.resolve();
		expect(state.view.banner).toBe('Alert from Manual. #2 buy 7 RIVN: noted (real mode never orders)');
		answers[0]!('banner');
		await Promise.resolve();
		expect(state.view.banner).toBe('Alert from Manual. #2 buy 7 RIVN: noted (real mode never orders)');
	});
});
