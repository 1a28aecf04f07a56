/**
 * The import side of the engine: sniff, preview, import (atomic), list, undo. Runs inside the
 * engine worker, the single writer.
 */
import type { ImportOutcome, ImportRequest, ImportsApi, PreviewResult, Progress, SameFile } from './contract';
import { accountId as makeAccountId, type Account } from '$lib/core/model/account';
import type { Mode } from '$lib/core/model/mode';
import type { ExecutionChunk } from '$lib/core/model/execution-codec';
import { BROKER_OF } from '$lib/core/formats';
import { mappedFormat, mappingProblems, type MappingPreset } from '$lib/core/formats/mapped';
import { parsedCounts } from '$lib/core/formats/run';
import type { ParseOptions, RowError } from '$lib/core/formats/types';
import { rejectedByLine } from '$lib/core/import/counts';
import { barConflictWarnings, ImportPlanner } from '$lib/core/import/plan';
import { isValidZone } from '$lib/core/time/zone';
import { accountById, accountIds, listAccounts } from '$lib/db/accounts';
import { commitImport, importsOfFile, listImports, loadStored, undoImport } from '$lib/db/imports';
import { forgetImport } from '$lib/db/instruments';
import type { FillbookDb, ImportRow } from '$lib/db/schema';
import { ImportCancelled, preview, sniff } from './import-read';
import { resolveFormat } from './import-parse';
import { parseForImport, type ImportJob } from './import-parse-client';
import { mergeIntoCatalogue, revealedFacts } from './engine-instruments';

export { resolveFormat, type ImportRequest };

/** Rejected and skipped rows an import's outcome lists (the history keeps more). */
const LISTED = 200;

/** A file-wide warning as the user reads it: `line 1: expected columns not found …`. */
function describeWarning(w: RowError): string {
	return `line ${w.line}: ${w.reason}`;
}

/** Checks a request against the format; returns the parse options or what is wrong. */
function checkRequest(
	request: ImportRequest,
	fileName: string,
	headerRow: readonly string[] | null
): { ok: true; options: ParseOptions } | { ok: false; message: string } {
	const format = resolveFormat(request);
	if (!format) return { ok: false, message: `Unknown format "${request.formatId}".` };
	if (request.formatId === 'mapped' && request.mapping && headerRow) {
		const problems = mappingProblems(request.mapping, headerRow);
		if (problems.length > 0) return { ok: false, message: problems.join(' ') };
	}
	if (!isValidZone(request.zone))
		return { ok: false, message: `"${request.zone}" is not a time zone Fillbook knows.` };
	if (format.needsTradeDate && !request.tradeDate)
		return { ok: false, message: `${format.label} files have no dates: enter the trade date.` };
	if (format.needsSymbol && !request.symbol?.trim())
		return { ok: false, message: `${format.label} files do not name the symbol: enter it.` };
	if (request.newAccountCurrency !== null && !/^[A-Z]{3}$/.test(request.newAccountCurrency))
		return { ok: false, message: 'The currency for new accounts must be a three-letter code such as USD.' };
	return {
		ok: true,
		options: {
			fileName,
			zone: request.zone,
			tradeDate: request.tradeDate,
			symbol: request.symbol?.trim().toUpperCase() ?? null
		}
	};
}

