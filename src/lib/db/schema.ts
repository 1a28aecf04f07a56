import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Account } from '$lib/core/model/account';
import type { Annotation } from '$lib/core/model/annotation';
import {
	isChunkV3,
	upgradeChunkV3,
	type ExecutionChunk,
	type ExecutionChunkV3
} from '$lib/core/model/execution-codec';
import type { BarChunk, JournalTrade } from '$lib/core/model/journal';
import type { PaperAction, PaperSessionFacts, RiskRejection } from '$lib/core/paper/session';
import type { BrokerConfig } from '$lib/core/broker/types';
import type { RiskConfig } from '$lib/core/risk';
import type { BacktestMetrics, BacktestTrade, SymbolFigures } from '$lib/core/strategy/metrics';
import type { StrategyDefinition } from '$lib/core/strategy/types';
import type { Timeframe } from '$lib/core/indicators';
import type { StrategyAttachment } from '$lib/core/strategy/driver';
import type { Mode } from '$lib/core/model/mode';
import type { Crossing, Level, LevelReference, LevelSpec } from '$lib/core/prices';
import type { ScheduleTiming } from '$lib/core/alerts/schedule';
import type { SignalParamsInput } from '$lib/core/signals';
import type {
	Alert,
	AlertInputFormat,
	AlertPayload,
	AlertProblem,
	GateState,
	SignatureCheck,
	SourceSettings,
	Verdict
} from '$lib/core/alerts';
import type { MatchDecision, MatchResult, MatchSettings } from '$lib/core/matching/types';
import type { RowCounts, RowError, SkippedRow } from '$lib/core/formats/types';
import type { TextEncoding } from '$lib/core/formats/text';
import type { ExecutionEdit } from '$lib/core/trades/execution-edit';
import type { Instrument } from '$lib/core/instruments';
import type { AssetClass } from '$lib/core/model/records';

/** A small key/value fact scoped to one mode (e.g. the schema's creation time). */
export interface MetaRow {
	key: string;
	value: string | number | boolean;
}

/** A row the import could not read, kept with its cells so the user can download and fix it. */
export interface RejectedRow extends RowError {
	cells: string[];
}

/** One import: a file and what became of it. Undoing it removes everything it added. */
export interface ImportRow {
	id: string;
	fileName: string;
	/** Bytes. */
	size: number;
	/** SHA-256 of the file's bytes, hex. */
	hash: string;
	formatId: string;
	formatLabel: string;
	produces: 'executions' | 'journal' | 'bars';
	zone: string;
	/** The account chosen for rows that name none; null when none was needed. */
	accountId: string | null;
	tradeDate: string | null;
	symbol: string | null;
	/**
	 * Rows read (the header and blank lines excluded) = imported + duplicates (already stored) +
	 * rejected + skipped (not data); see RowCounts. Imports before this rule counted the header
	 * in `rows` and `skipped`.
	 */
	counts: RowCounts;
	/** Accounts this import created (removed again by undo if nothing else uses them). */
	createdAccounts: string[];
	rejectedRows: RejectedRow[];
	/** The skipped rows with their reasons (the first 1000; absent on older imports). */
	skippedRows?: SkippedRow[];
	/** The encoding the file was read in (imports before it was recorded lack it). */
	encoding?: TextEncoding;
	/** Warnings about the file as a whole, e.g. expected columns its header lacks. */
	warnings?: string[];
	/** When it was imported; epoch ms, UTC. */
	importedAt: number;
	/**
	 * The strategy whose executions these are (a backtest run's import): their trades carry it as
	 * their strategy unless the journal names another. Absent on every other import.
	 */
	strategy?: string;
}

/** An execution chunk as stored (auto-incremented key). */
export interface ExecutionChunkRow extends ExecutionChunk {
	key?: number;
}

export interface BarChunkRow extends BarChunk {
	key?: number;
}

/**
 * An import's bars at times already stored with other prices (its alternates), as a chunk like a
 * main bar chunk; `timeframeMs` is the spacing of the file's bars of the symbol, not of these alone.
 * See core/prices/bar-sources.ts for how a symbol's bars are read from both.
 */
