import type { AssetClass } from '../model/records';
import { futuresRoot as rootOfFutures } from '../instruments/aliases';
import { STARTER_POINT_VALUES } from '../instruments/starter';

/**
 * Point values of common futures roots (dollars per 1.0 of price), used when a file does not
 * state the multiplier. The user can override any root in Settings; an unknown root has no
 * default (NaN) and its trades say so instead of guessing. Read from the instrument catalogue's
 * starter list (core/instruments/starter.ts), the one copy of these specs.
 */
export const FUTURES_POINT_VALUES: Readonly<Record<string, number>> = STARTER_POINT_VALUES;

/**
 * The root of a futures symbol: `ESZ5` -> `ES`, `/MESU4` -> `MES`, `ES DEC 25` -> `ES`, and
 * TradingView's continuous and dated contracts: `MNQ1!` -> `MNQ`, `ESZ2025` -> `ES`.
 * (Defined with the catalogue's aliases, core/instruments/aliases.ts.)
 */
export const futuresRoot: (symbol: string) => string = rootOfFutures;

/**
 * The multiplier of an instrument when the file does not give one: 1 for stocks, ETFs, forex
 * and crypto; 100 for equity options; the point value of the root for futures (NaN if unknown).
 */
export function multiplierOf(
	symbol: string,
	assetClass: AssetClass,
	overrides: Readonly<Record<string, number>> = {}
): number {
	switch (assetClass) {
		case 'option':
			return 100;
		case 'future':
		case 'future_option': {
			const root = futuresRoot(symbol);
			return overrides[root] ?? FUTURES_POINT_VALUES[root] ?? NaN;
		}
		default:
			return 1;
	}
}
