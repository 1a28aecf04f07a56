import { describe, expect, it, vi } from 'vitest';
import type { StoredStrategy } from '$workers/contract';
import { STRATEGY_TEMPLATES } from '$lib/core/strategy/templates';
import type { StrategyDefinition } from '$lib/core/strategy/types';

const engine = vi.hoisted(() => ({ strategies: vi.fn() }));
vi.mock('./engine', () => ({ engine }));

const { DeskStrategyState } = await import('./desk-strategy.svelte');
const { mode } = await import('./app.svelte');

const composed = STRATEGY_TEMPLATES.find((t) => t.rule.kind === 'composed')!;
const STORED: StrategyDefinition = { ...composed, id: 'st-mine', name: 'My RSI with trend', version: 3 };
const stored = (definition: StrategyDefinition): StoredStrategy => ({
	definition,
	createdAt: 1,
	updatedAt: 2,
	runs: 0
});

describe('DeskStrategyState', () => {
	it('offers the lab’s stored strategies after the templates, in paper mode only', async () => {
		engine.strategies.mockResolvedValue([stored(STORED)]);
		const s = new DeskStrategyState();
		mode.set('paper');
		await s.loadStored();
		expect(s.choices.map((c) => c.id)).toEqual([...STRATEGY_TEMPLATES.map((t) => t.id), 'st-mine']);
		mode.set('real');
		await s.loadStored();
		expect(s.choices.map((c) => c.id)).toEqual(STRATEGY_TEMPLATES.map((t) => t.id));
		mode.set('paper');
	});

	it('a stored composed strategy attaches as it is: its conditions are not numbers to type', async () => {
		engine.strategies.mockResolvedValue([stored(STORED)]);
		const s = new DeskStrategyState();
		mode.set('paper');
		await s.loadStored();
		s.choose('st-mine');
		expect(s.view.params).toEqual({});
		expect(s.definition()).toEqual(STORED);
	});

	it('the generator’s numbers are typed; a change makes a strategy of its own', () => {
		const s = new DeskStrategyState();
		const generator = STRATEGY_TEMPLATES.find((t) => t.rule.kind === 'signals')!;
		s.choose(generator.id);
		expect(s.view.params).toEqual({ minGroups: '3', atrPeriod: '14', stopAtr: '1.5' });
		s.setParam('minGroups', '4');
		expect(s.definition()).toMatchObject({
			id: `${generator.id}(4,14,1.5)`,
			name: 'Signal generator 4/14/1.5',
			rule: { kind: 'signals', minGroups: 4, atrPeriod: 14, stopAtr: 1.5 }
		});
	});
});
