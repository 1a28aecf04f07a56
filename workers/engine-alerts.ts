/**
 * The alert inbox side of the engine. An input (pasted, dropped, picked or shared text) is read by
 * core/alerts `parseAlerts`, each alert's signature is checked against its source's secret
 * (WebCrypto), and the source's gate admits them one after another (signature, duplicate, stale,
 * rate limit). In paper mode each accepted alert is planned on the desk's open session
 * (`planAlert`) and acted through it, so the risk manager judges it like any order; in real mode it
 * is only noted. The audit rows, the gate's new memory and the session's progress are stored in
 * one transaction: an alert is placed and recorded, or neither.
 */
import type {
	AlertRecord,
	AlertsApi,
	AlertSourceDto,
	AlertSourceInput,
	AlertSourceSettings,
	ReceiveAlertsRequest,
	ReceiveAlertsResult
} from './contract';
import {
	admit,
	checkSignature,
	createGate,
	DEFAULT_SOURCE_SETTINGS,
	describeVerdict,
	parseAlerts,
	withSettings,
	type Alert,
	type SourceSettings,
	type Verdict
} from '$lib/core/alerts';
import { planAlert, type AlertDesk } from '$lib/core/alerts/actions';
import { isFinal } from '$lib/core/broker/paper-broker';
import type { Mode } from '$lib/core/model/mode';
import type { Trade } from '$lib/core/trades/types';
import type { PaperSession } from '$lib/core/paper/session';
import {
	alertHistory,
	alertRow,
	alertsByOrderIds,
	alertSourceRow,
	deleteAlertSource,
	lastAlertSeq,
	listAlertSources,
	putAlert,
	putAlertSource,
	storeReceived
} from '$lib/db/alerts';
import type { AlertOutcome, AlertSourceRow, FillbookDb } from '$lib/db/schema';
import { storeWithSession, type SessionInTurn } from './engine-paper';

/** The source every inbox starts with: alerts the trader pastes themselves, unsigned allowed. */
export const MANUAL_SOURCE_ID = 'manual';

/** How long before a trade opened an alert still belongs to it. */
const NEAR_TRADE_MS = 30 * 60_000;
/** Alerts are received after they fire: at most this long after, as a stale alert would be refused. */
const DAY_MS = 86_400_000;

/** Alerts read from one input at most: a log export of a year is still far below it. */
const MAX_ALERTS = 5_000;

