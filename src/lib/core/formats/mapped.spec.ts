import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPreset, mappedFormat, mappingProblems, type ColumnMapping } from './mapped';
import { importText, sampleOf, splitCsv, executionRecord } from '../../../../tests/support/formats-testing';
import { expectEveryRowAccounted } from '../../../../tests/support/formats-properties';

const text = [
	'When,Ticker,Action,Shares,Fill,Comm,Acct,Exec',
	'03/04/2026 09:31:02,aapl,Bought,100,"$230.10",1.00,ACC-1,E1',
	'03/04/2026 09:45:10,AAPL,Sold,-100,230.55,1.00,ACC-1,E2',
	'03/04/2026 09:46:00,AAPL,Hold,5,230.55,1.00,ACC-1,E3',
	''
].join('\r\n');
const mapping: ColumnMapping = {
	columns: {
		datetime: 'When',
		symbol: 'Ticker',
		side: 'Action',
		quantity: 'Shares',
		price: 'Fill',
		commission: 'Comm',
		account: 'Acct',
		executionId: 'Exec'
	},
	dateOrder: 'mdy'
};

describe('mapped columns', () => {
	it('reads a file through the user’s mapping', () => {
		const result = importText(mappedFormat(mapping), text, { zone: 'America/New_York' });
		expect(result.records[0]).toEqual(
			executionRecord({
				brokerExecutionId: 'E1',
				accountNumber: 'ACC-1',
				symbol: 'AAPL',
				assetClass: 'stock',
				side: 'buy',
				quantity: 100,
				price: 230.1,
				time: Date.UTC(2026, 2, 4, 14, 31, 2),
				commission: 1,
				line: 2
			})
		);
		expect(result.records[1]).toMatchObject({ side: 'sell', quantity: 100, price: 230.55, line: 3 });
		expect(result.errors).toEqual([
			{ line: 4, column: 'Action', reason: '"Hold" is not a side (buy or sell)' }
		]);
	});

	it('uses the sign of the quantity when there is no side column, and a trade date when there is no date', () => {
		const file = 'T,S,Q,P\n09:30:00,MU,-10,50\n09:31:00,MU,10,51\n';
		const format = mappedFormat({
			columns: { time: 'T', symbol: 'S', quantity: 'Q', price: 'P' },
			dateOrder: 'mdy'
		});
		expect(format.needsTradeDate).toBe(true);
		const result = importText(format, file, { tradeDate: '2025-10-13', zone: 'America/New_York' });
		expect(result.records.map((r) => r.kind === 'execution' && [r.side, r.quantity, r.time])).toEqual([
			['sell', 10, Date.UTC(2025, 9, 13, 13, 30)],
			['buy', 10, Date.UTC(2025, 9, 13, 13, 31)]
		]);
		expect(importText(format, file).errors[0]).toEqual({
			line: 2,
			column: 'T',
			reason: 'there is no date: map a date column or enter the trade date'
		});
	});

	it('names what a mapping lacks', () => {
		const headers = splitCsv(text)[0]![0];
		expect(mappingProblems(mapping, headers)).toEqual([]);
		expect(
			mappingProblems({ columns: { symbol: 'Ticker', price: 'Ticker' }, dateOrder: 'mdy' }, headers)
		).toEqual([
			'Choose the quantity column.',
			'Choose a date-and-time column, or a time column (with a date column or a trade date).',
			'One column is chosen for two fields.'
		]);
		expect(mappingProblems({ ...mapping, columns: { ...mapping.columns, fees: 'Nope' } }, headers)).toEqual([
			'Fees: the file has no column "Nope".'
		]);
	});

	it('a saved preset recognises the same header row next time, and nothing else', () => {
		const preset = mappedFormat(mapping, createPreset('p1', ' My broker ', splitCsv(text)[0]![0], mapping));
		expect(preset.label).toBe('Preset — My broker');
		expect(preset.id).toBe('preset:p1');
		expect(preset.detect(sampleOf(text), 'other-name.csv')).toBeGreaterThan(0.9);
		expect(preset.detect([['When', 'Ticker', 'Action', 'Shares', 'Fill']], 'x.csv')).toBe(0);
		expect(mappedFormat(mapping).detect(sampleOf(text), 'x.csv')).toBe(0);
	});

	it('never throws on corrupted rows, and each row is a record, errors or skipped', () => {
		const lines = text.trim().split('\r\n');
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.nat(3), fc.nat(7), fc.string()), { maxLength: 10 }), (edits) => {
				const rows = lines.slice(1).map((l) => l.split(','));
				for (const [r, c, s] of edits)
					if (rows[r % rows.length]) rows[r % rows.length]![c] = s.replace(/[",\r\n]/g, '');
				expectEveryRowAccounted(
					mappedFormat(mapping),
					[lines[0], ...rows.map((r) => r.join(','))].join('\n')
				);
			})
		);
	});
});
