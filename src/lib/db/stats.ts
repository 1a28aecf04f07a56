import type { Mode } from '$lib/core/model/mode';
import { TABLES, type FillbookDb, type TableName } from './schema';

/** What the Settings page shows about the current mode's database. */
export interface DbStats {
	mode: Mode;
	name: string;
	schemaVersion: number;
	tables: { name: TableName; rows: number }[];
}

/** Row counts per table of one mode's database, read in one transaction. */
export async function dbStats(db: FillbookDb): Promise<DbStats> {
	const tables = TABLES.map((name) => db.table(name));
	const rows = await db.transaction('r', tables, () => Promise.all(tables.map((t) => t.count())));
	return {
		mode: db.mode,
		name: db.name,
		schemaVersion: db.verno,
		tables: TABLES.map((name, i) => ({ name, rows: rows[i] ?? 0 }))
	};
}
