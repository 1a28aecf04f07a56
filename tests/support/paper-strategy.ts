/** A paper session over the RIVN day (see paper-day.ts) with a strategy attached and started, as the desk specs use it. */
import { expect } from 'vitest';
import type { StrategyDefinition } from '../../src/lib/core/strategy';
import { createEngineApi } from '../../workers/engine-api';
import { barsRequest, barsText, DAY } from './paper-day';

/** SMA 2/3 cross, 100 shares: it trades often on a day of minute bars. */
export const SMA_2_3: StrategyDefinition = {
	id: 'template:sma-2-3',
	name: 'SMA 2/3 cross',
	version: 1,
	rule: { kind: 'sma-cross', fast: 2, slow: 3 },
	sizing: { by: 'quantity', quantity: 100 },
	exits: { stop: null, target: null, atrPeriod: 14, flatAtSessionEnd: false }
};

/** A fresh engine with the day's RIVN bars imported into the paper database. */
export async function rivnEngine() {
	const engine = createEngineApi({ now: () => 1_760_000_000_000 });
	const imported = await engine.importFile(
		'paper',
		'b',
		new File([barsText], 'RIVN.csv'),
		barsRequest('RIVN'),
		() => undefined
	);
	expect(imported).toMatchObject({ ok: true });
	return engine;
}

/** A fresh engine with the day's bars imported, a session over it, `strategy` attached and started. */
export async function strategySession(strategy: StrategyDefinition = SMA_2_3) {
	const engine = await rivnEngine();
	const id = (await engine.paperStart('paper', DAY)).session.id;
	await engine.paperAttachStrategy('paper', id, strategy);
	await engine.paperStrategy('paper', id, 'start');
	return { engine, id };
}
