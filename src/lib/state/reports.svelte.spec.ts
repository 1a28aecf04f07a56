import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MonteCarloReport } from '$workers/contract';
import type { MonteCarlo } from '$lib/core/analytics';
import { EMPTY_FILTER } from '$lib/core/trades/query';
import { ReportsState } from './reports.svelte';

const engine = vi.hoisted(() => ({
	breakdownReport: vi.fn(),
	breakdownCsv: vi.fn(),
	monteCarloReport: vi.fn()
}));
vi.mock('./engine', () => ({ engine }));

/** A Monte Carlo whose 20 paths fell 1, 2, … 20 R at worst. */
const report: MonteCarloReport = {
	result: {
		paths: 20,
		tradesPerPath: 50,
		seed: 1,
		ruinDrawdownR: 1,
		bands: [],
		samples: [],
		ruinProbability: 1,
		maxDrawdowns: Float64Array.from({ length: 20 }, (_, i) => i + 1)
	} satisfies MonteCarlo,
	tradesWithR: 50,
	tradesWithoutR: 0
};

beforeEach(() => vi.clearAllMocks());

describe('ReportsState', () => {
	it('recomputes the chance of a drawdown from the paths as the threshold changes, without simulating again', async () => {
		const reports = new ReportsState();
		engine.monteCarloReport.mockResolvedValue(report);
		await reports.simulate({ ...EMPTY_FILTER }, { paths: reports.paths, tradesPerPath: null }, 1);
		expect(reports.ruin).toBe(0.55); // 11 of the 20 paths fell 10 R or more
		reports.setDrawdownR(15);
		expect(reports.ruin).toBe(0.3);
		reports.setDrawdownR(null);
		expect(reports.ruin).toBeNull();
		expect(reports.worst).toEqual({ median: 11, p95: 20 });
		expect(engine.monteCarloReport).toHaveBeenCalledTimes(1);
	});

	it('rounds typed inputs and puts the defaults back for empty ones', () => {
		const reports = new ReportsState();
		reports.setPaths(250.4);
		reports.setTradesPerPath(99.6);
		expect([reports.paths, reports.tradesPerPath]).toEqual([250, 100]);
		reports.setPaths(null);
		reports.setTradesPerPath(null);
		expect([reports.paths, reports.tradesPerPath]).toEqual([1000, null]);
	});

	it('drops an older simulation and keeps the reason a run was refused', async () => {
		const reports = new ReportsState();
		let settle!: (r: MonteCarloReport) => void;
		engine.monteCarloReport
			.mockReturnValueOnce(new Promise<MonteCarloReport>((r) => (settle = r)))
			.mockRejectedValueOnce(new RangeError('paths must be 1 to 10000'));
		const first = reports.simulate({ ...EMPTY_FILTER }, { paths: 1000, tradesPerPath: null }, 1);
		await reports.simulate({ ...EMPTY_FILTER }, { paths: 0, tradesPerPath: null }, 1);
		settle(report);
		await first;
		expect([reports.monteCarlo, reports.monteCarloError]).toEqual([null, 'paths must be 1 to 10000']);
		reports.reset();
		expect([reports.monteCarloError, reports.loading, reports.drawdownR]).toEqual([null, true, 10]);
	});
});