export type BarAlternateRow = BarChunkRow;

/** The bar file (an import) the user prefers for a symbol where files disagree. */
export interface BarPreferenceRow {
	symbol: string;
	importId: string;
	setAt: number;
}

/**
 * An execution the user deleted. Executions live in immutable import chunks, so deleting one
 * records its id here; grouping skips it, and undoing its import removes the record's reason.
 */
export interface DeletedExecution {
	id: string;
	/** What it was, for the record: "2025-10-13 09:43:10 MU buy 400 @ 50.99". */
	description: string;
	deletedAt: number;
}

/**
 * A correction of one stored execution (core/trades/execution-edit.ts), keyed by the execution's
 * id. Like a deletion it leaves the import's chunk as it was: the table the engine builds takes
 * these fields instead, and removing the row reverts to what was imported.
 */
export type ExecutionEditRow = ExecutionEdit;

/** A decision of the user's about matching (core/matching MatchDecision), as stored. */
export type MatchDecisionRow = MatchDecision & {
	id: string;
	/** The run this decision started (rolling that run back removes it). */
	runId: string;
};

/** One run of matching, for the audit trail: what it used, found and changed. */
export interface MatchRunRow {
	id: string;
	/** Epoch ms, UTC. */
	at: number;
	/** What started it: the Run button, or a decision in the review queue. */
	trigger: 'run' | 'decision';
	settings: MatchSettings;
	result: MatchResult;
	counts: MatchCounts;
	/** Links (journal trade → round trip) this run added and removed against the run before it. */
	added: [string, string][];
	removed: [string, string][];
	/** When it was rolled back; null while it stands. */
	rolledBackAt: number | null;
}

/** The headline numbers of a run. */
export interface MatchCounts {
	journal: number;
	roundTrips: number;
	matched: number;
	manual: number;
	ambiguous: number;
	unmatchedJournal: number;
	noFills: number;
	unmatchedTrades: number;
	discrepancies: number;
}

/**
 * A paper replay session as stored: its facts but the action log (see core/paper/session.ts;
 * the log is appended to `paperActions`, one row per action, so a step writes only what is new),
 * the import row its executions are stored under, how many of its executions are stored already
 * (the replay is deterministic, so the next ones are new), and what the session list shows.
 */
export interface PaperSessionRow extends Omit<PaperSessionFacts, 'actions'> {
	importId: string;
	storedExecutions: number;
	/** Actions logged: the session's `paperActions` rows have indexes 0 … actionCount − 1. */
	actionCount: number;
	/** Bars in the session's range (its length); absent on sessions of schema 7 until listed once. */
	bars?: number;
	/**
	 * Writes of this row so far (absent: none since revisions were kept). A rewind or an undo can
	 * bring a session back to the same cursor and counts with other actions, so writers compare
	 * this, not only the counts, to tell whether the session moved on under them.
	 */
	revision?: number;
	/** The strategy attached to the session (absent: none ever was); its orders are in the log. */
	strategy?: StrategyAttachment;
}

/** One action of a paper session's log, in the order it was taken. */
export interface PaperActionRow {
	/** `<session id>/<index>`. */
	id: string;
	sessionId: string;
	index: number;
	action: PaperAction;
}

/** The key of a session's action row. */
export function paperActionId(sessionId: string, index: number): string {
	return `${sessionId}/${index}`;
}

/** A stored strategy: its current definition (every saved version is in `strategyVersions`). */
export interface StrategyRow extends StrategyDefinition {
	/** Epoch ms, UTC. */
	createdAt: number;
	/** When the current version was saved; epoch ms, UTC. */
	updatedAt: number;
}

/** One saved version of a strategy, kept after newer ones (a run names the version it ran). */
export interface StrategyVersionRow {
	/** `<strategy id>@<version>`. */
	id: string;
	strategyId: string;
	version: number;
	definition: StrategyDefinition;
	/** Epoch ms, UTC. */
	savedAt: number;
}

