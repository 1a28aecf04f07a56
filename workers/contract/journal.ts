/** The journal: annotations, the default risk, point values, correcting, deleting and adding executions. */
import type { Annotation, DefaultRisk } from '$lib/core/model/annotation';
import type { Mode } from '$lib/core/model/mode';
import type { ExecutionEditInput, ExecutionFields } from '$lib/core/trades/execution-edit';

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

/** A trade as a change's preview names it: enough to say which and what its net P&L is. */
export interface TradeBrief {
	id: string;
	symbol: string;
	direction: 'long' | 'short';
	open: boolean;
	/** Epoch ms, UTC. */
	openTime: number;
	netPnl: number;
}

/**
 * What changing one execution would do, before it is done: the execution as it is and as it
 * would be (null when deleted), and the trades holding it now (two for an execution that
 * reversed the position) and the trades their executions would make afterwards.
 */
export interface ChangePreview {
	ok: true;
	symbol: string;
	current: ExecutionFields;
	next: ExecutionFields | null;
	before: TradeBrief[];
	after: TradeBrief[];
}

/** A change of one execution to preview: an edit as typed, a revert to imported, or a deletion. */
export type ExecutionChange =
	| { kind: 'edit'; input: ExecutionEditInput }
	| { kind: 'revert'; id: string }
	| { kind: 'delete'; id: string };

export interface JournalApi {
	saveAnnotation(mode: Mode, input: AnnotationInput): Promise<Result>;
	/** Corrects an execution (the values as imported are kept beside the edit). */
	editExecution(mode: Mode, input: ExecutionEditInput): Promise<Result>;
	/** Whether a journal trade's first tag is its strategy in this mode (on by default). */
	firstTagIsStrategy(mode: Mode): Promise<boolean>;
	setFirstTagIsStrategy(mode: Mode, on: boolean): Promise<Result>;
	/** Removes the edit of an execution: it is again as imported. */
	revertExecution(mode: Mode, id: string): Promise<Result>;
	/** What a change would do to the trades, before it is made. */
	previewExecutionChange(
		mode: Mode,
		change: ExecutionChange
	): Promise<ChangePreview | { ok: false; message: string }>;
	setDefaultRisk(mode: Mode, rule: DefaultRisk): Promise<Result>;
	/** The account's equity before the first trade (dollars) for drawdown %; null forgets it. */
	setStartingEquity(mode: Mode, amount: number | null): Promise<Result>;
	/** Sets (or, with null, removes) the point value of a futures root; trades regroup at once. */
	setPointValue(mode: Mode, root: string, value: number | null): Promise<Result>;
	/** Deletes executions (by id, with what they were, for the record); returns how many. */
	deleteExecutions(mode: Mode, executions: { id: string; description: string }[]): Promise<number>;
	/** Adds a hand-typed execution as an import of its own (so it can be undone like one). */
	addManualExecution(mode: Mode, input: ManualExecutionInput): Promise<Result>;
}
