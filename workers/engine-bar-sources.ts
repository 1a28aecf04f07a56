/**
 * Bar files side by side, and the preferred file per symbol (core/prices/bar-sources.ts says how
 * a symbol's bars are read from its files). A preference is a write: it goes through the queue,
 * and the levels watching the symbol are checked again on the bars it chooses.
 */
import type { BarFile, BarSourcesApi, BarSourcesView } from './contract/bar-sources';
import type { Mode } from '$lib/core/model/mode';
import { chunkSpacing, disagreements, fileBars, finestSpacing } from '$lib/core/prices/bar-sources';
import { spacingLabel } from '$lib/core/studies/bars';
import { setBarPreference, symbolBarFiles } from '$lib/db/bars';
import type { FillbookDb } from '$lib/db/schema';

/** Disagreements sent at most per call. */
const MAX_PAGE = 1000;

export function createBarSources(
	db: (mode: Mode) => FillbookDb,
	write: <T>(task: () => Promise<T>, mode?: Mode) => Promise<T>,
	now: () => number,
	checkLevels: (mode: Mode, symbols: readonly string[]) => Promise<unknown>
): BarSourcesApi {
	return {
		async barSources(mode, symbol, page = { offset: 0, limit: 200 }): Promise<BarSourcesView | null> {
			const d = db(mode);
			const files = await symbolBarFiles(d, symbol);
			const spacing = finestSpacing(files);
			if (spacing === null) return null;
			const at = (c: { timeframeMs: number; count: number }) => c.count > 0 && chunkSpacing(c) === spacing;
			const ids = [...new Set([...files.main, ...files.alternates].filter(at).map((c) => c.importId))];
			const rows = await d.imports.bulkGet(ids);
			const all = disagreements(files, spacing);
			const own = new Map<string, number>();
			for (const x of all) for (const v of x.versions) own.set(v.importId, (own.get(v.importId) ?? 0) + 1);
			const listed: BarFile[] = ids.map((importId, i) => {
				const bars = fileBars(files, importId, spacing);
				const n = bars.time.length;
				return {
					importId,
					fileName: rows[i]?.fileName ?? importId,
					formatLabel: rows[i]?.formatLabel ?? '',
					importedAt: rows[i]?.importedAt ?? 0,
					bars: n,
					firstTime: n ? bars.time[0]! : NaN,
					lastTime: n ? bars.time[n - 1]! : NaN,
					disagreeing: own.get(importId) ?? 0
				};
			});
			const offset = Math.max(0, Math.floor(page.offset));
			const limit = Math.min(MAX_PAGE, Math.max(0, Math.floor(page.limit)));
			return {
				symbol,
				spacingMs: spacing,
				spacingLabel: spacingLabel(spacing),
				files: listed,
				preferred: files.preferred !== null && ids.includes(files.preferred) ? files.preferred : null,
				total: all.length,
				disagreements: all.slice(offset, offset + limit),
				offset
			};
		},

		setPreferredBarFile(mode, symbol, importId) {
			const d = db(mode);
			return write(async () => {
				if (importId !== null) {
					const files = await symbolBarFiles(d, symbol);
					if (![...files.main, ...files.alternates].some((c) => c.importId === importId && c.count > 0))
						throw new Error(`Not preferred: that file has no bars of ${symbol}.`);
				}
				await setBarPreference(d, symbol, importId, now());
				// Other bars now: the levels watching the symbol see them.
				await checkLevels(mode, [symbol]).catch(() => undefined);
			}, mode);
		}
	};
}
