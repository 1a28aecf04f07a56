/**
 * Turns a file's parsed records into what will be stored: stable ids (with occurrence numbers
 * for identical executions within the file), accounts, and duplicates of what is already stored
 * set aside. Pure: the caller supplies what is stored and commits the plan in one transaction.
 */
import { accountId } from '../model/account';
import type { Execution } from '../model/execution';
import { type JournalTrade } from '../model/journal';
import type { BarRecord, ImportRecord } from '../model/records';
import { executionId, executionTupleKey, hash64 } from '../identity';
import type { RowError } from '../formats/types';

export interface PlanOptions {
	importId: string;
	/** The broker whose account numbers the file's rows name (e.g. "DAS Trader"). */
	broker: string;
	/** The account chosen by the user for rows that name none (id from accountId()); null if none. */
	accountId: string | null;
}

/** What is stored already, for duplicate detection. */
export interface Stored {
	hasExecution(id: string): boolean;
	hasJournalTrade(id: string): boolean;
	hasBar(symbol: string, time: number): boolean;
}

export interface NewAccount {
	id: string;
	broker: string;
	number: string;
	currency: string | null;
}

export interface ImportPlan {
	executions: Execution[];
	journal: JournalTrade[];
	/** New bars by symbol. */
	bars: Map<string, BarRecord[]>;
	/** Records already stored (by an earlier import, or earlier in an overlapping export). */
	duplicates: number;
	/** Records that cannot be stored (e.g. an execution with no account). */
	errors: RowError[];
	/** Accounts named by the file that are not stored yet; created with the import. */
	newAccounts: NewAccount[];
}

/** Builds the plan. `knownAccounts` are the ids of accounts already stored. */
export function planImport(
	records: readonly ImportRecord[],
	options: PlanOptions,
	stored: Stored,
	knownAccounts: ReadonlySet<string>
): ImportPlan {
	const plan: ImportPlan = {
		executions: [],
		journal: [],
		bars: new Map(),
		duplicates: 0,
		errors: [],
		newAccounts: []
	};
	const occurrences = new Map<string, number>();
	const seenInFile = new Set<string>();
	const newAccounts = new Map<string, NewAccount>();

	const accountFor = (number: string | null, currency: string | null): string | null => {
		if (number === null) return options.accountId;
		const id = accountId(options.broker, number);
		if (!knownAccounts.has(id) && !newAccounts.has(id))
			newAccounts.set(id, { id, broker: options.broker, number, currency });
		return id;
	};

	for (const record of records) {
		if (record.kind === 'execution') {
			const account = accountFor(record.accountNumber, record.currency);
			if (account === null) {
				plan.errors.push({
					line: record.line,
					column: null,
					reason: 'the row names no account and no account was chosen for this import'
				});
				continue;
			}
			const identity = { ...record, accountId: account };
			let occurrence = 1;
			if (record.brokerExecutionId === null) {
				const key = executionTupleKey(identity);
				occurrence = (occurrences.get(key) ?? 0) + 1;
				occurrences.set(key, occurrence);
			}
			const id = executionId(identity, occurrence);
			// A broker id repeated inside one file is the same execution listed twice.
			if (stored.hasExecution(id) || seenInFile.has(id)) {
				plan.duplicates++;
				continue;
			}
			seenInFile.add(id);
			const { kind: _kind, accountNumber: _number, ...rest } = record;
			plan.executions.push({ ...rest, id, accountId: account, importId: options.importId });
		} else if (record.kind === 'journal') {
			const account =
				record.accountNumber === null ? options.accountId : accountFor(record.accountNumber, null);
			const key = `J\u0001${account ?? ''}\u0001${record.symbol}\u0001${record.direction}\u0001${record.openTime}\u0001${record.volume}`;
			const occurrence = (occurrences.get(key) ?? 0) + 1;
			occurrences.set(key, occurrence);
			const id = hash64(`${key}\u0001${occurrence}`);
			if (stored.hasJournalTrade(id) || seenInFile.has(id)) {
				plan.duplicates++;
				continue;
			}
			seenInFile.add(id);
			const { kind: _kind, accountNumber: _number, ...rest } = record;
			plan.journal.push({ ...rest, id, accountId: account, importId: options.importId });
		} else {
			const key = `${record.symbol}\u0001${record.time}`;
			if (stored.hasBar(record.symbol, record.time) || seenInFile.has(key)) {
				plan.duplicates++;
				continue;
			}
			seenInFile.add(key);
			let list = plan.bars.get(record.symbol);
			if (!list) plan.bars.set(record.symbol, (list = []));
			list.push(record);
		}
	}
	plan.newAccounts = [...newAccounts.values()];
	return plan;
}
