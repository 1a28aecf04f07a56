import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportPlanner, type BarValues, type Stored } from '../import/plan';
import { encodeBars, type BarChunk } from '../model/journal';
import type { BarRecord } from '../model/records';
import {
	disagreements,
	fileBars,
	finestSpacing,
	layerBars,
	preferredBars,
	type SourceChunk,
	type SymbolBarFiles
} from './bar-sources';

const MIN = 60_000;

/** A file: one bar per minute from `start`, each bar's close (other prices follow from it). */
interface FileSpec {
	start: number;
	closes: number[];
}

const barOf = (time: number, close: number, line: number): BarRecord => ({
	kind: 'bar',
	symbol: 'RIVN',
	time,
	open: close,
	high: close + 1,
	low: close - 1,
	close,
	volume: 100,
	line
});

const fileRecords = (f: FileSpec) => f.closes.map((c, i) => barOf((f.start + i) * MIN, c, i + 2));

/**
 * Imports the files in order as the engine does: each planned against the main bars stored
 * before it (db/imports.ts loadStored), its new bars stored as a main chunk and those that
 * disagree as its alternates.
 */
function importAll(files: readonly FileSpec[]): { main: SourceChunk[]; alternates: SourceChunk[] } {
	const main: SourceChunk[] = [];
	const alternates: SourceChunk[] = [];
	let key = 0;
	files.forEach((file, f) => {
		const at = new Map<number, BarValues>();
		for (const c of main)
			for (let i = 0; i < c.count; i++)
				at.set(c.time[i]!, {
					open: c.open[i]!,
					high: c.high[i]!,
					low: c.low[i]!,
					close: c.close[i]!,
					volume: c.volume[i]!
				});
		const stored: Stored = {
			hasExecution: () => false,
			hasJournalTrade: () => false,
			hasBar: (_symbol, time) => at.has(time),
			barAt: (_symbol, time) => at.get(time) ?? null
		};
		const planner = new ImportPlanner({ importId: `f${f}`, broker: 'x', accountId: null }, stored, new Set());
		for (const r of fileRecords(file)) planner.add(r);
		const plan = planner.finish();
		const bars = plan.bars.get('RIVN');
		if (bars) main.push({ ...encodeBars(`f${f}`, 'RIVN', bars, plan.barSpacing.get('RIVN')), key: ++key });
		const aside = plan.alternates.get('RIVN');
		if (aside)
			alternates.push({ ...encodeBars(`f${f}`, 'RIVN', aside, plan.barSpacing.get('RIVN')), key: ++key });
	});
	return { main, alternates };
}

/** File `f`'s close at a time, or undefined. */
const closeIn = (file: FileSpec, time: number): number | undefined => file.closes[time / MIN - file.start];

const anyFiles = fc.array(
	fc.record({
		start: fc.integer({ min: 0, max: 10 }),
		// Few prices, so files often agree and sometimes disagree.
		closes: fc.array(fc.constantFrom(10, 11, 12), { minLength: 2, maxLength: 12 })
	}),
	{ minLength: 1, maxLength: 4 }
);

