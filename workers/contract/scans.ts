/**
 * Scheduled scans: the signal generator over imported bars at a timing, run only while the app is
 * open (the page asks for due runs on a timer); new signals are notified and, in paper mode when
 * the schedule says so, placed on the desk's session through its risk manager.
 */
import type { ScheduleTiming } from '$lib/core/alerts/schedule';
import type { Mode } from '$lib/core/model/mode';
import type { ScanRun, ScanScheduleRow, ScanSignal } from '$lib/db/schema';

export type { ScanRun, ScanScheduleRow, ScanSignal, ScheduleTiming };

/**
 * A schedule as the form sends it: the row's settings (`symbols` null or empty: every symbol with
 * bars; `placeOrders` in paper mode only), with its id when an existing one is changed.
 */
export type ScanScheduleInput = Pick<
	ScanScheduleRow,
	'name' | 'timing' | 'params' | 'symbols' | 'timeframe' | 'placeOrders' | 'enabled'
> & { id?: string };

export interface RunDueRequest {
	/** The desk's open paper session (new signals are placed on it); null for none. */
	sessionId: string | null;
}

export interface ScansApi {
	/** Every schedule, oldest first, each with its latest runs. */
	scanSchedules(mode: Mode): Promise<ScanScheduleRow[]>;
	/** Adds or changes a schedule; a bad timing, parameter or quantity is refused with why. */
	saveScanSchedule(mode: Mode, input: ScanScheduleInput): Promise<ScanScheduleRow>;
	deleteScanSchedule(mode: Mode, id: string): Promise<boolean>;
	/** Runs (or records as missed) every enabled schedule's due slot: the schedules that ran. */
	runDueScans(mode: Mode, request: RunDueRequest): Promise<ScanScheduleRow[]>;
	/** Runs a schedule now, by hand (its timing's slots are left as they were). */
	runScanNow(mode: Mode, id: string, request: RunDueRequest): Promise<ScanScheduleRow>;
	/** Each schedule's next slot (null when disabled). */
	nextScanRuns(mode: Mode): Promise<{ id: string; next: number | null }[]>;
}
