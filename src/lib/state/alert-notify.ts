import type { AlertRecord, ReceiveAlertsResult } from '$workers/contract';
import type { Mode } from '$lib/core/model/mode';

/**
 * Telling the trader an alert was let in: a system notification (the Notification API, permission
 * asked at the first alert), or an in-app banner where notifications are denied or unsupported.
 * The browser's API is passed in, so every path is tested without one.
 */

/** The part of the Notification API used here (`window.Notification`, or absent). */
export interface NotificationApi {
	readonly permission: NotificationPermission;
	requestPermission(): Promise<NotificationPermission>;
	new (title: string, options?: { body?: string; tag?: string }): object;
}

/** A service worker's registration, which can show notifications where a page cannot. */
export interface WorkerNotifier {
	showNotification(title: string, options?: { body?: string; tag?: string }): Promise<void>;
}

/** What to tell: a title and a line per accepted alert. */
export interface AlertNotice {
	title: string;
	body: string;
}

/** How a notice was shown. */
export type NoticeChannel = 'system' | 'banner';

/** What one receive let in and kept out, for the result line. */
export interface ReceiveSummary {
	accepted: number;
	duplicates: number;
	refused: number;
	/** Problems with the input as a whole (nothing found, text between objects). */
	problems: string[];
}

/** Counts a receive's verdicts. */
export function summarize(result: ReceiveAlertsResult): ReceiveSummary {
	const count = (kind: AlertRecord['verdict']['kind']) =>
		result.records.filter((r) => r.verdict.kind === kind).length;
	return {
		accepted: count('accepted'),
		duplicates: count('duplicate'),
		refused: count('refused'),
		problems: result.problems
	};
}

/** What an accepted alert became, in a few words: `Buy 100 RIVN at market`, `queued: …`, `noted`. */
export function outcomeLine(record: AlertRecord): string | null {
	const o = record.outcome;
	switch (o.kind) {
		case 'placed':
			return `placed: ${o.text}`;
		case 'rejected':
			return `rejected by the desk: ${o.reason}`;
		case 'queued':
			return `queued (${o.reason})`;
		case 'noted':
			return 'noted (real mode never orders)';
		case 'none':
			return null;
	}
}

/**
 * The notice for the alerts a receive accepted (placed, queued or noted), or null when none was:
 * duplicates and refusals are shown on the page, not pushed.
 */
export function noticeFor(records: readonly AlertRecord[], mode: Mode): AlertNotice | null {
	const accepted = records.filter((r) => r.verdict.kind === 'accepted');
	if (accepted.length === 0) return null;
	const lines = accepted.map((r) => {
		const what = r.alert
			? [r.alert.action, r.alert.quantity ?? '', r.alert.symbol ?? 'every symbol']
					.filter((x) => x !== '')
					.join(' ')
			: r.label;
		return `#${r.seq} ${what}: ${outcomeLine(r) ?? ''}`;
	});
	const title =
		accepted.length === 1
			? `Alert from ${accepted[0]!.sourceName}${mode === 'real' ? ' (real mode: noted)' : ''}`
			: `${accepted.length} alerts accepted${mode === 'real' ? ' (real mode: noted)' : ''}`;
	return {
		title,
		body: lines.slice(0, 5).join('\n') + (lines.length > 5 ? `\n… and ${lines.length - 5} more` : '')
	};
}

/**
 * Shows a notice as a system notification when the browser has the API and the user allows it
 * (asking once, while permission is still undecided), else says to show it as a banner.
 */
export async function deliver(
	notice: AlertNotice,
	api: NotificationApi | undefined,
	worker?: () => Promise<WorkerNotifier | undefined>
): Promise<NoticeChannel> {
	if (!api) return 'banner';
	let permission = api.permission;
	if (permission === 'default') {
		try {
			permission = await api.requestPermission();
		} catch {
			permission = 'denied';
		}
	}
	if (permission !== 'granted') return 'banner';
	try {
		new api(notice.title, { body: notice.body, tag: 'fillbook-alert' });
		return 'system';
	} catch {
		// Android Chrome allows notifications only from a service worker's registration.
		try {
			const registration = await worker?.();
			if (!registration) return 'banner';
			await registration.showNotification(notice.title, { body: notice.body, tag: 'fillbook-alert' });
			return 'system';
		} catch {
			return 'banner';
		}
	}
}