export function createImports(
	db: (mode: Mode) => FillbookDb,
	write: <T>(task: () => Promise<T>, mode?: Mode) => Promise<T>,
	now: () => number,
	/** Called in the import's turn after bars of `symbols` were stored (the level alerts watch them). */
	afterBars: (mode: Mode, symbols: string[]) => Promise<unknown> = () => Promise.resolve()
): ImportsApi {
	const running = new Map<string, ImportJob>();

	return {
		/** Detects the format of a file; the user's saved presets are tried first. */
		sniffFile(_mode: Mode, file: File, presets: MappingPreset[] = []) {
			return sniff(
				file,
				presets.map((p) => mappedFormat(p.mapping, p))
			);
		},

		async previewFile(mode: Mode, file: File, request: ImportRequest): Promise<PreviewResult> {
			const checked = checkRequest(request, file.name, (await sniff(file)).sample[0] ?? null);
			const format = resolveFormat(request);
			if (!checked.ok || !format)
				return {
					ok: false,
					message: checked.ok ? 'Unknown format.' : checked.message,
					rows: [],
					errors: [],
					warnings: [],
					encoding: null,
					decimal: null,
					newAccounts: []
				};
			const result = await preview(file, format, checked.options);
			const known = await accountIds(db(mode));
			const broker = request.preset?.name ?? BROKER_OF[format.id] ?? format.label;
			const newAccounts = [
				...new Set(
					result.rows.map((r) => r.cells.Account).filter((n): n is string => !!n && n !== '(chosen)')
				)
			].filter((n) => !known.has(makeAccountId(broker, n)));
			return {
				ok: true,
				message: null,
				rows: result.rows,
				errors: result.errors,
				warnings: result.warnings.map(describeWarning),
				encoding: result.encoding,
				decimal: result.decimal,
				newAccounts
			};
		},

		/**
		 * Imports a file: parse (streaming, cancellable, in a worker of its own) while the engine
		 * plans what is parsed (ids, duplicates, accounts), then one transaction. Cancelling or any
		 * failure leaves the database exactly as it was.
		 */
		importFile(
			mode: Mode,
			jobId: string,
			file: File,
			request: ImportRequest,
			onProgress: (p: Progress) => void
		): Promise<ImportOutcome> {
			const job: ImportJob = { cancelled: false };
			running.set(jobId, job);
			return write(async () => {
				try {
					const checked = checkRequest(request, file.name, (await sniff(file)).sample[0] ?? null);
					const format = resolveFormat(request);
					if (!checked.ok || !format)
						return { ok: false, cancelled: false, message: checked.ok ? 'Unknown format.' : checked.message };
					const database = db(mode);
					if (request.accountId !== null && !(await accountById(database, request.accountId)))
						return {
							ok: false,
							cancelled: false,
							message: 'The chosen account does not exist in this mode.'
						};
					// The file's hash is read and computed while it is parsed.
					const hashing = sha256(file);
					hashing.catch(() => undefined);
					// Pieces are planned as they are parsed (in file order, as planImport would), so a
					// large file's records are never all held at once; what is stored is read meanwhile.
					const importId = crypto.randomUUID();
					const storedNow = loadStored(database);
					const planning = storedNow.then(
						(stored) =>
							new ImportPlanner(
								{
									importId,
									broker: request.preset?.name ?? BROKER_OF[format.id] ?? format.label,
									accountId: request.accountId
								},
								stored,
								stored.accounts,
								// A guess at the row count (sizes the table of execution tuples; any guess is correct).
								Math.ceil(file.size / 80)
							)
					);
					planning.catch(() => undefined);
					const parsed = await parseForImport(
						file,
						request,
						checked.options,
						async (piece) => {
							const planner = await planning;
							if (piece.kind === 'executions') planner.addBatch(piece.batch);
							else for (const record of piece.records) planner.add(record);
						},
						onProgress,
						job
					);
					const planner = await planning;
					const hash = await hashing;
					const plan = planner.finish();
					const needCurrency = plan.newAccounts.filter((a) => a.currency === null);
					if (needCurrency.length > 0 && request.newAccountCurrency === null)
						return {
							ok: false,
							cancelled: false,
							message: `The file names new accounts (${needCurrency.map((a) => a.number).join(', ')}): choose their currency.`
						};
					if (job.cancelled) throw new ImportCancelled();
					const at = now();
					const accounts: Account[] = plan.newAccounts.map((a) => ({
						id: a.id,
						broker: a.broker,
						number: a.number,
						currency: a.currency ?? request.newAccountCurrency!,
						label: '',
						createdAt: at
					}));
					const rejectedRows = [
						...parsed.errors,
						...plan.errors.map((e) => ({ ...e, cells: [] as string[] }))
					].sort((a, b) => a.line - b.line);
					const read = parsedCounts(parsed);
					const imported =
						plan.executionCount +
						plan.journal.length +
						[...plan.bars.values(), ...plan.alternates.values()].reduce((n, b) => n + b.length, 0);
					const row: ImportRow = {
						id: importId,
						fileName: file.name,
						size: file.size,
						hash,
						formatId: format.id,
						formatLabel: format.label,
						produces: format.produces,
						zone: request.zone,
						accountId: request.accountId,
						tradeDate: request.tradeDate,
						symbol: checked.options.symbol,
						// rows = imported + duplicates + rejected + skipped (RowCounts): a parsed record is
						// imported, a duplicate, or rejected by the plan (its line has no parse error).
						counts: {
							rows: read.rows,
							imported,
							duplicates: plan.duplicates,
							rejected: new Set(rejectedRows.map((r) => r.line)).size,
							skipped: read.skipped
						},
						createdAccounts: accounts.map((a) => a.id),
						rejectedRows,
						skippedRows: parsed.skippedRows,
						encoding: parsed.encoding,
						warnings: parsed.warnings.map(describeWarning),
						importedAt: at
					};
					// Checked again as it is stored: another tab may have stored the same records meanwhile.
					// …and the bars that disagree with stored ones are told of as they are kept.
					let disagreeing: string[] = [];
					const mark = (await storedNow).mark;
					const commit = () =>
						commitImport(database, row, plan, accounts, mark, (final) => {
							disagreeing = [...final.alternates.keys()];
							const kept = new Set(
								[...final.alternates].flatMap(([s, bars]) => bars.map((b) => `${s}\u0001${b.time}`))
							);
							const conflicts = planner.barConflicts.filter((c) => kept.has(`${c.symbol}\u0001${c.time}`));
							return barConflictWarnings(conflicts, request.zone);
						});
					// What the executions reveal about their instruments joins the catalogue in the same
					// transaction (commitImport's joins this one): both are stored, or neither.
					const stored =
						plan.chunks.length === 0
							? await commit()
							: await database.transaction(
									'rw',
									[
										database.imports,
										database.executionChunks,
										database.journalTrades,
										database.barChunks,
										database.barAlternates,
										database.accounts,
										database.instruments
									],
									async () => {
										const notes = await revealInstruments(database, importId, plan.chunks, accounts);
										if (notes.length > 0) row.warnings = [...(row.warnings ?? []), ...notes];
										return commit();
									}
								);
					// New prices: the levels watching them are checked now. The import is stored
					// either way; a failed check is tried again with the next prices.
					const barSymbols = new Set([...plan.bars.keys(), ...plan.alternates.keys()]);
					if (barSymbols.size) await afterBars(mode, [...barSymbols]).catch(() => undefined);
					return {
						ok: true,
						importId,
						counts: stored.counts,
						createdAccounts: stored.createdAccounts,
						rejected: rejectedByLine(rejectedRows.slice(0, 4 * LISTED)).slice(0, LISTED),
						skipped: parsed.skippedRows.slice(0, LISTED),
						warnings: stored.warnings ?? [],
						encoding: parsed.encoding,
						disagreeing
					};
				} catch (error) {
					if (error instanceof ImportCancelled) return { ok: false, cancelled: true, message: error.message };
					return { ok: false, cancelled: false, message: describeFailure(error, file.name) };
				} finally {
					running.delete(jobId);
				}
			}, mode);
		},

		/** Asks a running import to stop; it stops at its next read and stores nothing. */
		cancelImport(_mode: Mode, jobId: string): boolean {
			const job = running.get(jobId);
			if (job) {
				job.cancelled = true;
				job.abort?.();
			}
			return job !== undefined;
		},

		/**
		 * The import of a file with the same bytes (SHA-256) in this mode, newest first, or null:
		 * the import screen says "already imported on <date>" before the user imports it again.
		 */
		async sameFileImported(mode: Mode, file: File): Promise<SameFile | null> {
			const hash = await sha256(file);
			const rows = await importsOfFile(db(mode), hash);
			const last = rows.sort((a, b) => b.importedAt - a.importedAt)[0];
			return last ? { importId: last.id, fileName: last.fileName, importedAt: last.importedAt } : null;
		},

		listImports(mode: Mode) {
			return listImports(db(mode));
		},

		undoImport(mode: Mode, importId: string) {
			return write(() => {
				const database = db(mode);
				// The instrument records only this import revealed go with it, in its transaction.
				return database.transaction(
					'rw',
					[
						database.imports,
						database.executionChunks,
						database.journalTrades,
						database.barChunks,
						database.barAlternates,
						database.barPreferences,
						database.accounts,
						database.paperSessions,
						database.paperActions,
						database.backtestRuns,
						database.instruments
					],
					async () => {
						const undone = await undoImport(database, importId);
						if (undone) await forgetImport(database, importId);
						return undone;
					}
				);
			}, mode);
		}
	};
}

