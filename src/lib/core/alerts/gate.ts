/**
 * The inbox's gatekeeper: a pure state machine over receipt times. The caller (the engine) keeps
 * one `GateState` per source, passes each arriving alert with the time it arrived, stores the
 * verdict as the alert's audit row and keeps the returned state (plain JSON, fit for IndexedDB).
 * Nothing here reads a clock: the same alerts at the same times give the same verdicts.
 *
 * Checks, in order: the payload is valid → its signature (when the source requires one, or when a
 * signature was checked and is wrong) → duplicate (same id ever, or same content within the
 * window) → stale (older than `staleAfterMs`, or as far in the future) → rate limit (at most
 * `count` accepted in any `perMs`). Only accepted alerts are remembered: a refused alert takes no
 * slot of the rate limit and is no "first" a later one could duplicate.
 */
import { canonicalPayload, verifySignature, type SignatureCheck } from './signature';
import type { AlertEntry, AlertProblem } from './types';

/** How a source's alerts are let in. */
export interface SourceSettings {
	/** Refuse alerts without a valid signature. */
	requireSignature: boolean;
	/** The HMAC secret (kept in IndexedDB, never exported unless asked); null when none is set. */
	secret: string | null;
	/** At most `count` alerts accepted in any `perMs` milliseconds; null for no limit. */
	rateLimit: { count: number; perMs: number } | null;
	/** Refuse alerts whose time is more than this before (or after) their receipt; null: never. */
	staleAfterMs: number | null;
	/** How long the same content counts as a repeat, ms. */
	dedupeWindowMs: number;
}

export const DEFAULT_DEDUPE_WINDOW_MS = 60_000;

/** A source that takes unsigned alerts, with no rate limit or staleness, deduped over 60 s. */
export const DEFAULT_SOURCE_SETTINGS: Readonly<SourceSettings> = {
	requireSignature: false,
	secret: null,
	rateLimit: null,
	staleAfterMs: null,
	dedupeWindowMs: DEFAULT_DEDUPE_WINDOW_MS
};

/** An accepted alert, as a later repeat names it. */
export interface FirstSeen {
	/** The gate's sequence number of the accepted alert (1, 2, …, per source). */
	seq: number;
	/** When it was received, epoch ms. */
	receivedAt: number;
	/** Its id, if it had one. */
	id: string | null;
	/** Its own time (when it fired), epoch ms, if it said. */
	time: number | null;
}

/** What the gate remembers of one source. Treat as immutable: `admit` returns a new one. */
export interface GateState {
	settings: SourceSettings;
	/** The latest receipt time seen, epoch ms (null before the first): an earlier one is taken as it. */
	clock: number | null;
	/** Accepted so far: the next accepted alert's `seq` is this plus one. */
	accepted: number;
	/** Every accepted id, ever, with the alert it first came on. */
	ids: Record<string, FirstSeen>;
	/** Accepted contents still inside the dedupe window, oldest first. */
	recent: { key: string; first: FirstSeen }[];
	/** Receipt times of the accepted alerts still inside the rate window, oldest first. */
	acceptedAt: number[];
}

/** Why an alert was refused. */
export type Refusal =
	| { rule: 'invalid'; problems: AlertProblem[] }
	| { rule: 'signature-missing' }
	| { rule: 'signature-wrong' }
	| { rule: 'no-secret' }
	| { rule: 'stale'; ageMs: number; limitMs: number }
	| { rule: 'future'; aheadMs: number; limitMs: number }
	| { rule: 'rate-limited'; freesAt: number; count: number; perMs: number };

/** The gate's answer for one alert. */
export type Verdict =
	| { kind: 'accepted'; seq: number; receivedAt: number }
	| { kind: 'duplicate'; by: 'id' | 'content'; of: FirstSeen; receivedAt: number }
	| { kind: 'refused'; refusal: Refusal; receivedAt: number };

/** One alert at the gate: its entry and the result of its signature check (see `checkSignature`). */
export interface GateInput {
	entry: AlertEntry;
	/** `unchecked` when no secret is set or the alert is not a JSON object. */
	signature: SignatureCheck | 'unchecked';
}

