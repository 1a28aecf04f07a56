/**
 * What a backup's rows may hold before they replace a mode's data.
 *
 * `readBackup` checks a file's structure and decodes every value faithfully (NaN, ±Infinity and
 * -0 included), so that backup → restore → backup is byte-identical. This module checks the
 * content with the bounds the importers apply (core/formats/guard.ts): a hand-edited or corrupted backup must not
 * put into the journal what no import could (a volume of −5 or 1e308, an execution of an account
 * that does not exist, a note that can never belong to a trade, a setting that is NaN).
 *
 * A missing optional value is NaN inside a column chunk (commission, fees, broker P/L, the
 * multiplier, a bar's volume): that is "missing", not a bad number.
 */
import {
	BOUNDS,
	EARLIEST,
	EARLIEST_JOURNAL,
	LATEST,
	MAX_AMOUNT,
	MAX_BAR_VOLUME,
	MAX_MULTIPLIER
} from '$lib/core/formats/guard';
import { executionIdAt } from '$lib/core/model/execution-codec';
import type { AssetClass } from '$lib/core/model/records';
import type { Backup } from './backup-format';
import { paperActionId } from './schema';

/** The widest bounds of any asset class: what a journal trade or a bar (no class) is held to. */
const MAX_QUANTITY = Math.max(...Object.values(BOUNDS).map((b) => b.quantity));
const MAX_PRICE = Math.max(...Object.values(BOUNDS).map((b) => b.price));

/** A trade id: its first execution's id (16 hex digits), `~r` when a reversal opened it. */
const TRADE_ID = /^[0-9a-f]{16}(~r)?$/;

/** What the content check found. */
export interface BackupContentReport {
	/** Reasons the backup is refused, each naming the row (at most 20; `more` counts the rest). */
	problems: string[];
	more: number;
	/**
	 * Notes (annotations) for trades whose executions the backup does not hold. They are kept, as
	 * the app keeps them when an import is undone, and come back if those executions are imported
	 * again; the restore says how many there are.
	 */
	orphanNotes: number;
}

const SHOWN = 20;

/**
 * Checks every row's values against the importers' bounds and every reference between tables.
 * @example
 * const report = checkBackupContent(backup);
 * if (report.problems.length > 0) refuse(report.problems.join('\n'));
 */
