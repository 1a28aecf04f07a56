import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MATCH_SETTINGS } from '$lib/core/matching/types';
import { DEFAULT_RISK_CONFIG } from '$lib/core/risk';
import { dbName, FillbookDb } from './schema';
import { readSetting, SETTINGS, writeSetting } from './settings';

afterEach(() => Dexie.delete(dbName('paper')));

describe('settings', () => {
	it('reads each setting as written, and its unset value before', async () => {
		const db = new FillbookDb('paper');
		expect(await readSetting(db, 'defaultRisk')).toEqual({ kind: 'none' });
		expect(await readSetting(db, 'journalFirstTagStrategy')).toBe(true);
		expect(await readSetting(db, 'executionEditsVersion')).toBe(0);
		expect(await readSetting(db, 'matchSettings')).toEqual(DEFAULT_MATCH_SETTINGS);
		await writeSetting(db, 'defaultRisk', { kind: 'money', amount: 50 });
		await writeSetting(db, 'journalFirstTagStrategy', false);
		await writeSetting(db, 'executionEditsVersion', 3);
		await writeSetting(db, 'pointValues', { ES: 50 });
		expect(await readSetting(db, 'defaultRisk')).toEqual({ kind: 'money', amount: 50 });
		expect(await readSetting(db, 'journalFirstTagStrategy')).toBe(false);
		expect(await readSetting(db, 'executionEditsVersion')).toBe(3);
		expect(await readSetting(db, 'pointValues')).toEqual({ ES: 50 });
		// Stored as before: objects as JSON text, flags and counters as they are (backups unchanged).
		expect(await db.meta.toArray()).toEqual([
			{ key: 'defaultRisk', value: '{"kind":"money","amount":50}' },
			{ key: 'executionEditsVersion', value: 3 },
			{ key: 'journalFirstTagStrategy', value: false },
			{ key: 'pointValues', value: '{"ES":50}' }
		]);
		db.close();
	});

	it('reads a stored value that fails its check as unset, never failing', async () => {
		const db = new FillbookDb('paper');
		await db.meta.bulkPut([
			{ key: SETTINGS.defaultRisk.key, value: '{"kind":"weird"}' },
			{ key: SETTINGS.pointValues.key, value: '{"ES":50,"NQ":-2,"YM":"5"}' },
			{ key: SETTINGS.commissionSchedules.key, value: '{broken' },
			{ key: SETTINGS.matchSettings.key, value: '{"windowMinutes":9}' }
		]);
		expect(await readSetting(db, 'defaultRisk')).toEqual({ kind: 'none' });
		expect(await readSetting(db, 'pointValues')).toEqual({ ES: 50 });
		expect(await readSetting(db, 'commissionSchedules')).toEqual([]);
		// Older versions stored fewer matching settings: the rest are the defaults.
		expect(await readSetting(db, 'matchSettings')).toEqual({ ...DEFAULT_MATCH_SETTINGS, windowMinutes: 9 });
		db.close();
	});

	it('keeps the paper risk defaults rule by rule, an unreadable rule at its default', async () => {
		const db = new FillbookDb('paper');
		expect(await readSetting(db, 'paperRiskDefaults')).toEqual(DEFAULT_RISK_CONFIG);
		await db.meta.put({
			key: SETTINGS.paperRiskDefaults.key,
			value: JSON.stringify({
				dailyLoss: { enabled: true, limit: -3 },
				drawdown: { enabled: false, limit: 500, unit: 'money' },
				orderValue: { enabled: 'yes', limit: 1 },
				positionShares: { enabled: true, limit: 'many' }
			})
		});
		expect(await readSetting(db, 'paperRiskDefaults')).toEqual({
			...DEFAULT_RISK_CONFIG,
			dailyLoss: { enabled: true, limit: -3 },
			drawdown: { enabled: false, limit: 500, unit: 'money' }
		});
		db.close();
	});
	it('keeps the base currency and typed FX rates, reading a broken one as unset', async () => {
		const db = new FillbookDb('paper');
		expect(await readSetting(db, 'baseCurrency')).toBe(null);
		expect(await readSetting(db, 'fxRates')).toEqual([]);
		const rate = { base: 'EUR', quote: 'USD', date: '2025-03-04', rate: 1.0842 };
		await writeSetting(db, 'baseCurrency', 'USD');
		await writeSetting(db, 'fxRates', [rate]);
		expect(await readSetting(db, 'baseCurrency')).toBe('USD');
		expect(await readSetting(db, 'fxRates')).toEqual([rate]);
		// As JSON text: a meta value is never null, and null (no base currency) is a value.
		await writeSetting(db, 'baseCurrency', null);
		expect(await db.meta.get('baseCurrency')).toEqual({ key: 'baseCurrency', value: 'null' });
		expect(await readSetting(db, 'baseCurrency')).toBe(null);
		await db.meta.bulkPut([
			{ key: SETTINGS.baseCurrency.key, value: '"usd"' },
			{ key: SETTINGS.fxRates.key, value: JSON.stringify([rate, { ...rate, date: '2025-02-30' }]) }
		]);
		expect(await readSetting(db, 'baseCurrency')).toBe(null);
		expect(await readSetting(db, 'fxRates')).toEqual([]);
		db.close();
	});
});
