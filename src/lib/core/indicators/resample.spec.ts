import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CRYPTO_SESSION, marketSession, US_EQUITY_SESSION } from '../time/market-session';
import {
	alignToLower,
	barEnd,
	resample,
	resampleRevealed,
	sma,
	type BarColumns,
	type Timeframe
} from './index';

const NY = 'America/New_York';
const MINUTE = 60_000;

/** Bars from rows of [ISO time, open, high, low, close, volume]. */
function bars(rows: [string, number, number, number, number, number][]): BarColumns {
	const column = (i: number) =>
		Float64Array.from(rows, (r) => (i === 0 ? Date.parse(r[0]) : (r[i] as number)));
	return {
		time: column(0),
		open: column(1),
		high: column(2),
		low: column(3),
		close: column(4),
		volume: column(5)
	};
}

const plain = (b: BarColumns) =>
	Array.from(b.time, (t, i) => [
		new Date(t).toISOString(),
		b.open[i],
		b.high[i],
		b.low[i],
		b.close[i],
		b.volume[i]
	]);

describe('resample', () => {
	it('US equities: 1h bars start at 09:30, 10:30 … New York time, not 09:00 holding 09:30–09:59', () => {
		const b = bars([
			['2024-03-08T14:30:00Z', 10, 11, 9, 10.5, 100], //  09:30 New York
			['2024-03-08T14:59:00Z', 10.5, 12, 10, 11, 100], // 09:59
			['2024-03-08T15:00:00Z', 11, 13, 10.5, 12, 100], // 10:00: still the 09:30 hour
			['2024-03-08T15:29:00Z', 12, 12.5, 8, 9, 100], //   10:29
			['2024-03-08T15:30:00Z', 9, 9.5, 8.5, 9.25, 100], // 10:30: the next hour
			['2024-03-08T20:59:00Z', 9, 9, 9, 9, 100] //        15:59: the 15:30 hour
		]);
		expect(plain(resample(b, '1h', US_EQUITY_SESSION))).toEqual([
			['2024-03-08T14:30:00.000Z', 10, 13, 8, 9, 400],
			['2024-03-08T15:30:00.000Z', 9, 9.5, 8.5, 9.25, 100],
			['2024-03-08T20:30:00.000Z', 9, 9, 9, 9, 100]
		]);
		// Shorter buckets and days are the same as on the clock: 09:30 is a multiple of 5, 15, 30 minutes.
		for (const tf of ['5m', '15m', '30m', '1D'] as const)
			expect(plain(resample(b, tf, US_EQUITY_SESSION))).toEqual(plain(resample(b, tf, NY)));
		// In summer (EDT) too: 13:30 UTC is 09:30.
		const summer = bars([
			['2024-07-08T13:30:00Z', 1, 1, 1, 1, 1],
			['2024-07-08T14:29:00Z', 2, 2, 2, 2, 1],
			['2024-07-08T14:30:00Z', 3, 3, 3, 3, 1]
		]);
		expect(
			Array.from(resample(summer, '1h', US_EQUITY_SESSION).time, (t) => new Date(t).toISOString())
		).toEqual(['2024-07-08T13:30:00.000Z', '2024-07-08T14:30:00.000Z']);
	});

	it('crypto: hours and days on UTC, whatever the display zone', () => {
		const b = bars([
			['2024-03-08T23:30:00Z', 1, 1, 1, 1, 1],
			['2024-03-09T00:10:00Z', 2, 2, 2, 2, 1],
			['2024-03-09T04:59:00Z', 3, 3, 3, 3, 1],
			['2024-03-09T05:00:00Z', 4, 4, 4, 4, 1]
		]);
		expect(Array.from(resample(b, '1h', CRYPTO_SESSION).time, (t) => new Date(t).toISOString())).toEqual([
			'2024-03-08T23:00:00.000Z',
			'2024-03-09T00:00:00.000Z',
			'2024-03-09T04:00:00.000Z',
			'2024-03-09T05:00:00.000Z'
		]);
		expect(plain(resample(b, '1D', CRYPTO_SESSION))).toEqual([
			['2024-03-08T00:00:00.000Z', 1, 1, 1, 1, 1],
			['2024-03-09T00:00:00.000Z', 2, 4, 2, 4, 3]
		]);
	});

	it('futures: daily bars start at 18:00 New York the evening before, Sunday evening in Monday’s bar, across the clock change', () => {
		const es = marketSession('ESZ5');
		const b = bars([
			// Friday 2025-03-07 (EST, UTC-5): 16:59, the last minute of Friday's trading day.
			['2025-03-07T21:59:00Z', 1, 1, 1, 1, 1],
			// Sunday 2025-03-09 18:00 EDT (UTC-4, after the 02:00 change): Monday's day opens.
			['2025-03-09T22:00:00Z', 2, 5, 2, 5, 1],
			['2025-03-10T13:30:00Z', 3, 3, 1, 3, 1],
			// Monday 17:59 is the break (no trading) — a bar there still lands in Monday's day.
			['2025-03-10T20:59:00Z', 4, 4, 4, 4, 1],
			// Monday 18:00: Tuesday's day.
			['2025-03-10T22:00:00Z', 6, 6, 6, 6, 1]
		]);
		expect(plain(resample(b, '1D', es))).toEqual([
			['2025-03-06T23:00:00.000Z', 1, 1, 1, 1, 1],
			['2025-03-09T22:00:00.000Z', 2, 5, 1, 4, 3],
			['2025-03-10T22:00:00.000Z', 6, 6, 6, 6, 1]
		]);
		expect(barEnd(Date.parse('2025-03-09T22:00:00Z'), '1D', es)).toBe(Date.parse('2025-03-10T22:00:00Z'));
		// Forex days from 17:00 New York; hours stay on the hour.
		const fx = marketSession('EURUSD');
		expect(plain(resample(b, '1D', fx)).map((r) => r[0])).toEqual([
			'2025-03-06T22:00:00.000Z',
			'2025-03-09T21:00:00.000Z',
			'2025-03-10T21:00:00.000Z'
		]);
		expect(Array.from(resample(b, '1h', es).time, (t) => new Date(t).toISOString())[1]).toBe(
			'2025-03-09T22:00:00.000Z'
		);
	});

	it('futures: every daily bucket starts at 18:00 New York and lasts 23–25 hours (property)', () => {
		const es = marketSession('ESZ5');
		fc.assert(
			fc.property(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) }), (t) => {
				const start = resample(
					{
						time: Float64Array.of(t),
						open: Float64Array.of(1),
						high: Float64Array.of(1),
						low: Float64Array.of(1),
						close: Float64Array.of(1),
						volume: Float64Array.of(1)
					},
					'1D',
					es
				).time[0]!;
				const wall = new Intl.DateTimeFormat('en-GB', {
					timeZone: NY,
					hour: '2-digit',
					minute: '2-digit',
					hourCycle: 'h23'
				}).format(start);
				expect(wall).toBe('18:00');
				expect(start).toBeLessThanOrEqual(t);
				const end = barEnd(t, '1D', es);
				expect(end).toBeGreaterThan(t);
				expect([23, 24, 25]).toContain((end - start) / 3_600_000);
			}),
			{ numRuns: 300 }
		);
	});

	it('every session-aligned bucket holds only bars from its start to its end, and starts on the open plus whole timeframes', () => {
		const timeframes: Timeframe[] = ['5m', '15m', '30m', '1h', '1D'];
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 60 * 24 * 10 }), { minLength: 1, maxLength: 80 }),
				fc.constantFrom(...timeframes),
				fc.constantFrom(US_EQUITY_SESSION, CRYPTO_SESSION),
				(minutes, tf, session) => {
					const sorted = [...new Set(minutes)].sort((a, b) => a - b);
					const start = Date.UTC(2024, 2, 5);
					const time = Float64Array.from(sorted, (m) => start + m * MINUTE);
					const ones = () => new Float64Array(time.length).fill(1);
					const out = resample(
						{ time, open: ones(), high: ones(), low: ones(), close: ones(), volume: ones() },
						tf,
						session
					);
					let k = 0;
					for (const t of time) {
						while (barEnd(out.time[k]!, tf, session) <= t) k++;
						expect(out.time[k]!).toBeLessThanOrEqual(t);
					}
					expect(k).toBe(out.time.length - 1);
					if (tf !== '1D' && session === US_EQUITY_SESSION) {
						// 09:30 New York is 14:30 UTC in March before the 10th: whole buckets from there.
						const fromOpen = (t: number) => (((t - Date.UTC(2024, 2, 5, 14, 30)) % MINUTE) + MINUTE) % MINUTE;
						for (const t of out.time) if (t < Date.UTC(2024, 2, 10)) expect(fromOpen(t)).toBe(0);
					}
				}
			)
		);
	});

	it('1-minute bars into 5-minute bars: open first, high/low over all, close last, volume summed', () => {
		const out = resample(
			bars([
				['2024-03-08T14:30:00Z', 10, 11, 9.5, 10.5, 100],
				['2024-03-08T14:31:00Z', 10.5, 12, 10, 11, 200],
				['2024-03-08T14:34:00Z', 11, 11.5, 9, 9.5, 300],
				['2024-03-08T14:35:00Z', 9.5, 10, 9.25, 9.75, 400]
			]),
			'5m',
			NY
		);
		expect(plain(out)).toEqual([
			['2024-03-08T14:30:00.000Z', 10, 12, 9, 9.5, 600],
			['2024-03-08T14:35:00.000Z', 9.5, 10, 9.25, 9.75, 400]
		]);
	});

	it('hourly bars start on the local hour, also where the offset is a half hour (Asia/Kolkata, UTC+5:30)', () => {
		const b = bars([
			['2024-03-08T04:29:00Z', 1, 1, 1, 1, 1], // 09:59 IST
			['2024-03-08T04:30:00Z', 2, 2, 2, 2, 1], // 10:00 IST
			['2024-03-08T05:29:00Z', 3, 3, 3, 3, 1] //  10:59 IST
		]);
		expect(Array.from(resample(b, '1h', 'Asia/Kolkata').time, (t) => new Date(t).toISOString())).toEqual([
			'2024-03-08T03:30:00.000Z',
			'2024-03-08T04:30:00.000Z'
		]);
		// In UTC the same bars fall into the 04:00 and 05:00 hours.
		expect(resample(b, '1h', 'UTC').time.length).toBe(2);
		expect(new Date(resample(b, '1h', 'UTC').time[1]!).toISOString()).toBe('2024-03-08T05:00:00.000Z');
	});

	it('days follow the zone: UTC midnight splits nothing, local midnight does', () => {
		const b = bars([
			['2024-03-07T23:59:00Z', 1, 1, 1, 1, 1], // 18:59 New York, March 7
			['2024-03-08T00:01:00Z', 2, 2, 2, 2, 1], // 19:01 New York, still March 7
			['2024-03-08T04:59:00Z', 3, 3, 3, 3, 1], // 23:59 New York
			['2024-03-08T05:00:00Z', 4, 4, 4, 4, 1] //  00:00 New York, March 8
		]);
		const out = resample(b, '1D', NY);
		expect(plain(out)).toEqual([
			['2024-03-07T05:00:00.000Z', 1, 3, 1, 3, 3],
			['2024-03-08T05:00:00.000Z', 4, 4, 4, 4, 1]
		]);
	});

	it('a day across the spring daylight-saving change lasts 23 hours, in autumn 25', () => {
		// New York: clocks skip 02:00-03:00 on 2024-03-10 and repeat 01:00-02:00 on 2024-11-03.
		const spring = Date.parse('2024-03-10T05:00:00Z');
		expect(barEnd(spring + 3_600_000, '1D', NY) - spring).toBe(23 * 3_600_000);
		const autumn = Date.parse('2024-11-03T04:00:00Z');
		expect(barEnd(autumn + 3_600_000, '1D', NY) - autumn).toBe(25 * 3_600_000);
		expect(barEnd(Date.UTC(2024, 2, 8, 15), '1D', NY)).toBe(Date.UTC(2024, 2, 9, 5));
	});

	it('the repeated autumn hour makes two hourly bars, not one of two hours', () => {
		const first = Date.parse('2024-11-03T05:30:00Z'); // 01:30 EDT
		const second = Date.parse('2024-11-03T06:30:00Z'); // 01:30 EST
		const out = resample(
			{
				time: Float64Array.of(first, second),
				open: Float64Array.of(1, 2),
				high: Float64Array.of(1, 2),
				low: Float64Array.of(1, 2),
				close: Float64Array.of(1, 2),
				volume: Float64Array.of(1, 1)
			},
			'1h',
			NY
		);
		expect(Array.from(out.time)).toEqual([first - 30 * MINUTE, second - 30 * MINUTE]);
	});

	it('volume is summed over the bars that have one, NaN when none has', () => {
		const out = resample(
			bars([
				['2024-03-08T14:30:00Z', 1, 1, 1, 1, NaN],
				['2024-03-08T14:31:00Z', 1, 1, 1, 1, 5],
				['2024-03-08T14:35:00Z', 1, 1, 1, 1, NaN]
			]),
			'5m',
			NY
		);
		expect(Array.from(out.volume)).toEqual([5, NaN]);
	});

	it('refuses unsorted bars, unknown zones and ragged columns', () => {
		const b = bars([
			['2024-03-08T14:31:00Z', 1, 1, 1, 1, 1],
			['2024-03-08T14:30:00Z', 1, 1, 1, 1, 1]
		]);
		expect(() => resample(b, '5m', NY)).toThrow('resample: bars must be sorted by time (bar 1)');
		expect(() => resample(b, '5m', 'Mars/Olympus')).toThrow('"Mars/Olympus" is not an IANA time zone');
		expect(() => resample({ ...b, volume: new Float64Array(1) }, '5m', NY)).toThrow(
			'volume has 1 values for 2 times'
		);
	});
});

