/**
 * The journal side of the engine: annotations (notes, tags, strategy, mistakes, risk), the
 * default risk rule, manual executions and deleting executions. All writes go through `write`.
 */
import { accountId as makeAccountId } from '$lib/core/model/account';
import type { Annotation, DefaultRisk } from '$lib/core/model/annotation';
import type { Mode } from '$lib/core/model/mode';
import type { ExecutionRecord } from '$lib/core/model/records';
import { parseDate, parseTimeOfDay } from '$lib/core/formats/cells';
import { planExecutions, planImport } from '$lib/core/import/plan';
import { formatInstant, wallTimeToInstant } from '$lib/core/time/zone';
import { commitImport, loadStored } from '$lib/db/imports';
import type { FillbookDb, ImportRow } from '$lib/db/schema';
import {
	DEFAULT_RISK_KEY,
	FIRST_TAG_STRATEGY_KEY,
	POINT_VALUES_KEY,
	readFirstTagStrategy,
	readPointValues
} from './engine-trades';

export type AnnotationInput = Omit<Annotation, 'updatedAt'>;

/** A hand-typed execution. Date and time are wall time in `zone`. */
export interface ManualExecutionInput {
	accountId: string;
	symbol: string;
	side: 'buy' | 'sell';
	shortSale: boolean;
	quantity: number;
	price: number;
	date: string;
	time: string;
	zone: string;
	commission: number | null;
	fees: number | null;
}

export type Result = { ok: true } | { ok: false; message: string };

export function createJournal(
	db: (mode: Mode) => FillbookDb,
	write: <T>(task: () => Promise<T>) => Promise<T>,
	now: () => number
) {
	return {
		/** Saves a trade's journal fields (replacing the previous ones). */
		saveAnnotation(mode: Mode, input: AnnotationInput): Promise<Result> {
			if (input.notes.length > 50_000)
				return Promise.resolve({ ok: false, message: 'Notes are longer than 50,000 characters.' });
			if (input.risk?.kind === 'money' && !(input.risk.amount > 0))
				return Promise.resolve({ ok: false, message: 'Initial risk must be an amount above zero.' });
			if (input.risk?.kind === 'stop' && !(input.risk.price > 0))
				return Promise.resolve({ ok: false, message: 'The stop price must be above zero.' });
			return write(async () => {
				await db(mode).annotations.put({ ...input, updatedAt: now() });
				return { ok: true } as const;
			});
		},

		/** Whether a journal trade's first tag is its strategy in this mode (on by default). */
		firstTagIsStrategy(mode: Mode): Promise<boolean> {
			return readFirstTagStrategy(db(mode));
		},

		/** Turns the first-tag-is-strategy setting on or off; trades and matching show it at once. */
		setFirstTagIsStrategy(mode: Mode, on: boolean): Promise<Result> {
			return write(async () => {
				await db(mode).meta.put({ key: FIRST_TAG_STRATEGY_KEY, value: on });
				return { ok: true } as const;
			});
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
				await db(mode).meta.put({ key: DEFAULT_RISK_KEY, value: JSON.stringify(rule) });
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
				const d = db(mode);
				const own = await readPointValues(d);
				if (value === null) delete own[key];
				else own[key] = value;
				await d.meta.put({ key: POINT_VALUES_KEY, value: JSON.stringify(own) });
				return { ok: true } as const;
			});
		},

		/** Deletes executions (by id, with what they were, for the record). */
		deleteExecutions(mode: Mode, executions: { id: string; description: string }[]): Promise<number> {
			return write(async () => {
				const at = now();
				await db(mode).deletedExecutions.bulkPut(executions.map((e) => ({ ...e, deletedAt: at })));
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
				const account = await database.accounts.get(input.accountId);
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
				await commitImport(database, row, plan, []);
				return { ok: true } as const;
			});
		}
	};
}
