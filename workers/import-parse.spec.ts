import type { ImportRequest } from './contract';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { formatById } from '$lib/core/formats';
import type { ParseOptions } from '$lib/core/formats/types';
import {
	ImportPlanner,
	planExecutions,
	planImport,
	type ImportPlan,
	type Stored
} from '$lib/core/import/plan';
import { EXECUTIONS_PER_CHUNK } from '$lib/core/model/execution-codec';
import { parseFile } from './import-read';
import { parseInPieces, type ParsedPiece } from './import-parse';

const nothingStored: Stored = {
	hasExecution: () => false,
	hasJournalTrade: () => false,
	hasBar: () => false
};
const OPTIONS = { importId: 'i1', broker: 'DAS Trader', accountId: 'das trader|CHOSEN' };
const request = (formatId: string, tradeDate: string | null = null): ImportRequest => ({
	formatId,
	zone: 'America/New_York',
	tradeDate,
	symbol: formatId === 'yahoo-bars' ? 'SPY' : null,
	accountId: null,
	newAccountCurrency: 'USD'
});
const optionsOf = (file: File, r: ImportRequest): ParseOptions => ({
	fileName: file.name,
	zone: r.zone,
	tradeDate: r.tradeDate,
	symbol: r.symbol
});

/** A DAS Trades export of `rows` executions, two per order, some in accounts of their own. */
function dasText(rows: number): string {
	const lines = ['Time,Symbol,Side,Price,Qty,Route,Broker,Account,Type,Cloid,Liq,ECNFee,P / L,'];
	for (let i = 0; i < rows; i++) {
		const s = 4 * 3600 + ((rows - i) % 57_000);
		const time = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((n) =>
			String(n).padStart(2, '0')
		);
		const symbol = ['MU', 'AAPL', 'SPY'][i % 3];
		lines.push(
			`${time.join(':')},${symbol},${i % 2 ? 'S' : 'B'},${50 + (i % 100) / 100},${100 * (1 + (i % 4))},ARCA,,TR${i % 5},Margin,OID${i >> 1},+,0.003,${i % 2 ? '1.5' : ''},`
		);
	}
	return lines.join('\n') + '\n';
}

/** Plans pieces as the engine does; returns the plan and the pieces' kinds and sizes. */
async function planPieces(file: File, r: ImportRequest) {
	const planner = new ImportPlanner(OPTIONS, nothingStored, new Set());
	const pieces: string[] = [];
	const summary = await parseInPieces(
		file,
		r,
		optionsOf(file, r),
		(piece: ParsedPiece) => {
			pieces.push(piece.kind === 'executions' ? `e${piece.batch.count}` : `o${piece.records.length}`);
			if (piece.kind === 'executions') planner.addBatch(piece.batch);
			else for (const record of piece.records) planner.add(record);
		},
		() => undefined,
		() => false
	);
	return { plan: planner.finish(), pieces, summary };
}

/** planImport of every record parseFile reads. */
async function planWhole(file: File, r: ImportRequest) {
	const format = formatById(r.formatId)!;
	const parsed = await parseFile(
		file,
		format,
		optionsOf(file, r),
		() => undefined,
		() => false
	);
	return { plan: planImport(parsed.records, OPTIONS, nothingStored, new Set()), parsed };
}

const comparable = ({ chunks: _c, executionCount, ...plan }: ImportPlan) => ({
	...plan,
	executionCount,
	executions: planExecutions({ chunks: _c, executionCount, ...plan })
});

/**
 * The two tests over files of more than two chunks parse 100,000–250,000 rows (twice for the
 * first): about 3–6 s alone on a 2-core machine and several times that beside other work, so
 * they state their time rather than inherit Vitest's 5 s default.
 */
const BIG_FILE_MS = 90_000;

describe('parseInPieces', () => {
	it(
		'gives the plan, rows, rejects and skipped rows that parsing the whole file gives, in batches of a chunk',
		async () => {
			const text = dasText(2 * EXECUTIONS_PER_CHUNK + 123).replace('\n06:', '\n6X:');
			const file = new File([text], 'Trades_2025-10-13.csv');
			const r = request('das-trades', '2025-10-13');
			const pieced = await planPieces(file, r);
			const whole = await planWhole(file, r);
			expect(comparable(pieced.plan)).toEqual(comparable(whole.plan));
			expect(pieced.summary).toEqual({
				rows: whole.parsed.rows,
				skipped: whole.parsed.skipped,
				header: whole.parsed.header,
				skippedRows: whole.parsed.skippedRows,
				errors: whole.parsed.errors,
				warnings: whole.parsed.warnings,
				encoding: 'utf-8'
			});
			expect(pieced.summary.errors).toHaveLength(1);
			const n = whole.parsed.records.length;
			expect(pieced.pieces).toEqual(['e50000', 'e50000', `e${n - 2 * EXECUTIONS_PER_CHUNK}`]);
		},
		BIG_FILE_MS
	);

	it('hands journal trades and bars over as records', async () => {
		for (const [formatId, path] of [
			['tradervue-trades', 'tests/fixtures/formats/tradervue-trades/trades-29.csv'],
			['yahoo-bars', 'tests/fixtures/formats/yahoo-bars/SPY.csv']
		] as const) {
			const file = new File([readFileSync(path, 'utf8')], path.split('/').at(-1)!);
			const pieced = await planPieces(file, request(formatId));
			const whole = await planWhole(file, request(formatId));
			expect(comparable(pieced.plan)).toEqual(comparable(whole.plan));
			expect(pieced.pieces.every((p) => p.startsWith('o'))).toBe(true);
			expect(pieced.pieces.length).toBeGreaterThan(0);
		}
	});

	it(
		'reads no further while two pieces wait to be taken',
		async () => {
			const file = new File([dasText(5 * EXECUTIONS_PER_CHUNK)], 'Trades_2025-10-13.csv');
			const r = request('das-trades', '2025-10-13');
			const takers: (() => void)[] = [];
			let handed = 0;
			const done = parseInPieces(
				file,
				r,
				optionsOf(file, r),
				() => {
					handed++;
					return new Promise<void>((resolve) => takers.push(resolve));
				},
				() => undefined,
				() => false
			);
			await vi.waitFor(() => expect(handed).toBe(2), { timeout: 10_000 });
			// The reader has had time to read on; it has not.
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(handed).toBe(2);
			// Taking one lets one more come, and no more.
			takers.shift()!();
			await vi.waitFor(() => expect(handed).toBe(3), { timeout: 10_000 });
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(handed).toBe(3);
			const release = setInterval(() => takers.shift()?.(), 5);
			const summary = await done;
			clearInterval(release);
			expect([handed, summary.rows]).toEqual([5, 5 * EXECUTIONS_PER_CHUNK + 1]);
		},
		BIG_FILE_MS
	);
});