export function createAlerts(
	db: (mode: Mode) => FillbookDb,
	write: <T>(task: () => Promise<T>, mode?: Mode) => Promise<T>,
	now: () => number,
	openInTurn: (mode: Mode, id: string) => Promise<SessionInTurn>,
	/** Checks the level alerts of `symbols` in the caller's turn (alerts carrying a price are a source). */
	checkLevels: (mode: Mode, symbols: string[]) => Promise<unknown> = () => Promise.resolve(),
	tradeOf: (mode: Mode, id: string) => Promise<Trade | undefined> = () => Promise.resolve(undefined)
): AlertsApi {
	/** The sources, the Manual one made on first use (inside the write queue). */
	async function sources(mode: Mode): Promise<AlertSourceRow[]> {
		const d = db(mode);
		const rows = await listAlertSources(d);
		if (rows.length) return rows;
		return write(async () => {
			const again = await listAlertSources(d);
			if (again.length) return again;
			const at = now();
			const manual: AlertSourceRow = {
				id: MANUAL_SOURCE_ID,
				name: 'Manual',
				settings: { ...DEFAULT_SOURCE_SETTINGS },
				gate: createGate(DEFAULT_SOURCE_SETTINGS),
				createdAt: at,
				updatedAt: at
			};
			await putAlertSource(d, manual);
			return [manual];
		}, mode);
	}

	/** The open session's acts on one alert: its outcome (the session in memory moves on). */
	function place(alert: Alert, session: PaperSession, sessionId: string): AlertOutcome {
		const plan = planAlert(alert, deskOf(session));
		if (!plan.ok)
			return plan.queue
				? { kind: 'queued', reason: plan.reason }
				: { kind: 'rejected', sessionId, reason: plan.reason, rejection: null };
		const before = session.orders().length;
		const index = session.facts.actions.length;
		for (const action of plan.actions) {
			const outcome = session.act(action);
			if (!outcome.ok)
				return { kind: 'rejected', sessionId, reason: outcome.reason, rejection: outcome.rejection };
		}
		const orderIds = session
			.orders()
			.slice(before)
			.map((o) => o.id);
		return { kind: 'placed', sessionId, actionIndex: index, orderIds, text: plan.text };
	}

	return {
		async alertSources(mode: Mode): Promise<AlertSourceDto[]> {
			return (await sources(mode)).map(sourceDto);
		},

		async saveAlertSource(mode: Mode, input: AlertSourceInput): Promise<AlertSourceDto> {
			const problem = sourceProblem(input);
			if (problem) throw new Error(`Source not saved: ${problem}`);
			const d = db(mode);
			await sources(mode);
			return write(async () => {
				const all = await listAlertSources(d);
				const name = input.name.trim();
				const clash = all.find((s) => s.name.toLowerCase() === name.toLowerCase() && s.id !== input.id);
				if (clash) throw new Error(`Source not saved: the name ${JSON.stringify(name)} is taken`);
				const stored = input.id === undefined ? undefined : await alertSourceRow(d, input.id);
				if (input.id !== undefined && !stored) throw new Error('Source not saved: it was deleted');
				const secret = input.secret === undefined ? (stored?.settings.secret ?? null) : input.secret || null;
				const settings: SourceSettings = { ...input.settings, secret };
				const at = now();
				const row: AlertSourceRow = {
					id: stored?.id ?? crypto.randomUUID(),
					name,
					settings,
					gate: stored ? withSettings(stored.gate, settings) : createGate(settings),
					createdAt: stored?.createdAt ?? at,
					updatedAt: at
				};
				await putAlertSource(d, row);
				return sourceDto(row);
			}, mode);
		},

		async deleteAlertSource(mode: Mode, id: string): Promise<boolean> {
			const d = db(mode);
			return write(async () => {
				if ((await listAlertSources(d)).length <= 1)
					throw new Error('The last source cannot be deleted: alerts need one to arrive by');
				return deleteAlertSource(d, id);
			}, mode);
		},

		async receiveAlerts(mode: Mode, request: ReceiveAlertsRequest): Promise<ReceiveAlertsResult> {
			const d = db(mode);
			await sources(mode);
			return write(async () => {
				const source = await alertSourceRow(d, request.sourceId);
				if (!source) throw new Error('No such alert source: it was deleted. Nothing was received.');
				const parsed = parseAlerts(request.text, { sourceName: request.fileName ?? request.via });
				if (parsed.entries.length > MAX_ALERTS)
					throw new Error(
						`The input holds ${parsed.entries.length} alerts; at most ${MAX_ALERTS} are read at once. Nothing was received.`
					);
				// Signatures first: WebCrypto's promises would end an IndexedDB transaction.
				const signatures = await Promise.all(parsed.entries.map((e) => checkSignature(e, source.settings)));
				const receivedAt = now();
				const open =
					mode === 'paper' && request.sessionId !== null
						? await openInTurn(mode, request.sessionId).catch((e: unknown) => e as Error)
						: null;
				let gate = source.gate;
				let seq = await lastAlertSeq(d);
				let acted = false;
				// The gate numbers a source's accepted alerts; the history numbers every alert: a
				// duplicate is named by its first's history number.
				const admitted = parsed.entries.map((entry, i) => {
					const step = admit(gate, { entry, signature: signatures[i]! }, receivedAt);
					gate = step.state;
					return step.verdict;
				});
				const firstSeqs = await historySeqs(d, source.id, admitted);
				const records: AlertRecord[] = parsed.entries.map((entry, i) => {
					const signature = signatures[i]!;
					const verdict = admitted[i]!;
					const alert = entry.ok ? entry.alert : null;
					seq++;
					if (verdict.kind === 'accepted') firstSeqs.set(verdict.seq, seq);
					let outcome: AlertOutcome = { kind: 'none' };
					if (verdict.kind === 'accepted' && alert) {
						if (mode === 'real') outcome = { kind: 'noted' };
						else if (request.via === 'share' && signature !== 'valid')
							// A link any web page can open must not trade: unsigned, it waits for the trader.
							outcome = { kind: 'queued', reason: SHARED_UNSIGNED };
						else if (open === null)
							outcome = { kind: 'queued', reason: 'no paper session is open on the desk' };
						else if (open instanceof Error) outcome = { kind: 'queued', reason: open.message };
						else {
							outcome = place(alert, open.session, request.sessionId!);
							acted ||= outcome.kind === 'placed' || outcome.kind === 'rejected';
						}
					}
					return {
						id: `${receivedAt}-${seq}`,
						seq,
						sourceId: source.id,
						sourceName: source.name,
						via: request.via,
						label: request.fileName ? `${request.fileName}, ${entry.label}` : entry.label,
						receivedAt,
						format: parsed.format,
						payload: entry.payload,
						alert,
						problems: entry.ok ? [] : entry.problems,
						signature,
						verdict,
						verdictText: verdictInHistory(verdict, seq, firstSeqs),
						outcome,
						orderIds:
							outcome.kind === 'placed' ? outcome.orderIds.map((o) => `${outcome.sessionId}:${o}`) : []
					};
				});
				const next: AlertSourceRow = { ...source, gate, updatedAt: receivedAt };
				await storeWithSession(
					d,
					open instanceof Error ? null : open,
					[d.alerts, d.alertSources],
					() => (records.length ? storeReceived(d, records, next) : Promise.resolve()),
					acted
				);
				const priced = records.flatMap((r) =>
					r.verdict.kind === 'accepted' && r.alert?.symbol && r.alert.price !== null ? [r.alert.symbol] : []
				);
				if (priced.length) await checkLevels(mode, [...new Set(priced)]).catch(() => undefined);
				return { format: parsed.format, problems: parsed.problems, records };
			}, mode);
		},

		async alertHistory(mode: Mode, options: { limit: number; beforeSeq?: number }): Promise<AlertRecord[]> {
			const limit = Math.max(1, Math.min(500, Math.floor(options.limit)));
			return alertHistory(db(mode), limit, options.beforeSeq);
		},

		async placeQueuedAlert(mode: Mode, alertId: string, sessionId: string): Promise<AlertRecord> {
			if (mode !== 'paper') throw new Error('Alerts place orders only in paper mode.');
			const d = db(mode);
			return write(async () => {
				const row = await alertRow(d, alertId);
				if (!row) throw new Error('No such alert.');
				if (row.outcome.kind !== 'queued' || !row.alert)
					throw new Error('This alert is not waiting for a session: it was placed, refused or noted.');
				const open = await openInTurn(mode, sessionId);
				const outcome = place(row.alert, open.session, sessionId);
				const next: AlertRecord = {
					...row,
					outcome,
					orderIds: outcome.kind === 'placed' ? outcome.orderIds.map((o) => `${sessionId}:${o}`) : []
				};
				if (outcome.kind === 'queued') return row;
				await storeWithSession(d, open, [d.alerts], () => putAlert(d, next), true);
				return next;
			}, mode);
		},

		async alertsForOrders(mode: Mode, orderIds: string[]): Promise<AlertRecord[]> {
			return alertsByOrderIds(db(mode), orderIds);
		},

		async alertsNearTrade(mode: Mode, tradeId: string): Promise<AlertRecord[]> {
			const trade = await tradeOf(mode, tradeId);
			if (!trade) return [];
			const from = trade.openTime - NEAR_TRADE_MS;
			const to = trade.closeTime ?? Infinity;
			const rows = await db(mode)
				.alerts.where('receivedAt')
				.above(from - DAY_MS)
				.toArray();
			return rows
				.filter((r) => {
					const fired = r.alert?.time ?? r.receivedAt;
					return (
						r.verdict.kind === 'accepted' && r.alert?.symbol === trade.symbol && fired >= from && fired <= to
					);
				})
				.sort((a, b) => a.seq - b.seq);
		}
	};
}

