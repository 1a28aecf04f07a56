import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BROKER_CONFIG } from '$lib/core/broker';
import { encodeExecutions } from '$lib/core/model/execution-codec';
import { DEFAULT_RISK_CONFIG } from '$lib/core/risk';
import type { BacktestMetrics } from '$lib/core/strategy/metrics';
import { STRATEGY_TEMPLATES } from '$lib/core/strategy/templates';
import { dbName, FillbookDb, type BacktestRunRow, type ImportRow } from './schema';
import {
	createBacktestRun,
	deleteBacktestRun,
	deleteStrategy,
	listBacktestRuns,
	listStrategies,
	saveStrategy,
	strategyVersions
} from './strategies';

afterEach(() => Dexie.delete(dbName('paper')));

const template = { ...STRATEGY_TEMPLATES.find((t) => t.rule.kind === 'breakout')!, id: 's1' };

function run(id: string, createdAt: number): BacktestRunRow {
	return {
		id,
		strategyId: 's1',
		version: 1,
		definition: { ...template, version: 1 },
		symbol: 'RIVN',
		timeframe: null,
		timeframeMs: 60_000,
		timeframeLabel: '1m',
		firstBarTime: 1,
		lastBarTime: 2,
		bars: 2,
		barHash: 'f'.repeat(64),
		broker: DEFAULT_BROKER_CONFIG,
		risk: DEFAULT_RISK_CONFIG,
		createdAt,
		importId: `backtest-${id}`,
		metrics: { trades: 0 } as BacktestMetrics,
		trades: [],
		equityTime: Float64Array.from([1, 2]),
		equity: Float64Array.from([100, 99.5])
	};
}

function importRow(id: string): ImportRow {
	return {
		id,
		fileName: 'Backtest',
		size: 0,
		hash: id,
		formatId: 'strategy-backtest',
		formatLabel: 'Fillbook backtest',
		produces: 'executions',
		zone: 'America/New_York',
		accountId: 'acct',
		tradeDate: null,
		symbol: 'RIVN',
		counts: { rows: 0, imported: 0, duplicates: 0, rejected: 0, skipped: 0 },
		createdAccounts: [],
		rejectedRows: [],
		importedAt: 1,
		strategy: template.name
	};
}

const ACCOUNT = { id: 'acct', broker: 'B', number: 'N', currency: 'USD', label: 'Backtests', createdAt: 1 };

describe('strategy storage', () => {
	it('keeps every saved version and the current one, names trimmed, the first save at version 1', async () => {
		const db = new FillbookDb('paper');
		expect(await saveStrategy(db, { ...template, name: '  Breakout ', version: 9 }, 10)).toEqual({
			...template,
			name: 'Breakout',
			version: 1,
			createdAt: 10,
			updatedAt: 10
		});
		const wider = { ...template, rule: { ...template.rule, lookback: 30 } as typeof template.rule };
		await saveStrategy(db, wider, 20);
		// Saving what is stored adds nothing (and does not touch updatedAt).
		await saveStrategy(db, { ...wider, version: 2 }, 30);
		expect(await listStrategies(db)).toEqual([{ ...wider, version: 2, createdAt: 10, updatedAt: 20 }]);
		expect(
			(await strategyVersions(db, 's1')).map((v) => [v.id, v.version, v.savedAt, v.definition.rule])
		).toEqual([
			['s1@1', 1, 10, template.rule],
			['s1@2', 2, 20, wider.rule]
		]);
		db.close();
	});

	it('deletes a strategy and its versions but keeps its runs; deleting a run takes its executions', async () => {
		const db = new FillbookDb('paper');
		await saveStrategy(db, template, 1);
		const chunk = encodeExecutions('backtest-r1', []);
		await createBacktestRun(db, run('r1', 5), importRow('backtest-r1'), chunk, ACCOUNT);
		await createBacktestRun(db, run('r2', 6), importRow('backtest-r2'), null, ACCOUNT);
		expect(await db.imports.get('backtest-r1')).toMatchObject({
			createdAccounts: ['acct'],
			strategy: template.name
		});
		expect(await db.imports.get('backtest-r2')).toMatchObject({ createdAccounts: [] });
		expect(await deleteStrategy(db, 's1')).toBe(true);
		expect(await deleteStrategy(db, 's1')).toBe(false);
		expect([await db.strategies.count(), await db.strategyVersions.count()]).toEqual([0, 0]);
		const runs = await listBacktestRuns(db, 's1');
		expect(runs.map((r) => r.id)).toEqual(['r2', 'r1']);
		expect(runs[1]).toEqual(run('r1', 5));
		expect(await deleteBacktestRun(db, 'r1')).toBe(true);
		expect(await deleteBacktestRun(db, 'r1')).toBe(false);
		expect(await db.executionChunks.where('importId').equals('backtest-r1').count()).toBe(0);
		expect(await db.imports.get('backtest-r1')).toBeUndefined();
		expect((await listBacktestRuns(db, null)).map((r) => r.id)).toEqual(['r2']);
		db.close();
	});
});
