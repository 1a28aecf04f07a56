import { describe, expect, it } from 'vitest';
import { FUTURES_TICKS } from '../model/tick';
import { FUTURES_POINT_VALUES } from '../trades/instruments';
import { STARTER_INSTRUMENTS } from './starter';

describe('the starter list', () => {
	it('is the one source of the futures point values and ticks, with their values unchanged', () => {
		expect(FUTURES_POINT_VALUES).toEqual({
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
		});
		expect(FUTURES_TICKS).toEqual({
			ES: 0.25,
			MES: 0.25,
			NQ: 0.25,
			MNQ: 0.25,
			YM: 1,
			MYM: 1,
			RTY: 0.1,
			M2K: 0.1,
			CL: 0.01,
			MCL: 0.01,
			NG: 0.001,
			GC: 0.1,
			MGC: 0.1,
			SI: 0.005,
			HG: 0.0005,
			ZB: 1 / 32,
			ZN: 1 / 64,
			ZF: 1 / 128,
			ZT: 1 / 256,
			'6E': 0.00005,
			'6J': 0.0000005,
			ZC: 0.25,
			ZS: 0.25,
			ZW: 0.25
		});
	});

	it('names each instrument once, futures on CME exchanges in USD, crypto in their quote currency', () => {
		const symbols = STARTER_INSTRUMENTS.map((i) => i.symbol);
		expect(new Set(symbols).size).toBe(symbols.length);
		for (const i of STARTER_INSTRUMENTS) {
			if (i.assetClass === 'future') {
				expect(['CME', 'CBOT', 'NYMEX', 'COMEX']).toContain(i.exchange);
				expect(i.currency).toBe('USD');
			} else {
				expect(i.assetClass).toBe('crypto');
				expect(i.currency).toBe(i.pair?.quote);
				expect(i.symbol).toBe(`${i.pair?.base}-${i.pair?.quote}`);
			}
		}
		expect(symbols).toEqual(
			expect.arrayContaining(['BTC-USD', 'ETH-USDT', 'SOL-USDC', 'ETH-EUR', 'ETH-BTC'])
		);
	});
});
