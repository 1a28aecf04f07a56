/**
 * Backup and restore of one mode's whole database as a single JSON file.
 *
 * The file is canonical: the same data always gives the same bytes (tables in a fixed order, rows
 * in primary-key order, object keys sorted, no export timestamp inside), so backup → restore →
 * backup yields an identical file and two backups can be compared with any diff tool.
 *
 * Values JSON cannot hold are written as tagged objects, so nothing is lost:
 * - typed arrays: `{"$type":"Float64Array","base64":"…"}` (their bytes, little-endian);
 * - NaN, ±Infinity and -0: `{"$type":"number","value":"NaN"}`;
 * - undefined (a property present but unset): `{"$type":"undefined"}`.
 * An object key of the data that starts with `$` (e.g. a journal column called `$type`) is
 * written with one more `$` in front, so it can never be mistaken for a tag.
 *
 * The auto-incremented keys of executionChunks and barChunks are not written: rows are written
 * in key order and re-added in that order, so the restored database has the same order (the key
 * values themselves depend on the database's key generator and mean nothing to the app).
 */
import type { IndexableType, Table } from 'dexie';
import type { Account } from '$lib/core/model/account';
import { upgradeChunkV3, type ExecutionChunk, type ExecutionChunkV3 } from '$lib/core/model/execution-codec';
import type { BarChunk, JournalTrade } from '$lib/core/model/journal';
import { isMode, type Mode } from '$lib/core/model/mode';
import type { Annotation } from '$lib/core/model/annotation';
import { checkExecutionFields } from '$lib/core/trades/execution-edit';
import { ENCODING_LABEL } from '$lib/core/formats/text';
import type {
	DeletedExecution,
	ExecutionEditRow,
	FillbookDb,
	ImportRow,
	MatchDecisionRow,
	MatchRunRow,
	MetaRow,
	PaperActionRow,
	PaperSessionRow
} from './schema';
import { paperActionId } from './schema';
import type { PaperAction } from '$lib/core/paper/session';

/** The `format` field of every backup file. */
export const BACKUP_FORMAT = 'fillbook-backup';
/** The version of the file layout this code writes and reads (not the database schema version). */
export const BACKUP_VERSION = 1;

/** The names of the schema's tables: every property of FillbookDb that is a Dexie table. */
export type BackupTableName = Extract<
	{
		[K in keyof FillbookDb]: FillbookDb[K] extends Table<infer _Row, infer _Key> ? K : never;
	}[keyof FillbookDb],
	string
>;

/** Tables in the order they are written. Fixed for a format version: the order is part of the bytes. */
export const BACKUP_TABLES = [
	'accounts',
	'imports',
	'executionChunks',
	'journalTrades',
	'barChunks',
	'annotations',
	'deletedExecutions',
	'executionEdits',
	'matchDecisions',
	'matchRuns',
	'paperSessions',
	'paperActions',
	'meta'
] as const satisfies readonly BackupTableName[];

// Fails to compile when the schema gains a table the backup does not write.
const _everyTableIsBackedUp: Record<Exclude<BackupTableName, (typeof BACKUP_TABLES)[number]>, never> = {};

/**
 * The newest database schema this file was written against. Schema changes up to 3 only added
 * tables (a backup of an older schema restores with the newer tables empty); schema 4 changed the
 * layout of execution chunks, and readBackup upgrades older backups' chunks as it reads them;
 * schema 5 added the matching tables, schema 6 the paper sessions, schema 7 the execution edits;
 * schema 8 moved a paper session's action log out of its row into paperActions, and readBackup
 * moves older backups' logs the same way. A
 * schema change that moves data must upgrade older backups' rows (or refuse them) and then raise
 * this; backup.spec.ts fails until it does.
 */
export const NEWEST_KNOWN_SCHEMA = 8;

/**
 * The schema version each table first appeared in. A backup of an older schema lacks the newer
 * tables; they are restored empty.
 */
const TABLE_SINCE: Record<BackupTableName, number> = {
	accounts: 1,
	meta: 1,
	imports: 2,
	executionChunks: 2,
	journalTrades: 2,
	barChunks: 2,
	annotations: 3,
	deletedExecutions: 3,
	matchDecisions: 5,
	matchRuns: 5,
	paperSessions: 6,
	executionEdits: 7,
	paperActions: 8
};

