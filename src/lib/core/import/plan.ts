/**
 * Turns a file's parsed records into what will be stored: stable ids (with occurrence numbers
 * for identical executions within the file), accounts, and duplicates of what is already stored
 * set aside. Pure: the caller supplies what is stored and commits the plan in one transaction.
 */
import { accountId } from '../model/account';
import { formatInstant } from '../time/zone';
import type { Execution } from '../model/execution';
import {
	chunkFromBatch,
	decodeExecutions,
	ExecutionBatchBuilder,
	EXECUTIONS_PER_CHUNK,
	textAt,
	type ExecutionBatch,
	type ExecutionChunk
} from '../model/execution-codec';
import { medianGap, type JournalTrade } from '../model/journal';
import { roundToTick, tickFor } from '../model/tick';
import type { Bar, BarRecord, ImportRecord } from '../model/records';
import { brokerExecutionIdInto, hash64, IdSet, TupleOccurrences } from '../identity';
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
	/** Whether an execution with this id (by its two halves, see IdSet) is stored. */
	hasExecution(hi: number, lo: number): boolean;
	hasJournalTrade(id: string): boolean;
	hasBar(symbol: string, time: number): boolean;
	/** A stored bar's prices and volume, to tell a repeat from a bar that disagrees; absent: not compared. */
	barAt?(symbol: string, time: number): BarValues | null;
	/** Whether the same file stored this bar as an alternate already (an import of it again). */
	hasAlternate?(symbol: string, bar: Bar): boolean;
}

/** A bar's prices and volume (NaN when the file had none). */
export type BarValues = Pick<Bar, 'open' | 'high' | 'low' | 'close'> & { volume: number };

/** A bar of the file at a time already stored whose prices differ: kept aside as an alternate. */
export interface BarConflict {
	symbol: string;
	time: number;
	line: number;
	stored: BarValues;
	file: BarValues;
}

export interface NewAccount {
	id: string;
	broker: string;
	number: string;
	currency: string | null;
}

export interface ImportPlan {
	/** New executions, in file order, packed as they will be stored. */
	chunks: ExecutionChunk[];
	/** How many executions the chunks hold. */
	executionCount: number;
	journal: JournalTrade[];
	/** New bars by symbol. */
	bars: Map<string, BarRecord[]>;
	/**
	 * The file's bars at times stored already with other prices, by symbol: kept as the import's
	 * alternates (core/prices/bar-sources.ts), beside the stored bars rather than in their place.
	 */
	alternates: Map<string, BarRecord[]>;
	/** The spacing of each symbol's bars in the file (its median gap, NaN for one bar). */
	barSpacing: Map<string, number>;
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

/** The executions of a plan as objects (for small plans and tests; large ones stay in chunks). */
export function planExecutions(plan: ImportPlan): Execution[] {
	return plan.chunks.flatMap(decodeExecutions);
}

/**
 * planImport record by record (or execution batch by batch), for callers that plan while the
 * file is still being parsed, so the parsed records need not be kept: add() every record (or
 * addBatch() every batch of executions) in file order, then finish().
 * `expected` is a guess at the number of records (it only sizes tables; any guess is correct).
 */
export class ImportPlanner {
	readonly #plan: ImportPlan = {
		chunks: [],
		executionCount: 0,
		journal: [],
		bars: new Map(),
		alternates: new Map(),
		barSpacing: new Map(),
		duplicates: 0,
		errors: [],
		newAccounts: []
	};
	/** Bars at times already stored with other prices (kept as alternates). */
	readonly #barConflicts: BarConflict[] = [];
	/** Every bar time of the file by symbol, for its spacing. */
	readonly #barTimes = new Map<string, number[]>();
	readonly #options: PlanOptions;
	readonly #stored: Stored;
	readonly #knownAccounts: ReadonlySet<string>;
	/** Occurrences of execution tuples (executions without a broker id). */
	readonly #tuples: TupleOccurrences;
	/** Broker-identified executions planned already: a broker id repeated in one file is one execution. */
	readonly #seenBrokerIds = new IdSet();
	/** Occurrences of journal trades' keys. */
	readonly #occurrences = new Map<string, number>();
	/** Journal trade ids and bar keys already planned (both can repeat inside one file). */
	readonly #seenInFile = new Set<string>();
	readonly #newAccounts = new Map<string, NewAccount>();
	/** Account id by account number (the broker is the same for the whole file). */
	readonly #accountIds = new Map<string, string>();
	readonly #expected: number;
	/** Execution records given to add(), not yet planned as a batch. */
	#pending: ExecutionBatchBuilder | null = null;

