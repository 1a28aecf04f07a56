/**
 * Reading a backup file: its JSON, its header, every table and every row's fields (typed-array
 * columns of the right type and length, dictionary codes in range, unique primary keys), and the
 * rows of older schemas brought up to today's. Nothing in the file is trusted.
 */
import { upgradeChunkV3, type ExecutionChunkV3 } from '$lib/core/model/execution-codec';
import { isMode } from '$lib/core/model/mode';
import type { PaperAction } from '$lib/core/paper/session';
import { checkExecutionFields } from '$lib/core/trades/execution-edit';
import { ENCODING_LABEL } from '$lib/core/formats/text';
import { strategyProblem, type StrategyDefinition } from '$lib/core/strategy/types';
import { instrumentProblem, SESSIONS, type Instrument } from '$lib/core/instruments';
import {
	BACKUP_FORMAT,
	BACKUP_TABLES,
	BACKUP_VERSION,
	isBackupTable,
	TABLE_SINCE,
	type Backup,
	type BackupTableName,
	type BackupTables
} from './backup-format';
import { decode, fail, isRecord, kind, TYPED_ARRAYS, type TypedArrayName } from './backup-codec';
import { paperActionId, type ExecutionEditRow, type PaperActionRow, type PaperSessionRow } from './schema';

/** The backup in `text`, checked; throws BackupError naming what is wrong and where. */
export function parseBackup(text: string): Backup {
	if (typeof text !== 'string') fail('The file could not be read as text.');
	if (text.trim() === '') fail('The file is empty.');
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		if (!text.trimEnd().endsWith('}'))
			fail(`The file is incomplete (it ends before the backup does; was it truncated?): ${detail}`);
		fail(`The file is not valid JSON (it may be corrupted): ${detail}`);
	}
	if (!isRecord(json) || json.format !== BACKUP_FORMAT)
		fail(
			isRecord(json) && 'format' in json
				? `This is not a Fillbook backup: its format is ${JSON.stringify(json.format)}, not "${BACKUP_FORMAT}".`
				: 'This is not a Fillbook backup: it has no "format": "fillbook-backup" header.'
		);
	const { version, mode, schemaVersion, tables } = json;
	if (typeof version === 'number' && Number.isInteger(version) && version > BACKUP_VERSION)
		fail(
			`The backup was made by a newer Fillbook (backup format ${version}; this one reads format ${BACKUP_VERSION}). Update Fillbook, then restore it.`
		);
	if (version !== BACKUP_VERSION)
		fail(`Unsupported backup format version ${JSON.stringify(version)} (expected ${BACKUP_VERSION}).`);
	if (!isMode(mode)) fail(`The backup's mode is ${JSON.stringify(mode)}; expected "paper" or "real".`);
	if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1)
		fail(`The backup's schemaVersion is ${JSON.stringify(schemaVersion)}; expected a whole number ≥ 1.`);
	if (!isRecord(tables)) fail('The backup has no "tables" object.');
	for (const name of Object.keys(tables)) {
		if (!isBackupTable(name))
			fail(`The backup has a table this Fillbook does not know: ${JSON.stringify(name)}.`);
		if (TABLE_SINCE[name] > schemaVersion)
			fail(
				`The backup has the ${name} table, which database schema ${schemaVersion} (its stated schema) does not have.`
			);
	}
	const read = {} as Record<BackupTableName, object[]>;
	// Schemas before 8 keep a paper session's log in its row: moved to paperActions as read.
	const logsInRows = schemaVersion < TABLE_SINCE.paperActions;
	const movedActions: PaperActionRow[] = [];
	for (const name of BACKUP_TABLES) {
		// A table newer than the backup's schema: there was nothing to back up.
		const rows = TABLE_SINCE[name] > schemaVersion ? [] : tables[name];
		if (rows === undefined) fail(`The backup lacks the ${name} table.`);
		if (!Array.isArray(rows)) fail(`tables.${name}: expected a list of rows, found ${kind(rows)}.`);
		const keyField = PRIMARY_KEYS[name];
		const seen = new Set<string>();
		read[name] = rows.map((raw: unknown, i) => {
			const at = `tables.${name}[${i}]`;
			const row = decode(raw, at);
			if (!isRecord(row)) fail(`${at}: expected a row (an object), found ${kind(row)}.`);
			const old = name === 'executionChunks' && schemaVersion < 4;
			const oldSession = name === 'paperSessions' && logsInRows;
			const check = old ? CHUNK_V3_CHECK : oldSession ? PAPER_SESSION_V7_CHECK : ROW_CHECKS[name];
			const problem = check(row, row);
			if (problem !== null) fail(`${join(at, problem)}.`);
			// Chunks of schema 3 and before: the same executions in today's layout.
			if (old) return upgradeChunkV3(row as unknown as ExecutionChunkV3);
			if (keyField !== null) {
				const key = row[keyField] as string;
				if (seen.has(key)) fail(`${at}.${keyField}: ${JSON.stringify(key)} appears twice in ${name}.`);
				seen.add(key);
			} else if ('key' in row) {
				fail(`${at}.key: ${name} keys are generated on restore and must not be in the file.`);
			}
			if (!oldSession) return row;
			const upgraded = upgradePaperSessionV7(row);
			movedActions.push(...upgraded.actions);
			return upgraded.row;
		});
	}
	if (logsInRows) read.paperActions = movedActions;
	// The checks above establish every field the row types declare; the casts only name that.
	return {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		mode,
		schemaVersion,
		tables: read as unknown as BackupTables
	};
}

