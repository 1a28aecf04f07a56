/**
 * The paper desk side of the engine: replay sessions of imported bars with the paper broker and
 * the risk manager (core/paper). A session's facts are stored in `paperSessions` after every
 * action and step; its executions are stored as executions of the paper database, under an import
 * row of their own, so they become trades in the journal, dashboard and reports like imported ones.
 * Paper mode only: real mode's database is the record of a real broker, and no order can be sent
 * from the browser.
 */
import { transfer } from 'comlink';
import { DEFAULT_BROKER_CONFIG, type Bar, type BrokerConfig, type PaperExecution } from '$lib/core/broker';
import { brokerExecutionIdOf } from '$lib/core/identity';
import { accountId, type Account } from '$lib/core/model/account';
import type { Execution } from '$lib/core/model/execution';
import { encodeExecutions } from '$lib/core/model/execution-codec';
import type { Mode } from '$lib/core/model/mode';
import { PaperSession, type ActionOutcome, type PaperAction, type PaperView } from '$lib/core/paper/session';
import { DEFAULT_RISK_CONFIG, type RiskConfig } from '$lib/core/risk';
import type { FillbookDb, ImportRow, PaperSessionRow } from '$lib/db/schema';
import { loadSymbolBars, type ChartBars } from './engine-charts';

/** The paper broker's account in the paper database; made on the first session. */
export const PAPER_ACCOUNT: Omit<Account, 'createdAt'> = {
	id: accountId('Fillbook paper broker', 'PAPER'),
	broker: 'Fillbook paper broker',
	number: 'PAPER',
	currency: 'USD',
	label: 'Paper desk'
};

export interface StartPaperRequest {
	symbol: string;
	/** The bars replayed: from ≤ time < to (epoch ms). */
	from: number;
	to: number;
	/** Broker settings; what is not given keeps DEFAULT_BROKER_CONFIG's value. */
	broker: Partial<BrokerConfig>;
	risk: RiskConfig;
}

export interface PaperSessionSummary {
	id: string;
	symbol: string;
	from: number;
	to: number;
	status: 'running' | 'stopped';
	cursor: number;
	bars: number;
	createdAt: number;
}

/** What the desk draws: the session, the bars revealed so far (transferred) and the view. */
export interface PaperDesk {
	session: PaperSessionSummary;
	timeframeMs: number;
	bars: ChartBars;
	view: PaperView;
	risk: RiskConfig;
	broker: BrokerConfig;
}

interface Live {
	session: PaperSession;
	row: PaperSessionRow;
	timeframeMs: number;
}

const ONLY_PAPER = 'Orders can only be placed in paper mode: Fillbook cannot send orders to a real broker.';

