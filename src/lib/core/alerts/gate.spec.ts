import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	admit,
	admitAll,
	checkSignature,
	contentKey,
	createGate,
	DEFAULT_SOURCE_SETTINGS,
	describeVerdict,
	type GateInput,
	type GateState,
	type SourceSettings,
	type Verdict
} from './gate';
import { parseAlerts } from './parse';
import { signPayload } from './signature';
import type { AlertEntry, AlertPayload } from './types';

const T0 = Date.UTC(2026, 2, 2, 14, 30);
const BUY: AlertPayload = { symbol: 'AAPL', action: 'buy', quantity: 10 };

function entry(payload: AlertPayload): AlertEntry {
	return parseAlerts(JSON.stringify(payload)).entries[0]!;
}
const unsigned = (payload: AlertPayload): GateInput => ({ entry: entry(payload), signature: 'unchecked' });

/** Runs inputs at the given receipt times, giving the verdicts. */
function run(settings: Partial<SourceSettings>, arrivals: [GateInput, number][]): Verdict[] {
	return admitAll(
		createGate({ ...DEFAULT_SOURCE_SETTINGS, ...settings }),
		arrivals.map(([input, receivedAt]) => ({ input, receivedAt }))
	).verdicts;
}

describe('admit', () => {
	it('accepts a valid alert and numbers accepted ones', () => {
		const v = run({}, [
			[unsigned(BUY), T0],
			[unsigned({ ...BUY, quantity: 5 }), T0 + 1]
		]);
		expect(v).toEqual([
			{ kind: 'accepted', seq: 1, receivedAt: T0 },
			{ kind: 'accepted', seq: 2, receivedAt: T0 + 1 }
		]);
	});

	it('refuses an invalid alert with its problems', () => {
		expect(run({}, [[unsigned({ ...BUY, quantity: 0 }), T0]])).toEqual([
			{
				kind: 'refused',
				receivedAt: T0,
				refusal: {
					rule: 'invalid',
					problems: [{ field: 'quantity', reason: 'must be a whole number above zero, is 0' }]
				}
			}
		]);
	});

	it('lists the same id as a duplicate of the first, however long after and whatever it says', () => {
		const v = run({}, [
			[unsigned({ ...BUY, id: 'x1', time: T0 - 1000 }), T0],
			[unsigned({ ...BUY, id: 'x1', quantity: 99 }), T0 + 86_400_000]
		]);
		expect(v[1]).toEqual({
			kind: 'duplicate',
			by: 'id',
			of: { seq: 1, receivedAt: T0, id: 'x1', time: T0 - 1000 },
			receivedAt: T0 + 86_400_000
		});
	});

	it('lists the same content within the window (inclusive) as a duplicate, not after it, whatever its id', () => {
		const v = run({}, [
			[unsigned(BUY), T0],
			[unsigned({ ...BUY, id: 'fresh' }), T0 + 60_000],
			[unsigned(BUY), T0 + 60_001]
		]);
		expect(v.map((x) => x.kind)).toEqual(['accepted', 'duplicate', 'accepted']);
		expect(v[1]).toMatchObject({ by: 'content', of: { seq: 1, receivedAt: T0 } });
		expect(
			run({ dedupeWindowMs: 5_000 }, [
				[unsigned(BUY), T0],
				[unsigned(BUY), T0 + 5_001]
			]).map((x) => x.kind)
		).toEqual(['accepted', 'accepted']);
	});

	it('content is the canonical payload without id and signature: key order and number spelling do not matter', () => {
		const a = entry(BUY) as AlertEntry & { ok: true };
		const b = parseAlerts('{"quantity":10.0,"action":"buy","symbol":"AAPL","id":"z"}')
			.entries[0] as AlertEntry & { ok: true };
		expect(contentKey(a)).toBe(contentKey(b));
		expect(contentKey(a)).toBe('{"action":"buy","quantity":10,"symbol":"AAPL"}');
	});

	describe('signatures', () => {
		const secret = 's3cret';
		const settings: SourceSettings = { ...DEFAULT_SOURCE_SETTINGS, requireSignature: true, secret };

		it('accepts a signed alert and refuses a tampered, an unsigned one and one it cannot check', async () => {
			const signature = await signPayload(BUY, secret);
			const signed = entry({ ...BUY, signature });
			const tampered = entry({ ...BUY, quantity: 1000, signature });
			const bare = entry(BUY);
			const inputs: GateInput[] = [];
			for (const e of [signed, tampered, bare])
				inputs.push({ entry: e, signature: await checkSignature(e, settings) });
			expect(inputs.map((i) => i.signature)).toEqual(['valid', 'wrong', 'missing']);
			const { verdicts } = admitAll(
				createGate(settings),
				inputs.map((input, i) => ({ input, receivedAt: T0 + i }))
			);
			expect(verdicts.map((v) => (v.kind === 'refused' ? v.refusal.rule : v.kind))).toEqual([
				'accepted',
				'signature-wrong',
				'signature-missing'
			]);
			const noSecret = { ...settings, secret: null };
			expect(await checkSignature(signed, noSecret)).toBe('unchecked');
			expect(admit(createGate(noSecret), { entry: signed, signature: 'unchecked' }, T0).verdict).toEqual({
				kind: 'refused',
				refusal: { rule: 'no-secret' },
				receivedAt: T0
			});
		});

		it('refuses a wrong signature even where none is required', () => {
			expect(run({}, [[{ entry: entry(BUY), signature: 'wrong' }, T0]])[0]).toMatchObject({
				refusal: { rule: 'signature-wrong' }
			});
		});
	});

	it('refuses a stale alert with its age, and one from as far in the future', () => {
		const v = run({ staleAfterMs: 120_000 }, [
			[unsigned({ ...BUY, time: T0 - 120_000 }), T0],
			[unsigned({ ...BUY, quantity: 2, time: T0 - 180_001 }), T0 + 1],
			[unsigned({ ...BUY, quantity: 3, time: T0 + 300_000 }), T0 + 2],
			[unsigned({ ...BUY, quantity: 4 }), T0 + 3]
		]);
		expect(v).toEqual([
			{ kind: 'accepted', seq: 1, receivedAt: T0 },
			{ kind: 'refused', refusal: { rule: 'stale', ageMs: 180_002, limitMs: 120_000 }, receivedAt: T0 + 1 },
			{
				kind: 'refused',
				refusal: { rule: 'future', aheadMs: 299_998, limitMs: 120_000 },
				receivedAt: T0 + 2
			},
			{ kind: 'accepted', seq: 2, receivedAt: T0 + 3 }
		]);
		expect(describeVerdict(v[1]!)).toBe('refused: stale, fired 3 min before it arrived (limit 2 min)');
	});

	it('rate-limits per window, saying when the next slot frees; refused alerts take no slot', () => {
		const q = (n: number) => unsigned({ ...BUY, quantity: n });
		const v = run({ rateLimit: { count: 2, perMs: 10_000 } }, [
			[q(1), T0],
			[unsigned({ ...BUY, quantity: 0 }), T0 + 1],
			[q(2), T0 + 4_000],
			[q(3), T0 + 9_999],
			[q(4), T0 + 10_000],
			[q(5), T0 + 13_000],
			[q(6), T0 + 14_000]
		]);
		expect(v.map((x) => (x.kind === 'refused' ? x.refusal : x.kind))).toEqual([
			'accepted',
			{
				rule: 'invalid',
				problems: [{ field: 'quantity', reason: 'must be a whole number above zero, is 0' }]
			},
			'accepted',
			{ rule: 'rate-limited', freesAt: T0 + 10_000, count: 2, perMs: 10_000 },
			'accepted',
			{ rule: 'rate-limited', freesAt: T0 + 14_000, count: 2, perMs: 10_000 },
			'accepted'
		]);
		expect(describeVerdict(v[3]!)).toBe(
			'refused: rate limit of 2 per 10 s; the next slot frees at 2026-03-02T14:30:10.000Z'
		);
	});

	it('takes a receipt time that goes backwards as the latest seen', () => {
		const v = run({}, [
			[unsigned(BUY), T0],
			[unsigned(BUY), T0 - 120_000]
		]);
		expect(v[1]).toMatchObject({ kind: 'duplicate', receivedAt: T0 });
	});

	it('describes duplicates and refusals for the audit row', () => {
		expect(
			describeVerdict({
				kind: 'duplicate',
				by: 'id',
				of: { seq: 3, receivedAt: T0, id: 'x1', time: null },
				receivedAt: T0 + 5
			})
		).toBe('duplicate of #3 received 2026-03-02T14:30:00.000Z (the same id "x1")');
		expect(
			describeVerdict({
				kind: 'refused',
				refusal: { rule: 'invalid', problems: [{ field: 'symbol', reason: 'is empty' }] },
				receivedAt: 0
			})
		).toBe('refused: symbol is empty');
	});
});