/**
 * A fresh gate for a source.
 * @example createGate({ ...DEFAULT_SOURCE_SETTINGS, rateLimit: { count: 5, perMs: 60_000 } }).accepted // 0
 */
export function createGate(settings: SourceSettings = DEFAULT_SOURCE_SETTINGS): GateState {
	return { settings: { ...settings }, clock: null, accepted: 0, ids: {}, recent: [], acceptedAt: [] };
}

/** The same memory under new settings (a changed rate limit applies from the next alert). */
export function withSettings(state: GateState, settings: SourceSettings): GateState {
	return { ...state, settings: { ...settings } };
}

/**
 * Checks an entry's signature against the source's secret: `unchecked` without a secret or a
 * JSON payload. Asynchronous (WebCrypto); its result is what `admit` takes.
 * @example await checkSignature(entry, { ...DEFAULT_SOURCE_SETTINGS, secret: 'k' }) // 'valid' | 'missing' | 'wrong'
 */
export async function checkSignature(
	entry: AlertEntry,
	settings: SourceSettings
): Promise<SignatureCheck | 'unchecked'> {
	if (settings.secret === null || settings.secret === '' || entry.payload === null) return 'unchecked';
	return verifySignature(entry.payload, settings.secret);
}

/**
 * What counts as the same content: the canonical payload without its id and signature (two sends
 * of one alert under fresh ids are still one alert).
 */
export function contentKey(entry: AlertEntry & { ok: true }): string {
	const { id: _id, ...rest } = entry.payload ?? {};
	return canonicalPayload(rest);
}

function refused(state: GateState, refusal: Refusal, now: number) {
	return { verdict: { kind: 'refused', refusal, receivedAt: now } as const, state: { ...state, clock: now } };
}

/**
 * Admits one alert received at `receivedAt` (epoch ms): the verdict and the gate's next state.
 * Receipt times should not go backwards; one that does is taken as the latest seen.
 * @example
 * let gate = createGate();
 * const first = admit(gate, { entry, signature: 'unchecked' }, 1_000); // accepted, seq 1
 * admit(first.state, { entry, signature: 'unchecked' }, 2_000).verdict // duplicate of seq 1 (by content)
 */
export function admit(
	state: GateState,
	input: GateInput,
	receivedAt: number
): { verdict: Verdict; state: GateState } {
	const now = state.clock === null ? receivedAt : Math.max(receivedAt, state.clock);
	const { settings } = state;
	const { entry, signature } = input;
	if (!entry.ok) return refused(state, { rule: 'invalid', problems: entry.problems }, now);
	if (signature === 'wrong') return refused(state, { rule: 'signature-wrong' }, now);
	if (settings.requireSignature) {
		if (signature === 'missing') return refused(state, { rule: 'signature-missing' }, now);
		if (signature === 'unchecked')
			return refused(
				state,
				entry.payload === null || entry.alert.signature === null
					? { rule: 'signature-missing' }
					: { rule: 'no-secret' },
				now
			);
	}

	const { alert } = entry;
	const recent = state.recent.filter((r) => now - r.first.receivedAt <= settings.dedupeWindowMs);
	const byId = alert.id === null ? undefined : state.ids[alert.id];
	if (byId)
		return {
			verdict: { kind: 'duplicate', by: 'id', of: byId, receivedAt: now },
			state: { ...state, clock: now, recent }
		};
	const key = contentKey(entry);
	const byContent = recent.find((r) => r.key === key);
	if (byContent)
		return {
			verdict: { kind: 'duplicate', by: 'content', of: byContent.first, receivedAt: now },
			state: { ...state, clock: now, recent }
		};

	if (settings.staleAfterMs !== null && alert.time !== null) {
		const age = now - alert.time;
		if (age > settings.staleAfterMs)
			return refused(
				{ ...state, recent },
				{ rule: 'stale', ageMs: age, limitMs: settings.staleAfterMs },
				now
			);
		if (-age > settings.staleAfterMs)
			return refused(
				{ ...state, recent },
				{ rule: 'future', aheadMs: -age, limitMs: settings.staleAfterMs },
				now
			);
	}

	let acceptedAt = state.acceptedAt;
	if (settings.rateLimit !== null) {
		const { count, perMs } = settings.rateLimit;
		acceptedAt = acceptedAt.filter((t) => t > now - perMs);
		if (acceptedAt.length >= count) {
			// The slot frees when the oldest alert that fills the window leaves it.
			const freesAt = acceptedAt[acceptedAt.length - count]! + perMs;
			return refused({ ...state, recent, acceptedAt }, { rule: 'rate-limited', freesAt, count, perMs }, now);
		}
	}

	const seq = state.accepted + 1;
	const first: FirstSeen = { seq, receivedAt: now, id: alert.id, time: alert.time };
	return {
		verdict: { kind: 'accepted', seq, receivedAt: now },
		state: {
			settings,
			clock: now,
			accepted: seq,
			ids: alert.id === null ? state.ids : { ...state.ids, [alert.id]: first },
			recent: [...recent, { key, first }],
			acceptedAt: settings.rateLimit === null ? acceptedAt : [...acceptedAt, now]
		}
	};
}

