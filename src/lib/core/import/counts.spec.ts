import { describe, expect, it } from 'vitest';
import { addCounts, describeCounts, rejectedByLine } from './counts';

describe('import counts', () => {
	it('read as one line, in the order of the identity', () => {
		expect(describeCounts({ rows: 197, imported: 190, duplicates: 3, rejected: 2, skipped: 2 })).toBe(
			'197 rows read: 190 imported, 3 already stored, 2 rejected, 2 skipped'
		);
		expect(describeCounts({ rows: 1, imported: 1, duplicates: 0, rejected: 0, skipped: 0 })).toBe(
			'1 row read: 1 imported, 0 already stored, 0 rejected, 0 skipped'
		);
		expect(describeCounts({ rows: 12345, imported: 12345, duplicates: 0, rejected: 0, skipped: 0 })).toBe(
			'12,345 rows read: 12,345 imported, 0 already stored, 0 rejected, 0 skipped'
		);
	});

	it('add up over several imports', () => {
		expect(
			addCounts([
				{ rows: 69, imported: 69, duplicates: 0, rejected: 0, skipped: 0 },
				{ rows: 91, imported: 90, duplicates: 0, rejected: 1, skipped: 0 },
				{ rows: 4, imported: 0, duplicates: 2, rejected: 0, skipped: 2 }
			])
		).toEqual({ rows: 164, imported: 159, duplicates: 2, rejected: 1, skipped: 2 });
		expect(addCounts([])).toEqual({ rows: 0, imported: 0, duplicates: 0, rejected: 0, skipped: 0 });
	});

	it('list a rejected row once with all its problems, in line order', () => {
		expect(
			rejectedByLine([
				{ line: 9, column: 'Price', reason: 'is empty' },
				{ line: 4, column: 'Qty', reason: 'is not a number' },
				{ line: 4, column: null, reason: 'the row names no account' }
			])
		).toEqual([
			{ line: 4, reason: 'Qty is not a number; the row names no account' },
			{ line: 9, reason: 'Price is empty' }
		]);
	});
});