	constructor(options: PlanOptions, stored: Stored, knownAccounts: ReadonlySet<string>, expected = 0) {
		this.#options = options;
		this.#stored = stored;
		this.#knownAccounts = knownAccounts;
		this.#tuples = new TupleOccurrences(expected);
		this.#expected = expected;
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
			if (this.#pending === null)
				this.#pending = new ExecutionBatchBuilder(
					EXECUTIONS_PER_CHUNK,
					Math.max(16, this.#expected - this.#plan.executionCount)
				);
			this.#pending.push(record);
			if (this.#pending.full) this.#flush();
			return;
		}
		// Executions before this record are planned first, so that everything (new accounts
		// above all) happens in file order.
		this.#flush();
		if (record.kind === 'journal') {
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
			const times = this.#barTimes.get(record.symbol);
			if (times) times.push(record.time);
			else this.#barTimes.set(record.symbol, [record.time]);
			if (this.#seenInFile.has(key)) {
				plan.duplicates++;
				return;
			}
			this.#seenInFile.add(key);
			if (this.#stored.hasBar(record.symbol, record.time)) {
				const stored = this.#stored.barAt?.(record.symbol, record.time) ?? null;
				if (!stored || sameBar(record.symbol, stored, record)) {
					plan.duplicates++;
					return;
				}
				this.#barConflicts.push({
					symbol: record.symbol,
					time: record.time,
					line: record.line,
					stored,
					file: {
						open: record.open,
						high: record.high,
						low: record.low,
						close: record.close,
						volume: record.volume ?? NaN
					}
				});
				pushTo(plan.alternates, record.symbol, record);
				return;
			}
			pushTo(plan.bars, record.symbol, record);
		}
	}

	#flush(): void {
		const pending = this.#pending;
		this.#pending = null;
		if (pending !== null && pending.count > 0) this.addBatch(pending.finish());
	}

	/**
	 * Plans a batch of execution records (which must come in file order, after every record
	 * given to add() before it): ids, occurrences, duplicates, accounts. The batch's columns may
	 * become the plan's (do not change them afterwards).
	 */
	addBatch(batch: ExecutionBatch): void {
		this.#flush();
		const plan = this.#plan;
		const n = batch.count;
		const stored = this.#stored;
		const tuples = this.#tuples;
		// Account id per account-number code, worked out at its first row (undefined: not yet).
		const accountIds = new Array<string | null | undefined>(batch.accountNumbers.length).fill(undefined);
		const ids = new Uint32Array(2 * n);
		const rows = new Uint32Array(n);
		const { dict, symbol, side, quantity, price, time, accountNumber } = batch;
		let k = 0;
		for (let i = 0; i < n; i++) {
			const code = accountNumber[i]!;
			let account = accountIds[code];
			if (account === undefined) {
				const currency = batch.currency[i]!;
				account = accountIds[code] = this.#accountFor(
					code === 0 ? null : batch.accountNumbers[code]!,
					currency === 0 ? null : dict[currency]!
				);
			}
			if (account === null) {
				plan.errors.push({
					line: batch.line[i]!,
					column: null,
					reason: 'the row names no account and no account was chosen for this import'
				});
				continue;
			}
			const brokerId = textAt(batch.brokerExecutionId, i);
			if (brokerId === null) {
				tuples.nextInto(
					account,
					dict[symbol[i]!]!,
					side[i] === 0 ? 'buy' : 'sell',
					quantity[i]!,
					price[i]!,
					time[i]!,
					ids,
					2 * k
				);
				if (stored.hasExecution(ids[2 * k]!, ids[2 * k + 1]!)) {
					plan.duplicates++;
					continue;
				}
			} else {
				brokerExecutionIdInto(account, brokerId, ids, 2 * k);
				// A broker id repeated inside one file is the same execution listed twice.
				if (
					stored.hasExecution(ids[2 * k]!, ids[2 * k + 1]!) ||
					!this.#seenBrokerIds.add(ids[2 * k]!, ids[2 * k + 1]!)
				) {
					plan.duplicates++;
					continue;
				}
			}
			rows[k++] = i;
		}
		if (k === 0) return;
		plan.chunks.push(
			chunkFromBatch(
				this.#options.importId,
				batch,
				k === n ? null : rows,
				k,
				ids,
				accountIds.map((a) => a ?? null)
			)
		);
		plan.executionCount += k;
	}

	/** The file's bars that disagree with stored ones (kept as alternates), in file order. */
	get barConflicts(): readonly BarConflict[] {
		return this.#barConflicts;
	}

	/** The plan of every record added. */
	finish(): ImportPlan {
		this.#flush();
		this.#plan.newAccounts = [...this.#newAccounts.values()];
		for (const [symbol, times] of this.#barTimes)
			this.#plan.barSpacing.set(symbol, medianGap(times.sort((a, b) => a - b)));
		return this.#plan;
	}
}

