/**
 * The journal side of the engine: annotations (notes, tags, strategy, mistakes, risk), the
 * default risk rule, manual executions, and correcting and deleting executions. All writes go
 * through `write`.
 */
import type {
	AnnotationInput,
	ChangePreview,
	ExecutionChange,
	JournalApi,
	ManualExecutionInput,
	Result,
	TradeBrief
} from './contract';
import { accountId as makeAccountId } from '$lib/core/model/account';
import { stopSideError, type DefaultRisk } from '$lib/core/model/annotation';
import type { Mode } from '$lib/core/model/mode';
import type { ExecutionRecord } from '$lib/core/model/records';
import { parseDate, parseTimeOfDay } from '$lib/core/formats/cells';
import { planExecutions, planImport } from '$lib/core/import/plan';
import { formatInstant, wallTimeToInstant } from '$lib/core/time/zone';
import { accountById } from '$lib/db/accounts';
import { setPointValue } from '$lib/db/instruments';
import { commitImport, loadStored } from '$lib/db/imports';
import { deleteExecutions, putExecutionEdit, revertExecutionEdit, saveAnnotation } from '$lib/db/journal';
import {
	parseExecutionEdit,
	sameFields,
	type ExecutionEditInput,
	type ExecutionFields
} from '$lib/core/trades/execution-edit';
import type { Trade } from '$lib/core/trades/types';
import type { FillbookDb, ImportRow } from '$lib/db/schema';
import { readSetting, writeSetting } from '$lib/db/settings';
import { type Derived } from './engine-trades';
import { buildTable, deriveTrades, executionFields, tradeFinder, type TableChange } from './trade-table';