/** Sorted 1-minute bars with random gaps (a missing minute, a night, a weekend) over DST changes. */
const barsArb: fc.Arbitrary<BarColumns> = fc
	.record({
		start: fc.integer({ min: Date.UTC(2024, 0, 1) / MINUTE, max: Date.UTC(2025, 0, 1) / MINUTE }),
		steps: fc.array(
			fc.record({
				gap: fc.constantFrom(1, 1, 1, 1, 2, 7, 61, 17 * 60, 3 * 24 * 60),
				move: fc.integer({ min: -50, max: 50 }),
				up: fc.integer({ min: 0, max: 40 }),
				down: fc.integer({ min: 0, max: 40 }),
				volume: fc.option(fc.integer({ min: 0, max: 5000 }), { freq: 8 })
			}),
			{ maxLength: 300 }
		)
	})
	.map(({ start, steps }) => {
		let t = start * MINUTE;
		let price = 100;
		const rows = steps.map((s) => {
			t += s.gap * MINUTE;
			const open = price;
			price = Math.max(1, price + s.move / 100);
			return {
				t,
				open,
				close: price,
				high: Math.max(open, price) + s.up / 100,
				low: Math.min(open, price) - s.down / 100,
				v: s.volume ?? NaN
			};
		});
		return {
			time: Float64Array.from(rows, (r) => r.t),
			open: Float64Array.from(rows, (r) => r.open),
			high: Float64Array.from(rows, (r) => r.high),
			low: Float64Array.from(rows, (r) => r.low),
			close: Float64Array.from(rows, (r) => r.close),
			volume: Float64Array.from(rows, (r) => r.v)
		};
	});

