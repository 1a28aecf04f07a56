/**
 * The prologue most formats share: the file's first row is its header, columns are found by
 * name, a header lacking a required column is that row's error, blank rows are not data, and a
 * row whose cell count is not the header's is refused. A format's parser extends TableParser and
 * writes only what its data rows mean.
 */
import { Columns, headerScore, isBlank, type Parsed } from './cells';
import { EMPTY_OUTCOME, notData, refuse, type FormatParser, type ParseOptions, type RowError } from './types';
import type { FormatDef, RowOutcome } from './types';

/** The columns a format reads, by name. */
export interface Layout<F extends string> {
	/** Header names each field may have; the first is the one messages use. */
	aliases: Record<F, readonly string[]>;
	/** Fields without which no row can be read. */
	required: readonly F[];
	/** Columns every export of the kind has: a header lacking one (a damaged name) is warned about. */
	optional?: readonly F[];
	/**
	 * What becomes of the rows under a header that lacks a required column: `read` (each row is
	 * read, and its empty cells are its errors) or `refuse` (each is refused, naming the header's
	 * line and what it lacks).
	 */
	underBrokenHeader: 'read' | 'refuse';
}

/**
 * A layout whose fields are the keys of `aliases`. Rows under a header lacking a required column
 * are refused unless `underBrokenHeader` says `read`.
 * @example layout({ a: ['A'], b: ['B'] }, ['a'], { optional: ['b'] }).underBrokenHeader // 'refuse'
 */
export function layout<F extends string>(
	aliases: Record<F, readonly string[]>,
	required: readonly NoInfer<F>[],
	options: { optional?: readonly NoInfer<F>[]; underBrokenHeader?: 'read' | 'refuse' } = {}
): Layout<F> {
	const { optional, underBrokenHeader = 'refuse' } = options;
	return { aliases, required, ...(optional ? { optional } : {}), underBrokenHeader };
}

/** What most execution formats share: New York wall times, no trade date, account or symbol asked. */
const EXECUTION_DEFAULTS = {
	produces: 'executions',
	defaultZone: 'America/New_York',
	needsTradeDate: false,
	hasAccountColumn: false,
	needsSymbol: false
} as const;

/**
 * A format of executions, with the usual answers (New York wall times, no trade date, account or
 * symbol needed) unless `def` says otherwise.
 */
export function formatDef(
	def: Pick<FormatDef, 'id' | 'label' | 'detect' | 'parser'> & Partial<FormatDef>
): FormatDef {
	return { ...EXECUTION_DEFAULTS, ...def };
}

/**
 * A format that is one table: detected from its header row, which must have every required
 * column of `layout`, then scored by `score` (the columns only this format has).
 */
export function tableFormat<F extends string>(
	def: Omit<Parameters<typeof formatDef>[0], 'detect'> & {
		layout: Layout<F>;
		score: (header: string[]) => number;
	}
): FormatDef {
	const { layout, score, ...rest } = def;
	return formatDef({
		...rest,
		detect(sample) {
			const header = sample[0] ?? [];
			return hasRequired(layout, header) ? score(header) : 0;
		}
	});
}

/**
 * Whether a header row has every required column of a layout: where most formats' detection starts.
 * @example hasRequired({ aliases: { a: ['A'] }, required: ['a'], underBrokenHeader: 'read' }, ['a']) // true
 */
export function hasRequired<F extends string>(layout: Layout<F>, header: string[]): boolean {
	return (
		headerScore(
			header,
			layout.required.map((f) => layout.aliases[f])
		) === 1
	);
}

/**
 * The header row's outcome: refused naming the columns it lacks (`missing`, by header name), or
 * skipped as not data, with the warning for absent `optional` columns if any.
 */
export function headerRowOutcome<F extends string>(
	columns: Columns<F>,
	missing: readonly string[],
	optional: readonly F[],
	line: number
): RowOutcome {
	if (missing.length > 0) return refuse(line, null, `missing columns: ${missing.join(', ')}`);
	return columns.headerOutcome(optional, line);
}

/** The header names (first alias) of the `required` fields a header lacks. */
export function missingNames<F extends string>(
	columns: Columns<F>,
	aliases: Record<F, readonly string[]>,
	required: readonly F[]
): string[] {
	return columns.missing(required).map((f) => aliases[f][0] ?? f);
}

