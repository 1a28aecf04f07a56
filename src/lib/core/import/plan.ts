/**
 * Turns a file's parsed records into what will be stored: stable ids (with occurrence numbers
 * for identical executions within the file), accounts, and duplicates of what is already stored
 * set aside. Pure: the caller supplies what is stored and commits the plan in one transaction.
 */
import { accountId } from '../model/account';
import type { Execution } from '../model/execution';
import { type JournalTrade } from '../model/journal';
import type { BarRecord, ImportRecord } from '../model/records';
import { brokerExecutionIdOf, hash64, TupleOccurrences } from '../identity';
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
	const planner = new ImportPlanner(options, stored, knownAccounts, records.length);
	for (let i = 0; i < records.length; i++) planner.add(records[i]!);
	return planner.finish();
}

/**
 * planImport record by record, for callers that plan while the file is still being parsed (so
 * the parsed records need not be kept): add() every record in file order, then finish().
 * `expected` is a guess at the number of records (it only sizes a table; any guess is correct).
 */
export class ImportPlanner {
	readonly #plan: ImportPlan = {
		executions: [],
		journal: [],
		bars: new Map(),
		duplicates: 0,
		errors: [],
		newAccounts: []
	};
	readonly #options: PlanOptions;
	readonly #stored: Stored;
	readonly #knownAccounts: ReadonlySet<string>;
	/** Occurrences of execution tuples (executions without a broker id). */
	readonly #tuples: TupleOccurrences;
	/** Occurrences of journal trades' keys. */
	readonly #occurrences = new Map<string, number>();
	/**
	 * Ids (and bar keys) already planned, for ids that can repeat inside one file: broker ids,
	 * journal trades, bars. Tuple-derived ids need none: each (tuple, occurrence) comes once.
	 */
	readonly #seenInFile = new Set<string>();
	readonly #newAccounts = new Map<string, NewAccount>();
	/** Account id by account number (the broker is the same for the whole file). */
	readonly #accountIds = new Map<string, string>();

	constructor(options: PlanOptions, stored: Stored, knownAccounts: ReadonlySet<string>, expected = 0) {
		this.#options = options;
		this.#stored = stored;
		this.#knownAccounts = knownAccounts;
		this.#tuples = new TupleOccurrences(expected);
	}

	#accountFor(number: string | null, currency: string | null): string | null {
		if (number === null) return this.#options.accountId;
		const cached = this.#accountIds.get(number);
		// A number seen before is stored or already among the new accounts.
		if (cached !== undefined) return cached;
		const id = accountId(this.#options.broker, number);
		this.#accountIds.set(number, id);
		if (!this.#knownAccounts.has(id) && !this.#newAccounts.has(id))
			this.#newAccounts.set(id, { id, broker: this.#options.broker, number, currency });
		return id;
	}

	/** Plans one record (records must come in file order). */
	add(record: ImportRecord): void {
		const plan = this.#plan;
		if (record.kind === 'execution') {
			const account = this.#accountFor(record.accountNumber, record.currency);
			if (account === null) {
				plan.errors.push({
					line: record.line,
					column: null,
					reason: 'the row names no account and no account was chosen for this import'
				});
				return;
			}
			let id: string;
			if (record.brokerExecutionId === null) {
				id = this.#tuples.next(record, account);
				if (this.#stored.hasExecution(id)) {
					plan.duplicates++;
					return;
				}
			} else {
				id = brokerExecutionIdOf(account, record.brokerExecutionId);
				// A broker id repeated inside one file is the same execution listed twice.
				if (this.#stored.hasExecution(id) || this.#seenInFile.has(id)) {
					plan.duplicates++;
					return;
				}
				this.#seenInFile.add(id);
			}
			plan.executions.push({
				brokerExecutionId: record.brokerExecutionId,
				symbol: record.symbol,
				assetClass: record.assetClass,
				side: record.side,
				positionEffect: record.positionEffect,
				shortSale: record.shortSale,
				quantity: record.quantity,
				price: record.price,
				time: record.time,
				commission: record.commission,
				fees: record.fees,
				currency: record.currency,
				multiplier: record.multiplier,
				orderId: record.orderId,
				venue: record.venue,
				brokerPnl: record.brokerPnl,
				line: record.line,
				id,
				accountId: account,
				importId: this.#options.importId
			});
		} else if (record.kind === 'journal') {
			const account =
				record.accountNumber === null
					? this.#options.accountId
					: this.#accountFor(record.accountNumber, null);
			const key = `J\u0001${account ?? ''}\u0001${record.symbol}\u0001${record.direction}\u0001${record.openTime}\u0001${record.volume}`;
			const occurrence = (this.#occurrences.get(key) ?? 0) + 1;
			this.#occurrences.set(key, occurrence);
			const id = hash64(`${key}\u0001${occurrence}`);
			if (this.#stored.hasJournalTrade(id) || this.#seenInFile.has(id)) {
				plan.duplicates++;
				return;
			}
			this.#seenInFile.add(id);
			const { kind: _kind, accountNumber: _number, ...rest } = record;
			plan.journal.push({ ...rest, id, accountId: account, importId: this.#options.importId });
		} else {
			const key = `${record.symbol}\u0001${record.time}`;
			if (this.#stored.hasBar(record.symbol, record.time) || this.#seenInFile.has(key)) {
				plan.duplicates++;
				return;
			}
			this.#seenInFile.add(key);
			let list = plan.bars.get(record.symbol);
			if (!list) plan.bars.set(record.symbol, (list = []));
			list.push(record);
		}
	}

	/** The plan of every record added. */
	finish(): ImportPlan {
		this.#plan.newAccounts = [...this.#newAccounts.values()];
		return this.#plan;
	}
}