/** The key of a strategy version's row. */
export function strategyVersionId(strategyId: string, version: number): string {
	return `${strategyId}@${version}`;
}

/** How an alert reached the inbox. */
export type AlertVia = 'paste' | 'file' | 'share';

/** What became of an alert after its gate. */
export type AlertOutcome =
	/** Not accepted by the gate (see the verdict): nothing was done. */
	| { kind: 'none' }
	/** Placed on a paper session: the action's index in its log and the orders it made. */
	| { kind: 'placed'; sessionId: string; actionIndex: number; orderIds: string[]; text: string }
	/** Refused by the session's risk manager (the rule and value) or the desk (why). */
	| { kind: 'rejected'; sessionId: string; reason: string; rejection: RiskRejection | null }
	/** Accepted, but no open paper session can take it yet: placed later from the inbox. */
	| { kind: 'queued'; reason: string }
	/** Real mode: kept as a note and shown as a notification; never an order. */
	| { kind: 'noted' };

/** One alert's audit row (the inbox's history). */
export interface AlertRow {
	id: string;
	/** Receipt order across every source (1, 2, …). */
	seq: number;
	sourceId: string;
	sourceName: string;
	via: AlertVia;
	/** Where it was in its input: `alert 2 (line 5)`, `CSV row 3 (line 4)`, with the file's name. */
	label: string;
	receivedAt: number;
	format: AlertInputFormat;
	/** The JSON as received, or null when the text was not a JSON object. */
	payload: AlertPayload | null;
	/** The checked alert, or null with `problems`. */
	alert: Alert | null;
	problems: AlertProblem[];
	signature: SignatureCheck | 'unchecked';
	verdict: Verdict;
	/** The verdict in words: "accepted (#3)", "duplicate of #2 (same id, received 14:03:05)". */
	verdictText: string;
	outcome: AlertOutcome;
	/** The orders it placed as stored with executions (`<session id>:<order id>`), for the trade's lineage. */
	orderIds: string[];
}

/** What a level alert watches: an open trade (its position), or a symbol's price. */
export type LevelTarget = { kind: 'trade'; tradeId: string; quantity: number } | { kind: 'symbol' };

/**
 * A take-profit, stop-loss or price-cross alert: the level as set, what it was measured from, the
 * trigger price, and what became of it. Prices after `armedFrom` are watched (core/prices watchLevel).
 */
export interface LevelAlertRow {
	id: string;
	symbol: string;
	target: LevelTarget;
	spec: LevelSpec;
	reference: LevelReference;
	level: Level;
	/** Epoch ms: prices after it count (the trade's entry, or the last bar known when set). */
	armedFrom: number;
	status: 'armed' | 'triggered' | 'cancelled';
	/** The first trusted crossing, once triggered. */
	trigger: Crossing | null;
	/** Crossings too doubtful to trigger (low confidence), with their reasons. */
	doubts: Crossing[];
	/** Order of triggers (and doubts) as they were found: the UI notifies those after the last it saw. */
	eventSeq: number;
	note: string;
	createdAt: number;
	/** When it triggered or was cancelled; null while armed. */
	endedAt: number | null;
}

/** A price the trader typed for a symbol at a time: a price source beside bar files and alerts. */
export interface PriceMarkRow {
	id: string;
	symbol: string;
	price: number;
	time: number;
	createdAt: number;
}

/** A signal of a scheduled scan's run, and whether it was placed on the desk. */
export interface ScanSignal {
	symbol: string;
	timeframeLabel: string;
	/** The signal bar's open time, epoch ms. */
	time: number;
	decision: 'BUY' | 'SELL';
	confidence: number;
	entry: number | null;
	stop: number | null;
	target: number | null;
	/** Placed on the desk's session (paper, when the schedule places orders): its orders, or why not. */
	placed: { sessionId: string; orderIds: string[] } | { refused: string } | null;
}

