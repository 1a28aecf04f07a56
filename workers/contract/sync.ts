/** What tabs tell each other: the engine announces every committed write on the mode's channel. */
import type { TableName } from '$lib/db/schema';

/** A table of a mode's database, as change messages name them. */
export type { TableName };

/** What a tab's engine posts after it committed a write. */
export interface ChangeMessage {
	kind: 'changed';
	/** The tables the write changed. */
	tables: string[];
	/** The engine that wrote (its tab ignores its own messages: it reloads what it changed). */
	source: string;
}
