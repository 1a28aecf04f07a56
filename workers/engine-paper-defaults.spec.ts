import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RISK_CONFIG, type RiskConfig } from '$lib/core/risk';
import { dbName } from '$lib/db/schema';
import { createEngineApi } from './engine-api';

afterEach(() => Dexie.delete(dbName('paper')));

/** An engine that announces nothing and takes no Web Locks. */
const quiet = () =>
	createEngineApi({ locks: null, announcer: { announce: () => undefined, close: () => undefined } });

describe('paper risk defaults', () => {
	it('are the defaults until set, then the limits last kept, also for a new engine (a reload)', async () => {
		const engine = quiet();
		expect(await engine.paperRiskDefaults('paper')).toEqual(DEFAULT_RISK_CONFIG);
		const risk = { ...DEFAULT_RISK_CONFIG, dailyLoss: { enabled: true, limit: -3 } };
		await engine.setPaperRiskDefaults('paper', risk);
		const again = quiet();
		expect(await again.paperRiskDefaults('paper')).toEqual(risk);
	});

	it('refuses limits that are not numbers, saying which rule, and keeps the ones before', async () => {
		const engine = quiet();
		const broken = { ...DEFAULT_RISK_CONFIG, orderValue: { enabled: true, limit: Number.NaN } } as RiskConfig;
		await expect(engine.setPaperRiskDefaults('paper', broken)).rejects.toThrow(
			"Risk limits not kept: the orderValue rule's limit must be a number"
		);
		expect(await engine.paperRiskDefaults('paper')).toEqual(DEFAULT_RISK_CONFIG);
	});
});
