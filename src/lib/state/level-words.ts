import type { LevelAlertRow } from '$workers/contract';
import type { Crossing, LevelKind, LevelSpec } from '$lib/core/prices';
import { formatInstant, instantToWallTime } from '$lib/core/time/zone';

/**
 * Level alerts in words: the notice of a trigger or a doubt, what a level is and what it is
 * measured from, and the history of crossings. Pure, so the watcher's texts are tested alone.
 */

/** What to tell: a title and a line. */
export interface LevelNotice {
	title: string;
	body: string;
}

/** One entry of a level's history: its trigger or one of its doubts. */
export interface LevelEvent {
	kind: 'trigger' | 'doubt';
	row: LevelAlertRow;
	crossing: Crossing;
}

const KIND_WORDS: Readonly<Record<LevelKind, string>> = {
	'take-profit': 'take-profit',
	'stop-loss': 'stop-loss',
	'cross-above': 'cross above',
	'cross-below': 'cross below'
};

/** `stop-loss`, `cross above`. */
export function kindWord(kind: LevelKind): string {
	return KIND_WORDS[kind];
}

/**
 * A price with the digits it has, two at least and four at most: `13.28`, `13.955`, `12.024`.
 * Levels in %, R or ATR fall between ticks; they are shown as computed, not rounded to one.
 */
export function levelNumber(x: number | null): string {
	if (x === null || !Number.isFinite(x)) return '—';
	return x.toFixed(4).replace(/0{1,2}$/, '');
}

/** `14:49` in a zone. */
export function clockTime(instant: number, zone: string): string {
	const w = instantToWallTime(instant, zone);
	return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

/** `RIVN stop-loss 13.28`. */
export function levelTitle(row: Pick<LevelAlertRow, 'symbol' | 'level'>): string {
	return `${row.symbol} ${kindWord(row.level.kind)} ${levelNumber(row.level.price)}`;
}

/**
 * A crossing in one line: `RIVN stop-loss 13.28 reached at 14:49 (13.28) — price 13.29, medium
 * confidence: single source: RIVN.csv`; a doubt `may have crossed` and says its low confidence.
 */
export function crossingLine(event: LevelEvent, zone: string): string {
	const v = event.crossing.validated;
	const reasons = v.reasons.length ? `: ${v.reasons.join('; ')}` : '';
	return `${crossingHead(event, zone)} — price ${levelNumber(v.price)}, ${v.confidence} confidence${reasons}`;
}

/** What crossed, when and at what: `RIVN stop-loss 13.28 reached at 14:49 (13.28)` (a list shows the validated price beside it). */
export function crossingHead(event: LevelEvent, zone: string): string {
	const { row, crossing } = event;
	const what = event.kind === 'trigger' ? 'reached' : 'may have crossed';
	return `${levelTitle(row)} ${what} at ${clockTime(crossing.time, zone)} (${levelNumber(crossing.reached)})`;
}

/**
 * The notice for a level that changed: its trigger, or else its newest doubt; null when it has
 * neither (nothing to tell).
 */
export function levelNotice(row: LevelAlertRow, zone: string): LevelNotice | null {
	const doubt = row.doubts.at(-1);
	const event: LevelEvent | null = row.trigger
		? { kind: 'trigger', row, crossing: row.trigger }
		: doubt
			? { kind: 'doubt', row, crossing: doubt }
			: null;
	if (!event) return null;
	return {
		title:
			event.kind === 'trigger'
				? `Price alert: ${levelTitle(row)} reached`
				: `Price alert: ${levelTitle(row)} may have crossed (low confidence)`,
		body: crossingLine(event, zone)
	};
}

/** Every trigger and doubt of the levels, the newest crossing first. */
export function levelHistory(rows: readonly LevelAlertRow[]): LevelEvent[] {
	const events = rows.flatMap((row): LevelEvent[] => [
		...(row.trigger ? [{ kind: 'trigger' as const, row, crossing: row.trigger }] : []),
		...row.doubts.map((crossing) => ({ kind: 'doubt' as const, row, crossing }))
	]);
	return events.sort(
		(a, b) => b.crossing.time - a.crossing.time || (a.kind === b.kind ? 0 : a.kind === 'trigger' ? -1 : 1)
	);
}

/** How the level was set: `price 13.28`, `2 % from 13.36`, `1 R from 13.34 (stop 13.30)`, `1.5 ATR from 13.34 (ATR 0.069)`. */
export function specLine(row: Pick<LevelAlertRow, 'spec' | 'reference'>): string {
	const { spec, reference: r } = row;
	const from = levelNumber(r.entry);
	switch (spec.unit) {
		case 'price':
			return `price ${levelNumber(spec.value)}`;
		case 'percent':
			return `${spec.value} % from ${from}`;
		case 'r':
			return `${spec.value} R from ${from} (stop ${levelNumber(r.stop)})`;
		case 'atr':
			return `${spec.value} ATR from ${from} (ATR ${levelNumber(r.atr)})`;
	}
}

/**
 * What a level is measured from: `long 100 RIVN entered at 13.34` for a position, `last close
 * 13.36 at 2025-10-13 15:10:00` for a price cross. Prices count from `armedFrom` on.
 */
export function measuredFrom(row: LevelAlertRow, zone: string): string {
	if (row.target.kind === 'trade')
		return `${row.reference.side} ${row.target.quantity} ${row.symbol} entered at ${levelNumber(row.reference.entry)}`;
	return `last close ${levelNumber(row.reference.entry)} at ${formatInstant(row.armedFrom, zone)}`;
}

/** The units a level is given in, as the forms offer them. */
export const UNIT_WORDS: Readonly<Record<LevelSpec['unit'], string>> = {
	price: 'price',
	percent: '%',
	r: 'R',
	atr: 'ATR'
};

/** The storage key of the last event seen in a mode. */
export function lastSeenKey(mode: string): string {
	return `fillbook.levels.lastSeen.${mode}`;
}

/** A stored last-seen number: a whole number ≥ 0, else 0 (nothing seen). */
export function parseLastSeen(text: string | null): number {
	const n = Number(text);
	return text !== null && Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

/** The events to notify (those after `lastSeen`, in order) and the last seen afterwards. */
export function unseenEvents(
	rows: readonly LevelAlertRow[],
	lastSeen: number
): { fresh: LevelAlertRow[]; lastSeen: number } {
	const fresh = rows.filter((r) => r.eventSeq > lastSeen).sort((a, b) => a.eventSeq - b.eventSeq);
	return { fresh, lastSeen: Math.max(lastSeen, ...fresh.map((r) => r.eventSeq)) };
}

/** An instant as a datetime-local input shows it in a zone: `2025-10-13T15:11`. */
export function localInputValue(instant: number, zone: string): string {
	return formatInstant(instant, zone).slice(0, 16).replace(' ', 'T');
}
