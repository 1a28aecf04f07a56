/** The reconcile page's words: status chips, quantities and differences. */
import type { ReconcileStatus } from '$workers/contract';
import { heldText } from './words';

/** A status as its chip says it. */
export const STATUS_LABEL: Readonly<Record<ReconcileStatus, string>> = {
	matches: 'Matches',
	differs: 'Differs',
	'only-broker': 'Only broker',
	'only-fillbook': 'Only Fillbook'
};

/**
 * A broker's quantity: `—` when the snapshot does not list the symbol, signed otherwise.
 * @example brokerQuantityText(null) // 'not listed'
 */
export function brokerQuantityText(x: number | null): string {
	return x === null ? 'not listed' : heldText(x);
}

/**
 * A difference (broker − executions) with its sign: `+100`, `−50`, `0`.
 * @example differenceText(100) // '+100'
 */
export function differenceText(x: number): string {
	if (x === 0) return '0';
	return x > 0 ? `+${heldText(x)}` : heldText(x);
}

/**
 * The summary line of a reconciliation's counts, empty statuses left out.
 * @example countsText({ matches: 2, differs: 1, 'only-broker': 0, 'only-fillbook': 0 }) // '2 matching · 1 differing'
 */
export function countsText(counts: Readonly<Record<ReconcileStatus, number>>): string {
	const parts = [
		counts.matches ? `${counts.matches} matching` : '',
		counts.differs ? `${counts.differs} differing` : '',
		counts['only-broker'] ? `${counts['only-broker']} only at the broker` : '',
		counts['only-fillbook'] ? `${counts['only-fillbook']} only in Fillbook` : ''
	];
	return parts.filter((p) => p !== '').join(' · ');
}
