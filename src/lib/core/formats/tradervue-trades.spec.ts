import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { das } from './das';
import { importText, sampleOf } from '../../../../tests/support/formats-testing';
import { tradervueTrades } from './tradervue-trades';

const read = (path: string) => readFileSync(path, 'utf8');
const PACIFIC = 'America/Los_Angeles';

describe('Tradervue trade export', () => {
	it('is detected from the 13- and 29-column headers and not confused with DAS', () => {
		expect(
			tradervueTrades.detect(sampleOf(read('tests/fixtures/formats/tradervue-trades/trades-29.csv')), 'x.csv')
		).toBeGreaterThan(0.5);
		expect(
			tradervueTrades.detect(
				sampleOf(read('tests/fixtures/public/tradervue_trades_export_SYNTHETIC_tradetally.csv')),
				'x.csv'
			)
		).toBeGreaterThan(0.5);
		expect(
			tradervueTrades.detect(
				[
					['Time', 'Symb', 'Side', 'Price', 'Qty', 'Route', 'Broker', 'Account', 'Type', 'Cloid', 'P / L', '']
				],
				'x.csv'
			)
		).toBe(0);
		expect(das.detect(sampleOf(read('tests/fixtures/samples/tradervue_export.csv')), 'x.csv')).toBe(0);
	});

	it('keeps notes with commas, quotes and newlines, tags, risk and R exactly as exported', () => {
		const result = importText(
			tradervueTrades,
			read('tests/fixtures/formats/tradervue-trades/trades-29.csv'),
			{ zone: PACIFIC }
		);
		const [first, second, open] = result.records;
		expect(first).toMatchObject({
			kind: 'journal',
			accountNumber: null,
			symbol: 'BF.B',
			direction: 'short',
			openTime: Date.UTC(2025, 9, 15, 13, 30, 35),
			closeTime: Date.UTC(2025, 9, 15, 13, 30, 56),
			volume: 1060,
			executionCount: 2,
			entryPrice: 27.45,
			exitPrice: 27.43,
			grossPnl: 21.2,
			netPnl: 11.74,
			commissions: 7.42,
			fees: 2.04,
			initialRisk: 695.69,
			pnlR: 0.02,
			notes: 'Thesis: "sympathy" play, exit at 27.43\r\nsecond line of notes',
			tags: ['gap_fade', 'short'],
			line: 2
		});
		expect(first?.kind === 'journal' && first.raw['Position MFE']).toBe('46.58');
		expect(first?.kind === 'journal' && Object.keys(first.raw)).toHaveLength(29);
		// `Inf` R (zero risk) is not a number: the typed field is empty, the raw cell keeps it.
		expect(second).toMatchObject({
			symbol: 'TGL',
			netPnl: -197.83,
			entryPrice: 0.7281,
			initialRisk: 0,
			pnlR: null,
			line: 4
		});
		expect(second?.kind === 'journal' && second.raw['P&L (R)']).toBe('Inf');
		expect(open).toMatchObject({
			symbol: 'NVDA',
			closeTime: null,
			exitPrice: null,
			notes: 'open trade',
			tags: [],
			line: 6
		});
		expect(result.errors).toEqual([
			{ line: 7, column: 'Open Datetime', reason: '"2025-13-01" is not a valid date' },
			{ line: 7, column: 'Side', reason: '"X" is not L or S' },
			{ line: 7, column: 'Volume', reason: 'must be above zero, is -5' }
		]);
		expect(result.skipped).toBe(1);
	});

	it('reads the 13-column public sample and the generated 29-column sample without errors', () => {
		const short = importText(
			tradervueTrades,
			read('tests/fixtures/public/tradervue_trades_export_SYNTHETIC_tradetally.csv')
		);
		expect(short.errors).toEqual([]);
		expect(short.records.map((r) => r.kind === 'journal' && [r.symbol, r.direction, r.tags])).toEqual([
			['GNLN', 'long', ['personal', 'breakout']],
			['GNLN', 'long', ['personal']],
			['SOAR', 'short', ['fade']]
		]);
		const long = importText(tradervueTrades, read('tests/fixtures/samples/tradervue_export.csv'), {
			zone: PACIFIC
		});
		expect(long.errors).toEqual([]);
		expect(long.records).toHaveLength(33);
	});
});