/** One run of a schedule: ran (its new signals), missed (the app was closed), or failed (why). */
export interface ScanRun {
	slot: number;
	at: number;
	kind: 'ran' | 'missed' | 'failed';
	message: string;
	signals: ScanSignal[];
}

/**
 * A scheduled scan: the signal generator (its parameters as the Signals page takes them) over
 * some symbols' bars (every symbol with bars when null), at its timing, while the app is open.
 */
export interface ScanScheduleRow {
	id: string;
	name: string;
	timing: ScheduleTiming;
	params: SignalParamsInput;
	symbols: string[] | null;
	timeframe: Timeframe | null;
	/** Paper mode: place each new signal on the desk's session (this many units), or null: notify only. */
	placeOrders: { quantity: number } | null;
	enabled: boolean;
	createdAt: number;
	/** The last slot run or missed (null before any). */
	lastSlot: number | null;
	/** The latest runs, newest first (at most 20). */
	runs: ScanRun[];
	/** Each symbol's last bar time scanned: signals on later bars are new. */
	seen: Record<string, number>;
}

/** An alert source: its rules and secret (never exported unless asked), and its gate's memory. */
export interface AlertSourceRow {
	id: string;
	name: string;
	/** The gate's settings, the HMAC secret among them. */
	settings: SourceSettings;
	/** What the gate remembers (ids, recent contents, the rate window); `settings` is the row's. */
	gate: GateState;
	createdAt: number;
	updatedAt: number;
}

/**
 * A backtest run: what ran (the definition as it was, its version), over which bars (symbol,
 * timeframe, first and last bar time, the bars' hash), with which settings, and what came of it.
 * Its executions are executions of the paper database under the import row `importId`.
 */
export interface BacktestRunRow {
	id: string;
	strategyId: string;
	version: number;
	/** The definition that ran, as it was (the strategy may have changed or gone since). */
	definition: StrategyDefinition;
	/** The primary symbol (the first of `symbols`). */
	symbol: string;
	/** Every symbol run, the primary first; absent when it ran one symbol (and in runs stored before several could run). */
	symbols?: string[];
	/** Each symbol's closed trades and net P&L; absent with one symbol (the metrics hold them). */
	bySymbol?: SymbolFigures[];
	/** Null: the bars as imported (their finest spacing); else the timeframe resampled to. */
	timeframe: Timeframe | null;
	timeframeMs: number;
	/** `1m`, `5m`, `1D`: what the bars were. */
	timeframeLabel: string;
	/** Open time of the first and of the last bar run; epoch ms, UTC. */
	firstBarTime: number;
	lastBarTime: number;
	bars: number;
	/** SHA-256 (hex) of the bars run, packed as columns (see engine-strategy.ts `barHash`). */
	barHash: string;
	broker: BrokerConfig;
	risk: RiskConfig;
	/** Epoch ms, UTC. */
	createdAt: number;
	/** The import row the run's executions are stored under. */
	importId: string;
	metrics: BacktestMetrics;
	trades: BacktestTrade[];
	/** The equity curve (dollars) at `equityTime` (epoch ms): every bar, or thinned to its extremes. */
	equityTime: Float64Array;
	equity: Float64Array;
}

/**
 * A stored instrument record (docs/instruments.md): the user's edit in Settings (`user`) or what
 * an import revealed (`import`), keyed by its canonical symbol. The starter list stays in code;
 * a user record of a starter symbol overrides it, and removing that record brings it back.
 */
export type InstrumentRow = Instrument & {
	source: 'user' | 'import';
	/** The imports that revealed an `import` record (undoing the last of them removes it); [] for the user's. */
	importIds: string[];
};

/** One holding of a positions snapshot, in Fillbook's terms (its account resolved). */
export interface SnapshotPositionRow {
	/** accountId(broker, number) of an account of this mode. */
	accountId: string;
	/** Upper case, as executions store it. */
	symbol: string;
	assetClass: AssetClass;
	/** Units, signed: + long, − short; 0 = listed flat. */
	quantity: number;
	/** The broker's average cost per unit; null when the file has none. */
	avgCost: number | null;
	/** ISO 4217 code when the file says; null: the account's currency. */
	currency: string | null;
}

