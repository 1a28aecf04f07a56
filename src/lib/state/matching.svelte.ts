import type { DecisionInput, JournalView, MatchingOverview, RunSummary, TripView } from '$workers/contract';
import { DEFAULT_MATCH_SETTINGS, type MatchSettings, type OffsetFinding } from '$lib/core/matching/types';
import {
	applySuggestion,
	dayRanges,
	describeSuggestion,
	formatOffset,
	offsetSuggestion,
	type OffsetSuggestion
} from '$lib/core/matching/offsets';
import type { VenueRow } from '$lib/core/matching/stats';
import { matchSymbol } from '$lib/core/matching/symbols';
import { displayZone, mode } from './app.svelte';
import { filter } from './filter.svelte';
import { engine } from './engine';
import { View } from './view.svelte';

/** The lists of a run's results the page shows one at a time. */
export type MatchingTab =
	'review' | 'matched' | 'discrepancies' | 'unmatchedJournal' | 'noFills' | 'unmatchedTrips';

/** The settings form as typed: text, so that half-typed numbers are not lost. */
export interface MatchingForm {
	quantityTolerance: string;
	windowMinutes: string;
	pnlTolerance: string;
	/** One alias a line: `FB = META`. */
	aliasesText: string;
	/** Hours to add to each journal import's times, by import id. */
	offsets: Record<string, string>;
}

/** How many rows of a list the page shows at a time. */
export const PAGE_SIZE = 50;

/** One page of a list: its rows, which page of how many, and rows `from`–`to` (1-based) of `total`. */
export interface ListPage<T> {
	rows: T[];
	page: number;
	pages: number;
	from: number;
	to: number;
	total: number;
}

/** An offset the engine detected that does better than the offsets used now, in words. */
export interface OffsetProposal {
	finding: OffsetFinding & { fileName: string };
	suggestion: OffsetSuggestion;
	words: string;
}

/** What the Matching page reads. */
export interface MatchingView {
	/** Null before the first answer. */
	overview: MatchingOverview | null;
	/** The venues of matched trades. */
	venues: VenueRow[];
	/** Whether a run or a decision is under way. */
	busy: boolean;
	/** What the last run, decision or rollback did, or why it could not. */
	message: string | null;
	/** The list of results shown. */
	tab: MatchingTab;
	/** The page of that list shown, from 0 (kept to the pages there are by `paged`). */
	page: number;
	/** The settings form as typed; changed through setForm and setOffset. */
	form: MatchingForm;
	/** Offsets of single days (set by applying a suggestion), kept as they are by a run. */
	dayOffsets: MatchSettings['dayOffsetHours'];
}

const DEFAULT_FORM: MatchingForm = formOf(DEFAULT_MATCH_SETTINGS);

/**
 * The Matching page: the standing run's results and the venues, the settings form, running
 * matching, the user's decisions and rolling a run back, all through the engine (the single
 * writer). Answers that arrive after the mode changed are dropped.
 */
