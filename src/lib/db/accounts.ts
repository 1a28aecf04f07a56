import Dexie from 'dexie';
import {
	accountId,
	validateAccountInput,
	type Account,
	type AccountInput,
	type FieldError
} from '$lib/core/model/account';
import type { FillbookDb } from './schema';

/**
 * The outcome of adding an account. Input problems are an expected answer (they cross the
 * worker boundary as data, field by field); anything else is thrown.
 */
export type AddAccountResult = { ok: true; account: Account } | { ok: false; errors: FieldError[] };

/** All accounts of the database's mode, in the order they were added. */
export function listAccounts(db: FillbookDb): Promise<Account[]> {
	return db.accounts.orderBy('createdAt').toArray();
}

/** One account, or undefined when the mode has none with this id. */
export function accountById(db: FillbookDb, id: string): Promise<Account | undefined> {
	return db.accounts.get(id);
}

/** The ids of every account of the mode. */
export async function accountIds(db: FillbookDb): Promise<Set<string>> {
	return new Set(await db.accounts.toCollection().primaryKeys());
}

/** Adds an account unless the input is invalid or the broker/number pair already exists. */
export async function addAccount(
	db: FillbookDb,
	input: AccountInput,
	now: number
): Promise<AddAccountResult> {
	const checked = validateAccountInput(input);
	if (!checked.ok) return checked;
	const account: Account = {
		id: accountId(checked.value.broker, checked.value.number),
		...checked.value,
		createdAt: now
	};
	try {
		await db.accounts.add(account);
	} catch (error) {
		if (error instanceof Dexie.ConstraintError) {
			return {
				ok: false,
				errors: [
					{ field: 'number', message: `Account ${account.number} at ${account.broker} already exists.` }
				]
			};
		}
		throw error;
	}
	return { ok: true, account };
}

/** Removes an account by id; returns whether it existed. */
export function removeAccount(db: FillbookDb, id: string): Promise<boolean> {
	return db.transaction('rw', db.accounts, async () => {
		const existing = await db.accounts.get(id);
		if (!existing) return false;
		await db.accounts.delete(id);
		return true;
	});
}
