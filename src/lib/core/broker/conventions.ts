/** The paper broker's conventions: its default settings, and how a DAY order's session date is written. */
import type { WallTime } from '../time/zone';
import type { BrokerConfig } from './types';

/**
 * The defaults: a $100,000 cash account, no shorts, no costs, no volume limit, New York sessions
 * (UTC days for crypto pairs).
 */
export const DEFAULT_BROKER_CONFIG: BrokerConfig = {
	startingCash: 100_000,
	marginMultiplier: 1,
	allowShort: false,
	commission: { kind: 'none' },
	slippage: { kind: 'none' },
	volumeShare: null,
	bothTouched: 'worse',
	timeZone: 'America/New_York',
	instrumentSessions: true,
	priceDecimals: 4,
	quantityDecimals: 0
};

/** A DAY order's session date: `YYYY-MM-DD` of a wall time. */
export function sessionDate(w: WallTime): string {
	return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}
