/**
 * The paper desk side of the engine: replay sessions of imported bars with the paper broker and
 * the risk manager (core/paper). After every action and step a session's summary row is written
 * and what is new is appended (its actions and executions; see src/lib/db/paper.ts); its executions are stored as executions of the paper database, under an import
 * row of their own, so they become trades in the journal, dashboard and reports like imported ones.
 * Paper mode only: real mode's database is the record of a real broker, and no order can be sent
 * from the browser.
 */
import type {
	DeskChart,
	DeskMark,
	PaperApi,
	PaperDesk,
	PaperDeskChange,
	PaperDeskUpdate,
	PaperViewChanges,
	PaperSessionSummary,
	SignalKey,
	SignalOutcome,
	StartPaperRequest,
	StrategyCommand
} from './contract';
import { transfer } from 'comlink';
import { DEFAULT_BROKER_CONFIG, type Bar, type PaperExecution } from '$lib/core/broker';
import { brokerExecutionIdOf } from '$lib/core/identity';
import { accountId, type Account } from '$lib/core/model/account';
import type { Execution } from '$lib/core/model/execution';
import { barColumns } from '$lib/core/model/journal';
import { encodeExecutions } from '$lib/core/model/execution-codec';
import type { Mode } from '$lib/core/model/mode';
import { rewindFacts, undoFacts, type Rewound } from '$lib/core/paper/rewind';
import {
	actionProblem,
	PaperSession,
	sessionSymbols,
	type ActionOutcome,
	type PaperAction,
	type PaperSessionFacts,
	type PaperView
} from '$lib/core/paper/session';
import { DEFAULT_RISK_CONFIG, type RiskConfig } from '$lib/core/risk';
import {
	checkStrategy,
	StrategyDriver,
	type StrategyAttachment,
	type StrategyDefinition
} from '$lib/core/strategy';
import { fillLineage, signalOutcome, type FillLineage } from '$lib/core/strategy/lineage';
import {
	createPaperSession,
	deletePaperSession,
	listPaperSessions,
	loadPaperSession,
	paperProgressTables,
	paperSessionRow,
	sameSessionRow,
	savePaperProgress,
	setPaperSessionBars
} from '$lib/db/paper';
import type { FillbookDb, ImportRow, PaperSessionRow } from '$lib/db/schema';
import { readSetting, writeSetting } from '$lib/db/settings';
import { listStrategies } from '$lib/db/strategies';
import type { Derived } from './engine-trades';
import { sessionBarsIn } from './paper-bars';
import { markHolds, viewChanges } from './engine-paper-delta';

/** The paper broker's account in the paper database; made on the first session. */
export const PAPER_ACCOUNT: Omit<Account, 'createdAt'> = {
	id: accountId('Fillbook paper broker', 'PAPER'),
	broker: 'Fillbook paper broker',
	number: 'PAPER',
	currency: 'USD',
	label: 'Paper desk'
};

interface Live {
	session: PaperSession;
	row: PaperSessionRow;
	timeframeMs: number;
	/** The stored log has actions the replay skipped: the next save replaces the log. */
	rewriteLog: boolean;
	/** A rewind or an undo took back actions (and executions): the next save truncates them. */
	wentBack?: boolean;
	/** The strategy attached (stored with the row), and the driver acting for it; null: none. */
	attachment: StrategyAttachment | null;
	driver: StrategyDriver | null;
}

const ONLY_PAPER = 'Orders can only be placed in paper mode: Fillbook cannot send orders to a real broker.';

/**
 * A paper session opened inside a turn of the engine's write queue by another engine module (the
 * alert inbox): act on `session`, then `store()` what moved on (inside the caller's transaction,
 * when it has one), or `discard()` it when the caller's write failed.
 */
export interface SessionInTurn {
	session: PaperSession;
	store(): Promise<void>;
	discard(): void;
}

/**
 * Runs `write` and stores what `session` moved on (when `moved`) in one transaction over `tables`
 * and the session's own: both are stored or neither. On a failure the session in memory is
 * forgotten (the stored facts decide the next time it is opened).
 */