/** Turns the tagged objects of the file back into the values they stand for. */

/** `at` followed by a check's problem, which may start with a deeper path (`.field`, `[i]`). */
function join(at: string, problem: string): string {
	return problem.startsWith('.') || problem.startsWith('[') ? at + problem : `${at}: ${problem}`;
}

/**
 * A field check: null when fine, else the problem (optionally prefixed by a deeper path).
 * `row` is the object holding the field, for checks that depend on a sibling (lengths, dict).
 */
type Check = (value: unknown, row: Record<string, unknown>) => string | null;

const text: Check = (v) => (typeof v === 'string' ? null : `expected text, found ${kind(v)}`);
const number: Check = (v) => (typeof v === 'number' ? null : `expected a number, found ${kind(v)}`);
const count: Check = (v) =>
	typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
		? null
		: `expected a whole number ≥ 0, found ${kind(v)}`;
const orNull =
	(check: Check): Check =>
	(v, row) =>
		v === null ? null : check(v, row);
const oneOf =
	(...options: string[]): Check =>
	(v) =>
		typeof v === 'string' && options.includes(v)
			? null
			: `expected one of ${options.map((o) => JSON.stringify(o)).join(', ')}, found ${kind(v)}`;

/** A list of items, optionally as long as the row's `count`. */
const listOf =
	(item: Check, sameLengthAsCount = false): Check =>
	(v, row) => {
		if (!Array.isArray(v)) return `expected a list, found ${kind(v)}`;
		if (sameLengthAsCount && v.length !== row.count)
			return `expected ${String(row.count)} values (the row's count), found ${v.length}`;
		for (let i = 0; i < v.length; i++) {
			const problem = item(v[i], row);
			if (problem !== null) return join(`[${i}]`, problem);
		}
		return null;
	};

/** Checks of fields rows stored before the field existed lack (see mayLack). */
const MAY_BE_ABSENT = new WeakSet<Check>();

/** A field added to a table later: absent in older rows; when present it passes `check`. */
const mayLack = (check: Check): Check => {
	const wrapped: Check = (v, row) => (v === undefined ? null : check(v, row));
	MAY_BE_ABSENT.add(wrapped);
	return wrapped;
};

/** An object whose fields pass their checks (other fields are allowed and kept). */
const shape =
	(fields: Record<string, Check>): Check =>
	(v) => {
		if (!isRecord(v)) return `expected an object, found ${kind(v)}`;
		for (const [field, check] of Object.entries(fields)) {
			if (!(field in v)) {
				if (MAY_BE_ABSENT.has(check)) continue;
				return `.${field}: missing`;
			}
			const problem = check(v[field], v);
			if (problem !== null) return join(`.${field}`, problem);
		}
		return null;
	};

/** Never passes: with orNull, "null and nothing else". */
const nothing: Check = (v) => `expected null, found ${kind(v)}`;

/** An object whose every value passes `item`. */
const recordOf =
	(item: Check): Check =>
	(v, row) => {
		if (!isRecord(v)) return `expected an object, found ${kind(v)}`;
		for (const [key, value] of Object.entries(v)) {
			const problem = item(value, row);
			if (problem !== null) return join(`.${key}`, problem);
		}
		return null;
	};

