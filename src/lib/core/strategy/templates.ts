/**
 * Ready-made strategies a trader starts from: one of each built-in kind with the parameters most
 * books use. A template is a definition at version 1; saving a copy gives it an id of its own.
 */
import { checkStrategy, type StrategyDefinition } from './types';

const flat: StrategyDefinition['exits'] = {
	stop: { atrMultiple: 2 },
	target: null,
	atrPeriod: 14,
	flatAtSessionEnd: false
};

const TEMPLATES: StrategyDefinition[] = [
	{
		id: 'template:sma-cross',
		name: 'SMA 10/30 cross',
		version: 1,
		rule: { kind: 'sma-cross', fast: 10, slow: 30 },
		sizing: { by: 'quantity', quantity: 100 },
		exits: { ...flat, stop: null }
	},
	{
		id: 'template:ema-cross',
		name: 'EMA 9/21 cross, 2 ATR stop, 2R target',
		version: 1,
		rule: { kind: 'ema-cross', fast: 9, slow: 21 },
		sizing: { by: 'risk-amount', amount: 100 },
		exits: { ...flat, target: { unit: 'r', value: 2 } }
	},
	{
		id: 'template:rsi-reversion',
		name: 'RSI(14) 30/70 reversion',
		version: 1,
		rule: { kind: 'rsi-reversion', period: 14, oversold: 30, overbought: 70 },
		sizing: { by: 'risk-percent', percent: 0.5 },
		exits: flat
	},
	{
		id: 'template:signals',
		name: 'Signal generator 3 of 4, 1.5 ATR stop, 2R target',
		version: 1,
		rule: { kind: 'signals', minGroups: 3, atrPeriod: 14, stopAtr: 1.5 },
		sizing: { by: 'risk-percent', percent: 0.5 },
		exits: { ...flat, stop: null, target: { unit: 'r', value: 2 } }
	},
	{
		id: 'template:rsi-trend',
		name: 'RSI(14) crosses above 30 while close > SMA(200)',
		version: 1,
		rule: {
			kind: 'composed',
			entry: [
				{
					left: { kind: 'study', study: { kind: 'rsi', params: [14] } },
					op: 'crosses-above',
					right: { kind: 'value', value: 30 }
				},
				{
					left: { kind: 'price', field: 'close' },
					op: 'above',
					right: { kind: 'study', study: { kind: 'sma', params: [200] } }
				}
			],
			exit: [
				{
					left: { kind: 'study', study: { kind: 'rsi', params: [14] } },
					op: 'crosses-above',
					right: { kind: 'value', value: 70 }
				}
			]
		},
		sizing: { by: 'risk-amount', amount: 100 },
		exits: flat
	},
	{
		id: 'template:breakout',
		name: '20-bar breakout, 2 ATR stop',
		version: 1,
		rule: { kind: 'breakout', lookback: 20, atrPeriod: 14, atrMultiple: 2 },
		sizing: { by: 'risk-amount', amount: 100 },
		exits: { ...flat, stop: null, flatAtSessionEnd: true }
	}
];

export const STRATEGY_TEMPLATES: readonly StrategyDefinition[] = TEMPLATES.map(checkStrategy);