export async function storeWithSession(
	d: FillbookDb,
	session: SessionInTurn | null,
	tables: FillbookDb['tables'],
	write: () => Promise<unknown>,
	moved: boolean
): Promise<void> {
	try {
		await d.transaction('rw', [...tables, ...paperProgressTables(d)], async () => {
			await write();
			if (session && moved) await session.store();
		});
	} catch (error) {
		session?.discard();
		throw error;
	}
}

/** The desk's API, and what other engine modules use of it. */
export interface PaperParts {
	api: PaperApi;
	/** The session, if it can go on (else throws why); to be called inside a turn of the write queue. */
	openInTurn: (mode: Mode, id: string) => Promise<SessionInTurn>;
}

export function createPaper(
	db: (mode: Mode) => FillbookDb,
	write: <T>(task: () => Promise<T>, mode?: Mode) => Promise<T>,
	now: () => number,
	trades?: (mode: Mode) => Promise<Derived>
): PaperApi {
	return createPaperParts(db, write, now, trades).api;
}

export function createPaperParts(
	db: (mode: Mode) => FillbookDb,
	write: <T>(task: () => Promise<T>, mode?: Mode) => Promise<T>,
	now: () => number,
	trades?: (mode: Mode) => Promise<Derived>
): PaperParts {
	const live = new Map<string, Live>();

	function paperDb(mode: Mode): FillbookDb {
		if (mode !== 'paper') throw new Error(ONLY_PAPER);
		return db(mode);
	}

	/**
	 * The session, replayed from its stored facts. The one in memory is used while it is what is
	 * stored; after another tab moved it on, a restore or a delete, the stored facts decide.
	 */
	async function open(mode: Mode, id: string): Promise<Live> {
		const d = paperDb(mode);
		const cached = live.get(id);
		const current = await paperSessionRow(d, id);
		if (cached && current && sameSessionRow(cached.row, current)) return cached;
		const stored = await loadPaperSession(d, id);
		if (!stored) {
			live.delete(id);
			throw new Error(`No paper session ${id}: it was deleted (or its import undone)`);
		}
		// Bars that are gone leave a session that cannot be replayed: it opens read-only (see PaperSession).
		const { bars, timeframeMs } = await sessionBarsIn(
			d,
			sessionSymbols(stored.row),
			stored.row.from,
			stored.row.to
		).catch(() => ({
			bars: [] as Bar[],
			timeframeMs: 60_000
		}));
		const session = new PaperSession(stored.facts, bars, timeframeMs);
		const rewriteLog = session.facts.actions.length !== stored.row.actionCount;
		const attachment = stored.row.strategy ?? null;
		const driver = driverOf(session, attachment, timeframeMs);
		const entry: Live = { session, row: stored.row, timeframeMs, rewriteLog, attachment, driver };
		live.set(id, entry);
		return entry;
	}

	/** Bars in a session's range: counted once for a session of schema 7, then stored. */
	async function countBars(d: FillbookDb, row: PaperSessionRow): Promise<number> {
		const found =
			live.get(row.id)?.session.length ??
			(await sessionBarsIn(d, sessionSymbols(row), row.from, row.to)
				.then(({ bars, timeframeMs }) => new PaperSession({ ...row, actions: [] }, bars, timeframeMs).length)
				.catch(() => undefined));
		// Bars that are gone are not counted for good: they may be imported again.
		if (found === undefined) return 0;
		await write(() => setPaperSessionBars(d, row.id, found), 'paper');
		return found;
	}

	/**
	 * A change of a session, run whole (read, replay, store) in its turn of the engine's write
	 * queue, holding the mode's write lock: changes apply in the order they were asked for, a tick
	 * never overtakes an order, and no other tab changes the session meanwhile. The paper desk's
	 * one queue.
	 */
	function change<T>(mode: Mode, task: () => Promise<T>): Promise<T> {
		return write(task, mode);
	}

	/** The session, if it can go on: a read-only one refuses bars, orders and stopping. */
	async function openToChange(mode: Mode, id: string): Promise<Live> {
		const entry = await open(mode, id);
		const reason = entry.session.readOnly;
		if (reason !== null) throw new Error(`This session is read-only: ${reason}. Nothing was changed.`);
		return entry;
	}

	/**
	 * Stores what moved on (the summary row, new actions, new executions) in one transaction; the
	 * desk to show after it, with the bars revealed from `barsFrom` steps on. Runs inside the
	 * change's turn of the write queue (see `change`). After a rewind or an undo it truncates the
	 * stored log to what is kept, and after a rewind replaces the stored executions. Given the
	 * desk's mark, and the desk current, the desk is the changes since it.
	 */
	async function save(mode: Mode, entry: Live, barsFrom: number): Promise<PaperDesk>;
	async function save(mode: Mode, entry: Live, barsFrom: number, since?: DeskMark): Promise<PaperDeskUpdate>;
	async function save(mode: Mode, entry: Live, barsFrom: number, since?: DeskMark): Promise<PaperDeskUpdate> {
		const d = paperDb(mode);
		const { session, row: before } = entry;
		const view = session.view();
		const all = view.executions;
		const { actions, ...facts } = session.facts;
		const row: PaperSessionRow = {
			...structuredClone(facts),
			importId: before.importId,
			storedExecutions: all.length,
			actionCount: actions.length,
			bars: session.length,
			revision: (before.revision ?? 0) + 1,
			...(entry.attachment ? { strategy: structuredClone(entry.attachment) } : {})
		};
		const replaceLog = entry.rewriteLog;
		// Going back keeps a prefix of the log (and of the executions) as stored.
		const kept = entry.wentBack ? Math.min(actions.length, before.actionCount) : before.actionCount;
		const replaceExecutions = all.length < before.storedExecutions;
		const firstNew = replaceExecutions ? 0 : before.storedExecutions;
		const fresh = all.slice(firstNew);
		const executions = fresh.length
			? encodeExecutions(
					before.importId,
					fresh.map((e, k) =>
						storedExecution(
							e,
							{ accountId: PAPER_ACCOUNT.id, importId: before.importId, sourceId: before.id, venue: 'PAPER' },
							firstNew + k
						)
					)
				)
			: null;
		const progress = {
			before,
			row,
			actions: structuredClone(replaceLog ? actions : actions.slice(kept)),
			actionsFrom: kept,
			executions,
			replaceLog,
			replaceExecutions
		};
		await savePaperProgress(d, progress).catch((error: unknown) => {
			// Not stored: the next call replays what is stored instead of this session in memory.
			live.delete(before.id);
			throw error;
		});
		entry.row = row;
		entry.rewriteLog = false;
		entry.wentBack = false;
		return answer(entry, barsFrom, view, since, before.revision ?? 0);
	}

	/** The desk after a call: the changes since the desk's mark when it holds `base`, else whole. */
	function answer(
		entry: Live,
		fromCursor: number,
		view: PaperView,
		since: DeskMark | undefined,
		base: number
	): PaperDeskUpdate {
		return markHolds(since, base)
			? desk(entry, fromCursor, view, { base, changes: viewChanges(view, since) })
			: desk(entry, fromCursor, view);
	}

	/**
	 * What the desk draws after a call: each symbol's bars revealed from `fromCursor` steps on
	 * (transferred), the primary's also as `bars`, and the view, or its changes since the desk's
	 * mark (the strategy's order ids then only among the orders changed).
	 */
	function desk(entry: Live, fromCursor: number, view?: PaperView): PaperDesk;
	function desk(
		entry: Live,
		fromCursor: number,
		view: PaperView,
		change: { base: number; changes: PaperViewChanges }
	): PaperDeskChange;
	function desk(
		entry: Live,
		fromCursor: number,
		view = entry.session.view(),
		change?: { base: number; changes: PaperViewChanges }
	): PaperDeskUpdate {
		const { session, row, timeframeMs } = entry;
		const charts: DeskChart[] = session.symbols.map((symbol) => {
			const barsFrom = session.revealedCount(symbol, fromCursor);
			const bars = barColumns(session.barsOf(symbol), barsFrom, session.revealedCount(symbol));
			return { symbol, barsFrom, bars };
		});
		const primary = charts[0]!;
		const orders = change ? change.changes.orders.map((c) => c.order) : view.orders;
		const common = {
			session: summary(row, session.length),
			timeframeMs,
			barsFrom: primary.barsFrom,
			bars: primary.bars,
			charts,
			risk: currentRisk(session.facts),
			broker: row.broker,
			revision: row.revision ?? 0,
			strategy: entry.attachment && {
				...entry.attachment,
				orderIds: entry.driver?.orders(orders).map((o) => o.order.id) ?? []
			}
		};
		const result: PaperDeskUpdate = change ? { ...common, ...change } : { ...common, view };
		return transfer(
			result,
			charts.flatMap((c) => Object.values(c.bars).map((a: Float64Array) => a.buffer))
		);
	}

	/**
	 * A change that goes back (a rewind or an undo): the session replayed from the facts kept,
	 * stored with its log truncated, and every revealed bar sent again.
	 */
	function goBack(mode: Mode, id: string, back: (session: PaperSession) => Rewound): Promise<PaperDesk> {
		return change(mode, async () => {
			const entry = await openToChange(mode, id);
			const kept = back(entry.session);
			if (!kept.ok) throw new Error(kept.reason);
			const session = new PaperSession(kept.facts, entry.session.bars, entry.timeframeMs);
			if (session.readOnly !== null)
				throw new Error(`Going back failed: ${session.readOnly}. Nothing was changed.`);
			// A kept action that no longer replays: the log is stored whole, as replayed.
			const rewriteLog = entry.rewriteLog || session.facts.actions.length !== kept.facts.actions.length;
			const driver = driverOf(session, entry.attachment, entry.timeframeMs);
			const next: Live = { ...entry, session, rewriteLog, wentBack: true, driver };
			live.set(id, next);
			return save(mode, next, 0);
		});
	}

	async function openInTurn(mode: Mode, id: string): Promise<SessionInTurn> {
		const entry = await openToChange(mode, id);
		return {
			session: entry.session,
			store: async () => void (await save(mode, entry, entry.session.facts.cursor)),
			discard: () => void live.delete(id)
		};
	}

	const api: PaperApi = {
		/** Every paper session, newest first. */
		async paperSessions(mode: Mode): Promise<PaperSessionSummary[]> {
			if (mode !== 'paper') return [];
			const d = db(mode);
			const rows = await listPaperSessions(d);
			return Promise.all(rows.map(async (r) => summary(r, r.bars ?? (await countBars(d, r)))));
		},

		/** Starts a session over the bars of a symbol between two instants; nothing revealed yet. */
		async paperStart(mode: Mode, request: StartPaperRequest): Promise<PaperDesk> {
			const d = paperDb(mode);
			const symbols = [...new Set([request.symbol, ...(request.symbols ?? [])])];
			const bad = symbols.find((s) => typeof s !== 'string' || s.trim() === '');
			if (bad !== undefined) throw new Error('Every symbol to replay needs a name');
			const { bars, timeframeMs } = await sessionBarsIn(d, symbols, request.from, request.to);
			const createdAt = now();
			const id = `ps-${createdAt.toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`;
			const row: PaperSessionRow = {
				id,
				symbol: request.symbol,
				...(symbols.length > 1 ? { symbols } : {}),
				from: request.from,
				to: request.to,
				// Stored with the session-end rule named, so a reload does not take it for an older session.
				broker: { ...DEFAULT_BROKER_CONFIG, dayOrderRule: 'session-end', ...request.broker },
				risk: request.risk,
				cursor: 0,
				status: 'running',
				createdAt,
				importId: `paper-${id}`,
				storedExecutions: 0,
				actionCount: 0,
				bars: 0,
				revision: 0
			};
			// Checks the settings (the broker throws on a bad one) before anything is stored.
			const session = new PaperSession({ ...structuredClone(row), actions: [] }, bars, timeframeMs);
			row.bars = session.length;
			const importRow: ImportRow = {
				id: row.importId,
				fileName: `Paper replay of ${symbols.join(', ')}`,
				size: 0,
				hash: id,
				formatId: 'paper-broker',
				formatLabel: 'Fillbook paper broker',
				produces: 'executions',
				zone: row.broker.timeZone,
				accountId: PAPER_ACCOUNT.id,
				tradeDate: null,
				symbol: request.symbol,
				counts: { rows: 0, imported: 0, duplicates: 0, rejected: 0, skipped: 0 },
				createdAccounts: [],
				rejectedRows: [],
				importedAt: createdAt
			};
			await write(() => createPaperSession(d, row, importRow, { ...PAPER_ACCOUNT, createdAt }), mode);
			const entry: Live = { session, row, timeframeMs, rewriteLog: false, attachment: null, driver: null };
			live.set(id, entry);
			return desk(entry, 0);
		},

		async paperOpen(mode: Mode, id: string): Promise<PaperDesk> {
			return desk(await open(mode, id), 0);
		},

		/** Reveals up to `count` more bars (fewer at the end of the range). */
		paperStep: ((mode: Mode, id: string, count: number, since?: DeskMark): Promise<PaperDeskUpdate> =>
			change(mode, async () => {
				const entry = await openToChange(mode, id);
				const from = entry.session.facts.cursor;
				for (let i = 0; i < count && !entry.session.finished; i++) stepOnce(entry);
				return save(mode, entry, from, since);
			})) as PaperApi['paperStep'],

		/** Reveals bars until the first one at or after `time` is the latest. */
		paperJump: ((mode: Mode, id: string, time: number, since?: DeskMark): Promise<PaperDeskUpdate> =>
			change(mode, async () => {
				const entry = await openToChange(mode, id);
				const { session } = entry;
				const from = session.facts.cursor;
				while (!session.finished && (session.now === null || session.now < time)) stepOnce(entry);
				return save(mode, entry, from, since);
			})) as PaperApi['paperJump'],

		/** An order, a change, a cancel, a flatten or new risk limits; the outcome and the desk after it. */
		paperAct: ((
			mode: Mode,
			id: string,
			action: PaperAction,
			since?: DeskMark
		): Promise<{ outcome: ActionOutcome; desk: PaperDeskUpdate }> =>
			change(mode, async () => {
				const entry = await openToChange(mode, id);
				const logged = entry.session.facts.actions.length;
				const outcome = entry.session.act(action);
				// Refused (an invalid action): nothing entered the log, so there is nothing to store.
				const cursor = entry.session.facts.cursor;
				if (entry.session.facts.actions.length === logged) {
					const revision = entry.row.revision ?? 0;
					return { outcome, desk: answer(entry, cursor, entry.session.view(), since, revision) };
				}
				return { outcome, desk: await save(mode, entry, cursor, since) };
			})) as PaperApi['paperAct'],

		/** Ends the session: no more bars or orders; its trades stay in the journal. */
		paperStop(mode: Mode, id: string): Promise<PaperDesk> {
			return change(mode, async () => {
				const entry = await openToChange(mode, id);
				entry.session.stop();
				return save(mode, entry, entry.session.facts.cursor);
			});
		},

		paperRewind(mode: Mode, id: string, cursor: number): Promise<PaperDesk> {
			return goBack(mode, id, (session) => rewindFacts(session.facts, cursor));
		},

		paperRewindTo(mode: Mode, id: string, time: number): Promise<PaperDesk> {
			return goBack(mode, id, (session) =>
				Number.isFinite(time)
					? rewindFacts(session.facts, session.cursorAt(time))
					: { ok: false, reason: `Cannot go back to ${String(time)}: not a time` }
			);
		},

		paperUndo(mode: Mode, id: string): Promise<PaperDesk> {
			return goBack(mode, id, (session) => undoFacts(session.facts));
		},

		/** Attaches a strategy, paused until started; refused while another is attached and not stopped. */
		paperAttachStrategy(mode: Mode, id: string, definition: StrategyDefinition): Promise<PaperDesk> {
			return change(mode, async () => {
				const entry = await openToChange(mode, id);
				const current = entry.attachment;
				if (current && current.state !== 'stopped')
					throw new Error(
						`${current.definition.name} is attached: stop it before attaching another strategy`
					);
				const def = checkStrategy(structuredClone(definition));
				const { session, timeframeMs } = entry;
				entry.attachment = {
					definition: def,
					state: 'paused',
					attachedAt: session.facts.cursor,
					reason: null
				};
				entry.driver = driverOf(session, entry.attachment, timeframeMs);
				return save(mode, entry, session.facts.cursor);
			});
		},

		/**
		 * Starts, pauses or stops the attached strategy (stopping cancels its working orders), or
		 * flattens in an emergency: every working order cancelled, every position closed, the
		 * strategy stopped.
		 */
		paperStrategy(mode: Mode, id: string, command: StrategyCommand): Promise<PaperDesk> {
			return change(mode, async () => {
				const entry = await openToChange(mode, id);
				const { attachment, driver, session } = entry;
				if (!attachment || !driver) throw new Error('No strategy is attached to this session');
				if (command === 'flatten') {
					const outcome = session.act({ kind: 'flatten', at: 0 });
					if (!outcome.ok) throw new Error(`Emergency flatten failed: ${outcome.reason}`);
				}
				if (command === 'start') driver.start();
				else driver.pause();
				if (command === 'stop') driver.cancelWorking();
				const state = command === 'start' ? 'running' : command === 'pause' ? 'paused' : 'stopped';
				const reason = command === 'flatten' ? 'Stopped by an emergency flatten' : null;
				entry.attachment = { ...attachment, state, reason };
				return save(mode, entry, session.facts.cursor);
			});
		},

		/**
		 * The lineage of paper orders placed by a strategy or taken from a signal: for each submission
		 * that placed one of `orderIds` (as stored with executions, `<session id>:<order id>`), the
		 * signal, the risk check, its orders and their executions. Other orders give nothing.
		 */
		async paperLineage(mode: Mode, orderIds: string[]): Promise<FillLineage[]> {
			if (mode !== 'paper') return [];
			const bySession = new Map<string, string[]>();
			for (const stored of orderIds) {
				const at = stored.indexOf(':');
				if (at <= 0) continue;
				const list = bySession.get(stored.slice(0, at)) ?? [];
				list.push(stored.slice(at + 1));
				bySession.set(stored.slice(0, at), list);
			}
			const found: FillLineage[] = [];
			for (const [id, ids] of bySession) {
				const entry = await open(mode, id).catch(() => null);
				if (entry) found.push(...fillLineage(entry.session, entry.timeframeMs, ids));
			}
			return found;
		},

		async paperSignalOutcome(mode: Mode, signal: SignalKey): Promise<SignalOutcome[]> {
			if (mode !== 'paper') return [];
			const d = db(mode);
			const rows = (await listPaperSessions(d)).filter(
				(r) => sessionSymbols(r).includes(signal.symbol) && r.from <= signal.time && signal.time < r.to
			);
			if (!rows.length) return [];
			const generators = new Set(
				(await listStrategies(d)).filter((s) => s.rule.kind === 'signals').map((s) => s.id)
			);
			const found: SignalOutcome[] = [];
			for (const row of rows) {
				const entry = await open(mode, row.id).catch(() => null);
				if (!entry) continue;
				const attached = entry.attachment?.definition;
				const isGenerator = (id: string) =>
					generators.has(id) || (attached?.id === id && attached.rule.kind === 'signals');
				const summed = summary(entry.row, entry.session.length);
				for (const s of signalOutcome(entry.session, entry.timeframeMs, signal, isGenerator))
					found.push({ ...s, session: summed, trades: [] });
			}
			if (found.length && trades) tradesOf(found, await trades(mode));
			return found;
		},

		async paperRiskDefaults(mode: Mode): Promise<RiskConfig> {
			return readSetting(paperDb(mode), 'paperRiskDefaults');
		},

		/** Checked as a session's limits are (a rule missing or not a number is refused with why). */
		async setPaperRiskDefaults(mode: Mode, risk: RiskConfig): Promise<void> {
			const d = paperDb(mode);
			const problem = actionProblem({ kind: 'risk', at: 0, risk });
			if (problem !== null) throw new Error(`Risk limits not kept: ${problem}`);
			await write(() => writeSetting(d, 'paperRiskDefaults', risk), mode);
		},

		/** Deletes a session and the executions it made (its trades leave the journal). */
		async paperDelete(mode: Mode, id: string): Promise<boolean> {
			const d = paperDb(mode);
			live.delete(id);
			return write(() => deletePaperSession(d, id), mode);
		}
	};
	return { api, openInTurn };
}

