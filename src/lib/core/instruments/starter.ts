/**
 * The bundled starter list: the common US futures (point value, tick, exchange, session) and the
 * common crypto pairs (quote currency, lot step), so a first import of `ESZ5` or `BTC-USD` needs
 * no setup. The point values and ticks here are the only copy: FUTURES_POINT_VALUES
 * (trades/instruments.ts) and FUTURES_TICKS (model/tick.ts) are read from this list.
 */
import { CRYPTO_DEFAULT_TICKS, fixedTick } from './ticks';
import type { Instrument, SessionId } from './types';

/** One futures root: its contract specs as the exchange publishes them. */
interface FuturesSpec {
	name: string;
	exchange: 'CME' | 'CBOT' | 'NYMEX' | 'COMEX';
	/** Dollars per 1.0 of price. */
	pointValue: number;
	/** In the contract's quoted unit (treasuries in points, their ticks fractions of 1/32; grains in cents a bushel). */
	tick: number;
	session: SessionId;
}

const G: SessionId = 'cme-globex';

/** The starter futures, by root. */
const FUTURES: Readonly<Record<string, FuturesSpec>> = {
	ES: { name: 'E-mini S&P 500', exchange: 'CME', pointValue: 50, tick: 0.25, session: G },
	MES: { name: 'Micro E-mini S&P 500', exchange: 'CME', pointValue: 5, tick: 0.25, session: G },
	NQ: { name: 'E-mini Nasdaq-100', exchange: 'CME', pointValue: 20, tick: 0.25, session: G },
	MNQ: { name: 'Micro E-mini Nasdaq-100', exchange: 'CME', pointValue: 2, tick: 0.25, session: G },
	YM: { name: 'E-mini Dow ($5)', exchange: 'CBOT', pointValue: 5, tick: 1, session: G },
	MYM: { name: 'Micro E-mini Dow', exchange: 'CBOT', pointValue: 0.5, tick: 1, session: G },
	RTY: { name: 'E-mini Russell 2000', exchange: 'CME', pointValue: 50, tick: 0.1, session: G },
	M2K: { name: 'Micro E-mini Russell 2000', exchange: 'CME', pointValue: 5, tick: 0.1, session: G },
	CL: { name: 'Crude Oil (WTI)', exchange: 'NYMEX', pointValue: 1000, tick: 0.01, session: G },
	MCL: { name: 'Micro WTI Crude Oil', exchange: 'NYMEX', pointValue: 100, tick: 0.01, session: G },
	NG: { name: 'Henry Hub Natural Gas', exchange: 'NYMEX', pointValue: 10000, tick: 0.001, session: G },
	GC: { name: 'Gold', exchange: 'COMEX', pointValue: 100, tick: 0.1, session: G },
	MGC: { name: 'Micro Gold', exchange: 'COMEX', pointValue: 10, tick: 0.1, session: G },
	SI: { name: 'Silver', exchange: 'COMEX', pointValue: 5000, tick: 0.005, session: G },
	HG: { name: 'Copper', exchange: 'COMEX', pointValue: 25000, tick: 0.0005, session: G },
	ZB: { name: 'U.S. Treasury Bond', exchange: 'CBOT', pointValue: 1000, tick: 1 / 32, session: G },
	ZN: { name: '10-Year T-Note', exchange: 'CBOT', pointValue: 1000, tick: 1 / 64, session: G },
	ZF: { name: '5-Year T-Note', exchange: 'CBOT', pointValue: 1000, tick: 1 / 128, session: G },
	ZT: { name: '2-Year T-Note', exchange: 'CBOT', pointValue: 2000, tick: 1 / 256, session: G },
	'6E': { name: 'Euro FX', exchange: 'CME', pointValue: 125000, tick: 0.00005, session: G },
	'6J': { name: 'Japanese Yen', exchange: 'CME', pointValue: 12500000, tick: 0.0000005, session: G },
	ZC: { name: 'Corn', exchange: 'CBOT', pointValue: 50, tick: 0.25, session: 'cbot-grains' },
	ZS: { name: 'Soybeans', exchange: 'CBOT', pointValue: 50, tick: 0.25, session: 'cbot-grains' },
	ZW: { name: 'Chicago SRW Wheat', exchange: 'CBOT', pointValue: 50, tick: 0.25, session: 'cbot-grains' }
};

/** Coins of the starter crypto pairs. */
const STARTER_COINS = ['BTC', 'ETH', 'SOL', 'XRP', 'ADA', 'DOGE', 'LTC', 'AVAX', 'LINK', 'DOT'] as const;
/** Quotes every starter coin is paired with; coins quoted in BTC too (`ETH-BTC`). */
const STARTER_QUOTES = ['USD', 'USDT', 'USDC', 'EUR'] as const;

/** 1 satoshi: the finest quantity step of the common venues for these coins. */
const CRYPTO_LOT_STEP = 0.00000001;

const futures = (root: string, spec: FuturesSpec): Instrument =>
	Object.freeze({
		symbol: root,
		assetClass: 'future',
		name: spec.name,
		exchange: spec.exchange,
		currency: 'USD',
		pair: null,
		multiplier: spec.pointValue,
		tick: fixedTick(spec.tick),
		lotStep: 1,
		session: spec.session,
		aliases: Object.freeze([]),
		option: null,
		source: 'starter'
	});

const cryptoPair = (base: string, quote: string): Instrument =>
	Object.freeze({
		symbol: `${base}-${quote}`,
		assetClass: 'crypto',
		name: null,
		exchange: null,
		currency: quote,
		pair: Object.freeze({ base, quote }),
		multiplier: 1,
		tick: CRYPTO_DEFAULT_TICKS,
		lotStep: CRYPTO_LOT_STEP,
		session: 'crypto',
		aliases: Object.freeze(
			[`${base}${quote}`, `${base}/${quote}`].concat(
				base === 'BTC' ? [`XBT${quote}`, `XBT/${quote}`, `XBT-${quote}`] : []
			)
		),
		option: null,
		source: 'starter'
	});

/** The starter list: every futures root above, then the crypto pairs. */
export const STARTER_INSTRUMENTS: readonly Instrument[] = Object.freeze([
	...Object.entries(FUTURES).map(([root, spec]) => futures(root, spec)),
	...STARTER_COINS.flatMap((base) => STARTER_QUOTES.map((quote) => cryptoPair(base, quote))),
	...STARTER_COINS.filter((base) => base !== 'BTC').map((base) => cryptoPair(base, 'BTC'))
]);

/** The starter futures roots' point values (what FUTURES_POINT_VALUES is). */
export const STARTER_POINT_VALUES: Readonly<Record<string, number>> = Object.freeze(
	Object.fromEntries(Object.entries(FUTURES).map(([root, spec]) => [root, spec.pointValue]))
);

/** The starter futures roots' ticks (what FUTURES_TICKS is). */
export const STARTER_FUTURES_TICKS: Readonly<Record<string, number>> = Object.freeze(
	Object.fromEntries(Object.entries(FUTURES).map(([root, spec]) => [root, spec.tick]))
);
