/**
 * Broker positions snapshots and their reconciliation (docs/reconcile.md): a positions file is
 * read whole (they are small: one row per holding), parsed by its core format, its account
 * numbers resolved to the mode's accounts, and stored as one row, or nothing when any row is
 * wrong. Reconciling compares it with the positions the stored executions (as corrected and
 * without the deleted ones: the trades' own table) imply at its instant.
 */
import type {
	PositionsFilePreview,
	PositionsImportOutcome,
	PositionsImportRequest,
	ReconcileAnswer,
	ReconcileApi,
	ReconcileResult,
	ReconcileRow,
	SnapshotSummary
} from './contract';
import type { ManualExecutionInput, Result } from './contract';
import Papa from 'papaparse';
import { tradeDateFromFileName } from '$lib/core/formats/cells';
import {
	detectPositionFormat,
	headerOf,
	POSITION_FORMATS,
	positionFormatById
} from '$lib/core/formats/positions';
import { sampleText } from '$lib/core/formats/text';
import type { RowError } from '$lib/core/formats/types';
import { accountId as makeAccountId, type Account } from '$lib/core/model/account';
import type { Mode } from '$lib/core/model/mode';
import {
	endOfDay,
	impliedPositions,
	reconcile,
	type OpeningBalance,
	type ReconcileStatus
} from '$lib/core/positions/reconcile';
import { instantToWallTime, isValidZone, wallTimeToInstant } from '$lib/core/time/zone';
import { listAccounts } from '$lib/db/accounts';
import { addSnapshot, listSnapshots, removeSnapshot, snapshotById } from '$lib/db/position-snapshots';
import type { FillbookDb, PositionSnapshotRow, SnapshotPositionRow } from '$lib/db/schema';
import { guessDialect } from './csv-stream';
import type { Derived } from './engine-trades';

/** Positions files are a row per holding; anything this big is not one. */
const MAX_BYTES = 20 * 1024 * 1024;
/** Errors listed per refused file (the count says how many more). */
const MAX_ERRORS = 200;

type Write = <T>(task: () => Promise<T>, mode?: Mode) => Promise<T>;