/** The driver for an attachment, built on the session (warmed on its revealed bars); none for a read-only session. */
function driverOf(
	session: PaperSession,
	attachment: StrategyAttachment | null,
	timeframeMs: number
): StrategyDriver | null {
	if (!attachment || session.readOnly !== null) return null;
	return new StrategyDriver(session, attachment.definition, timeframeMs, {
		running: attachment.state === 'running'
	});
}

/** One step of the session, the strategy reading its bar (and acting, when running) right after it. */
function stepOnce(entry: Live): void {
	entry.session.step();
	const { driver, attachment } = entry;
	if (!driver || !attachment) return;
	driver.advance();
	// The risk manager paused it: stored so, with why.
	if (attachment.state === 'running' && !driver.running)
		entry.attachment = {
			...attachment,
			state: 'paused',
			reason: `Strategy paused: ${driver.pausedBecause ?? 'the risk manager refused its order'}`
		};
}

function summary(row: PaperSessionRow, bars: number): PaperSessionSummary {
	return {
		id: row.id,
		symbol: row.symbol,
		symbols: sessionSymbols(row),
		from: row.from,
		to: row.to,
		status: row.status,
		cursor: row.cursor,
		bars,
		createdAt: row.createdAt
	};
}

/** Fills in the journal trades each outcome's executions are part of (as stored: see storedExecution). */
function tradesOf(found: SignalOutcome[], derived: Derived): void {
	const wanted = new Map<string, { outcome: SignalOutcome; executionId: string }>();
	for (const outcome of found)
		for (const e of outcome.executions)
			wanted.set(brokerExecutionIdOf(PAPER_ACCOUNT.id, `${outcome.session.id}:${e.id}`), {
				outcome,
				executionId: e.id
			});
	const ids = derived.table.id;
	for (const trade of derived.trades)
		for (const leg of trade.legs) {
			const hit = wanted.get(ids[leg.execution]!);
			if (!hit) continue;
			const { outcome, executionId } = hit;
			let shown = outcome.trades.find((t) => t.id === trade.id);
			if (!shown) {
				shown = { id: trade.id, open: trade.open, netPnl: trade.netPnl, executionIds: [] };
				outcome.trades.push(shown);
			}
			if (!shown.executionIds.includes(executionId)) shown.executionIds.push(executionId);
		}
}

