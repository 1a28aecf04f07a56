import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	Columns,
	isBlank,
	parseDate,
	parseDateTime,
	isPlainDecimal,
	parseNumber,
	parseNumberGeneral,
	parseOptionalNumber,
	parseSide,
	parseTimeOfDay,
	tradeDateFromFileName
} from './cells';

describe('parseNumber', () => {
	it.each([
		['1,234.50', 1234.5],
		['$1,234.50', 1234.5],
		['($1,500.00)', -1500],
		['(123.45)', -123.45],
		['-$12.00', -12],
		['$-12.00', -12],
		['0.0001', 0.0001],
		['.5', 0.5],
		['1.2e-5', 0.000012],
		['+3', 3]
	])('reads %s as %d', (cell, value) => {
		expect(parseNumber(cell)).toEqual({ ok: true, value });
	});

	it.each(['', '--', 'N/A', 'abc', '1.2.3', '12,34', '$', 'Inf', '1,2345.00'])('refuses %j', (cell) => {
		expect(parseNumber(cell).ok).toBe(false);
	});

	it.each([
		['@5.00', { at: true }, 5],
		['2.75R', { r: true }, 2.75],
		['-1.5R', { r: true }, -1.5],
		['12.5%', { percent: true }, 12.5],
		['87,209.38 USD', { currencyCode: true }, 87209.38]
	] as const)('reads %s as %d where the column allows it', (cell, style, value) => {
		expect(parseNumber(cell, style)).toEqual({ ok: true, value });
	});

	it.each([
		['100%', 'a "%"'],
		['100R', 'an "R"'],
		['100 EUR', 'a currency code'],
		['@100', 'an "@"']
	])('refuses %s as a plain number (a price), naming %s', (cell, what) => {
		expect(parseNumber(cell)).toEqual({
			ok: false,
			reason: `"${cell}" is not a number this column takes (it has ${what})`
		});
		expect(parseOptionalNumber(cell).ok).toBe(false);
	});

	it('allows only the decoration a column takes: an R column refuses "%"', () => {
		expect(parseNumber('2%', { r: true }).ok).toBe(false);
		expect(parseNumber('@2', { percent: true }).ok).toBe(false);
	});

	it('round-trips every finite decimal it prints', () => {
		fc.assert(
			fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), (x) => {
				const text = x.toFixed(4);
				const parsed = parseNumber(text);
				expect(parsed.ok && parsed.value).toBe(Number(text));
			})
		);
	});
});

describe('parseNumber fast path', () => {
	it('reads plain decimals as the general path does, and everything else the same', () => {
		const cell = fc
			.array(
				fc.constantFrom('-', '+', '.', ',', '0', '1', '9', 'e', ' ', '$', '(', ')', 'R', '%', 'N', 'A', '/'),
				{
					maxLength: 12
				}
			)
			.map((c) => c.join(''));
		const optionalGeneral = (c: string) => (isBlank(c) ? { ok: true, value: null } : parseNumberGeneral(c));
		fc.assert(
			fc.property(fc.oneof(cell, fc.stringMatching(/^-?\d{1,400}(\.\d{1,30})?$/)), (c) => {
				expect(parseNumber(c)).toEqual(parseNumberGeneral(c));
				expect(parseOptionalNumber(c)).toEqual(optionalGeneral(c));
				expect(isPlainDecimal(c)).toBe(/^-?\d+(\.\d+)?$/.test(c));
			}),
			{ numRuns: 5000 }
		);
	});

	it('keeps refusing what it refused and reading what it read', () => {
		for (const c of ['12,34', '1,2345.00', '1.2.3', '-', '9'.repeat(400)])
			expect(parseNumber(c).ok).toBe(false);
		expect(parseNumber('.5')).toEqual({ ok: true, value: 0.5 });
		expect(parseNumber('+3')).toEqual({ ok: true, value: 3 });
		expect(parseNumber('1.2e-5')).toEqual({ ok: true, value: 0.000012 });
		expect(parseNumber('-0')).toEqual({ ok: true, value: -0 });
		expect(parseNumber('007.50')).toEqual({ ok: true, value: 7.5 });
		expect(parseNumber('1.')).toEqual({ ok: true, value: 1 });
		expect(parseNumber('-.5')).toEqual({ ok: true, value: -0.5 });
		expect(parseOptionalNumber('')).toEqual({ ok: true, value: null });
		expect(parseOptionalNumber(' n/a ')).toEqual({ ok: true, value: null });
		expect(parseOptionalNumber('-12.25')).toEqual({ ok: true, value: -12.25 });
	});
});

