import Dexie, { type EntityTable } from 'dexie';
import type { Account } from '$lib/core/model/account';
import type { Mode } from '$lib/core/model/mode';

/** A small key/value fact scoped to one mode (e.g. the schema's creation time). */
export interface MetaRow {
	key: string;
	value: string | number | boolean;
}

/** The database name of a mode. Paper and real never share a database. */
export function dbName(mode: Mode): string {
	return `fillbook-${mode}`;
}

/**
 * One schema class for both modes' databases. Every schema change is a new `version(n)` with an
 * `upgrade()` where data moves, and a spec that opens the previous version with data.
 */
export class FillbookDb extends Dexie {
	accounts!: EntityTable<Account, 'id'>;
	meta!: EntityTable<MetaRow, 'key'>;

	constructor(
		readonly mode: Mode,
		options?: ConstructorParameters<typeof Dexie>[1]
	) {
		super(dbName(mode), options);
		this.version(1).stores({
			accounts: 'id, broker, createdAt',
			meta: 'key'
		});
	}
}

/** Names of the tables in the current schema, in a stable order for display. */
export const TABLES = ['accounts', 'meta'] as const;
export type TableName = (typeof TABLES)[number];