/** The risk limits in force: the last change logged, else the session's first. */
function currentRisk(facts: PaperSessionFacts): RiskConfig {
	for (let i = facts.actions.length - 1; i >= 0; i--) {
		const a = facts.actions[i]!;
		if (a.kind === 'risk') return a.risk;
	}
	return facts.risk ?? DEFAULT_RISK_CONFIG;
}

/** Where a paper execution is stored from: a session or a backtest run, its account and import. */
export interface ExecutionSource {
	accountId: string;
	importId: string;
	/** The session's or run's id: it prefixes the execution's and its order's ids. */
	sourceId: string;
	venue: 'PAPER' | 'BACKTEST';
}

/** A paper execution as an execution of the paper database (a session's, or a backtest run's). */
export function storedExecution(e: PaperExecution, from: ExecutionSource, index: number): Execution {
	const brokerExecutionId = `${from.sourceId}:${e.id}`;
	return {
		id: brokerExecutionIdOf(from.accountId, brokerExecutionId),
		accountId: from.accountId,
		importId: from.importId,
		brokerExecutionId,
		symbol: e.symbol,
		assetClass: 'stock',
		side: e.side,
		positionEffect: e.effect === 'reverse' ? null : e.effect,
		shortSale: e.side === 'sell' && e.effect === 'open',
		quantity: e.quantity,
		price: e.price,
		time: e.time,
		commission: e.commissionCents / 100,
		fees: 0,
		currency: 'USD',
		multiplier: null,
		orderId: `${from.sourceId}:${e.orderId}`,
		venue: from.venue,
		brokerPnl: null,
		line: index + 1
	};
}