describe('gate properties', () => {
	// A small pool of alerts, so repeats (by id and by content) are frequent.
	const pool = fc.record({
		quantity: fc.integer({ min: 1, max: 3 }),
		// Every other alert or so is invalid (quantity 0), which must change nothing.
		id: fc.option(fc.constantFrom('a', 'b', 'c', 'd'), { nil: null, freq: 2 }),
		time: fc.option(fc.integer({ min: -200_000, max: 50_000 }), { nil: null, freq: 2 }),
		invalid: fc.boolean()
	});
	const arrivals = fc
		.array(fc.tuple(pool, fc.integer({ min: 0, max: 40_000 })), { maxLength: 40 })
		.map((items) => {
			let t = T0;
			return items.map(([a, gap]) => {
				t += gap;
				const payload: AlertPayload = { ...BUY, quantity: a.invalid ? 0 : a.quantity };
				if (a.id !== null) payload.id = a.id;
				if (a.time !== null) payload.time = t + a.time;
				return { input: unsigned(payload), receivedAt: t };
			});
		});
	const settings = fc.record({
		requireSignature: fc.constant(false),
		secret: fc.constant(null),
		rateLimit: fc.option(
			fc.record({ count: fc.integer({ min: 1, max: 4 }), perMs: fc.integer({ min: 1, max: 120_000 }) }),
			{ nil: null }
		),
		staleAfterMs: fc.option(fc.integer({ min: 0, max: 150_000 }), { nil: null }),
		dedupeWindowMs: fc.integer({ min: 0, max: 120_000 })
	});
	const accepted = (verdicts: Verdict[], list: { input: GateInput; receivedAt: number }[]) =>
		list.filter((_, i) => verdicts[i]!.kind === 'accepted');

	it('never accepts one id twice, nor one content twice within the window', () => {
		fc.assert(
			fc.property(settings, arrivals, (s, list) => {
				const { verdicts } = admitAll(createGate(s), list);
				const ok = accepted(verdicts, list);
				const ids = ok
					.map((a) => (a.input.entry.ok ? a.input.entry.alert.id : null))
					.filter((id) => id !== null);
				expect(new Set(ids).size).toBe(ids.length);
				for (let i = 0; i < ok.length; i++)
					for (let j = i + 1; j < ok.length; j++)
						if (ok[j]!.receivedAt - ok[i]!.receivedAt <= s.dedupeWindowMs)
							expect(contentKey(ok[i]!.input.entry as AlertEntry & { ok: true })).not.toBe(
								contentKey(ok[j]!.input.entry as AlertEntry & { ok: true })
							);
			})
		);
	});

	it('never accepts more than count in any window of perMs', () => {
		fc.assert(
			fc.property(settings, arrivals, (s, list) => {
				const { verdicts } = admitAll(createGate(s), list);
				if (s.rateLimit === null) return;
				const times = accepted(verdicts, list).map((a) => a.receivedAt);
				// The fullest window ends at an accepted time.
				for (const end of times)
					expect(times.filter((t) => t > end - s.rateLimit!.perMs && t <= end).length).toBeLessThanOrEqual(
						s.rateLimit.count
					);
			})
		);
	});

	it('gives the same verdicts when the stream is cut anywhere and the state is stored as JSON in between', () => {
		fc.assert(
			fc.property(settings, arrivals, fc.nat(), (s, list, cutAt) => {
				const cut = list.length === 0 ? 0 : cutAt % (list.length + 1);
				const whole = admitAll(createGate(s), list);
				const first = admitAll(createGate(s), list.slice(0, cut));
				const stored = JSON.parse(JSON.stringify(first.state)) as GateState;
				const second = admitAll(stored, list.slice(cut));
				expect([...first.verdicts, ...second.verdicts]).toEqual(whole.verdicts);
				expect(JSON.parse(JSON.stringify(second.state))).toEqual(JSON.parse(JSON.stringify(whole.state)));
			})
		);
	});

	it('accepts the same alerts, in the same order, when every alert it did not accept is left out', () => {
		fc.assert(
			fc.property(settings, arrivals, (s, list) => {
				const whole = admitAll(createGate(s), list);
				const kept = accepted(whole.verdicts, list);
				const again = admitAll(createGate(s), kept);
				expect(again.verdicts).toEqual(whole.verdicts.filter((v) => v.kind === 'accepted'));
			})
		);
	});
});
