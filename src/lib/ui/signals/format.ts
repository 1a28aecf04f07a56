/** How the Signals page writes a signal's time, confidence and a vote's direction. */
import type { SignalRow } from '$lib/state/signals.svelte';
import { displayZone } from '$lib/state/app.svelte';
import { dateTime } from '../money';
import { barDate } from '../price-chart';

/** A daily bar by its date, an intraday one by date and time (in the display zone). */
export const signalTime = (row: SignalRow, t: number): string =>
	row.timeframeLabel.endsWith('D') ? barDate(t) : dateTime(t, displayZone.current);

/** A share as a whole percent: `0.67` → `67%`. */
export const percent = (x: number): string => `${Math.round(x * 100)}%`;

/** A vote's direction in words, with its arrow. */
export const arrow = (d: number): string => (d > 0 ? '▲ up' : d < 0 ? '▼ down' : '— abstains');
