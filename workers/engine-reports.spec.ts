import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MATCH_SETTINGS } from '$lib/core/matching/types';
import { EMPTY_FILTER } from '$lib/core/trades/query';
import { dbName } from '$lib/db/schema';
import { createEngineApi } from './engine-api';
import { monteCarloBuffers } from './engine-reports';
import { DAS, file, zone } from './testing';

const cents = (x: number) => Math.round(x * 100);

afterEach(() => Dexie.delete(dbName('paper')));

async function engineWithSample() {
	const engine = createEngineApi({ now: () => 1 });
	const outcome = await engine.importFile('paper', 'a', file(), DAS, () => undefined);
	expect(outcome.ok).toBe(true);
	return engine;
}

describe('engine reports', () => {
	it('splits the DAS sample by symbol: the buckets add up to the dashboard’s net P&L to the cent', async () => {
		const engine = await engineWithSample();
		const dash = await engine.dashboard('paper', EMPTY_FILTER, zone, '$');
		const bySymbol = await engine.breakdownReport('paper', EMPTY_FILTER, zone, '$', 'symbol');
		expect(bySymbol.buckets.length).toBeGreaterThan(1);
		expect(bySymbol.total.netPnl).toBe(dash.summary.netPnl);
		expect(bySymbol.buckets.reduce((s, b) => s + cents(b.netPnl), 0)).toBe(cents(dash.summary.netPnl));
		expect(bySymbol.buckets.reduce((s, b) => s + b.trades, 0)).toBe(dash.summary.trades);
		expect(bySymbol.open).toBe(dash.summary.open);

		// The filter narrows the report as it narrows the dashboard.
		const longs = { ...EMPTY_FILTER, side: 'long' as const };
		const longDash = await engine.dashboard('paper', longs, zone, '$');
		const bySide = await engine.breakdownReport('paper', longs, zone, '$', 'side');
		expect(bySide.buckets.map((b) => b.key)).toEqual(['long']);
		expect(bySide.total.netPnl).toBe(longDash.summary.netPnl);
		await engine.close();
	});

	it('writes the breakdown as CSV with a row per bucket and one for all trades', async () => {
		const engine = await engineWithSample();
		const report = await engine.breakdownReport('paper', EMPTY_FILTER, zone, '$', 'symbol');
		const csv = await engine.breakdownCsv('paper', EMPTY_FILTER, zone, '$', 'symbol');
		const lines = csv.trim().split(/\r\n/);
		expect(lines[0]).toMatch(/^Symbol,Trades,Wins,Losses,Breakeven,Win rate %,Net P&L \(\$\)/);
		expect(lines).toHaveLength(report.buckets.length + 2);
		expect(lines.at(-1)).toMatch(new RegExp(`^All trades,${report.total.trades},`));
		await engine.close();
	});

	it('has no venue without a matching run: every trade is in the “(none)” bucket', async () => {
		const engine = await engineWithSample();
		const byVenue = await engine.breakdownReport('paper', EMPTY_FILTER, zone, '$', 'venue');
		expect(byVenue.buckets.map((b) => b.key)).toEqual(['(none)']);
		await engine.close();
	});

	it('gives matched trades the venue that took most of their units', async () => {
		const engine = await engineWithSample();
		const tv = readFileSync('tests/fixtures/samples/tradervue_export.csv', 'utf8');
		const outcome = await engine.importFile(
			'paper',
			'tv',
			new File([tv], 'tradervue_export.csv'),
			{ ...DAS, formatId: 'tradervue-trades', tradeDate: null },
			() => undefined
		);
		expect(outcome.ok).toBe(true);
		// The export's times were read as Eastern: 3 hours off, as the matching spec finds.
		const settings = { ...DEFAULT_MATCH_SETTINGS, offsetHours: { [outcome.ok ? outcome.importId : '']: 3 } };
		const run = await engine.runMatching('paper', settings);
		expect('error' in run).toBe(false);
		expect((await engine.matchingOverview('paper')).current?.run.counts.matched).toBeGreaterThan(0);
		const byVenue = await engine.breakdownReport('paper', EMPTY_FILTER, zone, '$', 'venue');
		const named = byVenue.buckets.filter((b) => b.key !== '(none)');
		expect(named.length).toBeGreaterThan(0);
		expect(byVenue.buckets.reduce((s, b) => s + cents(b.netPnl), 0)).toBe(cents(byVenue.total.netPnl));
		await engine.close();
	});

	it('runs no Monte Carlo without R, and a deterministic one for a seed with a default risk', async () => {
		const engine = await engineWithSample();
		const options = { paths: 200, tradesPerPath: 50, seed: 7, ruinDrawdownR: 5 };
		const none = await engine.monteCarloReport('paper', EMPTY_FILTER, zone, options);
		expect(none.result).toBeNull();
		expect(none.tradesWithR).toBe(0);
		expect(none.tradesWithoutR).toBeGreaterThan(5);

		await engine.setDefaultRisk('paper', { kind: 'money', amount: 50 });
		const a = await engine.monteCarloReport('paper', EMPTY_FILTER, zone, options);
		const b = await engine.monteCarloReport('paper', EMPTY_FILTER, zone, options);
		expect(a.tradesWithR).toBe(none.tradesWithoutR);
		expect(a.tradesWithoutR).toBe(0);
		expect(a.result).not.toBeNull();
		expect(a.result!.bands.map((band) => band.equity.length)).toEqual([51, 51, 51, 51, 51]);
		expect([...a.result!.bands[2]!.equity]).toEqual([...b.result!.bands[2]!.equity]);
		expect(a.result!.ruinProbability).toBe(b.result!.ruinProbability);
		const other = await engine.monteCarloReport('paper', EMPTY_FILTER, zone, { ...options, seed: 8 });
		expect([...other.result!.maxDrawdowns]).not.toEqual([...a.result!.maxDrawdowns]);

		// Each buffer once, so the transfer does not throw.
		const buffers = monteCarloBuffers(a.result!);
		expect(new Set(buffers).size).toBe(buffers.length);
		expect(buffers.length).toBe(5 + a.result!.samples.length + 1);
		await engine.close();
	});
});
