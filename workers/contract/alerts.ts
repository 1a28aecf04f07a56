/**
 * The alert inbox: alerts pasted, dropped, picked or shared into Fillbook (TradingView alert JSON
 * or its alert-log export), each let in by its source's gate (signature, duplicate, stale, rate
 * limit; core/alerts) and kept as an audit row. In paper mode an accepted buy, sell, close or
 * flatten becomes an action on the desk's paper session, through its risk manager; in real mode
 * nothing is ever ordered: the alert is kept as a note and shown as a notification.
 */
import type {
	Alert,
	AlertInputFormat,
	AlertPayload,
	AlertProblem,
	SourceSettings,
	Verdict
} from '$lib/core/alerts';
import type { Mode } from '$lib/core/model/mode';
import type { AlertOutcome, AlertRow, AlertVia } from '$lib/db/schema';

export type { Alert, AlertOutcome, AlertPayload, AlertProblem, AlertVia, Verdict };
/** One alert's audit row, as stored. */
export type AlertRecord = AlertRow;

/** A source's rules, as the UI edits them: the gate's settings without the secret, which never leaves the engine. */
export type AlertSourceSettings = Omit<SourceSettings, 'secret'>;

/** A source as listed: its rules, whether a secret is set, how many alerts it let in. */
export interface AlertSourceDto {
	id: string;
	name: string;
	settings: AlertSourceSettings;
	hasSecret: boolean;
	accepted: number;
	createdAt: number;
}

export interface AlertSourceInput {
	/** Absent for a new source. */
	id?: string;
	name: string;
	settings: AlertSourceSettings;
	/** A new secret; null removes it; absent keeps the one set. */
	secret?: string | null;
}

export interface ReceiveAlertsRequest {
	text: string;
	sourceId: string;
	via: AlertVia;
	/** The file's name when dropped or picked. */
	fileName?: string;
	/** The paper session the desk has open (accepted alerts act on it); null for none. */
	sessionId: string | null;
}

export interface ReceiveAlertsResult {
	format: AlertInputFormat;
	/** Problems with the input as a whole (nothing found, text between objects). */
	problems: string[];
	/** One per alert found, in order. */
	records: AlertRecord[];
}

export interface AlertsApi {
	/** Every source, by name; the first call makes the "Manual" source (unsigned alerts let in). */
	alertSources(mode: Mode): Promise<AlertSourceDto[]>;
	/** Adds or changes a source; a name already taken or a limit out of bounds is refused with why. */
	saveAlertSource(mode: Mode, input: AlertSourceInput): Promise<AlertSourceDto>;
	/** Deletes a source (its alerts' audit rows stay). The last source cannot be deleted. */
	deleteAlertSource(mode: Mode, id: string): Promise<boolean>;
	/** Reads, checks and admits every alert in `text`, stores each one's audit row, acts on the accepted. */
	receiveAlerts(mode: Mode, request: ReceiveAlertsRequest): Promise<ReceiveAlertsResult>;
	/** The newest audit rows first, `limit` of them (before `beforeSeq` when given). */
	alertHistory(mode: Mode, options: { limit: number; beforeSeq?: number }): Promise<AlertRecord[]>;
	/** Places a queued alert on a paper session now; its audit row after. */
	placeQueuedAlert(mode: Mode, alertId: string, sessionId: string): Promise<AlertRecord>;
	/** The alerts that placed any of these orders (`<session id>:<order id>`, as stored with executions). */
	alertsForOrders(mode: Mode, orderIds: string[]): Promise<AlertRecord[]>;
	/**
	 * The accepted alerts of a trade's symbol that fired from 30 minutes before it opened until it
	 * closed (now, while open): in real mode, the journal's note of what the trader was told.
	 */
	alertsNearTrade(mode: Mode, tradeId: string): Promise<AlertRecord[]>;
}
