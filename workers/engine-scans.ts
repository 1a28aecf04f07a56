/**
 * Scheduled scans: the signal generator over some symbols' bars at a timing (every N minutes, or
 * at a wall time on trading days), run only while the app is open — the page asks
 * `runDueScans` on a timer; a slot that passed while it was closed is recorded as missed, never run
 * late (core/alerts/schedule `dueSlot`). A run's new signals are those on bars after the last one it
 * scanned. In paper mode, when the schedule allows, each new signal with levels is placed on the
 * desk's open session as a limit at its entry with its stop and first target, through the risk
 * manager, carrying the signal as its origin (so the Signals page shows what became of it). Every
 * tab's timer may ask at once: the check runs in the write queue under the mode's lock, so a slot
 * runs once.
 */
import type { RunDueRequest, ScanScheduleInput, ScansApi, SymbolSignals } from './contract';
import { dueSlot, nextSlot, timingProblem } from '$lib/core/alerts/schedule';
import { onTick } from '$lib/core/model/tick';
import type { Mode } from '$lib/core/model/mode';
import { entryWithExits } from '$lib/core/paper/bracket';
import type { SignalOrigin } from '$lib/core/paper/signal-origin';
import { resolveSignalParams, type Signal, type SignalParamsInput } from '$lib/core/signals';
import type { FillbookDb, ScanRun, ScanScheduleRow, ScanSignal } from '$lib/db/schema';
import { storeWithSession, type SessionInTurn } from './engine-paper';

/** Runs kept per schedule. */
const KEPT_RUNS = 20;

