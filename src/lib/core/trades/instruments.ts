import type { AssetClass } from '../model/records';

/**
 * Point values of common futures roots (dollars per 1.0 of price), used when a file does not
 * state the multiplier. The user can override any root in Settings; an unknown root has no
 * default (NaN) and its trades say so instead of guessing.
 */
export const FUTURES_POINT_VALUES: Readonly<Record<string, number>> = {
	ES: 50,
	MES: 5,
	NQ: 20,
	MNQ: 2,
	YM: 5,
	MYM: 0.5,
	RTY: 50,
	M2K: 5,
	CL: 1000,
	MCL: 100,
	NG: 10000,
	GC: 100,
	MGC: 10,
	SI: 5000,
	HG: 25000,
	ZB: 1000,
	ZN: 1000,
	ZF: 1000,
	ZT: 2000,
	'6E': 125000,
	'6J': 12500000,
	ZC: 50,
	ZS: 50,
	ZW: 50
};

/**
 * The root of a futures symbol: `ESZ5` -> `ES`, `/MESU4` -> `MES`, `ES DEC 25` -> `ES`, and
 * TradingView's continuous and dated contracts: `MNQ1!` -> `MNQ`, `ESZ2025` -> `ES`.
 */
export function futuresRoot(symbol: string): string {
	const s = symbol.replace(/^\//, '').trim().toUpperCase();
	const spaced = /^([A-Z0-9]{1,4})\s/.exec(s);
	if (spaced) return spaced[1]!;
	const continuous = /^([A-Z0-9]{1,4}?)\d!$/.exec(s);
	if (continuous) return continuous[1]!;
	const coded = /^([A-Z0-9]{1,4}?)[FGHJKMNQUVXZ](\d{1,2}|\d{4})$/.exec(s);
	return coded ? coded[1]! : s;
}

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