const timeframeArb = fc.constantFrom<Timeframe>('5m', '15m', '1h', '1D');
const zoneArb = fc.constantFrom(NY, 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC');
const sum = (values: Float64Array) => values.reduce((s, v) => (Number.isNaN(v) ? s : s + v), 0);

describe('resample properties', () => {
	it('conserves total volume and the overall high and low; every bar lands in its bucket', () => {
		fc.assert(
			fc.property(barsArb, timeframeArb, zoneArb, (b, timeframe, zone) => {
				const out = resample(b, timeframe, zone);
				expect(sum(out.volume)).toBeCloseTo(sum(b.volume), 6);
				expect(Math.max(...out.high, -Infinity)).toBe(Math.max(...b.high, -Infinity));
				expect(Math.min(...out.low, Infinity)).toBe(Math.min(...b.low, Infinity));
				// Each input bar lies in exactly one output bar's [start, end), in order.
				let k = -1;
				for (const t of b.time) {
					while (k + 1 < out.time.length && out.time[k + 1]! <= t) k++;
					expect(t).toBeGreaterThanOrEqual(out.time[k]!);
					expect(t).toBeLessThan(barEnd(out.time[k]!, timeframe, zone));
				}
				if (b.time.length > 0) {
					expect(out.open[0]).toBe(b.open[0]);
					expect(out.close[out.close.length - 1]).toBe(b.close[b.close.length - 1]);
				}
			})
		);
	});
});

describe('alignToLower', () => {
	it('a daily value shows from the first bar after the day closed, never inside the day', () => {
		const minutes = bars([
			['2024-03-07T15:00:00Z', 1, 1, 1, 1, 1], // March 7, New York
			['2024-03-08T04:59:00Z', 2, 2, 2, 2, 1], // March 7, 23:59 New York
			['2024-03-08T05:00:00Z', 3, 3, 3, 3, 1], // March 8, 00:00
			['2024-03-08T15:00:00Z', 4, 4, 4, 4, 1] //  March 8
		]);
		const daily = resample(minutes, '1D', NY);
		expect(Array.from(alignToLower(daily.time, daily.close, minutes.time, '1D', NY))).toEqual([
			NaN,
			NaN,
			2,
			2
		]);
	});

	it('refuses unsorted times and mismatched values', () => {
		expect(() => alignToLower([0, 1], [1], [0], '5m', NY)).toThrow('1 values for 2 higher bars');
		expect(() => alignToLower([0], [1], [5 * MINUTE, 0], '5m', NY)).toThrow('lower bars must be sorted');
		expect(() => alignToLower([10 * MINUTE, 0], [1, 2], [20 * MINUTE], '5m', NY)).toThrow(
			'higher bars must be sorted'
		);
	});

	it('never uses a higher bar before it closes, and always the latest closed one', () => {
		fc.assert(
			fc.property(barsArb, timeframeArb, zoneArb, (b, timeframe, zone) => {
				const higher = resample(b, timeframe, zone);
				const index = Float64Array.from(higher.time, (_, i) => i);
				const seen = alignToLower(higher.time, index, b.time, timeframe, zone);
				b.time.forEach((t, j) => {
					const i = seen[j]!;
					const closed = higher.time.findLastIndex((start) => barEnd(start, timeframe, zone) <= t);
					expect(Number.isNaN(i) ? -1 : i).toBe(closed);
					// The higher bar seen holds no lower bar at or after this one.
					if (!Number.isNaN(i)) expect(barEnd(higher.time[i]!, timeframe, zone)).toBeLessThanOrEqual(t);
				});
			})
		);
	});

	it('has no look-ahead: values on a prefix of the bars do not change when later bars arrive', () => {
		fc.assert(
			fc.property(barsArb, timeframeArb, zoneArb, fc.nat(), (b, timeframe, zone, cut) => {
				const n = b.time.length === 0 ? 0 : cut % (b.time.length + 1);
				const prefix: BarColumns = {
					time: b.time.subarray(0, n),
					open: b.open.subarray(0, n),
					high: b.high.subarray(0, n),
					low: b.low.subarray(0, n),
					close: b.close.subarray(0, n),
					volume: b.volume.subarray(0, n)
				};
				const onHigher = (bs: BarColumns) => {
					const higher = resample(bs, timeframe, zone);
					return alignToLower(higher.time, sma(higher.close, 3), bs.time, timeframe, zone);
				};
				expect(Array.from(onHigher(prefix))).toEqual(Array.from(onHigher(b).subarray(0, n)));
			})
		);
	});
});

describe('resampleRevealed: a timeframe switch during replay', () => {
	const minutes = (n: number, start = Date.UTC(2024, 2, 8, 14, 30)): BarColumns => {
		const col = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
		return {
			time: col((i) => start + i * MINUTE),
			open: col((i) => 100 + i),
			high: col((i) => 100 + i + 0.5 + (i % 3)),
			low: col((i) => 100 + i - 0.5 - (i % 2)),
			close: col((i) => 100 + i + 0.25),
			volume: col((i) => 10 + i)
		};
	};

	it('the forming 5m bar holds only the revealed minutes: no later high, low, close or volume', () => {
		const all = minutes(10);
		// Three minutes revealed: 09:30, 09:31, 09:32.
		const { bars: out, forming } = resampleRevealed(all, '5m', US_EQUITY_SESSION, all.time[2]!, MINUTE);
		expect(forming).toBe(true);
		expect(plain(out)).toEqual([['2024-03-08T14:30:00.000Z', 100, 104.5, 99.5, 102.25, 33]]);
		// At 09:34 the bucket is complete.
		expect(resampleRevealed(all, '5m', US_EQUITY_SESSION, all.time[4]!, MINUTE).forming).toBe(false);
		expect(resampleRevealed(all, '5m', US_EQUITY_SESSION, null, MINUTE).bars.time.length).toBe(0);
	});

	it('no resampled bar contains data of a bar opening at or after now + the base timeframe', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 200 }),
				fc.nat(199),
				fc.constantFrom<Timeframe>('5m', '15m', '30m', '1h', '1D'),
				(n, k, tf) => {
					const all = minutes(n);
					const now = all.time[Math.min(k, n - 1)]!;
					const { bars: out } = resampleRevealed(all, tf, US_EQUITY_SESSION, now, MINUTE);
					const known = (i: number) => all.time[i]! < now + MINUTE;
					const revealed = (key: keyof BarColumns) => Array.from(all[key]).filter((_, i) => known(i));
					// The same as resampling only what was revealed, so every value comes from a revealed bar.
					const only = resample(
						{
							time: Float64Array.from(revealed('time')),
							open: Float64Array.from(revealed('open')),
							high: Float64Array.from(revealed('high')),
							low: Float64Array.from(revealed('low')),
							close: Float64Array.from(revealed('close')),
							volume: Float64Array.from(revealed('volume'))
						},
						tf,
						US_EQUITY_SESSION
					);
					expect(plain(out)).toEqual(plain(only));
					const last = out.close.length - 1;
					expect(out.close[last]).toBe(all.close[Math.min(k, n - 1)]);
					const maxHigh = Math.max(...revealed('high'));
					for (const h of out.high) expect(h).toBeLessThanOrEqual(maxHigh);
				}
			)
		);
	});
});
