import { describe, expect, it } from 'vitest';
import { INITIAL_CIRCUIT_BREAKER, isHalted, percentBelow, updateCircuitBreaker } from './circuit-breaker';
import { DAY_MS, DEFAULT_RISK_CONFIG } from './config';
import { NOW } from '../../../../tests/support/risk-builders';

const config = DEFAULT_RISK_CONFIG; // 5 %, 24 h

describe('updateCircuitBreaker', () => {
	it('arms at the first equity it sees and keeps that reference while equity rises', () => {
		const armed = updateCircuitBreaker(config, INITIAL_CIRCUIT_BREAKER, 100_000, NOW);
		expect(armed).toEqual({ referenceEquity: 100_000, haltedUntil: null, trippedAtPercent: null });
		expect(updateCircuitBreaker(config, armed, 120_000, NOW + 1)).toBe(armed);
	});
	it('trips beyond the limit, holds the halt for 24 h and re-arms at exactly 24 h with a new reference', () => {
		const armed = updateCircuitBreaker(config, INITIAL_CIRCUIT_BREAKER, 100_000, NOW);
		expect(updateCircuitBreaker(config, armed, 95_000, NOW)).toBe(armed);
		const tripped = updateCircuitBreaker(config, armed, 94_000, NOW);
		expect(tripped).toEqual({ referenceEquity: 100_000, haltedUntil: NOW + DAY_MS, trippedAtPercent: 6 });
		expect(isHalted(tripped, NOW + DAY_MS - 1)).toBe(true);
		expect(updateCircuitBreaker(config, tripped, 101_000, NOW + DAY_MS - 1)).toBe(tripped);
		expect(isHalted(tripped, NOW + DAY_MS)).toBe(false);
		expect(updateCircuitBreaker(config, tripped, 93_000, NOW + DAY_MS)).toEqual({
			referenceEquity: 93_000,
			haltedUntil: null,
			trippedAtPercent: null
		});
	});
	it('honours a configured halt length, and a disabled breaker never halts', () => {
		const hour = { circuitBreaker: { enabled: true, limit: 5, haltMs: 3_600_000 } };
		const armed = { referenceEquity: 100_000, haltedUntil: null, trippedAtPercent: null };
		expect(updateCircuitBreaker(hour, armed, 50_000, NOW).haltedUntil).toBe(NOW + 3_600_000);
		const off = { circuitBreaker: { ...hour.circuitBreaker, enabled: false } };
		expect(updateCircuitBreaker(off, armed, 50_000, NOW)).toEqual({
			referenceEquity: 50_000,
			haltedUntil: null,
			trippedAtPercent: null
		});
	});
	it('lifts a halt when the limit is raised above the fall that tripped it', () => {
		const tripped = { referenceEquity: 100_000, haltedUntil: NOW + DAY_MS, trippedAtPercent: 6 };
		const at = (limit: number) => ({ circuitBreaker: { enabled: true, limit, haltMs: DAY_MS } });
		expect(updateCircuitBreaker(at(5.99), tripped, 94_000, NOW)).toBe(tripped);
		expect(updateCircuitBreaker(at(6), tripped, 94_000, NOW)).toEqual({
			referenceEquity: 94_000,
			haltedUntil: null,
			trippedAtPercent: null
		});
	});
	it('measures the fall in percent, exactly at the cent', () => {
		expect(percentBelow(100_000, 94_999.99)).toBe(5.00001);
		expect(percentBelow(100_000, 110_000)).toBe(-10);
		expect(percentBelow(0, 10)).toBe(0);
	});
});