/** A data row's error list and the checks that add to it (see rowErrors). */
export interface RowChecks<F extends string> {
	errors: RowError[];
	/** Adds an error naming the column of `field` as the header writes it. */
	fail: (field: F, reason: string) => void;
	/** `parsed`, after adding its reason as `field`'s error when it failed. */
	check: <T>(field: F, parsed: Parsed<T>) => Parsed<T>;
	/** `check`, and an error when the number is not above zero. */
	positive: (field: F, parsed: Parsed<number>) => Parsed<number>;
	/** The row's outcome when it has errors: refused, with all of them. */
	rejected: () => RowOutcome;
}

/**
 * A data row's error list and the checks that add to it, naming the column of a field as the
 * header writes it.
 * @example const { fail, positive } = rowErrors(columns, 2); positive('price', parseNumber('0')) // error "must be above zero, is 0"
 */
export function rowErrors<F extends string>(c: Columns<F>, line: number): RowChecks<F> {
	const errors: RowError[] = [];
	const fail = (field: F, reason: string) => {
		errors.push({ line, column: c.name(field), reason });
	};
	const check = <T>(field: F, parsed: Parsed<T>): Parsed<T> => {
		if (!parsed.ok) fail(field, parsed.reason);
		return parsed;
	};
	const positive = (field: F, parsed: Parsed<number>): Parsed<number> => {
		if (check(field, parsed).ok && parsed.ok && parsed.value <= 0)
			fail(field, `must be above zero, is ${parsed.value}`);
		return parsed;
	};
	return { errors, fail, check, positive, rejected: () => ({ records: [], errors, skipped: 0 }) };
}

/**
 * A parser fed one row at a time that has nothing left to give at the end (every format but those
 * that pair rows). Subclasses say what a row means.
 */
export abstract class RowParser implements FormatParser {
	constructor(protected readonly options: ParseOptions) {}

	abstract row(cells: string[], line: number): RowOutcome;

	end(): RowOutcome {
		return EMPTY_OUTCOME;
	}
}

/**
 * A parser for a file that is one table: the header row, then data rows. Subclasses say what a
 * data row means (`data`); a format whose blank-looking rows are more than blank cells overrides
 * `notData`, and one whose header needs more than its layout's columns overrides `missing`.
 */
export abstract class TableParser<F extends string> extends RowParser {
	#columns: Columns<F> | null = null;
	/** Whether the header lacks a required column. */
	#broken = false;
	/** The reason every data row is refused with, under a broken header that refuses its rows. */
	#refusal: string | null = null;

	constructor(
		protected readonly layout: Layout<F>,
		options: ParseOptions
	) {
		super(options);
	}

	row(cells: string[], line: number): RowOutcome {
		const c = this.#columns;
		if (c === null) return this.header(cells, line);
		if (this.notData(cells, c)) return notData();
		if (this.#refusal !== null) return refuse(line, null, this.#refusal);
		return c.widthRejection(cells, line) ?? this.data(c, cells, line);
	}

	/** Whether the header row lacks a required column (set once the header is read). */
	protected get broken(): boolean {
		return this.#broken;
	}

	/** Reads the first row as the header. */
	protected header(cells: string[], line: number): RowOutcome {
		const columns = new Columns(cells, this.layout.aliases);
		this.#columns = columns;
		const missing = this.missing(columns, cells);
		if (missing.length > 0) {
			this.#broken = true;
			if (this.layout.underBrokenHeader === 'refuse')
				this.#refusal = `not read: the header (line ${line}) lacks ${missing.join(', ')}`;
		}
		return headerRowOutcome(columns, missing, this.layout.optional ?? [], line);
	}

	/** The header names of the columns a header row lacks, in the order its error lists them. */
	protected missing(columns: Columns<F>, _cells: string[]): string[] {
		return missingNames(columns, this.layout.aliases, this.layout.required);
	}

	/** Whether a row under the header is not data (skipped without a reason): every cell blank. */
	protected notData(cells: string[], _columns: Columns<F>): boolean {
		return cells.every(isBlank);
	}

	/** What a data row gives; its width is already the header's. */
	protected abstract data(c: Columns<F>, cells: string[], line: number): RowOutcome;
}