/** Any object; its fields are checked by whoever reads it (a paper session's facts replay or fail). */
const anObject: Check = (v) => (isRecord(v) ? null : `expected an object, found ${kind(v)}`);

const recordOfText: Check = (v) => {
	if (!isRecord(v)) return `expected an object, found ${kind(v)}`;
	for (const [key, item] of Object.entries(v))
		if (typeof item !== 'string') return `.${key}: expected text, found ${kind(item)}`;
	return null;
};

/** A typed-array column of exactly `count` values. */
const column =
	(type: TypedArrayName): Check =>
	(v, row) => {
		if (!(v instanceof TYPED_ARRAYS[type])) return `expected a ${type}, found ${kind(v)}`;
		return v.length === row.count
			? null
			: `expected ${String(row.count)} values (the row's count), found ${v.length}`;
	};

/** A Float64Array column as long as the row's `equity` (a backtest run's curve). */
const equityColumn: Check = (v, row) => {
	if (!(v instanceof Float64Array)) return `expected a Float64Array, found ${kind(v)}`;
	const length = row.equity instanceof Float64Array ? row.equity.length : -1;
	return v.length === length ? null : `expected ${length} values (the equity's), found ${v.length}`;
};

/** A strategy definition the lab can run (checked as one typed in the editor). */
const strategyDefinition: Check = (v) =>
	isRecord(v) ? strategyProblem(v as unknown as StrategyDefinition) : `expected an object, found ${kind(v)}`;

/** A dictionary-code column: Uint32 codes that all point into the row's `dict`. */
const codes: Check = (v, row) => {
	const problem = column('Uint32Array')(v, row);
	if (problem !== null) return problem;
	const size = (row.dict as unknown[]).length;
	const bad = (v as Uint32Array).findIndex((code) => code >= size);
	return bad < 0
		? null
		: `[${bad}]: code ${(v as Uint32Array)[bad]} is outside the dictionary (${size} entries)`;
};

/** A packed text column (PackedText) of the row's `count` values. */
const packedText: Check = (v, row) => {
	if (!isRecord(v)) return `expected an object, found ${kind(v)}`;
	if (typeof v.text !== 'string') return `.text: expected text, found ${kind(v.text)}`;
	for (const [field, type] of [
		['end', 'Uint32Array'],
		['present', 'Uint8Array']
	] as const) {
		const problem = column(type)(v[field], row);
		if (problem !== null) return join(`.${field}`, problem);
	}
	const end = v.end as Uint32Array;
	const present = v.present as Uint8Array;
	for (let i = 0, start = 0; i < end.length; start = end[i]!, i++) {
		if (end[i]! < start || end[i]! > v.text.length)
			return `.end[${i}]: ${end[i]} is outside the text (from ${start} to ${v.text.length})`;
		if (present[i]! > 1) return `.present[${i}]: expected 0 or 1, found ${present[i]}`;
		if (present[i] === 0 && end[i] !== start) return `.end[${i}]: a missing value has text`;
	}
	return end.length > 0 && end[end.length - 1] !== v.text.length
		? `.text: ${v.text.length - end[end.length - 1]!} characters after the last value`
		: null;
};

/** The chunk fields every schema's layout has. Order matters: `count` and `dict` come first. */
const CHUNK_FIELDS: Record<string, Check> = {
	count: count,
	importId: text,
	firstTime: number,
	lastTime: number,
	dict: listOf(text),
	time: column('Float64Array'),
	price: column('Float64Array'),
	quantity: column('Float64Array'),
	commission: column('Float64Array'),
	fees: column('Float64Array'),
	brokerPnl: column('Float64Array'),
	multiplier: column('Float64Array'),
	line: column('Uint32Array'),
	side: column('Uint8Array'),
	shortSale: column('Uint8Array'),
	positionEffect: column('Uint8Array'),
	symbol: codes,
	accountId: codes,
	assetClass: codes,
	currency: codes,
	venue: codes
};

/** An execution chunk as schemas 2 and 3 stored it (ids and id columns as lists of text). */
const CHUNK_V3_CHECK: Check = shape({
	...CHUNK_FIELDS,
	id: listOf(
		(v) =>
			typeof v === 'string' && /^[0-9a-f]{16}$/.test(v)
				? null
				: `expected an execution id (16 hex digits), found ${kind(v)}`,
		true
	),
	orderId: listOf(orNull(text), true),
	brokerExecutionId: listOf(orNull(text), true)
});

