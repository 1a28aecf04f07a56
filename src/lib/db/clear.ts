import type { FillbookDb } from './schema';

/** Deletes every row of every table of the mode's database, in one transaction. */
export async function clearMode(db: FillbookDb): Promise<void> {
	await db.transaction('rw', db.tables, () => Promise.all(db.tables.map((t) => t.clear())));
}