export function createReconcile(
	db: (mode: Mode) => FillbookDb,
	write: Write,
	now: () => number,
	trades: (mode: Mode) => Promise<Derived>,
	addManualExecution: (mode: Mode, input: ManualExecutionInput) => Promise<Result>
): ReconcileApi {
	async function answer(mode: Mode, row: PositionSnapshotRow): Promise<ReconcileAnswer> {
		const [derived, accounts] = await Promise.all([trades(mode), listAccounts(db(mode))]);
		const byId = new Map(accounts.map((a) => [a.id, a]));
		const lines = reconcile(row, impliedPositions(derived.table, row.asOf));
		const counts: Record<ReconcileStatus, number> = {
			matches: 0,
			differs: 0,
			'only-broker': 0,
			'only-fillbook': 0
		};
		const rows: ReconcileRow[] = lines.map((l) => {
			counts[l.status]++;
			const account = byId.get(l.accountId);
			const listed = row.rows.find((r) => r.accountId === l.accountId && r.symbol === l.symbol);
			return {
				...l,
				account: account ? nameOf(account) : l.accountId,
				currency: listed?.currency ?? account?.currency ?? null,
				openingText: l.opening ? openingText(l.opening, row.zone) : null
			};
		});
		return { snapshot: summaryOf(row, byId), rows, counts };
	}

	return {
		async previewPositionsFile(mode: Mode, file: File): Promise<PositionsFilePreview> {
			const rows = await readRows(file);
			const detected = rows.ok ? detectPositionFormat(rows.value) : null;
			const accounts = await listAccounts(db(mode));
			const formats = [...POSITION_FORMATS].sort((a, b) => (a === detected ? -1 : b === detected ? 1 : 0));
			return {
				fileName: file.name,
				formatId: detected?.id ?? null,
				formats: formats.map((f) => ({ id: f.id, label: f.label, needsDate: f.needsDate })),
				header: rows.ok ? headerOf(rows.value).map((h) => h.replace(/^\uFEFF/, '').trim()) : [],
				dateFromName: tradeDateFromFileName(file.name),
				accounts: accounts.map((a) => ({ id: a.id, label: nameOf(a) }))
			};
		},

		async importPositions(mode, file, request: PositionsImportRequest, onProgress) {
			const refuse = (message: string, errors: RowError[] = []): PositionsImportOutcome => ({
				ok: false,
				message,
				errors,
				sameAs: null
			});
			const format = positionFormatById(request.formatId);
			if (!format) return refuse(`${file.name}: "${request.formatId}" is not a positions format.`);
			if (!isValidZone(request.zone)) return refuse(`${file.name}: "${request.zone}" is not a time zone.`);
			const read = await readRows(file);
			if (!read.ok) return refuse(`${file.name}: ${read.reason}. Nothing was stored.`);
			const parsed = format.parse(read.value, {
				fileName: file.name,
				date: request.date,
				mapping: request.mapping
			});
			onProgress?.(read.value.length);
			const accounts = await listAccounts(db(mode));
			const errors = [...parsed.errors];
			const resolved: SnapshotPositionRow[] = [];
			const chosen =
				request.accountId === null ? undefined : accounts.find((a) => a.id === request.accountId);
			if (request.accountId !== null && !chosen)
				return refuse(`${file.name}: the chosen account is not an account of this mode. Nothing was stored.`);
			for (const r of parsed.records) {
				let account: Account | undefined;
				if (r.accountNumber === null) {
					account = chosen;
					if (!account) {
						errors.push({
							line: r.line,
							column: null,
							reason: 'names no account: choose the account of the file'
						});
						continue;
					}
				} else {
					const found = accountFor(accounts, format.broker, r.accountNumber);
					if (!found.ok) {
						errors.push({
							line: r.line,
							column: request.mapping?.account ?? 'Account',
							reason: found.reason
						});
						continue;
					}
					account = found.value;
				}
				resolved.push({
					accountId: account.id,
					symbol: r.symbol,
					assetClass: r.assetClass,
					quantity: r.quantity,
					avgCost: r.avgCost,
					currency: r.currency
				});
			}
			if (errors.length > 0) {
				errors.sort((a, b) => a.line - b.line);
				const listed = errors.slice(0, MAX_ERRORS);
				return refuse(
					`${file.name}: ${errors.length} problem${errors.length === 1 ? '' : 's'} (listed with line, column and reason${errors.length > MAX_ERRORS ? `; the first ${MAX_ERRORS} shown` : ''}). Nothing was stored.`,
					listed
				);
			}
			if (parsed.date === null)
				return refuse(`${file.name}: the positions' day is not known. Nothing was stored.`);
			const asOf = endOfDay(parsed.date, request.zone);
			if (!asOf.ok) return refuse(`${file.name}: ${asOf.reason}. Nothing was stored.`);
			const accountIds = [...new Set(resolved.map((r) => r.accountId))];
			if (accountIds.length === 0 && request.accountId !== null) accountIds.push(request.accountId);
			if (accountIds.length === 0)
				return refuse(
					`${file.name}: no position and no account in it: nothing to reconcile. Nothing was stored.`
				);
			const hash = await sha256(file);
			const row: PositionSnapshotRow = {
				id: crypto.randomUUID(),
				importedAt: now(),
				asOf: asOf.value,
				asOfDate: parsed.date,
				zone: request.zone,
				formatId: format.id,
				formatLabel: format.label,
				broker: format.broker ?? brokerOf(accounts, accountIds),
				fileName: file.name,
				hash,
				accountIds,
				rows: resolved
			};
			const stored = await write(() => addSnapshot(db(mode), row), mode);
			const byId = new Map(accounts.map((a) => [a.id, a]));
			if (!stored.ok)
				return {
					ok: false,
					message: `${file.name} is already stored (the same file, imported ${new Date(stored.sameAs.importedAt).toISOString().slice(0, 10)} as ${stored.sameAs.fileName}). Nothing was stored again.`,
					errors: [],
					sameAs: summaryOf(stored.sameAs, byId)
				};
			return { ok: true, snapshot: summaryOf(row, byId) };
		},

		async positionSnapshots(mode) {
			const [rows, accounts] = await Promise.all([listSnapshots(db(mode)), listAccounts(db(mode))]);
			const byId = new Map(accounts.map((a) => [a.id, a]));
			return rows.map((r) => summaryOf(r, byId));
		},

		deletePositionSnapshot(mode, id) {
			return write(() => removeSnapshot(db(mode), id), mode);
		},

		async reconcileSnapshot(mode, id) {
			const row = await snapshotById(db(mode), id);
			return row ? answer(mode, row) : null;
		},

		async addOpeningBalance(mode, snapshotId, accountId, symbol): Promise<ReconcileResult> {
			const row = await snapshotById(db(mode), snapshotId);
			if (!row) return { ok: false, message: 'The snapshot is no longer stored.' };
			// Worked out again from what is stored now: a second click adds nothing twice.
			const line = (await answer(mode, row)).rows.find(
				(r) => r.accountId === accountId && r.symbol === symbol
			);
			if (!line) return { ok: false, message: `${symbol} is not in this reconciliation.` };
			if (!line.opening)
				return {
					ok: false,
					message:
						line.status === 'matches'
							? `${symbol} already matches.`
							: `No opening balance removes this difference of ${symbol}.`
				};
			return addManualExecution(mode, manualInput(line.opening, row.zone));
		}
	};
}

