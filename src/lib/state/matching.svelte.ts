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
import { engine } from './engine';

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

/** An offset the engine detected that does better than the offsets used now, in words. */
export interface OffsetProposal {
	finding: OffsetFinding & { fileName: string };
	suggestion: OffsetSuggestion;
	words: string;
}

const DEFAULT_FORM: MatchingForm = formOf(DEFAULT_MATCH_SETTINGS);

/**
 * The Matching page: the standing run's results and the venues, the settings form, running
 * matching, the user's decisions and rolling a run back, all through the engine (the single
 * writer). Answers that arrive after the mode changed are dropped.
 */
export class MatchingState {
	#overview = $state.raw<MatchingOverview | null>(null);
	#venues = $state.raw<VenueRow[]>([]);
	#busy = $state(false);
	#message = $state<string | null>(null);
	#tab = $state<MatchingTab>('review');
	#form = $state.raw<MatchingForm>(DEFAULT_FORM);
	/** Offsets of single days (set by applying a suggestion), kept as they are by a run. */
	#dayOffsets = $state.raw<MatchSettings['dayOffsetHours']>({});

	/** Null before the first answer. */
	get overview(): MatchingOverview | null {
		return this.#overview;
	}
	/** The venues of matched trades. */
	get venues(): VenueRow[] {
		return this.#venues;
	}
	/** Whether a run or a decision is under way. */
	get busy(): boolean {
		return this.#busy;
	}
	/** What the last run, decision or rollback did, or why it could not. */
	get message(): string | null {
		return this.#message;
	}
	get tab(): MatchingTab {
		return this.#tab;
	}
	get form(): MatchingForm {
		return this.#form;
	}
	/** The standing run's result, or null before the first run. */
	get current(): MatchingOverview['current'] {
		return this.#overview?.current ?? null;
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
		return this.#overview?.runs.find((r) => r.rolledBackAt === null)?.id ?? null;
	}

	/** Reads the overview and the venues; `refill` puts the saved settings back in the form. */
	async load(refill: boolean): Promise<void> {
		const asked = mode.current;
		const [overview, venues] = await Promise.all([engine.matchingOverview(), engine.venueReport()]);
		if (asked !== mode.current) return;
		this.#overview = overview;
		this.#venues = venues;
		if (refill) {
			this.#form = formOf(overview.settings);
			this.#dayOffsets = overview.settings.dayOffsetHours;
		}
		const c = overview.current;
		if (c && this.#tab === 'review' && c.ambiguous.length === 0)
			this.#tab = c.matched.length > 0 ? 'matched' : 'unmatchedJournal';
	}

	setTab(tab: MatchingTab): void {
		this.#tab = tab;
	}

	setForm(patch: Partial<Omit<MatchingForm, 'offsets'>>): void {
		this.#form = { ...this.#form, ...patch };
	}

	/** Types the hours to add to one journal import. */
	setOffset(importId: string, text: string): void {
		this.#form = { ...this.#form, offsets: { ...this.#form.offsets, [importId]: text } };
	}

	/** Drops an import's own day offsets: all its days take its offset again at the next run. */
	clearDayOffsets(importId: string): void {
		const rest = { ...this.#dayOffsets };
		delete rest[importId];
		this.#dayOffsets = rest;
	}

	/** Runs matching with the form's settings, with a suggested offset applied to them if given. */
	async run(suggestion?: OffsetSuggestion): Promise<void> {
		const form = await this.#readForm();
		const settings = typeof form === 'string' || !suggestion ? form : applySuggestion(form, suggestion);
		if (typeof settings === 'string') {
			this.#message = settings;
			return;
		}
		this.#busy = true;
		this.#message = null;
		const result = await engine.runMatching(settings);
		this.#busy = false;
		if ('error' in result) {
			this.#message = result.error;
			return;
		}
		this.#message = `Run finished: ${result.counts.matched} matched, ${result.added} links added, ${result.removed} removed.`;
		this.#tab = result.counts.ambiguous > 0 ? 'review' : 'matched';
		await this.load(true);
	}

	/** Records the user's decision (it holds in every later run). */
	async decide(decision: DecisionInput): Promise<void> {
		this.#busy = true;
		await engine.decideMatch(decision);
		this.#busy = false;
		this.#message =
			decision.kind === 'link'
				? 'Linked. The decision holds in every later run.'
				: decision.kind === 'unlink'
					? 'Unlinked. This pair will not be matched again.'
					: decision.kind === 'reopen'
						? 'Taken back: it is matched again like any other.'
						: 'Marked as having no fills.';
		await this.load(false);
	}

	/** Rolls the standing run back: the run before it stands again. */
	async rollback(target: RunSummary): Promise<void> {
		const result = await engine.rollbackMatchRun(target.id);
		this.#message = result.ok ? 'The run was rolled back; the run before it stands again.' : result.message;
		await this.load(true);
	}

	/** The standing run's links as CSV, times in the display zone. */
	csv(): Promise<string> {
		return engine.exportMatchCsv(displayZone.current);
	}

	/** An import's own day offsets in words ("Oct 16–17 +0 h"); '' when it has none. */
	ownDays(importId: string, own = this.#dayOffsets[importId] ?? {}): string {
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
		const aliases = this.#overview?.settings.aliases ?? {};
		const symbol = matchSymbol(j.symbol, aliases);
		return (this.current?.unmatchedTrips ?? [])
			.map((u) => u.trip)
			.filter((t) => t.direction === j.direction && matchSymbol(t.symbol, aliases) === symbol);
	}

	/** Back to the state of a fresh page. */
	reset(): void {
		this.#overview = null;
		this.#venues = [];
		this.#busy = false;
		this.#message = null;
		this.#tab = 'review';
		this.#form = DEFAULT_FORM;
		this.#dayOffsets = {};
	}

	/** The form as settings, or why it cannot be (an alias line the engine cannot read). */
	async #readForm(): Promise<MatchSettings | string> {
		const form = this.#form;
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
			dayOffsetHours: this.#dayOffsets
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
