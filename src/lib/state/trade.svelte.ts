import type {
	ChangePreview,
	ExecutionChange,
	TradeChart,
	TradeDetail,
	TradeExecution,
	TradeMatch
} from '$workers/contract';
import { parseTags, riskAmount, stopSideError, type Annotation } from '$lib/core/model/annotation';
import { formatInstant } from '$lib/core/time/zone';
import { describeChange, describeExecution, type ExecutionEditInput } from '$lib/core/trades/execution-edit';
import type { TradeRow } from '$lib/core/trades/query';
import { displayZone, mode } from './app.svelte';
import { engine } from './engine';

/** The journal form as typed: text, so that half-typed numbers are not lost. */
export interface JournalDraft {
	notes: string;
	/** Comma-separated. */
	tags: string;
	strategy: string;
	/** Comma-separated. */
	mistakes: string;
	/** "none": the default risk rule applies. */
	riskKind: 'none' | 'money' | 'stop';
	/** The amount or the stop price, as typed. */
	riskValue: string;
}

/** A change of an execution waiting for the user's confirmation, with what it would do. */
export interface PendingChange {
	change: ExecutionChange;
	preview: ChangePreview;
}

const EMPTY_DRAFT: JournalDraft = {
	notes: '',
	tags: '',
	strategy: '',
	mistakes: '',
	riskKind: 'none',
	riskValue: ''
};

/**
 * One trade's page: its figures, chart, journal match and executions, the journal form, and
 * the changes of single executions (edit, revert to imported, delete), each previewed by the
 * engine and, in real mode (or for a deletion that touches two trades), confirmed first.
 * Answers that arrive after the mode changed are dropped.
 */
export class TradeState {
	#id = '';
	#detail = $state.raw<TradeDetail | null>(null);
	#match = $state.raw<TradeMatch | null>(null);
	#chart = $state.raw<TradeChart | null>(null);
	#loaded = $state(false);
	#saving = $state(false);
	#message = $state<string | null>(null);
	#draft = $state.raw<JournalDraft>(EMPTY_DRAFT);
	#pending = $state.raw<PendingChange | null>(null);
	#confirming = $state(false);
	#executionMessage = $state<string | null>(null);
	#shownNotes = $state.raw<string[]>([]);
	readonly #gone: (nextTradeId: string | null) => Promise<void>;

	/**
	 * @param gone Called when the trade no longer exists after a change: with the trade its
	 * executions went to, or null (the page then shows another trade or the list).
	 */
	constructor(gone: (nextTradeId: string | null) => Promise<void>) {
		this.#gone = gone;
	}

	/** Null when there is no such trade (in this mode), or before the first answer. */
	get detail(): TradeDetail | null {
		return this.#detail;
	}
	get trade(): TradeRow | undefined {
		return this.#detail?.trade;
	}
	/** The journal trade linked to this one, or null. */
	get match(): TradeMatch | null {
		return this.#match;
	}
	get chart(): TradeChart | null {
		return this.#chart;
	}
	/** Whether the first answer arrived. */
	get loaded(): boolean {
		return this.#loaded;
	}
	/** Whether the journal is being saved. */
	get saving(): boolean {
		return this.#saving;
	}
	/** What the last save of the journal did, or why it did not. */
	get message(): string | null {
		return this.#message;
	}
	get draft(): JournalDraft {
		return this.#draft;
	}
	get pending(): PendingChange | null {
		return this.#pending;
	}
	/** Whether the confirmation of the pending change is open. */
	get confirming(): boolean {
		return this.#confirming;
	}
	/** What the last change of an execution did, or why it was refused. */
	get executionMessage(): string | null {
		return this.#executionMessage;
	}

	/** The stop the journal saved, drawn on the chart; null without one. */
	get stopPrice(): number | null {
		const risk = this.#detail?.annotation?.risk;
		return risk?.kind === 'stop' ? risk.price : null;
	}