/**
 * A broker's positions snapshot as imported (docs/reconcile.md): a fact, one row per file. The
 * same bytes (`hash`) are stored once per mode; deleting the row undoes the import.
 */
export interface PositionSnapshotRow {
	id: string;
	/** When it was imported; epoch ms, UTC. */
	importedAt: number;
	/** The instant the positions are of (the end of `asOfDate` in `zone`); epoch ms, UTC. */
	asOf: number;
	/** `YYYY-MM-DD`: the day the file (or the user) says. */
	asOfDate: string;
	/** The broker's zone the day is read in. */
	zone: string;
	/** The positions format's id (`das-positions`, `ibkr-flex-positions`…). */
	formatId: string;
	formatLabel: string;
	/** Who says it, as the explanations name it. */
	broker: string;
	fileName: string;
	/** SHA-256 (hex) of the file's bytes. */
	hash: string;
	/** The accounts the snapshot covers (their positions not listed are flat at the broker). */
	accountIds: string[];
	rows: SnapshotPositionRow[];
}

/** The database name of a mode. Paper and real never share a database. */
export function dbName(mode: Mode): string {
	return `fillbook-${mode}`;
}

/**
 * One schema class for both modes' databases. Every schema change is a new `version(n)` with an
 * `upgrade()` where data moves, and a spec that opens the previous version with data.
 */
export class FillbookDb extends Dexie {
	accounts!: EntityTable<Account, 'id'>;
	meta!: EntityTable<MetaRow, 'key'>;
	imports!: EntityTable<ImportRow, 'id'>;
	executionChunks!: Table<ExecutionChunkRow, number>;
	journalTrades!: EntityTable<JournalTrade, 'id'>;
	barChunks!: Table<BarChunkRow, number>;
	barAlternates!: Table<BarAlternateRow, number>;
	barPreferences!: EntityTable<BarPreferenceRow, 'symbol'>;
	annotations!: EntityTable<Annotation, 'tradeId'>;
	deletedExecutions!: EntityTable<DeletedExecution, 'id'>;
	matchDecisions!: EntityTable<MatchDecisionRow, 'id'>;
	matchRuns!: EntityTable<MatchRunRow, 'id'>;
	paperSessions!: EntityTable<PaperSessionRow, 'id'>;
	paperActions!: EntityTable<PaperActionRow, 'id'>;
	executionEdits!: EntityTable<ExecutionEditRow, 'id'>;
	strategies!: EntityTable<StrategyRow, 'id'>;
	strategyVersions!: EntityTable<StrategyVersionRow, 'id'>;
	backtestRuns!: EntityTable<BacktestRunRow, 'id'>;
	alertSources!: EntityTable<AlertSourceRow, 'id'>;
	alerts!: EntityTable<AlertRow, 'id'>;
	levelAlerts!: EntityTable<LevelAlertRow, 'id'>;
	priceMarks!: EntityTable<PriceMarkRow, 'id'>;
	scanSchedules!: EntityTable<ScanScheduleRow, 'id'>;
	instruments!: EntityTable<InstrumentRow, 'symbol'>;
	positionSnapshots!: EntityTable<PositionSnapshotRow, 'id'>;

