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
 * Why a stop price cannot be a trade's initial risk, or null when it can: a long's stop lies
 * below its entry and a short's above (a stop at or past the entry on the wrong side risks
 * nothing, so R would be meaningless). The entry is the trade's entry VWAP.
 * @example stopSideError('short', 150, 149.5) // "A short's stop must be above its entry (150); 149.5 is below it."
 */
export function stopSideError(direction: 'long' | 'short', entryPrice: number, stop: number): string | null {
	if (!Number.isFinite(stop) || !(stop > 0)) return 'The stop price must be a number above zero.';
	const wrong = direction === 'long' ? stop >= entryPrice : stop <= entryPrice;
	if (!wrong) return null;
	// The entry VWAP may run to many decimals; four are enough to see the side.
	const entry = Number(entryPrice.toFixed(4));
	const where = stop === entryPrice ? 'at' : direction === 'long' ? 'above' : 'below';
	return direction === 'long'
		? `A long's stop must be below its entry (${entry}); ${stop} is ${where} it.`
		: `A short's stop must be above its entry (${entry}); ${stop} is ${where} it.`;
}

/**
 * The initial risk of a trade in money, from its annotation or else the default rule; null when
 * neither gives one. A stop on the wrong side of the entry (see {@link stopSideError}; possible
 * when an execution edit moved the entry past a saved stop) gives none, when the direction is known.
 * @example riskAmount({ kind: 'stop', price: 49.5 }, { entryPrice: 50, quantity: 200, multiplier: 1 }, { kind: 'none' }) // 100
 */
export function riskAmount(
	risk: Annotation['risk'],
	trade: { entryPrice: number; quantity: number; multiplier: number; direction?: 'long' | 'short' },
	fallback: DefaultRisk
): number | null {
	if (risk?.kind === 'money') return risk.amount > 0 ? risk.amount : null;
	if (risk?.kind === 'stop') {
		if (trade.direction && stopSideError(trade.direction, trade.entryPrice, risk.price) !== null) return null;
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