describe('bar sources', () => {
	it('reads the preferred file’s bar where it has one, else the first imported file’s', () => {
		fc.assert(
			fc.property(anyFiles, fc.integer({ min: -1, max: 3 }), (files, pick) => {
				const stored = importAll(files);
				const preferred = pick >= 0 && pick < files.length ? `f${pick}` : null;
				const view = preferredBars({ ...stored, preferred }, MIN);
				const times = new Set(files.flatMap((f) => fileRecords(f).map((b) => b.time)));
				expect([...view.time]).toEqual([...times].sort((a, b) => a - b));
				view.time.forEach((t, i) => {
					const fromPreferred = preferred === null ? undefined : closeIn(files[pick]!, t);
					const first = files.findIndex((f) => closeIn(f, t) !== undefined);
					expect(view.close[i]).toBe(fromPreferred ?? closeIn(files[first]!, t));
					// Told where it came from: that file has this very bar.
					const source = Number(view.importAt(i).slice(1));
					expect(closeIn(files[source]!, t)).toBe(view.close[i]);
				});
			}),
			{ numRuns: 300 }
		);
	});

	it('keeps what each file said: its own bars, or the stored bar it agreed with', () => {
		fc.assert(
			fc.property(anyFiles, (files) => {
				const stored = importAll(files);
				const first = preferredBars({ ...stored, preferred: null }, MIN);
				files.forEach((file, f) => {
					const own = fileBars({ ...stored, preferred: null }, `f${f}`, MIN);
					for (const r of fileRecords(file)) {
						const i = own.time.indexOf(r.time);
						if (i >= 0) expect(own.close[i]).toBe(r.close);
						else expect(first.close[first.time.indexOf(r.time)]).toBe(r.close);
					}
				});
			}),
			{ numRuns: 300 }
		);
	});

	it('lists each time files disagree with every version there, the stored one first', () => {
		fc.assert(
			fc.property(anyFiles, (files) => {
				const stored = importAll(files);
				const list = disagreements({ ...stored, preferred: null }, MIN);
				const expected = [...new Set(files.flatMap((f) => fileRecords(f).map((b) => b.time)))]
					.filter((t) => new Set(files.map((f) => closeIn(f, t)).filter((c) => c !== undefined)).size > 1)
					.sort((a, b) => a - b);
				expect(list.map((d) => d.time)).toEqual(expected);
				for (const d of list) {
					const firstFile = files.findIndex((f) => closeIn(f, d.time) !== undefined);
					expect(d.versions[0]).toMatchObject({
						importId: `f${firstFile}`,
						close: closeIn(files[firstFile]!, d.time)
					});
					for (const v of d.versions.slice(1)) expect(v.close).not.toBe(d.versions[0]!.close);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('compares worked bars: closes, their spread, and no disagreement for a lone file', () => {
		const stored = importAll([
			{ start: 0, closes: [10, 11, 12] },
			{ start: 1, closes: [11, 13, 14] }
		]);
		const files: SymbolBarFiles = { ...stored, preferred: null };
		expect(finestSpacing(files)).toBe(MIN);
		expect(disagreements(files, MIN)).toEqual([
			{
				time: 2 * MIN,
				versions: [
					{ importId: 'f0', open: 12, high: 13, low: 11, close: 12, volume: 100 },
					{ importId: 'f1', open: 13, high: 14, low: 12, close: 13, volume: 100 }
				],
				closeSpreadPct: (1 / 12) * 100
			}
		]);
		expect([...preferredBars({ ...files, preferred: 'f1' }, MIN).close]).toEqual([10, 11, 13, 14]);
		// The first file undone: the second's bar kept aside is read, and disagrees with nothing.
		const undone = {
			main: files.main.filter((c) => c.importId !== 'f0'),
			alternates: files.alternates,
			preferred: null
		};
		expect([...preferredBars(undone, MIN).close]).toEqual([13, 14]);
		expect(disagreements(undone, MIN)).toEqual([]);
		expect(finestSpacing({ main: [], alternates: [], preferred: null })).toBe(null);
	});

	it('takes a bar on the same ticks as the stored one for a repeat, float noise and all', () => {
		const stored: Stored = {
			hasExecution: () => false,
			hasJournalTrade: () => false,
			hasBar: () => true,
			barAt: () => ({ open: 365.57, high: 366.01, low: 365.2, close: 365.57, volume: 1 })
		};
		const planner = new ImportPlanner({ importId: 'b', broker: 'x', accountId: null }, stored, new Set());
		const bar = (time: number, close: number): BarRecord => ({
			...barOf(time, close, 2),
			symbol: 'SPY',
			open: 365.570007,
			high: 366.010009,
			low: 365.200012
		});
		planner.add(bar(0, 365.570007));
		planner.add(bar(MIN, 365.58));
		const plan = planner.finish();
		expect(plan.duplicates).toBe(1);
		expect(plan.alternates.get('SPY')?.map((b) => b.time)).toEqual([MIN]);
	});

	it('merges layers by time, the later layer winning where they overlap', () => {
		const col = (...xs: number[]) => Float64Array.from(xs);
		const layer = (importId: string, times: number[], price: number): SourceChunk => ({
			importId,
			timeframeMs: 1,
			count: times.length,
			time: col(...times),
			open: col(...times.map(() => price)),
			high: col(...times.map(() => price + 1)),
			low: col(...times.map(() => price - 1)),
			close: col(...times.map(() => price)),
			volume: col(...times.map(() => price * 10))
		});
		const merged = layerBars([layer('a', [1, 2, 3], 10), layer('b', [2, 3, 4], 20)]);
		expect([...merged.time]).toEqual([1, 2, 3, 4]);
		expect([...merged.close]).toEqual([10, 20, 20, 20]);
		expect([...merged.volume]).toEqual([100, 200, 200, 200]);
		expect([0, 1, 2, 3].map(merged.importAt)).toEqual(['a', 'b', 'b', 'b']);
	});

	it('returns one layer’s own columns, cut to its count', () => {
		const chunk: BarChunk = encodeBars('a', 'RIVN', [barOf(0, 10, 2), barOf(MIN, 11, 3)]);
		const one = layerBars([chunk]);
		expect(one.close).toBe(chunk.close);
		expect(one.importAt(1)).toBe('a');
	});
});