	constructor(
		readonly mode: Mode,
		options?: ConstructorParameters<typeof Dexie>[1]
	) {
		super(dbName(mode), options);
		this.version(1).stores({
			accounts: 'id, broker, createdAt',
			meta: 'key'
		});
		// v2: imports. New tables only; nothing moves.
		this.version(2).stores({
			imports: 'id, importedAt, hash',
			executionChunks: '++key, importId, firstTime',
			journalTrades: 'id, importId, openTime, symbol',
			barChunks: '++key, importId, symbol, [symbol+firstTime]'
		});
		// v3: the journal (annotations by trade id) and deleted executions. New tables only.
		this.version(3).stores({
			annotations: 'tradeId, updatedAt, *tags, strategy',
			deletedExecutions: 'id, deletedAt'
		});
		// v4: execution chunks keep ids as two 32-bit halves and pack order ids and broker
		// execution ids into one string per column (a third of the cost of storing a chunk).
		this.version(4)
			.stores({})
			.upgrade((tx) =>
				tx
					.table<ExecutionChunkRow | ExecutionChunkV3, number>('executionChunks')
					.toCollection()
					.modify((chunk, ref) => {
						if (isChunkV3(chunk))
							ref.value = { ...upgradeChunkV3(chunk), key: (chunk as { key?: number }).key };
					})
			);
		// v5: matching (decisions and the runs' audit trail). New tables only.
		this.version(5).stores({
			matchDecisions: 'id, journalId, at, runId',
			matchRuns: 'id, at'
		});
		// v6: paper-trading replay sessions (their settings and action logs). New table only.
		this.version(6).stores({
			paperSessions: 'id, createdAt, importId'
		});
		// v7: execution edits (corrections of single executions, by execution id). New table only.
		this.version(7).stores({
			executionEdits: 'id, editedAt'
		});
		// v8: a paper session's action log moves out of its row into paperActions, one row per
		// action, so a step appends instead of rewriting the whole log.
		this.version(8)
			.stores({ paperActions: 'id, [sessionId+index]' })
			.upgrade(async (tx) => {
				type V7Row = PaperSessionRow & { actions?: PaperAction[] };
				const sessions = tx.table<V7Row, string>('paperSessions');
				const log = (await sessions.toArray()).flatMap((row) =>
					(row.actions ?? []).map((action, index) => ({
						id: paperActionId(row.id, index),
						sessionId: row.id,
						index,
						action
					}))
				);
				await tx.table<PaperActionRow, string>('paperActions').bulkAdd(log);
				await sessions.toCollection().modify((row) => {
					row.actionCount = row.actions?.length ?? 0;
					delete row.actions;
				});
			});
		// v9: the strategy lab (strategies, their saved versions, backtest runs). New tables only.
		this.version(9).stores({
			strategies: 'id, updatedAt',
			strategyVersions: 'id, strategyId',
			backtestRuns: 'id, strategyId, createdAt, importId'
		});
		// v10: the alert inbox (sources with their gates, one audit row per alert), level alerts,
		// price marks and scheduled scans. New tables only.
		this.version(10).stores({
			alertSources: 'id, name',
			alerts: 'id, &seq, receivedAt, sourceId, *orderIds',
			levelAlerts: 'id, symbol, status, eventSeq',
			priceMarks: 'id, symbol, time',
			scanSchedules: 'id, createdAt'
		});
		// v11: bars that disagree with stored ones are kept as their import's alternates, with a
		// preferred file per symbol; alerts are found by their symbol. New tables and an index.
		this.version(11).stores({
			barAlternates: '++key, importId, symbol',
			barPreferences: 'symbol, importId',
			alerts: 'id, &seq, receivedAt, sourceId, *orderIds, alert.symbol'
		});
		// v12: the instrument catalogue (the user's records and what imports revealed). New table only.
		this.version(12).stores({
			instruments: 'symbol'
		});
		// v13: broker positions snapshots (reconciliation). New table only.
		this.version(13).stores({
			positionSnapshots: 'id, &hash, importedAt'
		});
	}
}

/** Names of the tables in the current schema, in a stable order for display. */
export const TABLES = [
	'accounts',
	'imports',
	'executionChunks',
	'journalTrades',
	'barChunks',
	'barAlternates',
	'barPreferences',
	'annotations',
	'deletedExecutions',
	'executionEdits',
	'matchDecisions',
	'matchRuns',
	'paperSessions',
	'paperActions',
	'strategies',
	'strategyVersions',
	'backtestRuns',
	'alertSources',
	'alerts',
	'levelAlerts',
	'priceMarks',
	'scanSchedules',
	'instruments',
	'positionSnapshots',
	'meta'
] as const;
export type TableName = (typeof TABLES)[number];