export function createScans(
	db: (mode: Mode) => FillbookDb,
	write: <T>(task: () => Promise<T>, mode?: Mode) => Promise<T>,
	now: () => number,
	runSignals: (
		mode: Mode,
		request: {
			symbols: string[] | null;
			timeframe: ScanScheduleRow['timeframe'];
			params: SignalParamsInput;
			zone: string;
		}
	) => Promise<SymbolSignals[]>,
	openInTurn: (mode: Mode, id: string) => Promise<SessionInTurn>
): ScansApi {
	/** Runs one schedule's slot now (inside the write queue): its run and the schedule after it. */
	async function runOne(
		mode: Mode,
		row: ScanScheduleRow,
		slot: number,
		sessionId: string | null
	): Promise<ScanScheduleRow> {
		const at = now();
		let run: ScanRun;
		const seen = { ...row.seen };
		try {
			const results = await runSignals(mode, {
				symbols: row.symbols,
				timeframe: row.timeframe,
				params: row.params,
				zone: 'UTC'
			});
			const found: ScanSignal[] = [];
			const problems: string[] = [];
			const latest = new Map<string, { timeframeLabel: string; signal: Signal }[]>();
			for (const r of results) {
				if (r.error) problems.push(`${r.symbol}: ${r.error}`);
				const fresh = freshSignals(r, seen[r.symbol]);
				if (r.lastBarTime !== null) seen[r.symbol] = Math.max(seen[r.symbol] ?? r.lastBarTime, r.lastBarTime);
				latest.set(
					r.symbol,
					fresh.map((signal) => ({ timeframeLabel: r.timeframeLabel, signal }))
				);
			}
			const session =
				mode === 'paper' && row.placeOrders && sessionId !== null
					? await openInTurn(mode, sessionId).catch((e: unknown) => e as Error)
					: null;
			let acted = false;
			for (const [symbol, signals] of latest)
				for (const { timeframeLabel, signal } of signals) {
					const levels = signal.lineage.levels;
					const item: ScanSignal = {
						symbol,
						timeframeLabel,
						time: signal.time,
						decision: signal.decision as 'BUY' | 'SELL',
						confidence: signal.confidence,
						entry: levels?.entry ?? null,
						stop: levels?.stop ?? null,
						target: levels?.targets[0]?.price ?? null,
						placed: null
					};
					if (row.placeOrders && mode === 'paper') {
						if (session === null) item.placed = { refused: 'no paper session is open on the desk' };
						else if (session instanceof Error) item.placed = { refused: session.message };
						else {
							item.placed = place(session, item, signal, row.placeOrders.quantity);
							acted ||= 'orderIds' in item.placed;
						}
					}
					found.push(item);
				}
			const placed = found.filter((s) => s.placed && 'orderIds' in s.placed).length;
			run = {
				slot,
				at,
				kind: 'ran',
				message:
					`${found.length} new signal${found.length === 1 ? '' : 's'}` +
					(row.placeOrders && mode === 'paper' ? `, ${placed} placed` : '') +
					(problems.length ? `; ${problems.join('; ')}` : ''),
				signals: found
			};
			const next = { ...row, lastSlot: slot, seen, runs: [run, ...row.runs].slice(0, KEPT_RUNS) };
			const d = db(mode);
			await storeWithSession(
				d,
				session instanceof Error ? null : session,
				[d.scanSchedules],
				() => d.scanSchedules.put(next),
				acted
			);
			return next;
		} catch (error) {
			run = { slot, at, kind: 'failed', message: (error as Error).message, signals: [] };
			const next = { ...row, lastSlot: slot, runs: [run, ...row.runs].slice(0, KEPT_RUNS) };
			await db(mode).scanSchedules.put(next);
			return next;
		}
	}

	return {
		async scanSchedules(mode: Mode): Promise<ScanScheduleRow[]> {
			return (await db(mode).scanSchedules.toArray()).sort((a, b) => a.createdAt - b.createdAt);
		},

		saveScanSchedule(mode: Mode, input: ScanScheduleInput): Promise<ScanScheduleRow> {
			const problem = scheduleProblem(mode, input);
			if (problem) return Promise.reject(new Error(`Schedule not saved: ${problem}.`));
			const d = db(mode);
			return write(async () => {
				const stored = input.id === undefined ? undefined : await d.scanSchedules.get(input.id);
				if (input.id !== undefined && !stored) throw new Error('Schedule not saved: it was deleted.');
				const row: ScanScheduleRow = {
					id: stored?.id ?? crypto.randomUUID(),
					name: input.name.trim(),
					timing: input.timing,
					params: input.params,
					symbols: input.symbols?.length ? [...input.symbols] : null,
					timeframe: input.timeframe,
					placeOrders: input.placeOrders,
					enabled: input.enabled,
					// A changed timing starts afresh: no slot before the change is due.
					createdAt:
						stored && JSON.stringify(stored.timing) === JSON.stringify(input.timing)
							? stored.createdAt
							: now(),
					lastSlot: stored?.lastSlot ?? null,
					runs: stored?.runs ?? [],
					seen: stored?.seen ?? {}
				};
				await d.scanSchedules.put(row);
				return row;
			}, mode);
		},

		deleteScanSchedule(mode: Mode, id: string): Promise<boolean> {
			const d = db(mode);
			return write(async () => {
				if (!(await d.scanSchedules.get(id))) return false;
				await d.scanSchedules.delete(id);
				return true;
			}, mode);
		},

		runDueScans(mode: Mode, request: RunDueRequest): Promise<ScanScheduleRow[]> {
			const d = db(mode);
			return write(async () => {
				const at = now();
				const ran: ScanScheduleRow[] = [];
				for (const row of await d.scanSchedules.toArray()) {
					if (!row.enabled) continue;
					const due = dueSlot(row.timing, row.lastSlot, row.createdAt, at);
					if (!due) continue;
					if (due.kind === 'missed') {
						const run: ScanRun = {
							slot: due.slot,
							at,
							kind: 'missed',
							message: `missed: Fillbook was not open in ${mode} mode at its time`,
							signals: []
						};
						const next = { ...row, lastSlot: due.slot, runs: [run, ...row.runs].slice(0, KEPT_RUNS) };
						await d.scanSchedules.put(next);
						ran.push(next);
					} else ran.push(await runOne(mode, row, due.slot, request.sessionId));
				}
				return ran;
			}, mode);
		},

		runScanNow(mode: Mode, id: string, request: RunDueRequest): Promise<ScanScheduleRow> {
			const d = db(mode);
			return write(async () => {
				const row = await d.scanSchedules.get(id);
				if (!row) throw new Error('No such schedule: it was deleted.');
				// Run by hand: listed at the time it ran, and it does not take the schedule's next slot.
				const next = await runOne(mode, { ...row }, now(), request.sessionId);
				const kept = { ...next, lastSlot: row.lastSlot };
				await d.scanSchedules.put(kept);
				return kept;
			}, mode);
		},

		async nextScanRuns(mode: Mode): Promise<{ id: string; next: number | null }[]> {
			const at = now();
			return (await db(mode).scanSchedules.toArray()).map((row) => ({
				id: row.id,
				next: row.enabled ? nextSlot(row.timing, Math.max(at, row.createdAt)) : null
			}));
		}
	};
}

