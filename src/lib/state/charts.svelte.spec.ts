import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PriceChart } from '$workers/contract';

const engine = vi.hoisted(() => ({ barSymbols: vi.fn(), priceChart: vi.fn() }));
vi.mock('./engine', () => ({ engine }));
const store = vi.hoisted(() => new Map<string, string>());
vi.mock('./preferences', () => ({
	preferenceStorage: {
		getItem: (k: string) => store.get(k) ?? null,
		setItem: (k: string, v: string) => store.set(k, v)
	},
	readPreference: (k: string) => store.get(k) ?? null,
	rememberPreference: (k: string, v: string) => store.set(k, v)
}));

import { ChartsState, readChartLink, readChartSettings } from './charts.svelte';

const KEY = 'fillbook.charts.settings.SPY';
const symbol = {
	symbol: 'SPY',
	count: 92,
	nativeLabel: '1D',
	nativeMs: 86_400_000,
	timeframes: [],
	firstTime: 0,
	lastTime: 1
};

beforeEach(() => {
	store.clear();
	vi.clearAllMocks();
});

describe('chart settings remembered per symbol', () => {
	it('falls back from a stored study that can no longer be drawn, and says why', () => {
		store.set(
			KEY,
			JSON.stringify({
				timeframe: null,
				studies: [
					{ kind: 'macd', params: [30, 26, 9] },
					{ kind: 'rsi', params: [14] }
				]
			})
		);
		const { settings, notice } = readChartSettings('SPY');
		expect(settings.studies).toEqual([{ kind: 'rsi', params: [14] }]);
		expect(notice).toBe(
			'A saved indicator was left out: MACD fast (30) must be shorter than slow (26). The chart shows the rest.'
		);
	});

	it('reads settings it cannot parse as the defaults, and says so', () => {
		store.set(KEY, '{not json');
		expect(readChartSettings('SPY')).toEqual({
			settings: { timeframe: null, studies: [] },
			notice: 'The saved chart settings for SPY could not be read, so the defaults are shown.'
		});
		store.set(KEY, JSON.stringify({ timeframe: null, studies: [{ kind: 'rsi', params: [14] }] }));
		expect(readChartSettings('SPY').notice).toBeNull();
	});

	it('shows the notice on the page and clears it once the settings are changed', async () => {
		store.set(KEY, JSON.stringify({ timeframe: null, studies: [{ kind: 'macd', params: [26, 12, 9] }] }));
		engine.barSymbols.mockResolvedValue([symbol]);
		const charts = new ChartsState();
		await charts.loadSymbols();
		expect(charts.view.settings.studies).toEqual([]);
		expect(charts.view.notice).toContain('MACD fast (26) must be shorter than slow (12)');
		charts.addStudy('rsi');
		expect(charts.view.notice).toBeNull();
		expect((JSON.parse(store.get(KEY)!) as { studies: unknown[] }).studies).toEqual([
			{ kind: 'rsi', params: [14] }
		]);
	});

	it('refuses a MACD whose fast period is not shorter than its slow, keeping the last good one', () => {
		engine.barSymbols.mockResolvedValue([symbol]);
		const charts = new ChartsState();
		charts.select('SPY');
		charts.addStudy('macd');
		expect(charts.setParam(0, 0, 26)).toBe('MACD fast (26) must be shorter than slow (26)');
		expect(charts.setParam(0, 1, 10)).toBe('MACD fast (12) must be shorter than slow (10)');
		expect(charts.view.settings.studies[0]!.params).toEqual([12, 26, 9]);
		expect((JSON.parse(store.get(KEY)!) as { studies: { params: number[] }[] }).studies[0]!.params).toEqual([
			12, 26, 9
		]);
	});

	it('draws without the indicators when the engine cannot compute them, and says why', async () => {
		engine.barSymbols.mockResolvedValue([symbol]);
		const chart = { symbol: 'SPY', studies: [] } as unknown as PriceChart;
		engine.priceChart.mockImplementation(({ studies }: { studies: unknown[] }) =>
			studies.length
				? Promise.reject(new RangeError('macd: fast (30) must be shorter than slow (26)'))
				: Promise.resolve(chart)
		);
		const charts = new ChartsState();
		await charts.loadSymbols();
		charts.addStudy('rsi');
		await charts.load();
		expect(charts.view.chart).toBe(chart);
		expect(charts.view.error).toBeNull();
		expect(charts.view.notice).toBe(
			'The indicators could not be drawn (macd: fast (30) must be shorter than slow (26)), so the chart is shown without them.'
		);
	});
});

describe('a link to the Charts page', () => {
	it('reads the symbol, timeframe, studies and time, leaving out a study that does not check', () => {
		const link = readChartLink(
			new URLSearchParams('symbol=SPY&timeframe=5m&studies=sma:3,ema:0,rsi:14&at=1760381820000')
		);
		expect(link).toEqual({
			symbol: 'SPY',
			timeframe: '5m',
			studies: [
				{ kind: 'sma', params: [3] },
				{ kind: 'rsi', params: [14] }
			],
			at: 1_760_381_820_000
		});
		expect(readChartLink(new URLSearchParams('studies=sma:3'))).toBeNull();
	});

	it('shows the linked symbol with its studies for the visit, the remembered settings untouched', async () => {
		engine.barSymbols.mockResolvedValue([symbol]);
		store.set(KEY, JSON.stringify({ timeframe: null, studies: [{ kind: 'rsi', params: [7] }] }));
		const charts = new ChartsState();
		await charts.openLink({
			symbol: 'SPY',
			timeframe: '5m',
			studies: [{ kind: 'sma', params: [3] }],
			at: null
		});
		// 5m is not among the daily bars' timeframes: as imported.
		expect(charts.view.settings).toEqual({ timeframe: null, studies: [{ kind: 'sma', params: [3] }] });
		expect(JSON.parse(store.get(KEY)!)).toEqual({ timeframe: null, studies: [{ kind: 'rsi', params: [7] }] });
	});
});