/** A paper session's fields in every schema (its action log moved to paperActions in schema 8). */
const PAPER_SESSION_FIELDS: Record<string, Check> = {
	id: text,
	symbol: text,
	from: number,
	to: number,
	cursor: number,
	status: oneOf('running', 'stopped'),
	createdAt: number,
	importId: text,
	storedExecutions: number,
	broker: anObject,
	risk: anObject
};

/** A paper session as schemas 6 and 7 stored it: its action log in the row. */
const PAPER_SESSION_V7_CHECK: Check = shape({ ...PAPER_SESSION_FIELDS, actions: listOf(anObject) });

/** A schema 7 session row as schema 8 stores it: the row and its log's rows. */
function upgradePaperSessionV7(row: Record<string, unknown>): {
	row: PaperSessionRow;
	actions: PaperActionRow[];
} {
	const { actions, ...rest } = row as unknown as PaperSessionRow & { actions: PaperAction[] };
	return {
		row: { ...rest, actionCount: actions.length },
		actions: actions.map((action, index) => ({
			id: paperActionId(rest.id, index),
			sessionId: rest.id,
			index,
			action
		}))
	};
}

const rowError = shape({ line: number, column: orNull(text), reason: text, cells: listOf(text) });

/** A chunk of bars, main or kept aside (an import's alternates). */
const BAR_CHUNK = shape({
	count: count,
	importId: text,
	symbol: text,
	timeframeMs: number,
	firstTime: number,
	lastTime: number,
	time: column('Float64Array'),
	open: column('Float64Array'),
	high: column('Float64Array'),
	low: column('Float64Array'),
	close: column('Float64Array'),
	volume: column('Float64Array')
});

/** A tick rule: one fixed tick, or price bands (their values are judged by instrumentProblem). */
const tickRule: Check = (v, row) =>
	isRecord(v) && v.kind === 'bands'
		? shape({ kind: text, bands: listOf(shape({ from: number, tick: number })) })(v, row)
		: shape({ kind: oneOf('fixed', 'bands'), tick: number })(v, row);

/** An instrument record (every field the catalogue reads), usable as the core judges it. */
const INSTRUMENT_FIELDS = shape({
	symbol: text,
	assetClass: oneOf('stock', 'etf', 'future', 'option', 'future_option', 'crypto', 'forex', 'cfd'),
	name: orNull(text),
	exchange: orNull(text),
	currency: text,
	pair: orNull(shape({ base: text, quote: text })),
	multiplier: orNull(number),
	tick: tickRule,
	lotStep: number,
	session: oneOf(...Object.keys(SESSIONS)),
	aliases: listOf(text),
	option: orNull(
		shape({ underlying: text, root: text, expiry: text, strike: number, right: oneOf('call', 'put') })
	),
	source: oneOf('user', 'import'),
	importIds: listOf(text)
});
const instrument: Check = (v, row) => INSTRUMENT_FIELDS(v, row) ?? instrumentProblem(v as Instrument);