	/** The trade's risk with the typed risk, as it would be once saved. */
	get previewRisk(): number | null {
		const trade = this.trade;
		if (!trade) return null;
		const risk = typedRisk(this.#draft);
		return risk ? riskAmount(risk, trade, { kind: 'none' }) : trade.risk;
	}

	/** Why the typed stop cannot be this trade's risk (wrong side of the entry), shown as it is typed. */
	get stopProblem(): string | null {
		const trade = this.trade;
		const { riskKind, riskValue } = this.#draft;
		const v = Number(riskValue);
		if (!trade || riskKind !== 'stop' || riskValue.trim() === '' || !(v > 0)) return null;
		return stopSideError(trade.direction, trade.entryPrice, v);
	}

	/** Reads the trade (`id`, or the one shown), and fills the journal form from what was saved. */
	async load(id = this.#id): Promise<void> {
		this.#id = id;
		const asked = mode.current;
		const [detail, match, chart] = await Promise.all([
			engine.tradeDetail(id),
			engine.tradeMatch(id),
			engine.tradeChart(id)
		]);
		if (asked !== mode.current || id !== this.#id) return;
		this.#detail = detail;
		this.#match = match;
		this.#chart = chart;
		this.#loaded = true;
		this.#draft = draftOf(detail?.annotation ?? null);
	}

	setDraft(patch: Partial<JournalDraft>): void {
		this.#draft = { ...this.#draft, ...patch };
	}

	/** Saves the journal form; a risk that is not a number above zero is refused with a message. */
	async saveJournal(): Promise<void> {
		const trade = this.trade;
		if (!trade) return;
		const draft = this.#draft;
		const v = Number(draft.riskValue);
		if (draft.riskKind !== 'none' && !(v > 0)) {
			this.#message =
				draft.riskKind === 'money'
					? 'Enter the initial risk as an amount above zero.'
					: 'Enter the stop price.';
			return;
		}
		this.#saving = true;
		const result = await engine.saveAnnotation({
			tradeId: trade.id,
			notes: draft.notes,
			tags: parseTags(draft.tags),
			strategy: draft.strategy.trim(),
			mistakes: parseTags(draft.mistakes),
			risk: typedRisk(draft)
		});
		this.#saving = false;
		this.#message = result.ok ? 'Saved.' : result.message;
		if (result.ok) await this.load();
	}

	/** An execution in one line, as the buttons and the record of a deletion name it. */
	describe(e: TradeExecution): string {
		return describeExecution(
			{ ...e, quantity: e.executionQuantity },
			this.trade?.symbol ?? '',
			displayZone.current
		);
	}

	/** What an edit changed, for the "edited" note: "Imported as …; changed @ 167.57 to @ 167.67." */
	editNote(e: TradeExecution): string {
		if (!e.edit) return '';
		const zone = displayZone.current;
		const now = { ...e, quantity: e.executionQuantity };
		const changes = describeChange(e.edit.original, now, zone).join(', ');
		return `Imported as ${describeExecution(e.edit.original, this.trade?.symbol ?? '', zone)}; changed ${changes}${e.edit.reason ? ` (${e.edit.reason})` : ''}.`;
	}

	/** Whether an edited execution's note (its imported values) is shown. */
	noteShown(id: string): boolean {
		return this.#shownNotes.includes(id);
	}

	toggleNote(id: string): void {
		this.#shownNotes = this.noteShown(id)
			? this.#shownNotes.filter((x) => x !== id)
			: [...this.#shownNotes, id];
	}

	clearExecutionMessage(): void {
		this.#executionMessage = null;
	}

	/** Edits an execution (or asks to confirm first); resolves to why it was refused, or null. */
	edit(input: ExecutionEditInput): Promise<string | null> {
		return this.#request({ kind: 'edit', input });
	}

	// A successful change sets its own message (#apply); a refused one says why.
	async revert(e: TradeExecution): Promise<void> {
		this.#executionMessage = null;
		this.#executionMessage = (await this.#request({ kind: 'revert', id: e.id })) ?? this.#executionMessage;
	}

	async remove(e: TradeExecution): Promise<void> {
		this.#executionMessage = null;
		this.#executionMessage = (await this.#request({ kind: 'delete', id: e.id })) ?? this.#executionMessage;
	}

	/** Opens or closes the confirmation of the pending change (the dialog closes itself). */
	setConfirming(open: boolean): void {
		this.#confirming = open;
	}

	/** Makes the change the user confirmed. */
	async confirmPending(): Promise<void> {
		const pending = this.#pending;
		if (!pending) return;
		this.#pending = null;
		this.#executionMessage = (await this.#apply(pending.change, pending.preview)) ?? this.#executionMessage;
	}

	/** Deletes all the trade's executions, then leaves the trade. */
	async deleteTrade(): Promise<void> {
		const detail = this.#detail;
		if (!detail) return;
		const zone = displayZone.current;
		await engine.deleteExecutions(
			detail.executions.map((e) => ({
				id: e.id,
				description: `${toTheSecond(e.time, zone)} ${detail.trade.symbol} ${e.side} ${e.quantity} @ ${e.price}`
			}))
		);
		await this.#gone(null);
	}

	/** Back to the state of a fresh page. */
	reset(): void {
		this.#id = '';
		this.#detail = null;
		this.#match = null;
		this.#chart = null;
		this.#loaded = false;
		this.#saving = false;
		this.#message = null;
		this.#draft = EMPTY_DRAFT;
		this.#pending = null;
		this.#confirming = false;
		this.#executionMessage = null;
		this.#shownNotes = [];
	}

	/**
	 * Asks the engine what a change would do; in real mode (and, for a deletion, whenever it
	 * touches two trades) the user confirms first, reading which trades change and how.
	 * Resolves to a message when the change cannot be made.
	 */
	async #request(change: ExecutionChange): Promise<string | null> {
		const preview = await engine.previewExecutionChange(change);
		if (!preview.ok) return preview.message;
		if (mode.isReal || (change.kind === 'delete' && preview.before.length > 1)) {
			this.#pending = { change, preview };
			this.#confirming = true;
			return null;
		}
		return this.#apply(change, preview);
	}

	async #apply(change: ExecutionChange, preview: ChangePreview): Promise<string | null> {
		const done =
			change.kind === 'edit'
				? await engine.editExecution(change.input)
				: change.kind === 'revert'
					? await engine.revertExecution(change.id)
					: await engine
							.deleteExecutions([
								{
									id: change.id,
									description: this.describe(this.#detail!.executions.find((e) => e.id === change.id)!)
								}
							])
							.then(() => ({ ok: true }) as const);
		if (!done.ok) return done.message;
		this.#executionMessage =
			change.kind === 'edit'
				? 'Execution edited.'
				: change.kind === 'revert'
					? 'Execution reverted to imported.'
					: 'Execution deleted.';
		await this.load();
		// The trade may be gone (its first execution deleted): show where its executions went.
		if (!this.#detail) await this.#gone(preview.after[0]?.id ?? null);
		return null;
	}
}

/** The journal form filled from a saved annotation (or empty). */
function draftOf(a: Annotation | null): JournalDraft {
	return {
		notes: a?.notes ?? '',
		tags: (a?.tags ?? []).join(', '),
		strategy: a?.strategy ?? '',
		mistakes: (a?.mistakes ?? []).join(', '),
		riskKind: a?.risk?.kind ?? 'none',
		riskValue: a?.risk ? String(a.risk.kind === 'money' ? a.risk.amount : a.risk.price) : ''
	};
}

/** The typed risk, or null for the default rule or a value that is not above zero. */
function typedRisk(draft: JournalDraft): Annotation['risk'] {
	const v = Number(draft.riskValue);
	if (!(v > 0)) return null;
	return draft.riskKind === 'money'
		? { kind: 'money', amount: v }
		: draft.riskKind === 'stop'
			? { kind: 'stop', price: v }
			: null;
}

/** `2025-10-13 09:43:10`: an execution's time in a zone, to the second (as the UI writes it). */
function toTheSecond(instant: number, zone: string): string {
	return formatInstant(Math.floor(instant / 1000) * 1000, zone);
}
