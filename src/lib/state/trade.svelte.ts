import type {
	AlertRecord,
	ChangePreview,
	ExecutionChange,
	FillLineage,
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
import { View } from './view.svelte';

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

/** What the trade page reads. */
export interface TradeView {
	/** Null when there is no such trade (in this mode), or before the first answer. */
	detail: TradeDetail | null;
	/** The journal trade linked to this one, or null. */
	match: TradeMatch | null;
	chart: TradeChart | null;
	/** Whether the first answer arrived. */
	loaded: boolean;
	/** Whether the journal is being saved. */
	saving: boolean;
	/** What the last save of the journal did, or why it did not. */
	message: string | null;
	/** The journal form as typed; changed through setDraft. */
	draft: JournalDraft;
	/** The change of an execution waiting for confirmation, or null. */
	pending: PendingChange | null;
	/** Whether the confirmation of the pending change is open. */
	confirming: boolean;
	/** What the last change of an execution did, or why it was refused. */
	executionMessage: string | null;
	/** The edited executions whose notes (imported values) are shown, by id. */
	shownNotes: string[];
	/** For a paper trade a strategy made: each of its orders' submissions back to the signal. */
	lineage: FillLineage[];
	/**
	 * For a paper trade alerts placed: the alerts behind its orders; for a real trade: the alerts of
	 * its symbol from 30 minutes before it opened until it closed. Oldest first.
	 */
	alerts: AlertRecord[];
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
	readonly #view = new View<TradeView>(() => ({
		detail: null,
		match: null,
		chart: null,
		loaded: false,
		saving: false,
		message: null,
		draft: EMPTY_DRAFT,
		pending: null,
		confirming: false,
		executionMessage: null,
		shownNotes: [],
		lineage: [],
		alerts: []
	}));
	#id = '';
	readonly #gone: (nextTradeId: string | null) => Promise<void>;

	/**
	 * @param gone Called when the trade no longer exists after a change: with the trade its
	 * executions went to, or null (the page then shows another trade or the list).
	 */
	constructor(gone: (nextTradeId: string | null) => Promise<void>) {
		this.#gone = gone;
	}

	get view(): Readonly<TradeView> {
		return this.#view.current;
	}

	get trade(): TradeRow | undefined {
		return this.view.detail?.trade;
	}

	/** The stop the journal saved, drawn on the chart; null without one. */
	get stopPrice(): number | null {
		const risk = this.view.detail?.annotation?.risk;
		return risk?.kind === 'stop' ? risk.price : null;
	}

	/** The trade's risk with the typed risk, as it would be once saved. */
	get previewRisk(): number | null {
		const trade = this.trade;
		if (!trade) return null;
		const risk = typedRisk(this.view.draft);
		return risk ? riskAmount(risk, trade, { kind: 'none' }) : trade.risk;
	}

	/** Why the typed stop cannot be this trade's risk (wrong side of the entry), shown as it is typed. */
	get stopProblem(): string | null {
		const trade = this.trade;
		const { riskKind, riskValue } = this.view.draft;
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
		const orderIds = (detail?.executions ?? [])
			.flatMap((e) => (e.orderId ? [e.orderId] : []))
			.filter((o, i, all) => all.indexOf(o) === i);
		// Paper executions name `<session>:<order>`: a strategy's lead back to its signal.
		const paperOrders = asked === 'paper' && orderIds.length > 0;
		// Real trades: the alerts of the symbol that came before and during them (only noted there).
		const [lineage, alerts] = paperOrders
			? await Promise.all([engine.paperLineage(orderIds), engine.alertsForOrders(orderIds)])
			: asked === 'real' && detail
				? [[], await engine.alertsNearTrade(id)]
				: [[], []];
		if (asked !== mode.current || id !== this.#id) return;
		this.#view.set({
			detail,
			match,
			chart,
			lineage,
			alerts: [...alerts].sort((a, b) => a.seq - b.seq),
			loaded: true,
			draft: draftOf(detail?.annotation ?? null)
		});
	}

	setDraft(patch: Partial<JournalDraft>): void {
		this.#view.set({ draft: { ...this.view.draft, ...patch } });
	}

	/** Saves the journal form; a risk that is not a number above zero is refused with a message. */
	async saveJournal(): Promise<void> {
		const trade = this.trade;
		if (!trade) return;
		const draft = this.view.draft;
		const v = Number(draft.riskValue);
		if (draft.riskKind !== 'none' && !(v > 0)) {
			this.#view.set({
				message:
					draft.riskKind === 'money'
						? 'Enter the initial risk as an amount above zero.'
						: 'Enter the stop price.'
			});
			return;
		}
		this.#view.set({ saving: true });
		const result = await engine.saveAnnotation({
			tradeId: trade.id,
			notes: draft.notes,
			tags: parseTags(draft.tags),
			strategy: draft.strategy.trim(),
			mistakes: parseTags(draft.mistakes),
			risk: typedRisk(draft)
		});
		this.#view.set({ saving: false, message: result.ok ? 'Saved.' : result.message });
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
		return this.view.shownNotes.includes(id);
	}

	toggleNote(id: string): void {
		const shown = this.view.shownNotes;
		this.#view.set({ shownNotes: this.noteShown(id) ? shown.filter((x) => x !== id) : [...shown, id] });
	}

	clearExecutionMessage(): void {
		this.#view.set({ executionMessage: null });
	}

	/** Edits an execution (or asks to confirm first); resolves to why it was refused, or null. */
	edit(input: ExecutionEditInput): Promise<string | null> {
		return this.#request({ kind: 'edit', input });
	}

	// A successful change sets its own message (#apply); a refused one says why.
	async revert(e: TradeExecution): Promise<void> {
		this.#view.set({ executionMessage: null });
		this.#refused(await this.#request({ kind: 'revert', id: e.id }));
	}

	async remove(e: TradeExecution): Promise<void> {
		this.#view.set({ executionMessage: null });
		this.#refused(await this.#request({ kind: 'delete', id: e.id }));
	}

	/** Opens or closes the confirmation of the pending change (the dialog closes itself). */
	setConfirming(open: boolean): void {
		this.#view.set({ confirming: open });
	}

	/** Makes the change the user confirmed. */
	async confirmPending(): Promise<void> {
		const pending = this.view.pending;
		if (!pending) return;
		this.#view.set({ pending: null });
		this.#refused(await this.#apply(pending.change, pending.preview));
	}

	/** Deletes all the trade's executions, then leaves the trade. */
	async deleteTrade(): Promise<void> {
		const detail = this.view.detail;
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
		this.#view.reset();
	}

	/** Shows why a change was refused; a change made (or waiting to be confirmed) keeps its own message. */
	#refused(message: string | null): void {
		if (message !== null) this.#view.set({ executionMessage: message });
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
			this.#view.set({ pending: { change, preview }, confirming: true });
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
									description: this.describe(this.view.detail!.executions.find((e) => e.id === change.id)!)
								}
							])
							.then(() => ({ ok: true }) as const);
		if (!done.ok) return done.message;
		this.#view.set({
			executionMessage:
				change.kind === 'edit'
					? 'Execution edited.'
					: change.kind === 'revert'
						? 'Execution reverted to imported.'
						: 'Execution deleted.'
		});
		await this.load();
		// The trade may be gone (its first execution deleted): show where its executions went.
		if (!this.view.detail) await this.#gone(preview.after[0]?.id ?? null);
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
