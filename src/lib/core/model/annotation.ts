/**
 * What the trader writes about a trade. Keyed by the trade's stable id (its first execution's
 * id), so it survives re-imports and regrouping. Notes are plain text, never HTML.
 */
export interface Annotation {
	tradeId: string;
	notes: string;
	tags: string[];
	/** Strategy or playbook, e.g. "ORB 5m". */
	strategy: string;
	mistakes: string[];
	/** Initial risk: an amount of money, or the stop price (risk = |entry − stop| × quantity × multiplier). */
	risk: { kind: 'money'; amount: number } | { kind: 'stop'; price: number } | null;
	/** Epoch ms, UTC. */
	updatedAt: number;
}

/** The rule for trades without their own risk: none, a fixed amount, or a percentage of the entry value. */
export type DefaultRisk =
	{ kind: 'none' } | { kind: 'money'; amount: number } | { kind: 'percent'; percent: number };

/**
 * The initial risk of a trade in money, from its annotation or else the default rule; null when
 * neither gives one.
 * @example riskAmount({ kind: 'stop', price: 49.5 }, { entryPrice: 50, quantity: 200, multiplier: 1 }, { kind: 'none' }) // 100
 */
export function riskAmount(
	risk: Annotation['risk'],
	trade: { entryPrice: number; quantity: number; multiplier: number },
	fallback: DefaultRisk
): number | null {
	if (risk?.kind === 'money') return risk.amount > 0 ? risk.amount : null;
	if (risk?.kind === 'stop') {
		const amount = Math.abs(trade.entryPrice - risk.price) * trade.quantity * trade.multiplier;
		return amount > 0 ? amount : null;
	}
	if (fallback.kind === 'money') return fallback.amount > 0 ? fallback.amount : null;
	if (fallback.kind === 'percent') {
		const amount = (trade.entryPrice * trade.quantity * trade.multiplier * fallback.percent) / 100;
		return amount > 0 ? amount : null;
	}
	return null;
}

/** Tags as typed in one field: split on commas, trimmed, empty ones and repeats dropped. */
export function parseTags(text: string): string[] {
	return [
		...new Set(
			text
				.split(',')
				.map((t) => t.trim())
				.filter((t) => t !== '')
		)
	];
}