/** Checks of every field the app reads, per table. Order matters: `count` and `dict` come first. */
const ROW_CHECKS: Record<BackupTableName, Check> = {
	accounts: shape({ id: text, broker: text, number: text, currency: text, label: text, createdAt: number }),
	imports: shape({
		id: text,
		fileName: text,
		size: number,
		hash: text,
		formatId: text,
		formatLabel: text,
		produces: oneOf('executions', 'journal', 'bars'),
		zone: text,
		accountId: orNull(text),
		tradeDate: orNull(text),
		symbol: orNull(text),
		counts: shape({ rows: number, imported: number, duplicates: number, rejected: number, skipped: number }),
		createdAccounts: listOf(text),
		rejectedRows: listOf(rowError),
		encoding: mayLack(oneOf(...Object.keys(ENCODING_LABEL))),
		warnings: mayLack(listOf(text)),
		importedAt: number,
		strategy: mayLack(text)
	}),
	executionChunks: shape({
		...CHUNK_FIELDS,
		id: (v, row) => {
			if (!(v instanceof Uint32Array)) return `expected a Uint32Array, found ${kind(v)}`;
			const expected = 2 * (row.count as number);
			return v.length === expected
				? null
				: `expected ${expected} values (two halves per execution), found ${v.length}`;
		},
		orderId: packedText,
		brokerExecutionId: packedText
	}),
	journalTrades: shape({
		id: text,
		importId: text,
		accountId: orNull(text),
		symbol: text,
		direction: oneOf('long', 'short'),
		openTime: number,
		closeTime: orNull(number),
		volume: number,
		executionCount: orNull(number),
		entryPrice: orNull(number),
		exitPrice: orNull(number),
		grossPnl: orNull(number),
		netPnl: orNull(number),
		commissions: orNull(number),
		fees: orNull(number),
		initialRisk: orNull(number),
		pnlR: orNull(number),
		notes: text,
		tags: listOf(text),
		raw: recordOfText,
		line: number
	}),
	barChunks: BAR_CHUNK,
	annotations: shape({
		tradeId: text,
		notes: text,
		tags: listOf(text),
		strategy: text,
		mistakes: listOf(text),
		risk: orNull((v) => {
			if (!isRecord(v)) return `expected an object, found ${kind(v)}`;
			if (v.kind === 'money') return shape({ amount: number })(v, v);
			if (v.kind === 'stop') return shape({ price: number })(v, v);
			return `.kind: expected "money" or "stop", found ${kind(v.kind)}`;
		}),
		updatedAt: number
	}),
	deletedExecutions: shape({ id: text, description: text, deletedAt: number }),
	// An edit replaces an execution's fields when trades are built: its values are checked as
	// the engine checks a typed one, so a hand-made file cannot bring a NaN price into the trades.
	executionEdits: (v, row) =>
		shape({
			id: text,
			time: number,
			side: oneOf('buy', 'sell'),
			quantity: number,
			price: number,
			commission: orNull(number),
			fees: orNull(number),
			reason: text,
			editedAt: number
		})(v, row) ??
		checkExecutionFields(row as unknown as ExecutionEditRow)?.replace(/\.$/, '') ??
		null,
	matchDecisions: (v, row) => {
		const problem = shape({
			id: text,
			runId: text,
			journalId: text,
			at: number,
			kind: oneOf('link', 'unlink', 'none', 'reopen')
		})(v, row);
		if (problem !== null) return problem;
		const none = row.kind === 'none' || row.kind === 'reopen';
		return (none ? orNull(nothing) : text)(row.tradeId, row) === null
			? null
			: `.tradeId: expected ${none ? 'null' : 'text'}, found ${kind(row.tradeId)}`;
	},
	matchRuns: shape({
		id: text,
		at: number,
		trigger: oneOf('run', 'decision'),
		settings: shape({
			quantityTolerance: number,
			windowMinutes: number,
			pnlTolerance: number,
			aliases: recordOfText,
			offsetHours: recordOf(number)
		}),
		counts: recordOf(number),
		result: shape({
			matched: listOf(
				shape({
					journalId: text,
					tradeId: text,
					manual: (v) => (typeof v === 'boolean' ? null : `expected true or false, found ${kind(v)}`),
					cost: number,
					pnl: shape({
						journalGross: orNull(number),
						fillsGross: number,
						journalNet: orNull(number),
						fillsNet: orNull(number),
						discrepancy: (v) => (typeof v === 'boolean' ? null : `expected true or false, found ${kind(v)}`)
					})
				})
			),
			ambiguous: listOf(
				shape({
					journalId: text,
					candidates: listOf(
						shape({
							tradeId: text,
							cost: number,
							openDiffMs: number,
							closeDiffMs: orNull(number),
							quantityDiff: number
						})
					)
				})
			),
			unmatchedJournal: listOf(shape({ journalId: text, reason: text })),
			noFills: listOf(text),
			unmatchedTrades: listOf(shape({ tradeId: text, reason: text })),
			offsets: listOf(
				shape({
					importId: text,
					applied: number,
					detected: orNull(number),
					support: number,
					appliedSupport: number,
					of: number
				})
			)
		}),
		added: listOf(listOf(text)),
		removed: listOf(listOf(text)),
		rolledBackAt: orNull(number)
	}),
	// The facts are checked again when the session is opened: its log must replay.
	paperSessions: shape({ ...PAPER_SESSION_FIELDS, actionCount: count, bars: mayLack(count) }),
	paperActions: shape({ id: text, sessionId: text, index: count, action: anObject }),
	strategies: (v, row) =>
		shape({ createdAt: number, updatedAt: number })(v, row) ?? strategyDefinition(v, row),
	strategyVersions: shape({
		id: text,
		strategyId: text,
		version: count,
		definition: strategyDefinition,
		savedAt: number
	}),
	backtestRuns: shape({
		id: text,
		strategyId: text,
		version: count,
		definition: strategyDefinition,
		symbol: text,
		timeframeMs: number,
		timeframeLabel: text,
		firstBarTime: number,
		lastBarTime: number,
		bars: count,
		barHash: text,
		broker: anObject,
		risk: anObject,
		createdAt: number,
		importId: text,
		metrics: anObject,
		trades: listOf(anObject),
		equity: (v) => (v instanceof Float64Array ? null : `expected a Float64Array, found ${kind(v)}`),
		equityTime: equityColumn
	}),
	alertSources: shape({
		id: text,
		name: text,
		settings: shape({
			requireSignature: (v) => (typeof v === 'boolean' ? null : `expected true or false, found ${kind(v)}`),
			secret: orNull(text),
			rateLimit: orNull(shape({ count: count, perMs: number })),
			staleAfterMs: orNull(number),
			dedupeWindowMs: number
		}),
		gate: anObject,
		createdAt: number,
		updatedAt: number
	}),
	alerts: shape({
		id: text,
		seq: count,
		sourceId: text,
		sourceName: text,
		via: oneOf('paste', 'file', 'share'),
		label: text,
		receivedAt: number,
		format: text,
		payload: orNull(anObject),
		alert: orNull(anObject),
		problems: listOf(anObject),
		signature: oneOf('valid', 'missing', 'wrong', 'unchecked'),
		verdict: anObject,
		verdictText: text,
		outcome: anObject,
		orderIds: listOf(text)
	}),
	levelAlerts: shape({
		id: text,
		symbol: text,
		target: anObject,
		spec: shape({
			kind: oneOf('take-profit', 'stop-loss', 'cross-above', 'cross-below'),
			unit: oneOf('price', 'percent', 'r', 'atr'),
			value: number
		}),
		reference: anObject,
		level: shape({ kind: text, price: number, direction: oneOf('up', 'down') }),
		armedFrom: number,
		status: oneOf('armed', 'triggered', 'cancelled'),
		trigger: orNull(anObject),
		doubts: listOf(anObject),
		eventSeq: count,
		note: text,
		createdAt: number,
		endedAt: orNull(number)
	}),
	barAlternates: BAR_CHUNK,
	barPreferences: shape({ symbol: text, importId: text, setAt: number }),
	instruments: instrument,
	positionSnapshots: shape({
		id: text,
		importedAt: number,
		asOf: number,
		asOfDate: text,
		zone: text,
		formatId: text,
		formatLabel: text,
		broker: text,
		fileName: text,
		hash: text,
		accountIds: listOf(text),
		rows: listOf(
			shape({
				accountId: text,
				symbol: text,
				assetClass: oneOf('stock', 'option', 'future', 'future_option', 'forex', 'crypto'),
				quantity: number,
				avgCost: orNull(number),
				currency: orNull(text)
			})
		)
	}),
	priceMarks: shape({ id: text, symbol: text, price: number, time: number, createdAt: number }),
	scanSchedules: shape({
		id: text,
		name: text,
		timing: anObject,
		params: anObject,
		symbols: orNull(listOf(text)),
		timeframe: orNull(oneOf('1m', '5m', '15m', '30m', '1h', '1D')),
		placeOrders: orNull(shape({ quantity: number })),
		enabled: (v) => (typeof v === 'boolean' ? null : `expected true or false, found ${kind(v)}`),
		createdAt: number,
		lastSlot: orNull(number),
		runs: listOf(anObject),
		seen: anObject
	}),
	meta: shape({
		key: text,
		value: (v) =>
			typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
				? null
				: `expected text, a number or true/false, found ${kind(v)}`
	})
};

/** The field holding each table's primary key; null where the key is generated on restore. */
const PRIMARY_KEYS: Record<BackupTableName, string | null> = {
	accounts: 'id',
	imports: 'id',
	executionChunks: null,
	journalTrades: 'id',
	barChunks: null,
	annotations: 'tradeId',
	deletedExecutions: 'id',
	executionEdits: 'id',
	matchDecisions: 'id',
	matchRuns: 'id',
	paperSessions: 'id',
	paperActions: 'id',
	strategies: 'id',
	strategyVersions: 'id',
	backtestRuns: 'id',
	alertSources: 'id',
	alerts: 'id',
	levelAlerts: 'id',
	priceMarks: 'id',
	scanSchedules: 'id',
	barAlternates: null,
	barPreferences: 'symbol',
	instruments: 'symbol',
	positionSnapshots: 'id',
	meta: 'key'
};