describe('dates and times', () => {
	it('reads the date layouts the formats use', () => {
		for (const cell of ['2025-10-13', '2025/10/13', '20251013', '10/13/2025', '10-13-2025', '10/13/25'])
			expect(parseDate(cell)).toEqual({ ok: true, value: { year: 2025, month: 10, day: 13 } });
		expect(parseDate('13/10/2025', 'dmy')).toEqual({ ok: true, value: { year: 2025, month: 10, day: 13 } });
		expect(parseDate('2025-02-30').ok).toBe(false);
		expect(parseDate('yesterday').ok).toBe(false);
	});

	it('reads times of day, 24h and 12h', () => {
		expect(parseTimeOfDay('09:43:10')).toEqual({
			ok: true,
			value: { hour: 9, minute: 43, second: 10, millisecond: 0 }
		});
		expect(parseTimeOfDay('2:05:00 PM')).toEqual({
			ok: true,
			value: { hour: 14, minute: 5, second: 0, millisecond: 0 }
		});
		expect(parseTimeOfDay('12:00 AM')).toEqual({
			ok: true,
			value: { hour: 0, minute: 0, second: 0, millisecond: 0 }
		});
		expect(parseTimeOfDay('09:30:05.250').ok && parseTimeOfDay('09:30:05.250')).toMatchObject({
			value: { millisecond: 250 }
		});
		expect(parseTimeOfDay('25:00').ok).toBe(false);
	});

	it('reads date-times in a zone, with offsets winning over the zone', () => {
		const ny = 'America/New_York';
		const expected = Date.UTC(2025, 9, 13, 13, 30, 5);
		for (const cell of [
			'2025-10-13 09:30:05',
			'2025-10-13T09:30:05',
			'10/13/2025 9:30:05 AM',
			'20251013;093005',
			'2025-10-13, 09:30:05'
		])
			expect(parseDateTime(cell, ny)).toEqual({ ok: true, value: expected });
		expect(parseDateTime('2024-09-10T15:32:26+0200', ny)).toEqual({
			ok: true,
			value: Date.UTC(2024, 8, 10, 13, 32, 26)
		});
		expect(parseDateTime('2024-09-10T13:32:26Z', ny)).toEqual({
			ok: true,
			value: Date.UTC(2024, 8, 10, 13, 32, 26)
		});
		expect(parseDateTime('2020-02-19 11:00 PM', ny)).toEqual({
			ok: true,
			value: Date.UTC(2020, 1, 20, 4, 0)
		});
		expect(parseDateTime('', ny).ok).toBe(false);
		expect(parseDateTime('2025-10-13', ny)).toEqual({
			ok: false,
			reason: '"2025-10-13" has a date but no time of day'
		});
		expect(parseDateTime('2025-10-13', ny, 'mdy', true)).toEqual({
			ok: true,
			value: Date.UTC(2025, 9, 13, 4)
		});
		expect(parseDateTime('2025-13-01', ny, 'mdy', true)).toEqual({
			ok: false,
			reason: '"2025-13-01" is not a valid date'
		});
		expect(parseDateTime('2025-10-13 09:30', 'Mars/Base')).toEqual({
			ok: false,
			reason: '"Mars/Base" is not a time zone'
		});
		expect(parseDateTime('not a time', ny).ok).toBe(false);
	});

	it('takes the trade date from DAS-style file names and refuses to guess', () => {
		expect(tradeDateFromFileName('Trades_2025-10-10.csv')).toBe('2025-10-10');
		expect(tradeDateFromFileName('trades 10-10-2025.csv')).toBe('2025-10-10');
		expect(tradeDateFromFileName('Trades20251010.csv')).toBe('2025-10-10');
		expect(tradeDateFromFileName('trades_10.09.25.csv')).toBe('2025-10-09');
		expect(tradeDateFromFileName('Trades.csv')).toBe(null);
		expect(tradeDateFromFileName('Trades_2025-13-45.csv')).toBe(null);
	});
});

describe('helpers', () => {
	it('matches headers by name, ignoring case, blanks and punctuation', () => {
		const cols = new Columns(['\uFEFFTime', 'Symb', 'P / L', ''], {
			time: ['Time'],
			symbol: ['Symbol', 'Symb'],
			pnl: ['P/L'],
			fee: ['ECNFee']
		});
		expect(cols.index).toEqual({ time: 0, symbol: 1, pnl: 2, fee: -1 });
		expect(cols.missing(['time', 'fee'])).toEqual(['fee']);
		expect(cols.get(['09:30:00', 'MU'], 'pnl')).toBe('');
		expect(cols.name('pnl')).toBe('P / L');
	});

	it('knows blank-like cells', () => {
		expect(['', ' ', '--', '—', 'N/A', 'n/a'].every(isBlank)).toBe(true);
		expect(isBlank('0')).toBe(false);
	});

	it('reads sides', () => {
		expect(parseSide('SS')).toEqual({ ok: true, value: { side: 'sell', shortSale: true } });
		expect(parseSide('BOT')).toEqual({ ok: true, value: { side: 'buy', shortSale: false } });
		expect(parseSide('SLD')).toEqual({ ok: true, value: { side: 'sell', shortSale: false } });
		expect(parseSide('X').ok).toBe(false);
	});
});

describe('parseNumber and currency codes', () => {
	it('drops a currency code only when a space separates it', () => {
		expect(parseNumber('1.23 USDT', { currencyCode: true })).toEqual({ ok: true, value: 1.23 });
		expect(parseNumber('87,209.38 USD', { currencyCode: true })).toEqual({ ok: true, value: 87209.38 });
		expect(parseNumber('12ABC', { currencyCode: true }).ok).toBe(false);
	});
});
