import type { AccountInput } from '$lib/core/model/account';
import type { EngineApi, StorageApi, StorageEstimate, StorageStats } from './contract';
import { isMode, MODES, type Mode } from '$lib/core/model/mode';
import { addAccount, listAccounts, removeAccount } from '$lib/db/accounts';
import { clearMode } from '$lib/db/clear';
import { FillbookDb } from '$lib/db/schema';
import { dbStats } from '$lib/db/stats';
import { createImports } from './engine-imports';
import { createTradeCache, createTrades } from './engine-trades';
import { createMatching } from './engine-matching';
import { createJournal } from './engine-journal';
import { createBackup } from './engine-backup';
import { createReports } from './engine-reports';
import { createCurrencies } from './engine-currencies';
import { createCharts } from './engine-charts';
import { createBarSources } from './engine-bar-sources';
import { createPaperParts } from './engine-paper';
import { createAlerts } from './engine-alerts';
import { createLevels } from './engine-levels';
import { createScans } from './engine-scans';
import { createCosts } from './engine-costs';
import { createStrategy } from './engine-strategy';
import { createSweep } from './engine-sweep';
import { createPromotion } from './engine-promotion';
import { createSearch } from './engine-search';
import { createPositions } from './engine-positions';
import { createInstruments } from './engine-instruments';
import { createReconcile } from './engine-reconcile';
import { createPortfolios } from './engine-portfolios';
import {
	broadcastAnnouncer,
	browserLocks,
	onCommitted,
	underLocks,
	type Announcer,
	type Locks
} from './engine-sync';

export interface EngineOptions {
	/** Clock for timestamps; epoch ms, UTC. Tests pass a fixed one. */
	now?: () => number;
	/** Web Locks shared by every tab's engine; null for none. Default: the browser's, if any. */
	locks?: Locks | null;
	/** Names this engine in the changes it announces (its tab ignores its own). */
	source?: string;
	/** Where committed writes are announced. Default: the modes' BroadcastChannels. */
	announcer?: Announcer;
}

/**
 * The engine: the single writer of both modes' databases. Every method takes the mode first, so
 * no call can reach the other mode's data by accident; the UI binds the current mode (see
 * src/lib/state/engine.ts). Writes run one after another through a queue, and across tabs each
 * holds its mode's Web Lock (see engine-sync.ts); every committed write is announced to the
 * other tabs.
 */
export function createEngineApi(options: EngineOptions = {}): EngineApi {
	const now = options.now ?? Date.now;
	const locks = options.locks === undefined ? browserLocks() : options.locks;
	const announcer = options.announcer ?? broadcastAnnouncer(options.source ?? crypto.randomUUID());
	const dbs = new Map<Mode, FillbookDb>();
	let writes: Promise<unknown> = Promise.resolve();

	function db(mode: Mode): FillbookDb {
		// The mode crosses a worker boundary: check it rather than trust the type.
		if (!isMode(mode)) throw new TypeError(`Unknown mode: ${String(mode)}`);
		let open = dbs.get(mode);
		if (!open) {
			open = new FillbookDb(mode);
			onCommitted(open, (tables) => announcer.announce(mode, tables));
			dbs.set(mode, open);
		}
		return open;
	}

	/**
	 * Runs one write after every write queued before it, whatever their outcome, holding the write
	 * lock of `mode` (of both modes when none is named) so no other tab writes meanwhile.
	 */
	function write<T>(task: () => Promise<T>, mode?: Mode): Promise<T> {
		const locked = () => underLocks(locks, mode ? [mode] : MODES, task);
		const result = writes.then(locked, locked);
		writes = result.catch(() => undefined);
		return result;
	}

	const trades = createTradeCache(db);
	const paper = createPaperParts(db, write, now, trades);
	const charts = createCharts(db, trades);
	const tradeOf = async (mode: Mode, id: string) => (await trades(mode)).byId.get(id);
	const levels = createLevels(db, write, now, tradeOf);
	const journal = createJournal(db, write, now, trades);

	const storage: StorageApi = {
		/** Row counts of the mode's database and the browser's usage/quota figures. */
		async storageStats(mode: Mode): Promise<StorageStats> {
			const [stats, estimate] = await Promise.all([dbStats(db(mode)), storageEstimate()]);
			return { ...stats, estimate };
		},

		listAccounts(mode: Mode) {
			return listAccounts(db(mode));
		},

		addAccount(mode: Mode, input: AccountInput) {
			return write(() => addAccount(db(mode), input, now()), mode);
		},

		removeAccount(mode: Mode, id: string) {
			return write(() => removeAccount(db(mode), id), mode);
		},

		/** Deletes every record of a mode, in one transaction. */
		clearAll(mode: Mode): Promise<void> {
			return write(() => clearMode(db(mode)), mode);
		},

		/** Closes both databases (tests; a worker being retired). */
		async close(): Promise<void> {
			await writes;
			for (const open of dbs.values()) open.close();
			dbs.clear();
			announcer.close();
		}
	};

	return composeEngine({
		imports: createImports(db, write, now, levels.checkInTurn),
		trades: createTrades(db, trades),
		matching: createMatching(db, write, now, trades),
		journal,
		backup: createBackup(db, write, now),
		reports: createReports(db, trades),
		charts,
		barSources: createBarSources(db, write, now, levels.checkInTurn),
		paper: paper.api,
		alerts: createAlerts(db, write, now, paper.openInTurn, levels.checkInTurn, tradeOf),
		levels: levels.api,
		scans: createScans(db, write, now, (mode, request) => charts.runSignals(mode, request), paper.openInTurn),
		costs: createCosts(db, write, trades),
		strategy: createStrategy(db, write, now),
		promotion: createPromotion(db, trades),
		storage,
		sweep: createSweep(db),
		search: createSearch(db, trades),
		positions: createPositions(
			db,
			trades,
			(mode) => charts.barSymbols(mode),
			(mode, symbol, at) => levels.api.priceAt(mode, symbol, at),
			now
		),
		instruments: createInstruments(db, write),
		reconcile: createReconcile(db, write, now, trades, (mode, input) =>
			journal.addManualExecution(mode, input)
		),
		portfolios: createPortfolios(db, write),
		currencies: createCurrencies(db, write)
	});
}

/** Turns a union into the intersection of its members (the API of every handler module at once). */
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/**
 * The engine's API from named handler modules, one per domain. Two handlers offering a method of
 * one name would silently shadow each other in a spread; here that throws, naming both modules.
 */
export function composeEngine<H extends Record<string, object>>(handlers: H): Intersection<H[keyof H]> {
	const api: Record<string, unknown> = {};
	const owner = new Map<string, string>();
	for (const [module, handler] of Object.entries(handlers)) {
		for (const [name, method] of Object.entries(handler)) {
			const other = owner.get(name);
			if (other !== undefined)
				throw new Error(`Engine handlers ${other} and ${module} both define ${name}: rename one.`);
			owner.set(name, module);
			api[name] = method;
		}
	}
	return api as Intersection<H[keyof H]>;
}

async function storageEstimate(): Promise<StorageEstimate> {
	const storage = (globalThis as { navigator?: Navigator }).navigator?.storage;
	if (!storage?.estimate) return { usage: null, quota: null };
	const { usage, quota } = await storage.estimate();
	return { usage: usage ?? null, quota: quota ?? null };
}
