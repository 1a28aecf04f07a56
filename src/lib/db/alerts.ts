/**
 * The alert inbox's storage (either mode's database): the sources (their rules, secret and gate
 * memory) and one audit row per alert received, numbered in receipt order (`seq`).
 */
import type { AlertRow, AlertSourceRow, FillbookDb } from './schema';

/** Every source, by name. */
export async function listAlertSources(db: FillbookDb): Promise<AlertSourceRow[]> {
	return (await db.alertSources.toArray()).sort((a, b) => a.name.localeCompare(b.name));
}

export function alertSourceRow(db: FillbookDb, id: string): Promise<AlertSourceRow | undefined> {
	return db.alertSources.get(id);
}

export async function putAlertSource(db: FillbookDb, row: AlertSourceRow): Promise<void> {
	await db.alertSources.put(row);
}

/** Deletes a source; its alerts' rows stay. */
export async function deleteAlertSource(db: FillbookDb, id: string): Promise<boolean> {
	return db.transaction('rw', db.alertSources, async () => {
		if (!(await db.alertSources.get(id))) return false;
		await db.alertSources.delete(id);
		return true;
	});
}

/** The highest `seq` stored, 0 before the first alert. */
export async function lastAlertSeq(db: FillbookDb): Promise<number> {
	return (await db.alerts.orderBy('seq').last())?.seq ?? 0;
}

/**
 * Stores received alerts' rows and their source's gate after them, in the caller's transaction
 * when there is one (so an order placed from them is stored with them or not at all).
 */
export async function storeReceived(db: FillbookDb, rows: AlertRow[], source: AlertSourceRow): Promise<void> {
	await db.transaction('rw', [db.alerts, db.alertSources], async () => {
		await db.alerts.bulkAdd(rows);
		await db.alertSources.put(source);
	});
}

export async function putAlert(db: FillbookDb, row: AlertRow): Promise<void> {
	await db.alerts.put(row);
}

export function alertRow(db: FillbookDb, id: string): Promise<AlertRow | undefined> {
	return db.alerts.get(id);
}

/** The newest rows first, `limit` of them, before `beforeSeq` when given. */
export function alertHistory(db: FillbookDb, limit: number, beforeSeq?: number): Promise<AlertRow[]> {
	const range = beforeSeq === undefined ? db.alerts.orderBy('seq') : db.alerts.where('seq').below(beforeSeq);
	return range.reverse().limit(limit).toArray();
}

/** The rows whose alerts placed any of these orders (`<session id>:<order id>`), in receipt order. */
export async function alertsByOrderIds(db: FillbookDb, orderIds: string[]): Promise<AlertRow[]> {
	if (!orderIds.length) return [];
	const rows = await db.alerts.where('orderIds').anyOf(orderIds).distinct().toArray();
	return rows.sort((a, b) => a.seq - b.seq);
}