export function checkBackupContent(backup: Backup): BackupContentReport {
	const problems: string[] = [];
	let more = 0;
	const problem = (text: string) => {
		if (problems.length < SHOWN) problems.push(text);
		else more++;
	};
	const { tables } = backup;
	const accounts = new Set(tables.accounts.map((a) => a.id));
	const imports = new Set(tables.imports.map((i) => i.id));
	const paperImports = new Set(tables.paperSessions.map((s) => s.importId));
	const knownImport = (id: string) => imports.has(id) || paperImports.has(id);

	for (const [i, row] of tables.imports.entries()) {
		const at = `imports[${i}] (${row.fileName})`;
		if (row.accountId !== null && !accounts.has(row.accountId))
			problem(`${at} names account ${JSON.stringify(row.accountId)}, which the backup does not have.`);
		for (const id of row.createdAccounts)
			if (!accounts.has(id))
				problem(`${at} created account ${JSON.stringify(id)}, which the backup does not have.`);
		for (const [name, value] of Object.entries(row.counts) as [string, number][])
			if (!isCount(value)) problem(`${at}: its ${name} count is ${String(value)}, not a whole number ≥ 0.`);
	}

	const executionIds = new Set<string>();
	for (const [c, chunk] of tables.executionChunks.entries()) {
		const at = `executionChunks[${c}]`;
		if (!knownImport(chunk.importId))
			problem(`${at} belongs to import ${JSON.stringify(chunk.importId)}, which the backup does not have.`);
		for (let i = 0; i < chunk.count; i++) {
			const id = executionIdAt(chunk, i);
			executionIds.add(id);
			const row = `${at}, execution ${id} (line ${chunk.line[i]})`;
			const account = chunk.dict[chunk.accountId[i]!];
			if (account !== undefined && !accounts.has(account))
				problem(`${row} names account ${JSON.stringify(account)}, which the backup does not have.`);
			const bounds = BOUNDS[chunk.dict[chunk.assetClass[i]!] as AssetClass] ?? BOUNDS.stock;
			const quantity = chunk.quantity[i]!;
			if (!(quantity > 0 && quantity <= bounds.quantity))
				problem(
					`${row}: quantity ${String(quantity)} is not between 0 and ${bounds.quantity.toExponential()}.`
				);
			const price = chunk.price[i]!;
			if (!(Math.abs(price) <= bounds.price))
				problem(`${row}: price ${String(price)} is not a price (at most ${bounds.price.toExponential()}).`);
			const time = chunk.time[i]!;
			if (!(time >= EARLIEST && time < LATEST))
				problem(`${row}: time ${String(time)} is not an instant between 1900 and 2099.`);
			for (const field of ['commission', 'fees', 'brokerPnl'] as const) {
				const value = chunk[field][i]!;
				if (!Number.isNaN(value) && !(Math.abs(value) <= MAX_AMOUNT))
					problem(`${row}: ${field} ${String(value)} is not an amount of money.`);
			}
			const multiplier = chunk.multiplier[i]!;
			if (!Number.isNaN(multiplier) && !(multiplier > 0 && multiplier <= MAX_MULTIPLIER))
				problem(`${row}: multiplier ${String(multiplier)} is not a contract multiplier.`);
		}
	}

	for (const [i, trade] of tables.journalTrades.entries()) {
		const at = `journalTrades[${i}] (${trade.symbol}, line ${trade.line})`;
		if (!imports.has(trade.importId))
			problem(`${at} belongs to import ${JSON.stringify(trade.importId)}, which the backup does not have.`);
		if (trade.accountId !== null && !accounts.has(trade.accountId))
			problem(`${at} names account ${JSON.stringify(trade.accountId)}, which the backup does not have.`);
		if (!(trade.volume > 0 && trade.volume <= MAX_QUANTITY))
			problem(`${at}: volume ${String(trade.volume)} is not between 0 and ${MAX_QUANTITY.toExponential()}.`);
		if (!(trade.openTime >= EARLIEST_JOURNAL && trade.openTime < LATEST))
			problem(`${at}: open time ${String(trade.openTime)} is not an instant between 2000 and 2099.`);
		if (trade.closeTime !== null && !(trade.closeTime >= trade.openTime && trade.closeTime < LATEST))
			problem(`${at}: it closes (${String(trade.closeTime)}) before it opens (${String(trade.openTime)}).`);
		for (const field of ['entryPrice', 'exitPrice'] as const) {
			const value = trade[field];
			if (value !== null && !(Math.abs(value) <= MAX_PRICE))
				problem(`${at}: ${field} ${String(value)} is not a price.`);
		}
		for (const field of ['grossPnl', 'netPnl', 'commissions', 'fees', 'initialRisk', 'pnlR'] as const) {
			const value = trade[field];
			if (value !== null && !(Math.abs(value) <= MAX_AMOUNT))
				problem(`${at}: ${field} ${String(value)} is not a finite amount.`);
		}
		if (trade.executionCount !== null && !isCount(trade.executionCount))
			problem(`${at}: execution count ${String(trade.executionCount)} is not a whole number ≥ 0.`);
	}

	const barChunks = [
		...tables.barChunks.map((chunk, c) => ({ chunk, at: `barChunks[${c}] (${chunk.symbol})` })),
		...tables.barAlternates.map((chunk, c) => ({ chunk, at: `barAlternates[${c}] (${chunk.symbol})` }))
	];
	for (const { chunk, at } of barChunks) {
		if (!imports.has(chunk.importId))
			problem(`${at} belongs to import ${JSON.stringify(chunk.importId)}, which the backup does not have.`);
		for (let i = 0; i < chunk.count; i++) {
			const bar = `${at}, bar ${i + 1}`;
			for (const field of ['open', 'high', 'low', 'close'] as const) {
				const value = chunk[field][i]!;
				if (!(Math.abs(value) <= MAX_PRICE)) problem(`${bar}: ${field} ${String(value)} is not a price.`);
			}
			const volume = chunk.volume[i]!;
			if (!Number.isNaN(volume) && !(volume >= 0 && volume <= MAX_BAR_VOLUME))
				problem(`${bar}: volume ${String(volume)} is not a volume (0 to ${MAX_BAR_VOLUME.toExponential()}).`);
			const time = chunk.time[i]!;
			if (!(time >= EARLIEST && time < LATEST))
				problem(`${bar}: time ${String(time)} is not an instant between 1900 and 2099.`);
		}
	}

	for (const [i, preference] of tables.barPreferences.entries())
		if (!imports.has(preference.importId))
			problem(
				`barPreferences[${i}] (${preference.symbol}) prefers import ${JSON.stringify(preference.importId)}, which the backup does not have.`
			);

	let orphanNotes = 0;
	for (const [i, note] of tables.annotations.entries()) {
		const at = `annotations[${i}]`;
		if (!TRADE_ID.test(note.tradeId)) {
			problem(
				`${at}: ${JSON.stringify(note.tradeId)} is not a trade id, so the note can never belong to a trade.`
			);
			continue;
		}
		if (!executionIds.has(note.tradeId.slice(0, 16))) orphanNotes++;
		if (note.risk?.kind === 'money' && !(note.risk.amount > 0 && note.risk.amount <= MAX_AMOUNT))
			problem(`${at}: initial risk ${String(note.risk.amount)} is not an amount above zero.`);
		if (note.risk?.kind === 'stop' && !(note.risk.price > 0 && note.risk.price <= MAX_PRICE))
			problem(`${at}: stop price ${String(note.risk.price)} is not a price above zero.`);
	}

	// A paper session replays its whole log: every action row belongs to a session, and each
	// session's log is complete (indexes 0 … actionCount − 1, keyed by session and index).
	const logged = new Map(tables.paperSessions.map((session) => [session.id, 0]));
	for (const [i, row] of tables.paperActions.entries()) {
		const at = `paperActions[${i}]`;
		const count = logged.get(row.sessionId);
		if (count === undefined)
			problem(
				`${at} belongs to paper session ${JSON.stringify(row.sessionId)}, which the backup does not have.`
			);
		else if (row.id !== paperActionId(row.sessionId, row.index))
			problem(`${at}: its id ${JSON.stringify(row.id)} is not its session and index.`);
		else logged.set(row.sessionId, count + 1);
	}
	for (const [i, session] of tables.paperSessions.entries()) {
		const count = logged.get(session.id) ?? 0;
		if (count !== session.actionCount)
			problem(
				`paperSessions[${i}] (${session.symbol}) logs ${session.actionCount} actions; the backup has ${count} of them.`
			);
	}

	for (const row of tables.meta) {
		const at = `setting ${JSON.stringify(row.key)}`;
		if (typeof row.value === 'number' && !Number.isFinite(row.value)) {
			problem(`${at} is ${String(row.value)}, not a number a setting can be.`);
			continue;
		}
		if (typeof row.value === 'string' && (row.value.startsWith('{') || row.value.startsWith('['))) {
			let parsed: unknown;
			try {
				parsed = JSON.parse(row.value);
			} catch {
				problem(`${at} is not readable (its JSON is broken).`);
				continue;
			}
			const bad = nonFinite(parsed);
			if (bad !== null) problem(`${at} holds ${bad}, not a number a setting can be.`);
		}
	}

	return { problems, more, orphanNotes };
}

function isCount(value: number): boolean {
	return Number.isSafeInteger(value) && value >= 0;
}

/**
 * The first value in a parsed setting that stands for a number but is not a finite one: JSON has
 * no NaN, so such values arrive as text ("NaN", "Infinity") or as numbers too large to hold.
 */
function nonFinite(value: unknown): string | null {
	if (typeof value === 'number') return Number.isFinite(value) ? null : String(value);
	if (typeof value === 'string')
		return /^[-+]?(NaN|Infinity)$/.test(value.trim()) ? JSON.stringify(value) : null;
	if (Array.isArray(value)) {
		for (const item of value) {
			const bad = nonFinite(item);
			if (bad !== null) return bad;
		}
		return null;
	}
	if (typeof value === 'object' && value !== null) {
		for (const item of Object.values(value)) {
			const bad = nonFinite(item);
			if (bad !== null) return bad;
		}
	}
	return null;
}