/** The row type of each table as it appears in a backup (chunks without their generated key). */
export interface BackupRows {
	accounts: Account;
	imports: ImportRow;
	executionChunks: ExecutionChunk;
	journalTrades: JournalTrade;
	barChunks: BarChunk;
	annotations: Annotation;
	deletedExecutions: DeletedExecution;
	executionEdits: ExecutionEditRow;
	matchDecisions: MatchDecisionRow;
	matchRuns: MatchRunRow;
	paperSessions: PaperSessionRow;
	paperActions: PaperActionRow;
	meta: MetaRow;
}

export type BackupTables = { [K in BackupTableName]: BackupRows[K][] };
export type BackupCounts = Record<BackupTableName, number>;

/** A backup read and checked by {@link readBackup}. */
export interface Backup {
	format: typeof BACKUP_FORMAT;
	version: typeof BACKUP_VERSION;
	/** The mode the backup was made in. Informational: it may be restored into either mode. */
	mode: Mode;
	/** The database schema version (FillbookDb's `verno`) the rows follow. */
	schemaVersion: number;
	tables: BackupTables;
}

/** A backup that cannot be written or restored, with a message fit for the user. */
export class BackupError extends Error {
	override name = 'BackupError';
}

/** Tables whose primary key is generated on add and therefore not written. */
const GENERATED_KEYS: ReadonlySet<BackupTableName> = new Set(['executionChunks', 'barChunks']);

/** Rows read per query while exporting: chunks are megabytes each, other rows are small. */
const PAGE_ROWS: Record<BackupTableName, number> = {
	accounts: 2000,
	imports: 200,
	executionChunks: 2,
	journalTrades: 2000,
	barChunks: 8,
	annotations: 2000,
	deletedExecutions: 2000,
	executionEdits: 2000,
	matchDecisions: 2000,
	// A run holds its whole result: large for large journals.
	matchRuns: 4,
	paperSessions: 200,
	paperActions: 2000,
	meta: 2000
};

/**
 * Every row of the database's mode in one JSON file, read in one transaction (a consistent
 * snapshot even while other tabs write). Built as many small strings so that no single string
 * holds the whole file.
 * @throws BackupError when a stored value has a type the format cannot represent (e.g. a Date).
 */
export async function exportBackup(db: FillbookDb): Promise<Blob> {
	// A table this code does not know would be silently missing from the file: refuse instead.
	const unknown = db.tables.map((t) => t.name).filter((name) => !isBackupTable(name));
	if (unknown.length > 0)
		throw new BackupError(
			`Backups do not cover the ${unknown.join(', ')} table(s) yet; nothing was exported.`
		);
	const parts: string[] = [];
	await db.transaction(
		'r',
		BACKUP_TABLES.map((name) => tableOf(db, name)),
		async () => {
			parts.push(
				`{"format":${JSON.stringify(BACKUP_FORMAT)},"version":${BACKUP_VERSION},` +
					`"mode":${JSON.stringify(db.mode)},"schemaVersion":${db.verno},"tables":{`
			);
			for (const [t, name] of BACKUP_TABLES.entries()) {
				parts.push(`${t === 0 ? '' : ','}${JSON.stringify(name)}:[`);
				let index = 0;
				await eachRow(tableOf(db, name), PAGE_ROWS[name], (row) => {
					const kept = GENERATED_KEYS.has(name) ? withoutKey(row) : row;
					parts.push((index === 0 ? '' : ',') + encode(kept, `${name}[${index}]`));
					index++;
				});
				parts.push(']');
			}
			parts.push('}}\n');
		}
	);
	return new Blob(parts, { type: 'application/json' });
}

/**
 * A suggested file name for a backup made at `at` (epoch ms), dated in the local time zone, e.g.
 * `fillbook-paper-backup-2026-11-21.json`. The date is in the name, never in the file.
 */
export function backupFileName(mode: Mode, at: number): string {
	const d = new Date(at);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `fillbook-${mode}-backup-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.json`;
}

/** Rows per table of a backup (for the confirmation before restoring). */
export function backupCounts(backup: Backup): BackupCounts {
	const counts = {} as BackupCounts;
	for (const name of BACKUP_TABLES) counts[name] = backup.tables[name].length;
	return counts;
}