/** Why an accepted alert that came by a link or a share waits in the inbox. */
export const SHARED_UNSIGNED =
	'received by a link or a share without a valid signature: place it from the inbox yourself';

/**
 * The history numbers of the first alerts the duplicates among `verdicts` repeat (by the gate's
 * per-source number), from the stored rows of the source.
 */
async function historySeqs(
	d: FillbookDb,
	sourceId: string,
	verdicts: readonly Verdict[]
): Promise<Map<number, number>> {
	const wanted = new Set(verdicts.flatMap((v) => (v.kind === 'duplicate' ? [v.of.seq] : [])));
	const found = new Map<number, number>();
	if (!wanted.size) return found;
	await d.alerts
		.where('sourceId')
		.equals(sourceId)
		.each((row) => {
			if (row.verdict.kind === 'accepted' && wanted.has(row.verdict.seq)) found.set(row.verdict.seq, row.seq);
		});
	return found;
}

/** The verdict in words with history numbers: `accepted (#12)`, `duplicate of #9 received … (the same id "x")`. */
function verdictInHistory(verdict: Verdict, seq: number, firstSeqs: ReadonlyMap<number, number>): string {
	if (verdict.kind === 'accepted') return `accepted (#${seq})`;
	if (verdict.kind === 'duplicate') {
		const first = firstSeqs.get(verdict.of.seq);
		return describeVerdict(verdict).replace(
			`#${verdict.of.seq} `,
			first === undefined ? 'an earlier alert ' : `#${first} `
		);
	}
	return describeVerdict(verdict);
}