export function createPaper(
	db: (mode: Mode) => FillbookDb,
	write: <T>(task: () => Promise<T>, mode?: Mode) => Promise<T>,
	now: () => number
) {
	const live = new Map<string, Live>();

	function paperDb(mode: Mode): FillbookDb {
		if (mode !== 'paper') throw new Error(ONLY_PAPER);
		return db(mode);
	}

	async function barsOf(d: FillbookDb, symbol: string, from: number, to: number) {
		const found = await loadSymbolBars(d, symbol, null, 'UTC');
		if (!found) throw new Error(`There are no bars of ${symbol}: import some first`);
		const { bars, timeframeMs } = found;
		const list: Bar[] = [];
		for (let i = 0; i < bars.time.length; i++) {
			const time = bars.time[i]!;
			if (time < from || time >= to) continue;
			const volume = bars.volume[i]!;
			list.push({
				symbol,
				time,
				open: bars.open[i]!,
				high: bars.high[i]!,
				low: bars.low[i]!,
				close: bars.close[i]!,
				volume: Number.isNaN(volume) ? null : volume
			});
		}
		return { bars: list, timeframeMs };
	}

	/**
	 * The session, replayed from its stored facts. The one in memory is used while it is what is
	 * stored; after another tab moved it on, a restore or a delete, the stored facts decide.
	 */
	async function open(mode: Mode, id: string): Promise<Live> {
		const d = paperDb(mode);
		const row = await d.paperSessions.get(id);
		if (!row) {
			live.delete(id);
			throw new Error(`No paper session ${id}: it was deleted (or its import undone)`);
		}
		const cached = live.get(id);
		if (
			cached &&
			cached.row.cursor === row.cursor &&
			cached.row.actions.length === row.actions.length &&
			cached.row.status === row.status &&
			cached.row.storedExecutions === row.storedExecutions
		)
			return cached;
		// Bars that are gone leave a session that cannot be replayed: it opens read-only (see PaperSession).
		const { bars, timeframeMs } = await barsOf(d, row.symbol, row.from, row.to).catch(() => ({
			bars: [] as Bar[],
			timeframeMs: 60_000
		}));
		const session = new PaperSession(row, bars, timeframeMs);
		const entry = { session, row, timeframeMs };
		live.set(id, entry);
		return entry;
	}

	/** The session, if it can go on: a read-only one refuses bars, orders and stopping. */
	async function openToChange(mode: Mode, id: string): Promise<Live> {
		const entry = await open(mode, id);
		const reason = entry.session.readOnly;
		if (reason !== null) throw new Error(`This session is read-only: ${reason}. Nothing was changed.`);
		return entry;
	}

	/**
	 * Stores the facts and any executions not stored yet, in one transaction; the desk to show
	 * after it (the session's view is computed once for both).
	 */
	async function save(mode: Mode, entry: Live): Promise<PaperDesk> {
		const d = paperDb(mode);
		const { session, row } = entry;
		const view = session.view();
		const all = view.executions;
		const fresh = all.slice(row.storedExecutions);
		const next: PaperSessionRow = {
			...structuredClone(session.facts),
			importId: row.importId,
			storedExecutions: all.length
		};
		await write(
			() =>
				d.transaction('rw', [d.paperSessions, d.executionChunks, d.imports], async () => {
					await d.paperSessions.put(next);
					if (fresh.length) {
						await d.executionChunks.add(
							encodeExecutions(
								row.importId,
								fresh.map((e, k) => stored(e, row, row.storedExecutions + k))
							)
						);
						await d.imports.update(row.importId, {
							'counts.rows': all.length,
							'counts.imported': all.length
						});
					}
				}),
			mode
		);
		entry.row = next;
		return desk(entry, view);
	}

	function desk(entry: Live, view = entry.session.view()): PaperDesk {
		const { session, row, timeframeMs } = entry;
		const revealed = session.revealed;
		const column = (pick: (b: Bar) => number) => Float64Array.from(revealed, pick);
		const bars: ChartBars = {
			time: column((b) => b.time),
			open: column((b) => b.open),
			high: column((b) => b.high),
			low: column((b) => b.low),
			close: column((b) => b.close),
			volume: column((b) => b.volume ?? NaN)
		};
		const result: PaperDesk = {
			session: summary(row, session.bars.length),
			timeframeMs,
			bars,
			view,
			risk: currentRisk(row),
			broker: row.broker
		};
		return transfer(
			result,
			Object.values(bars).map((a: Float64Array) => a.buffer)
		);
	}

	return {
		/** Every paper session, newest first. */
		async paperSessions(mode: Mode): Promise<PaperSessionSummary[]> {
			if (mode !== 'paper') return [];
			const rows = await db(mode).paperSessions.orderBy('createdAt').reverse().toArray();
			return Promise.all(
				rows.map(async (r) =>
					summary(
						r,
						live.get(r.id)?.session.bars.length ??
							(await barsOf(db(mode), r.symbol, r.from, r.to).catch(() => null))?.bars.length ??
							0
					)
				)
			);
		},

		/** Starts a session over the bars of a symbol between two instants; nothing revealed yet. */
		async paperStart(mode: Mode, request: StartPaperRequest): Promise<PaperDesk> {
			const d = paperDb(mode);
			const { bars, timeframeMs } = await barsOf(d, request.symbol, request.from, request.to);
			if (!bars.length) throw new Error(`No bars of ${request.symbol} in the range picked`);
			const createdAt = now();
			const id = `ps-${createdAt.toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`;
			const row: PaperSessionRow = {
				id,
				symbol: request.symbol,
				from: request.from,
				to: request.to,
				broker: { ...DEFAULT_BROKER_CONFIG, ...request.broker },
				risk: request.risk,
				cursor: 0,
				actions: [],
				status: 'running',
				createdAt,
				importId: `paper-${id}`,
				storedExecutions: 0
			};
			// Checks the settings (the broker throws on a bad one) before anything is stored.
			const session = new PaperSession(row, bars, timeframeMs);
			const importRow: ImportRow = {
				id: row.importId,
				fileName: `Paper replay of ${request.symbol}`,
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
			await write(
				() =>
					d.transaction('rw', [d.paperSessions, d.imports, d.accounts], async () => {
						if (!(await d.accounts.get(PAPER_ACCOUNT.id))) {
							await d.accounts.add({ ...PAPER_ACCOUNT, createdAt });
							importRow.createdAccounts = [PAPER_ACCOUNT.id];
						}
						await d.imports.add(importRow);
						await d.paperSessions.add(row);
					}),
				mode
			);
			const entry = { session, row, timeframeMs };
			live.set(id, entry);
			return desk(entry);
		},

		async paperOpen(mode: Mode, id: string): Promise<PaperDesk> {
			return desk(await open(mode, id));
		},

		/** Reveals up to `count` more bars (fewer at the end of the range). */
		async paperStep(mode: Mode, id: string, count: number): Promise<PaperDesk> {
			const entry = await openToChange(mode, id);
			for (let i = 0; i < count && !entry.session.finished; i++) entry.session.step();
			return save(mode, entry);
		},

		/** Reveals bars until the first one at or after `time` is the latest. */
		async paperJump(mode: Mode, id: string, time: number): Promise<PaperDesk> {
			const entry = await openToChange(mode, id);
			const { session } = entry;
			while (!session.finished && (session.now === null || session.now < time)) session.step();
			return save(mode, entry);
		},

		/** An order, a change, a cancel, a flatten or new risk limits; the outcome and the desk after it. */
		async paperAct(
			mode: Mode,
			id: string,
			action: PaperAction
		): Promise<{ outcome: ActionOutcome; desk: PaperDesk }> {
			const entry = await openToChange(mode, id);
			const logged = entry.session.facts.actions.length;
			const outcome = entry.session.act(action);
			// Refused (an invalid action): nothing entered the log, so there is nothing to store.
			if (entry.session.facts.actions.length === logged) return { outcome, desk: desk(entry) };
			return { outcome, desk: await save(mode, entry) };
		},

		/** Ends the session: no more bars or orders; its trades stay in the journal. */
		async paperStop(mode: Mode, id: string): Promise<PaperDesk> {
			const entry = await openToChange(mode, id);
			entry.session.stop();
			return save(mode, entry);
		},

		/** Deletes a session and the executions it made (its trades leave the journal). */
		async paperDelete(mode: Mode, id: string): Promise<boolean> {
			const d = paperDb(mode);
			live.delete(id);
			return write(
				() =>
					d.transaction('rw', [d.paperSessions, d.executionChunks, d.imports], async () => {
						const row = await d.paperSessions.get(id);
						if (!row) return false;
						await d.executionChunks.where('importId').equals(row.importId).delete();
						await d.imports.delete(row.importId);
						await d.paperSessions.delete(id);
						return true;
					}),
				mode
			);
		}
	};
}

function summary(row: PaperSessionRow, bars: number): PaperSessionSummary {
	return {
		id: row.id,
		symbol: row.symbol,
		from: row.from,
		to: row.to,
		status: row.status,
		cursor: row.cursor,
		bars,
		createdAt: row.createdAt
	};
}

/** The risk limits in force: the last change logged, else the session's first. */
function currentRisk(row: PaperSessionRow): RiskConfig {
	for (let i = row.actions.length - 1; i >= 0; i--) {
		const a = row.actions[i]!;
		if (a.kind === 'risk') return a.risk;
	}
	return row.risk ?? DEFAULT_RISK_CONFIG;
}

/** A paper execution as an execution of the paper database. */
function stored(e: PaperExecution, row: PaperSessionRow, index: number): Execution {
	const brokerExecutionId = `${row.id}:${e.id}`;
	return {
		id: brokerExecutionIdOf(PAPER_ACCOUNT.id, brokerExecutionId),
		accountId: PAPER_ACCOUNT.id,
		importId: row.importId,
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
		orderId: `${row.id}:${e.orderId}`,
		venue: 'PAPER',
		brokerPnl: null,
		line: index + 1
	};
}