/** A run's new signals: on bars after the last one scanned (the first run: on its last bar only). */
function freshSignals(result: SymbolSignals, seenUntil: number | undefined): Signal[] {
	if (result.error || !result.signals.length) return [];
	const signals = result.signals.filter((s) => s.decision === 'BUY' || s.decision === 'SELL');
	if (seenUntil === undefined) return signals.filter((s) => s.time === result.lastBarTime);
	return signals.filter((s) => s.time > seenUntil);
}

/** A new signal on the desk: a limit at its entry with its stop and first target, the signal as its origin. */
function place(
	session: SessionInTurn,
	item: ScanSignal,
	signal: Signal,
	quantity: number
): NonNullable<ScanSignal['placed']> {
	const { symbol } = item;
	if (!session.session.symbols.includes(symbol))
		return { refused: `the desk's session replays ${session.session.symbols.join(', ')}, not ${symbol}` };
	if (item.entry === null || item.stop === null)
		return { refused: 'the signal has no entry and stop to place' };
	const side = item.decision === 'BUY' ? 'buy' : 'sell';
	const entry = onTick(symbol, item.entry);
	const stop = onTick(symbol, item.stop);
	const target = item.target === null ? null : onTick(symbol, item.target);
	const submission = entryWithExits(
		{ symbol, side, quantity, type: 'limit', limitPrice: entry },
		{ stopLoss: stop, takeProfit: target, timeInForce: 'gtc' }
	);
	const origin: SignalOrigin = {
		symbol,
		timeframeLabel: item.timeframeLabel,
		time: signal.time,
		decision: item.decision,
		confidence: signal.confidence,
		prices: { entry, stop, target },
		lineage: signal.lineage
	};
	const before = session.session.orders().length;
	const outcome = session.session.act({ kind: 'submit', at: 0, submission, signal: origin });
	if (!outcome.ok) return { refused: outcome.reason };
	return {
		sessionId: session.session.facts.id,
		orderIds: session.session
			.orders()
			.slice(before)
			.map((o) => o.id)
	};
}

/** What is wrong with a schedule as given, or null. */
export function scheduleProblem(mode: Mode, input: ScanScheduleInput): string | null {
	if (typeof input.name !== 'string' || !input.name.trim()) return 'give it a name';
	const timing = timingProblem(input.timing);
	if (timing) return timing;
	try {
		resolveSignalParams(input.params);
	} catch (e) {
		return (e as Error).message;
	}
	if (input.placeOrders) {
		if (mode !== 'paper') return 'orders are placed only in paper mode';
		const q = input.placeOrders.quantity;
		if (!Number.isInteger(q) || q < 1) return `the quantity to place must be a whole number ≥ 1, is ${q}`;
	}
	return null;
}