/**
 * Parses and checks a backup file's text: format, version, mode, every table and every row's
 * fields (typed-array columns of the right type and length, dictionary codes in range, unique
 * primary keys). Never throws: a bad file gives a reason naming what is wrong and where.
 */
export function readBackup(text: string): { ok: true; backup: Backup } | { ok: false; reason: string } {
	try {
		return { ok: true, backup: parseBackup(text) };
	} catch (error) {
		if (error instanceof BackupError) return { ok: false, reason: error.message };
		// Anything else is a bug in the checks, not in the file; still answer rather than throw.
		return { ok: false, reason: `The file could not be read: ${String(error)}` };
	}
}

/**
 * Replaces all of the mode's data with the backup's, in one transaction over every table: either
 * the database ends up exactly as the backup, or (any failure: quota, a closed tab, a crash)
 * exactly as it was. Nothing is merged: rows absent from the backup are gone afterwards.
 *
 * The backup's `mode` is not checked: a paper backup may be restored into real mode and the
 * other way round (e.g. to rehearse on a copy of real data). Rows carry no mode, so nothing needs
 * converting; the caller decides whether to allow it and warns the user.
 *
 * The backup's rows are not modified (they are copied before adding), so one backup can be
 * restored more than once.
 * A backup of an older schema is restored with the tables it lacks left empty (see
 * {@link NEWEST_KNOWN_SCHEMA}); one of a newer schema is refused.
 * @throws BackupError when the backup's schema is newer than `db`'s, or older and not upgradable.
 */
export async function restoreBackup(db: FillbookDb, backup: Backup): Promise<BackupCounts> {
	if (backup.schemaVersion > db.verno)
		throw new BackupError(
			`The backup was made by a newer Fillbook (database schema ${backup.schemaVersion}; this one uses ${db.verno}). Update Fillbook, then restore it.`
		);
	// Older rows are current rows only as far as this code knows the schema's history.
	if (backup.schemaVersion < db.verno && db.verno > NEWEST_KNOWN_SCHEMA)
		throw new BackupError(
			`The backup uses database schema ${backup.schemaVersion}, which this Fillbook (schema ${db.verno}) cannot upgrade.`
		);
	return db.transaction(
		'rw',
		BACKUP_TABLES.map((name) => tableOf(db, name)),
		async () => {
			const counts = {} as BackupCounts;
			for (const name of BACKUP_TABLES) {
				const table = tableOf(db, name);
				await table.clear();
				const rows: object[] = backup.tables[name];
				// Copies: Dexie may write generated keys into the objects it adds.
				const copies = rows.map((row) => (GENERATED_KEYS.has(name) ? withoutKey(row) : { ...row }));
				if (copies.length > 0) await table.bulkAdd(copies);
				counts[name] = copies.length;
			}
			return counts;
		}
	);
}

// ---------------------------------------------------------------------------------------------
// Tables

/** A table by name, typed loosely: the backup code handles every table's rows alike. */
function isBackupTable(name: string): name is BackupTableName {
	return (BACKUP_TABLES as readonly string[]).includes(name);
}

function tableOf(db: FillbookDb, name: BackupTableName): Table<object, IndexableType> {
	// The tables' precise row types differ; as plain objects they are all the same to this code.
	return db[name] as unknown as Table<object, IndexableType>;
}

/** Visits every row in primary-key order, reading `page` rows per query. */
async function eachRow(
	table: Table<object, IndexableType>,
	page: number,
	visit: (row: object) => void
): Promise<void> {
	const keyPath = table.schema.primKey.keyPath;
	if (typeof keyPath !== 'string') throw new BackupError(`Table ${table.name} has a compound key.`);
	let rows = await table.toCollection().limit(page).toArray();
	while (rows.length > 0) {
		for (const row of rows) visit(row);
		if (rows.length < page) break;
		const last = (rows[rows.length - 1] as Record<string, IndexableType>)[keyPath]!;
		rows = await table.where(':id').above(last).limit(page).toArray();
	}
}

function withoutKey(row: object): object {
	const { key: _key, ...rest } = row as { key?: unknown };
	return rest;
}

