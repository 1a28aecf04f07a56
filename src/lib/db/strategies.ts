/**
 * The strategy lab's storage (paper database only): strategies (`strategies`, the current
 * definition), every saved version (`strategyVersions`, kept after newer ones, since a run names
 * the version it ran) and backtest runs (`backtestRuns`), whose executions are executions of the
 * paper database under an import row of their own. Deleting a strategy keeps its runs; deleting a
 * run deletes its executions.
 */
import type { Account } from '$lib/core/model/account';
import type { ExecutionChunk } from '$lib/core/model/execution-codec';
import type { StrategyDefinition } from '$lib/core/strategy/types';
import {
	strategyVersionId,
	type BacktestRunRow,
	type FillbookDb,
	type ImportRow,
	type StrategyRow,
	type StrategyVersionRow
} from './schema';

/** Every strategy, the last saved first. */
export function listStrategies(db: FillbookDb): Promise<StrategyRow[]> {
	return db.strategies.orderBy('updatedAt').reverse().toArray();
}

export function strategyRow(db: FillbookDb, id: string): Promise<StrategyRow | undefined> {
	return db.strategies.get(id);
}

/** Every saved version of a strategy, oldest first. */
export async function strategyVersions(db: FillbookDb, strategyId: string): Promise<StrategyVersionRow[]> {
	const rows = await db.strategyVersions.where('strategyId').equals(strategyId).toArray();
	return rows.sort((a, b) => a.version - b.version);
}

/** Whether two definitions describe the same strategy (id and version aside). */
function sameDefinition(a: StrategyDefinition, b: StrategyDefinition): boolean {
	const body = (d: StrategyDefinition) =>
		JSON.stringify({ name: d.name, rule: d.rule, sizing: d.sizing, exits: d.exits });
	return body(a) === body(b);
}

/**
 * Saves a definition (checked by the caller) as its strategy's current one, in one transaction:
 * a new strategy at version 1, a change as the next version (both kept in `strategyVersions`),
 * the same definition again as nothing new. The definition as stored.
 */
export function saveStrategy(db: FillbookDb, def: StrategyDefinition, at: number): Promise<StrategyRow> {
	return db.transaction('rw', [db.strategies, db.strategyVersions], async () => {
		const stored = await db.strategies.get(def.id);
		if (stored && sameDefinition(stored, def)) return stored;
		const version = stored ? stored.version + 1 : 1;
		const definition: StrategyDefinition = {
			id: def.id,
			name: def.name.trim(),
			version,
			rule: def.rule,
			sizing: def.sizing,
			exits: def.exits
		};
		const row: StrategyRow = { ...definition, createdAt: stored?.createdAt ?? at, updatedAt: at };
		await db.strategies.put(row);
		await db.strategyVersions.put({
			id: strategyVersionId(def.id, version),
			strategyId: def.id,
			version,
			definition,
			savedAt: at
		});
		return row;
	});
}

/** Deletes a strategy and its versions; its runs stay (each keeps the definition it ran). */
export function deleteStrategy(db: FillbookDb, id: string): Promise<boolean> {
	return db.transaction('rw', [db.strategies, db.strategyVersions], async () => {
		if (!(await db.strategies.get(id))) return false;
		await db.strategyVersions.where('strategyId').equals(id).delete();
		await db.strategies.delete(id);
		return true;
	});
}

/** Every run (of one strategy, or of all), newest first. */
export async function listBacktestRuns(db: FillbookDb, strategyId: string | null): Promise<BacktestRunRow[]> {
	const rows =
		strategyId === null
			? await db.backtestRuns.orderBy('createdAt').reverse().toArray()
			: await db.backtestRuns.where('strategyId').equals(strategyId).toArray();
	return strategyId === null ? rows : rows.sort((a, b) => b.createdAt - a.createdAt);
}

export function backtestRun(db: FillbookDb, id: string): Promise<BacktestRunRow | undefined> {
	return db.backtestRuns.get(id);
}

/**
 * Stores a run with its import row and its executions (one chunk, or none), and the account they
 * are under the first time, in one transaction: all of the run or nothing.
 */
export function createBacktestRun(
	db: FillbookDb,
	run: BacktestRunRow,
	importRow: ImportRow,
	executions: ExecutionChunk | null,
	account: Account
): Promise<void> {
	return db.transaction('rw', [db.backtestRuns, db.imports, db.executionChunks, db.accounts], async () => {
		if (!(await db.accounts.get(account.id))) {
			await db.accounts.add(account);
			importRow.createdAccounts = [account.id];
		}
		await db.imports.add(importRow);
		if (executions) await db.executionChunks.add(executions);
		await db.backtestRuns.add(run);
	});
}

/** Deletes a run, its import row and its executions (its trades leave the journal); false when none. */
export function deleteBacktestRun(db: FillbookDb, id: string): Promise<boolean> {
	return db.transaction('rw', [db.backtestRuns, db.imports, db.executionChunks], async () => {
		const run = await db.backtestRuns.get(id);
		if (!run) return false;
		await db.executionChunks.where('importId').equals(run.importId).delete();
		await db.imports.delete(run.importId);
		await db.backtestRuns.delete(id);
		return true;
	});
}