/** "DAS Trader · TRIB5621 (label)". */
function nameOf(a: Account): string {
	return `${a.broker} · ${a.number}${a.label ? ` (${a.label})` : ''}`;
}

function summaryOf(row: PositionSnapshotRow, accounts: ReadonlyMap<string, Account>): SnapshotSummary {
	return {
		id: row.id,
		fileName: row.fileName,
		formatLabel: row.formatLabel,
		broker: row.broker,
		asOfDate: row.asOfDate,
		zone: row.zone,
		asOf: row.asOf,
		importedAt: row.importedAt,
		accounts: row.accountIds.map((id) => {
			const a = accounts.get(id);
			return a ? nameOf(a) : id;
		}),
		positions: row.rows.filter((r) => r.quantity !== 0).length
	};
}

/**
 * The account a row's number names: the mode's account of the format's broker with that number;
 * for the generic format (no broker), the one account of any broker with that number.
 */
function accountFor(
	accounts: readonly Account[],
	broker: string | null,
	number: string
): { ok: true; value: Account } | { ok: false; reason: string } {
	if (broker !== null) {
		const id = makeAccountId(broker, number);
		const found = accounts.find((a) => a.id === id);
		return found
			? { ok: true, value: found }
			: {
					ok: false,
					reason: `account ${number} at ${broker} is not an account of this mode: import its executions first, or add it in Settings → Accounts`
				};
	}
	const matches = accounts.filter((a) => a.number === number.trim());
	if (matches.length === 1) return { ok: true, value: matches[0]! };
	return {
		ok: false,
		reason:
			matches.length === 0
				? `account ${number} is not an account of this mode: import its executions first, or add it in Settings → Accounts`
				: `account ${number} is at ${matches.length} brokers (${matches.map((a) => a.broker).join(', ')}): leave the account column out and choose the account`
	};
}

/** Who says a generic file's positions: its accounts' broker when they share one. */
function brokerOf(accounts: readonly Account[], ids: readonly string[]): string {
	const brokers = new Set(ids.map((id) => accounts.find((a) => a.id === id)?.broker ?? 'The broker'));
	return brokers.size === 1 ? [...brokers][0]! : 'The file';
}

/** The file's rows, decoded and split as the execution importer reads files. */
async function readRows(
	file: File
): Promise<{ ok: true; value: string[][] } | { ok: false; reason: string }> {
	if (file.size > MAX_BYTES)
		return { ok: false, reason: `it is ${Math.round(file.size / 1048576)} MB, too big for a positions file` };
	const { text } = sampleText(new Uint8Array(await file.arrayBuffer()), true);
	if (text.trim() === '') return { ok: false, reason: 'the file is empty' };
	const { delimiter } = guessDialect(text);
	return {
		ok: true,
		value: Papa.parse<string[]>(text, { delimiter, newline: '\n', skipEmptyLines: false }).data
	};
}

async function sha256(file: Blob): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The manual execution of an opening balance: its instant as wall time in the snapshot's zone,
 * or in UTC when that wall time is ambiguous there (the hour clocks go back).
 */
export function manualInput(o: OpeningBalance, zone: string): ManualExecutionInput {
	const wall = (z: string) => {
		const w = instantToWallTime(o.time, z);
		return {
			w,
			date: `${w.year}-${pad(w.month)}-${pad(w.day)}`,
			time: `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`
		};
	};
	let used = zone;
	const local = wall(zone);
	let { date, time } = local;
	const back = wallTimeToInstant(local.w, zone);
	if (!back.ok || back.value !== o.time) {
		used = 'UTC';
		({ date, time } = wall('UTC'));
	}
	return {
		accountId: o.accountId,
		symbol: o.symbol,
		side: o.side,
		shortSale: o.side === 'sell',
		quantity: o.quantity,
		price: o.price,
		date,
		time,
		zone: used,
		commission: null,
		fees: null
	};
}

/** "Buy 100 AAPL at 190.00 on 2025-03-04 09:29:59 (America/New_York)". */
function openingText(o: OpeningBalance, zone: string): string {
	const m = manualInput(o, zone);
	const verb = o.side === 'buy' ? 'Buy' : 'Sell short';
	const price =
		Math.abs(o.price * 100 - Math.round(o.price * 100)) < 1e-6 ? o.price.toFixed(2) : String(o.price);
	return `${verb} ${Number(o.quantity.toFixed(8))} ${o.symbol} at ${price} on ${m.date} ${m.time} (${m.zone})`;
}