export class MatchingState {
	readonly #view = new View<MatchingView>(() => ({
		overview: null,
		venues: [],
		busy: false,
		message: null,
		tab: 'review',
		page: 0,
		form: DEFAULT_FORM,
		dayOffsets: {}
	}));

	get view(): Readonly<MatchingView> {
		return this.#view.current;
	}
	/** The standing run's result, or null before the first run. */
	get current(): MatchingOverview['current'] {
		return this.view.overview?.current ?? null;
	}
	/** The matched journal trades whose P&L differs from their fills'. */
	get discrepancies(): NonNullable<MatchingOverview['current']>['matched'] {
		return this.current?.matched.filter((m) => m.pnl.discrepancy) ?? [];
	}
	/** The detected offsets more journal trades agree with than with the offsets used now. */
	get proposals(): OffsetProposal[] {
		return (this.current?.offsets ?? []).flatMap((finding) => {
			const suggestion = offsetSuggestion(finding);
			return suggestion && suggestion.support > finding.appliedSupport
				? [{ finding, suggestion, words: describeSuggestion(suggestion, finding) }]
				: [];
		});
	}
	/** The run that stands (the latest not rolled back): the one that can be rolled back. */
	get standingId(): string | null {
		return this.view.overview?.runs.find((r) => r.rolledBackAt === null)?.id ?? null;
	}

	/**
	 * Reads the overview (its lists narrowed by the trade filter) and the venues; `refill` puts the
	 * saved settings back in the form.
	 */
	async load(refill: boolean): Promise<void> {
		const asked = mode.current;
		// The lists hold what the shared trade filter lets through (days in the display zone).
		const [overview, venues] = await Promise.all([
			engine.matchingOverview($state.snapshot(filter.current), displayZone.current),
			engine.venueReport()
		]);
		if (asked !== mode.current) return;
		this.#view.set({ overview, venues });
		if (refill)
			this.#view.set({ form: formOf(overview.settings), dayOffsets: overview.settings.dayOffsetHours });
		const c = overview.current;
		if (c && this.view.tab === 'review' && c.ambiguous.length === 0)
			this.#view.set({ tab: c.matched.length > 0 ? 'matched' : 'unmatchedJournal', page: 0 });
	}

	setTab(tab: MatchingTab): void {
		this.#view.set({ tab, page: 0 });
	}

	/** Shows another page of the list (none before the first). */
	setPage(page: number): void {
		this.#view.set({ page: Math.max(0, Math.floor(page)) });
	}

	/**
	 * The page of `rows` shown: a list of thousands would be tens of thousands of pixels on a phone.
	 * A page past the last (the list shrank after a decision) shows the last.
	 */
	paged<T>(rows: readonly T[]): ListPage<T> {
		const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
		const page = Math.min(this.view.page, pages - 1);
		const start = page * PAGE_SIZE;
		const shown = rows.slice(start, start + PAGE_SIZE);
		return {
			rows: shown,
			page,
			pages,
			from: shown.length === 0 ? 0 : start + 1,
			to: start + shown.length,
			total: rows.length
		};
	}

	setForm(patch: Partial<Omit<MatchingForm, 'offsets'>>): void {
		this.#view.set({ form: { ...this.view.form, ...patch } });
	}

	/** Types the hours to add to one journal import. */
	setOffset(importId: string, text: string): void {
		const { form } = this.view;
		this.#view.set({ form: { ...form, offsets: { ...form.offsets, [importId]: text } } });
	}

	/** Drops an import's own day offsets: all its days take its offset again at the next run. */
	clearDayOffsets(importId: string): void {
		const rest = { ...this.view.dayOffsets };
		delete rest[importId];
		this.#view.set({ dayOffsets: rest });
	}

	/** Runs matching with the form's settings, with a suggested offset applied to them if given. */
	async run(suggestion?: OffsetSuggestion): Promise<void> {
		const form = await this.#readForm();
		const settings = typeof form === 'string' || !suggestion ? form : applySuggestion(form, suggestion);
		if (typeof settings === 'string') {
			this.#view.set({ message: settings });
			return;
		}
		this.#view.set({ busy: true, message: null });
		const result = await engine.runMatching(settings);
		this.#view.set({ busy: false });
		if ('error' in result) {
			this.#view.set({ message: result.error });
			return;
		}
		this.#view.set({
			message: `Run finished: ${result.counts.matched} matched, ${result.added} links added, ${result.removed} removed.`,
			tab: result.counts.ambiguous > 0 ? 'review' : 'matched',
			page: 0
		});
		await this.load(true);
	}

	/** Records the user's decision (it holds in every later run). */
	async decide(decision: DecisionInput): Promise<void> {
		this.#view.set({ busy: true });
		await engine.decideMatch(decision);
		this.#view.set({
			busy: false,
			message:
				decision.kind === 'link'
					? 'Linked. The decision holds in every later run.'
					: decision.kind === 'unlink'
						? 'Unlinked. This pair will not be matched again.'
						: decision.kind === 'reopen'
							? 'Taken back: it is matched again like any other.'
							: 'Marked as having no fills.'
		});
		await this.load(false);
	}

	/** Rolls the standing run back: the run before it stands again. */
	async rollback(target: RunSummary): Promise<void> {
		const result = await engine.rollbackMatchRun(target.id);
		this.#view.set({
			message: result.ok ? 'The run was rolled back; the run before it stands again.' : result.message
		});
		await this.load(true);
	}

	/** The standing run's links as CSV, times in the display zone. */
	csv(): Promise<string> {
		return engine.exportMatchCsv(displayZone.current);
	}

	/** An import's own day offsets in words ("Oct 16–17 +0 h"); '' when it has none. */
	ownDays(importId: string, own = this.view.dayOffsets[importId] ?? {}): string {
		// Days next to each other among the import's trading days run together.
		const all = this.current?.offsets.find((o) => o.importId === importId)?.days.map((d) => d.day) ?? [];
		const days = Object.entries(own).sort((a, b) => (a[0] < b[0] ? -1 : 1));
		return days
			.map(([, h]) => h)
			.filter((h, k, list) => list.indexOf(h) === k)
			.map(
				(h) =>
					`${dayRanges(
						days.filter((d) => d[1] === h).map((d) => d[0]),
						all
					)} ${formatOffset(h)}`
			)
			.join('; ');
	}

	/** A run's own day offsets in words, for the runs table ('' when none). */
	runDays(r: RunSummary): string {
		// Runs recorded before day offsets existed have none.
		const text = Object.entries(r.settings.dayOffsetHours ?? {})
			.map(([id, own]) => this.ownDays(id, own))
			.filter((t) => t !== '')
			.join('; ');
		return text === '' ? '' : ` (${text})`;
	}

	/** Unmatched round trips a journal trade could be linked to by hand: same symbol and direction. */
	linkable(j: JournalView): TripView[] {
		const aliases = this.view.overview?.settings.aliases ?? {};
		const symbol = matchSymbol(j.symbol, aliases);
		return (this.current?.unmatchedTrips ?? [])
			.map((u) => u.trip)
			.filter((t) => t.direction === j.direction && matchSymbol(t.symbol, aliases) === symbol);
	}

	/** Back to the state of a fresh page. */
	reset(): void {
		this.#view.reset();
	}

	/** The form as settings, or why it cannot be (an alias line the engine cannot read). */
	async #readForm(): Promise<MatchSettings | string> {
		const { form, dayOffsets } = this.view;
		const { aliases, errors } = await engine.parseAliases(form.aliasesText);
		if (errors.length > 0) return errors.join(' ');
		const offsetHours: Record<string, number> = {};
		for (const [id, text] of Object.entries(form.offsets))
			if (text.trim() !== '') offsetHours[id] = Number(text);
		return {
			quantityTolerance: Number(form.quantityTolerance),
			windowMinutes: Number(form.windowMinutes),
			pnlTolerance: Number(form.pnlTolerance),
			aliases,
			offsetHours,
			dayOffsetHours: dayOffsets
		};
	}
}

/** The form filled from saved settings. */
function formOf(s: MatchSettings): MatchingForm {
	return {
		quantityTolerance: String(s.quantityTolerance),
		windowMinutes: String(s.windowMinutes),
		pnlTolerance: String(s.pnlTolerance),
		aliasesText: Object.entries(s.aliases)
			.map(([from, to]) => `${from} = ${to}`)
			.join('\n'),
		offsets: Object.fromEntries(Object.entries(s.offsetHours).map(([id, h]) => [id, String(h)]))
	};
}
