/** Accounts and the database as a whole: counts, the browser's quota, clearing a mode. */
import type { Account, AccountInput } from '$lib/core/model/account';
import type { Mode } from '$lib/core/model/mode';
import type { AddAccountResult } from '$lib/db/accounts';
import type { DbStats } from '$lib/db/stats';

/** Browser-wide storage figures (all of Fillbook's databases together). */
export interface StorageEstimate {
	/** Bytes used by this origin, or null where the browser does not say. */
	usage: number | null;
	/** Bytes this origin may use, or null where the browser does not say. */
	quota: number | null;
}

export interface StorageStats extends DbStats {
	estimate: StorageEstimate;
}

export interface StorageApi {
	/** Row counts of the mode's database and the browser's usage/quota figures. */
	storageStats(mode: Mode): Promise<StorageStats>;
	listAccounts(mode: Mode): Promise<Account[]>;
	addAccount(mode: Mode, input: AccountInput): Promise<AddAccountResult>;
	removeAccount(mode: Mode, id: string): Promise<boolean>;
	/** Deletes every record of a mode, in one transaction. */
	clearAll(mode: Mode): Promise<void>;
	/** Closes both databases (tests; a worker being retired). */
	close(): Promise<void>;
}