export function createJournal(
	db: (mode: Mode) => FillbookDb,
	write: <T>(task: () => Promise<T>) => Promise<T>,
	now: () => number,
	load: (mode: Mode) => Promise<Derived>
): JournalApi {
	/** The row of execution `id` in the mode's table, or a message saying why there is none. */
	async function find(
		mode: Mode,
		id: string
	): Promise<{ data: Derived; row: number } | { ok: false; message: string }> {
		const data = await load(mode);
		const row = typeof id === 'string' ? data.table.id.indexOf(id) : -1;
		if (row < 0)
			return {
				ok: false,
				message: `No execution ${String(id)} in ${mode} mode: it may have been deleted or its import undone.`
			};
		return { data, row };
	}

	return {
		/**
		 * Saves a trade's journal fields (replacing the previous ones). A stop price must lie on the
		 * risk side of the trade's entry: below a long's, above a short's.
		 */
		saveAnnotation(mode: Mode, input: AnnotationInput): Promise<Result> {
			if (input.notes.length > 50_000)
				return Promise.resolve({ ok: false, message: 'Notes are longer than 50,000 characters.' });
			if (input.risk?.kind === 'money' && !(input.risk.amount > 0 && Number.isFinite(input.risk.amount)))
				return Promise.resolve({ ok: false, message: 'Initial risk must be an amount above zero.' });
			if (input.risk?.kind === 'stop' && !(input.risk.price > 0 && Number.isFinite(input.risk.price)))
				return Promise.resolve({ ok: false, message: 'The stop price must be above zero.' });
			return write(async () => {
				if (input.risk?.kind === 'stop') {
					const trade = (await load(mode)).byId.get(input.tradeId);
					if (!trade)
						return {
							ok: false,
							message: `No trade ${input.tradeId} in ${mode} mode to set a stop for.`
						} as const;
					const problem = stopSideError(trade.direction, trade.entryPrice, input.risk.price);
					if (problem !== null) return { ok: false, message: problem } as const;
				}
				await saveAnnotation(db(mode), { ...input, updatedAt: now() });
				return { ok: true } as const;
			});
		},

		/**
		 * Corrects one execution: its time, side, quantity, price and costs become the typed ones
		 * wherever trades are built, until reverted. The import's chunk is left as it was. An edit
		 * back to the imported values removes the edit.
		 */
		editExecution(mode: Mode, input: ExecutionEditInput): Promise<Result> {
			const parsed = parseExecutionEdit(input);
			if (!parsed.ok) return Promise.resolve(parsed);
			return write(async () => {
				const found = await find(mode, input.id);
				if ('ok' in found) return found;
				const { data, row } = found;
				const original = data.table.edited.get(input.id)?.original ?? executionFields(data.table, row);
				if (sameFields(parsed.value, executionFields(data.table, row)))
					return {
						ok: false,
						message: 'These are the values the execution already has: nothing to change.'
					} as const;
				const d = db(mode);
				// Back to the imported values: the edit goes (it is there, or nothing would change).
				if (sameFields(parsed.value, original)) await revertExecutionEdit(d, input.id);
				else
					await putExecutionEdit(d, {
						...parsed.value,
						id: input.id,
						reason: input.reason.trim(),
						editedAt: now()
					});
				return { ok: true } as const;
			});
		},

		/** Whether a journal trade's first tag is its strategy in this mode (on by default). */
		firstTagIsStrategy(mode: Mode): Promise<boolean> {
			return readSetting(db(mode), 'journalFirstTagStrategy');
		},

		/** Turns the first-tag-is-strategy setting on or off; trades and matching show it at once. */
		setFirstTagIsStrategy(mode: Mode, on: boolean): Promise<Result> {
			return write(async () => {
				await writeSetting(db(mode), 'journalFirstTagStrategy', on);
				return { ok: true } as const;
			});
		},

		/** Removes the edit of an execution: it is again as imported. */
		revertExecution(mode: Mode, id: string): Promise<Result> {
			return write(async () => {
				if (!(await revertExecutionEdit(db(mode), id)))
					return {
						ok: false,
						message: 'This execution has no edit to revert: it is as imported.'
					} as const;
				return { ok: true } as const;
			});
		},

		/**
		 * What a change of one execution would do to the trades, without doing it: which trades hold
		 * it now (both, for an execution that reversed the position) and what their executions
		 * would make afterwards, with net P&L, so a confirmation can name them.
		 */
		async previewExecutionChange(
			mode: Mode,
			change: ExecutionChange
		): Promise<ChangePreview | { ok: false; message: string }> {
			const id = change.kind === 'edit' ? change.input.id : change.id;
			const found = await find(mode, id);
			if ('ok' in found) return found;
			const { data, row } = found;
			const current = executionFields(data.table, row);
			let next: ExecutionFields | null = null;
			let tableChange: TableChange;
			if (change.kind === 'edit') {
				const parsed = parseExecutionEdit(change.input);
				if (!parsed.ok) return parsed;
				next = parsed.value;
				tableChange = { kind: 'edit', edit: { ...next, id, reason: '', editedAt: 0 } };
			} else if (change.kind === 'revert') {
				const edited = data.table.edited.get(id);
				if (!edited)
					return { ok: false, message: 'This execution has no edit to revert: it is as imported.' };
				next = edited.original;
				tableChange = { kind: 'revert', id };
			} else tableChange = { kind: 'delete', id };
			const before = tradeFinder(data.trades)(data.table, row);
			// The executions of the trades it is in now, wherever they go after the change.
			const involved = new Set(before.flatMap((t) => t.legs.map((leg) => data.table.id[leg.execution]!)));
			involved.add(id);
			const d = db(mode);
			const table = await buildTable(d, await readSetting(d, 'pointValues'), tableChange);
			const trades = deriveTrades(table);
			const findAfter = tradeFinder(trades);
			const after = new Map<string, Trade>();
			for (let k = 0; k < table.count; k++)
				if (involved.has(table.id[k]!)) for (const t of findAfter(table, k)) after.set(t.id, t);
			return {
				ok: true,
				symbol: data.table.groups[data.table.group[row]!]!.symbol,
				current,
				next,
				before: before.map(brief),
				after: [...after.values()].sort((a, b) => a.openTime - b.openTime).map(brief)
			};
		},

		setDefaultRisk(mode: Mode, rule: DefaultRisk): Promise<Result> {
			if (rule.kind === 'money' && !(rule.amount > 0))
				return Promise.resolve({ ok: false, message: 'The default risk must be above zero.' });
			if (rule.kind === 'percent' && !(rule.percent > 0 && rule.percent <= 100))
				return Promise.resolve({
					ok: false,
					message: 'The default risk percentage must be between 0 and 100.'
				});
			return write(async () => {
				await writeSetting(db(mode), 'defaultRisk', rule);
				return { ok: true } as const;
			});
		},

		/** Sets (or, with null, forgets) the account's equity before the first trade, in dollars. */
		setStartingEquity(mode: Mode, amount: number | null): Promise<Result> {
			if (amount !== null && !(Number.isFinite(amount) && amount > 0 && amount < 1e12))
				return Promise.resolve({ ok: false, message: 'The starting equity must be an amount above zero.' });
			return write(async () => {
				await writeSetting(db(mode), 'startingEquity', amount);
				return { ok: true } as const;
			});
		},

		/** Sets (or, with null, removes) the point value of a futures root; trades regroup at once. */
		setPointValue(mode: Mode, root: string, value: number | null): Promise<Result> {
			const key = root.trim().replace(/^\//, '').toUpperCase();
			if (!/^[A-Z0-9]{1,4}$/.test(key))
				return Promise.resolve({
					ok: false,
					message: 'A futures root is 1 to 4 letters or digits, e.g. ES or 6E.'
				});
			if (value !== null && !(value > 0))
				return Promise.resolve({ ok: false, message: 'The point value must be above zero.' });
			return write(async () => {
				await setPointValue(db(mode), key, value);
				return { ok: true } as const;
			});
		},

		/** Deletes executions (by id, with what they were, for the record). */
		deleteExecutions(mode: Mode, executions: { id: string; description: string }[]): Promise<number> {
			return write(async () => {
				await deleteExecutions(db(mode), executions, now());
				return executions.length;
			});
		},

		/** Adds a hand-typed execution as an import of its own (so it can be undone like one). */
		addManualExecution(mode: Mode, input: ManualExecutionInput): Promise<Result> {
			const d = parseDate(input.date, 'ymd');
			const t = parseTimeOfDay(input.time);
			if (!d.ok) return Promise.resolve({ ok: false, message: `Date ${d.reason}.` });
			if (!t.ok) return Promise.resolve({ ok: false, message: `Time ${t.reason}.` });
			const instant = wallTimeToInstant({ ...d.value, ...t.value }, input.zone);
			if (!instant.ok) return Promise.resolve({ ok: false, message: `Time ${instant.reason}.` });
			const symbol = input.symbol.trim().toUpperCase();
			if (symbol === '') return Promise.resolve({ ok: false, message: 'Enter the symbol.' });
			if (!(input.quantity > 0))
				return Promise.resolve({ ok: false, message: 'Quantity must be above zero.' });
			if (!(input.price > 0)) return Promise.resolve({ ok: false, message: 'Price must be above zero.' });
			return write(async () => {
				const database = db(mode);
				const account = await accountById(database, input.accountId);
				if (!account) return { ok: false, message: 'Choose an account of this mode.' } as const;
				const record: ExecutionRecord = {
					kind: 'execution',
					brokerExecutionId: null,
					accountNumber: account.number,
					symbol,
					assetClass: /^[A-Z.]{1,6}\s*\d{6}[CP]\d{8}$/.test(symbol) ? 'option' : 'stock',
					side: input.side,
					positionEffect: null,
					shortSale: input.side === 'sell' && input.shortSale,
					quantity: input.quantity,
					price: input.price,
					time: instant.value,
					commission: input.commission,
					fees: input.fees,
					currency: account.currency,
					multiplier: null,
					orderId: null,
					venue: null,
					brokerPnl: null,
					line: 1
				};
				const importId = crypto.randomUUID();
				const stored = await loadStored(database);
				const plan = planImport(
					[record],
					{ importId, broker: account.broker, accountId: input.accountId },
					stored,
					stored.accounts
				);
				const planned = planExecutions(plan);
				if (planned.length === 0) return { ok: false, message: 'This execution is already stored.' } as const;
				if (planned[0]!.accountId !== makeAccountId(account.broker, account.number))
					return { ok: false, message: 'The account could not be resolved.' } as const;
				const at = now();
				const row: ImportRow = {
					id: importId,
					fileName: `Manual entry: ${symbol} ${input.side} ${input.quantity} @ ${input.price} ${formatInstant(instant.value, input.zone)}`,
					size: 0,
					hash: '',
					formatId: 'manual',
					formatLabel: 'Manual entry',
					produces: 'executions',
					zone: input.zone,
					accountId: input.accountId,
					tradeDate: input.date,
					symbol,
					counts: { rows: 1, imported: 1, duplicates: 0, rejected: 0, skipped: 0 },
					createdAccounts: [],
					rejectedRows: [],
					importedAt: at
				};
				await commitImport(database, row, plan, [], stored.mark);
				return { ok: true } as const;
			});
		}
	};
}

function brief(t: Trade): TradeBrief {
	return {
		id: t.id,
		symbol: t.symbol,
		direction: t.direction,
		open: t.open,
		openTime: t.openTime,
		netPnl: t.netPnl
	};
}
