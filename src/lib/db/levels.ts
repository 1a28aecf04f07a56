/**
 * Level alerts (take-profit, stop-loss, price cross) and manual price marks, in either mode's
 * database. `eventSeq` numbers triggers and doubts as they are found, for the UI's notifications.
 */
import type { FillbookDb, LevelAlertRow, PriceMarkRow } from './schema';

/** Every level alert, the newest first. */
export async function listLevelAlerts(db: FillbookDb): Promise<LevelAlertRow[]> {
	return (await db.levelAlerts.toArray()).sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
}

export function armedLevelAlerts(db: FillbookDb, symbol?: string): Promise<LevelAlertRow[]> {
	const armed = db.levelAlerts.where('status').equals('armed');
	return symbol === undefined ? armed.toArray() : armed.filter((row) => row.symbol === symbol).toArray();
}

export function levelAlertRow(db: FillbookDb, id: string): Promise<LevelAlertRow | undefined> {
	return db.levelAlerts.get(id);
}

export async function putLevelAlerts(db: FillbookDb, rows: LevelAlertRow[]): Promise<void> {
	await db.levelAlerts.bulkPut(rows);
}

/** The highest event number given so far (0 before any). */
export async function lastLevelEvent(db: FillbookDb): Promise<number> {
	return (await db.levelAlerts.orderBy('eventSeq').last())?.eventSeq ?? 0;
}

/** Level alerts with an event (a trigger or a doubt) numbered after `seq`, in event order. */
export function levelEventsAfter(db: FillbookDb, seq: number): Promise<LevelAlertRow[]> {
	return db.levelAlerts.where('eventSeq').above(seq).sortBy('eventSeq');
}

export async function addPriceMark(db: FillbookDb, row: PriceMarkRow): Promise<void> {
	await db.priceMarks.add(row);
}

/** A symbol's marks, by time. */
export function priceMarksOf(db: FillbookDb, symbol: string): Promise<PriceMarkRow[]> {
	return db.priceMarks.where('symbol').equals(symbol).sortBy('time');
}