/**
 * Admits alerts one after another, all received at `receivedAt` or at their own times: the
 * verdicts in input order and the final state.
 * @example admitAll(createGate(), inputs.map((input) => ({ input, receivedAt: 1_000 }))).verdicts.length // inputs.length
 */
export function admitAll(
	state: GateState,
	arrivals: readonly { input: GateInput; receivedAt: number }[]
): { verdicts: Verdict[]; state: GateState } {
	const verdicts: Verdict[] = [];
	let current = state;
	for (const { input, receivedAt } of arrivals) {
		const next = admit(current, input, receivedAt);
		verdicts.push(next.verdict);
		current = next.state;
	}
	return { verdicts, state: current };
}

/** A duration in words: `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`. */
export function formatDuration(ms: number): string {
	const s = Math.round(ms / 1000);
	if (s < 60) return `${s} s`;
	const min = Math.floor(s / 60);
	if (min < 60) return `${min} min`;
	const h = Math.floor(min / 60);
	if (h < 24) return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
	const d = Math.floor(h / 24);
	return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}

/**
 * A verdict as the audit row says it. Times are shown as ISO UTC; the UI may format its own.
 * @example describeVerdict({ kind: 'refused', refusal: { rule: 'signature-wrong' }, receivedAt: 0 })
 * // 'refused: the signature does not match (tampered, or signed with another secret)'
 */
export function describeVerdict(verdict: Verdict): string {
	if (verdict.kind === 'accepted') return `accepted (#${verdict.seq})`;
	if (verdict.kind === 'duplicate') {
		const what = verdict.by === 'id' ? `the same id ${JSON.stringify(verdict.of.id)}` : 'the same content';
		return `duplicate of #${verdict.of.seq} received ${new Date(verdict.of.receivedAt).toISOString()} (${what})`;
	}
	const r = verdict.refusal;
	switch (r.rule) {
		case 'invalid':
			return `refused: ${r.problems.map((p) => (p.field === null ? p.reason : `${p.field} ${p.reason}`)).join('; ')}`;
		case 'signature-missing':
			return 'refused: the source requires a signature and the alert has none';
		case 'signature-wrong':
			return 'refused: the signature does not match (tampered, or signed with another secret)';
		case 'no-secret':
			return 'refused: the source requires a signature but has no secret set to check it with';
		case 'stale':
			return `refused: stale, fired ${formatDuration(r.ageMs)} before it arrived (limit ${formatDuration(r.limitMs)})`;
		case 'future':
			return `refused: its time is ${formatDuration(r.aheadMs)} after it arrived (limit ${formatDuration(r.limitMs)})`;
		case 'rate-limited':
			return `refused: rate limit of ${r.count} per ${formatDuration(r.perMs)}; the next slot frees at ${new Date(r.freesAt).toISOString()}`;
	}
}