/** Notes of the catalogue an import lists at most (the rest are counted). */
const INSTRUMENT_NOTES = 20;

/**
 * Merges what an import's executions reveal (symbols, classes, currencies: the file's or else
 * the account's, multipliers, lot steps) into the stored catalogue; returns its notes as import
 * warnings. Runs inside the import's transaction.
 */
async function revealInstruments(
	database: FillbookDb,
	importId: string,
	chunks: readonly ExecutionChunk[],
	newAccounts: readonly Account[]
): Promise<string[]> {
	const currencies = new Map((await listAccounts(database)).map((a) => [a.id, a.currency]));
	for (const a of newAccounts) currencies.set(a.id, a.currency);
	const notes = await mergeIntoCatalogue(database, importId, revealedFacts(chunks, currencies));
	const listed = notes.slice(0, INSTRUMENT_NOTES).map((n) => `Instruments: ${n}`);
	if (notes.length > INSTRUMENT_NOTES)
		listed.push(`Instruments: ${notes.length - INSTRUMENT_NOTES} more notes like these`);
	return listed;
}

async function sha256(file: Blob): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function describeFailure(error: unknown, fileName: string): string {
	const name = error instanceof Error ? error.name : '';
	const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
	if (name === 'QuotaExceededError' || inner === 'QuotaExceededError')
		return `The browser has no room left to store ${fileName}. Nothing was stored; free space (or remove old imports) and try again.`;
	return `Importing ${fileName} failed: ${error instanceof Error ? error.message : String(error)}. Nothing was stored.`;
}