function pushTo<T>(map: Map<string, T[]>, key: string, item: T): void {
	const list = map.get(key);
	if (list) list.push(item);
	else map.set(key, [item]);
}

/**
 * Whether a file's bar says what the stored one says: each price on the same tick of the symbol
 * (core/model/tick.ts), so a source's float noise (Yahoo's 365.570007 for 365.57) is no
 * disagreement. Volumes are not compared: sources count them differently (consolidated or one
 * venue's) while agreeing on the prices.
 * @example sameBar('RIVN', { open: 13.35, high: 13.36, low: 13.32, close: 13.33 }, { open: 13.350001, high: 13.36, low: 13.32, close: 13.33 }) // true
 */
export function sameBar(
	symbol: string,
	stored: Pick<BarValues, 'open' | 'high' | 'low' | 'close'>,
	bar: Pick<Bar, 'open' | 'high' | 'low' | 'close'>
): boolean {
	const same = (a: number, b: number) =>
		a === b || roundToTick(a, tickFor(symbol, a)) === roundToTick(b, tickFor(symbol, b));
	return (
		same(stored.open, bar.open) &&
		same(stored.high, bar.high) &&
		same(stored.low, bar.low) &&
		same(stored.close, bar.close)
	);
}

/**
 * The import's warning about bars that disagree with the stored ones, per symbol, or none.
 * @example barConflictWarnings(conflicts, 'America/New_York')
 * // ['2 bars of RIVN differ from the bars already stored (the first at 2025-10-13 15:10:00: stored O 13.34 H 13.37 L 13.33 C 13.36, this file O 13.37 H 14.1 L 13.33 C 14); this file's are kept beside them: compare the files and choose which to use in Charts → Bar sources']
 */
export function barConflictWarnings(conflicts: readonly BarConflict[], zone: string): string[] {
	const bySymbol = new Map<string, BarConflict[]>();
	for (const c of conflicts) {
		const list = bySymbol.get(c.symbol);
		if (list) list.push(c);
		else bySymbol.set(c.symbol, [c]);
	}
	const prices = (v: BarValues) => `O ${v.open} H ${v.high} L ${v.low} C ${v.close}`;
	return [...bySymbol].map(([symbol, list]) => {
		const first = list.reduce((a, b) => (b.time < a.time ? b : a));
		const count =
			list.length === 1 ? `1 bar of ${symbol} differs` : `${list.length} bars of ${symbol} differ`;
		return `${count} from the bars already stored (the first at ${formatInstant(first.time, zone)}, line ${first.line}: stored ${prices(first.stored)}, this file ${prices(first.file)}); this file's are kept beside them: compare the files and choose which to use in Charts → Bar sources`;
	});
}