/** What a plan reads of a session, cheaply (no view). */
function deskOf(session: PaperSession): AlertDesk {
	return {
		symbols: session.symbols,
		position: (symbol) => session.position(symbol),
		lastPrice: (symbol) => {
			const revealed = session.revealedCount(symbol);
			return revealed ? session.barsOf(symbol)[revealed - 1]!.close : null;
		},
		workingOrders: (symbol) =>
			session
				.orders()
				// Open ones: working, or held for a parent (a flatten cancels those too).
				.filter((o) => o.symbol === symbol && !isFinal(o))
				.map((o) => o.id)
	};
}

function sourceDto(row: AlertSourceRow): AlertSourceDto {
	const { requireSignature, rateLimit, staleAfterMs, dedupeWindowMs } = row.settings;
	return {
		id: row.id,
		name: row.name,
		settings: { requireSignature, rateLimit, staleAfterMs, dedupeWindowMs },
		hasSecret: row.settings.secret !== null && row.settings.secret !== '',
		accepted: row.gate.accepted,
		createdAt: row.createdAt
	};
}

/** What is wrong with a source as given, or null. */
export function sourceProblem(input: AlertSourceInput): string | null {
	if (typeof input.name !== 'string' || !input.name.trim()) return 'give it a name';
	if (input.name.trim().length > 60) return 'the name is longer than 60 characters';
	const s: AlertSourceSettings = input.settings;
	if (s.rateLimit !== null) {
		if (!Number.isInteger(s.rateLimit.count) || s.rateLimit.count < 1)
			return 'the rate limit must allow a whole number ≥ 1 of alerts';
		if (!Number.isFinite(s.rateLimit.perMs) || s.rateLimit.perMs < 1000)
			return 'the rate limit window must be at least 1 s';
	}
	if (s.staleAfterMs !== null && !(Number.isFinite(s.staleAfterMs) && s.staleAfterMs >= 1000))
		return 'alerts can be called stale after 1 s at the least';
	if (!(Number.isFinite(s.dedupeWindowMs) && s.dedupeWindowMs >= 0 && s.dedupeWindowMs <= 86_400_000))
		return 'the duplicate window must be between 0 and 24 h';
	if (
		input.secret !== undefined &&
		input.secret !== null &&
		input.secret.length > 0 &&
		input.secret.length < 8
	)
		return 'a secret must be at least 8 characters';
	if (s.requireSignature && input.secret === null) return 'a source that requires signatures needs a secret';
	return null;
}