// ---------------------------------------------------------------------------------------------
// Encoding

const TYPED_ARRAYS = {
	Int8Array,
	Uint8Array,
	Uint8ClampedArray,
	Int16Array,
	Uint16Array,
	Int32Array,
	Uint32Array,
	Float32Array,
	Float64Array
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;
type AnyTypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>;

const isTypedArrayName = (name: string): name is TypedArrayName => Object.hasOwn(TYPED_ARRAYS, name);

/** The file stores typed arrays little-endian; big-endian hosts swap bytes both ways. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** One value as canonical JSON text (see the module comment). `path` names it in errors. */
function encode(value: unknown, path: string): string {
	switch (typeof value) {
		case 'string':
			// JSON.stringify escapes lone surrogates, so any JS string survives the UTF-8 file.
			return JSON.stringify(value);
		case 'boolean':
			return value ? 'true' : 'false';
		case 'number':
			if (Number.isFinite(value) && !Object.is(value, -0)) return JSON.stringify(value);
			return `{"$type":"number","value":${JSON.stringify(Object.is(value, -0) ? '-0' : String(value))}}`;
		case 'undefined':
			return '{"$type":"undefined"}';
		case 'object': {
			if (value === null) return 'null';
			if (Array.isArray(value)) {
				const items: string[] = [];
				// An index loop, not map(): map skips holes, which would shift nothing but lose them.
				for (let i = 0; i < value.length; i++) items.push(encode(value[i] as unknown, `${path}[${i}]`));
				return `[${items.join(',')}]`;
			}
			const tag = Object.prototype.toString.call(value).slice(8, -1);
			if (ArrayBuffer.isView(value) && isTypedArrayName(tag))
				return `{"$type":"${tag}","base64":"${toBase64(bytesOf(value as AnyTypedArray))}"}`;
			if (isPlainObject(value)) {
				const record = value as Record<string, unknown>;
				const fields = Object.keys(record)
					.sort()
					.map((key) => {
						const written = key.startsWith('$') ? `$${key}` : key;
						return `${JSON.stringify(written)}:${encode(record[key], `${path}.${key}`)}`;
					});
				return `{${fields.join(',')}}`;
			}
			throw new BackupError(`Cannot back up ${path}: a ${tag} is not a value backups can hold.`);
		}
		default:
			throw new BackupError(`Cannot back up ${path}: a ${typeof value} is not a value backups can hold.`);
	}
}

/** True for `{}`-like objects, from this realm or another (IndexedDB may clone across realms). */
function isPlainObject(value: object): boolean {
	const proto: unknown = Object.getPrototypeOf(value);
	return (
		proto === null ||
		(Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]')
	);
}

/** The bytes of a typed array in file (little-endian) order. */
function bytesOf(view: AnyTypedArray): Uint8Array {
	const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
	return LITTLE_ENDIAN ? bytes : swapBytes(bytes, view.BYTES_PER_ELEMENT);
}

function swapBytes(bytes: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(bytes.length);
	for (let i = 0; i < bytes.length; i += size)
		for (let j = 0; j < size; j++) out[i + j] = bytes[i + size - 1 - j]!;
	return out;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_CODES = Uint8Array.from(BASE64, (c) => c.charCodeAt(0));
const BASE64_VALUES = (() => {
	const values = new Int8Array(128).fill(-1);
	for (let i = 0; i < BASE64.length; i++) values[BASE64.charCodeAt(i)] = i;
	return values;
})();
const PAD = 61; // '='

/** Standard base64 with padding. Written as ASCII bytes and decoded once: fast for megabytes. */
export function toBase64(bytes: Uint8Array): string {
	const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
	let o = 0;
	let i = 0;
	for (; i + 2 < bytes.length; i += 3) {
		const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
		out[o++] = BASE64_CODES[n >> 18]!;
		out[o++] = BASE64_CODES[(n >> 12) & 63]!;
		out[o++] = BASE64_CODES[(n >> 6) & 63]!;
		out[o++] = BASE64_CODES[n & 63]!;
	}
	const rest = bytes.length - i;
	if (rest > 0) {
		const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
		out[o++] = BASE64_CODES[n >> 18]!;
		out[o++] = BASE64_CODES[(n >> 12) & 63]!;
		out[o++] = rest === 2 ? BASE64_CODES[(n >> 6) & 63]! : PAD;
		out[o++] = PAD;
	}
	return new TextDecoder().decode(out);
}

/** Decodes standard padded base64; null when the text is not exactly that. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
	if (text.length % 4 !== 0) return null;
	const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
	const out = new Uint8Array((text.length / 4) * 3 - padding);
	let o = 0;
	for (let i = 0; i < text.length; i += 4) {
		let n = 0;
		for (let j = 0; j < 4; j++) {
			const code = text.charCodeAt(i + j);
			const last = i + 4 === text.length;
			if (code === PAD && last && j >= 4 - padding) {
				n <<= 6;
				continue;
			}
			const v = code < 128 ? BASE64_VALUES[code]! : -1;
			if (v < 0) return null;
			n = (n << 6) | v;
		}
		if (o < out.length) out[o++] = n >> 16;
		if (o < out.length) out[o++] = (n >> 8) & 255;
		if (o < out.length) out[o++] = n & 255;
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Decoding and checking

function fail(message: string): never {
	throw new BackupError(message);
}

function parseBackup(text: string): Backup {
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
function decode(value: unknown, path: string): unknown {
	if (Array.isArray(value)) return value.map((item: unknown, i) => decode(item, `${path}[${i}]`));
	if (!isRecord(value)) return value;
	if ('$type' in value) return decodeTagged(value, path);
	const out: Record<string, unknown> = {};
	for (const [written, item] of Object.entries(value)) {
		if (written.startsWith('$') && !written.startsWith('$$'))
			fail(`${path}: unexpected key ${JSON.stringify(written)} (keys starting with "$" are reserved).`);
		const key = written.startsWith('$') ? written.slice(1) : written;
		const decoded = decode(item, `${path}.${key}`);
		// A data key "__proto__" must stay a key, not replace the object's prototype.
		if (key === '__proto__')
			Object.defineProperty(out, key, {
				value: decoded,
				enumerable: true,
				writable: true,
				configurable: true
			});
		else out[key] = decoded;
	}
	return out;
}

function decodeTagged(value: Record<string, unknown>, path: string): unknown {
	const type = value.$type;
	const extra = (allowed: string[]) =>
		Object.keys(value).find((key) => key !== '$type' && !allowed.includes(key));
	if (type === 'undefined') {
		if (extra([]) === undefined) return undefined;
	} else if (type === 'number') {
		if (extra(['value']) === undefined) {
			const number = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 }[String(value.value)];
			if (number === undefined || typeof value.value !== 'string')
				fail(
					`${path}: ${JSON.stringify(value.value)} is not a special number (NaN, Infinity, -Infinity, -0).`
				);
			return number;
		}
	} else if (typeof type === 'string' && isTypedArrayName(type)) {
		if (extra(['base64']) === undefined) {
			const base64 = value.base64;
			const bytes = typeof base64 === 'string' ? fromBase64(base64) : null;
			if (bytes === null) fail(`${path}: the ${type}'s base64 data is corrupted.`);
			const Ctor = TYPED_ARRAYS[type];
			if (bytes.length % Ctor.BYTES_PER_ELEMENT !== 0)
				fail(
					`${path}: ${bytes.length} bytes cannot hold a ${type} (${Ctor.BYTES_PER_ELEMENT} bytes a value).`
				);
			const ordered = LITTLE_ENDIAN ? bytes : swapBytes(bytes, Ctor.BYTES_PER_ELEMENT);
			return new Ctor(ordered.buffer, 0, ordered.length / Ctor.BYTES_PER_ELEMENT);
		}
	} else {
		fail(`${path}: unknown value type ${JSON.stringify(type)}.`);
	}
	fail(`${path}: unexpected key ${JSON.stringify(extra(['value', 'base64']))} in a ${String(type)} value.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a value is, for messages. */
function kind(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'a list';
	if (ArrayBuffer.isView(value)) return `a ${Object.prototype.toString.call(value).slice(8, -1)}`;
	if (typeof value === 'string')
		return `text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
	if (typeof value === 'number') return `the number ${String(value)}`;
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

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
		importedAt: number
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
	barChunks: shape({
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
	}),
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
	meta: 'key'
};
