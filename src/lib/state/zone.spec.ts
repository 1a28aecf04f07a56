import { describe, expect, it } from 'vitest';
import type { KeyValueStorage } from './mode.svelte';
import { ZONE_STORAGE_KEY, ZoneState } from './zone.svelte';

function memoryStorage(
	initial: Record<string, string> = {}
): KeyValueStorage & { data: Map<string, string> } {
	const data = new Map(Object.entries(initial));
	return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const BERLIN = 'Europe/Berlin';

describe('ZoneState', () => {
	it("starts with the browser's zone", () => {
		const zone = new ZoneState(memoryStorage(), BERLIN);
		expect([zone.choice, zone.current, zone.browserZone]).toEqual(['browser', BERLIN, BERLIN]);
	});

	it('persists a chosen zone so a new instance (a reload, a deep link) uses it', () => {
		const storage = memoryStorage();
		expect(new ZoneState(storage, BERLIN).set('America/New_York')).toEqual({ ok: true });
		expect(storage.data.get(ZONE_STORAGE_KEY)).toBe('America/New_York');
		const reloaded = new ZoneState(storage, BERLIN);
		expect([reloaded.choice, reloaded.current]).toEqual(['America/New_York', 'America/New_York']);
	});

	it('stores a typed zone in its canonical spelling, trimmed', () => {
		const storage = memoryStorage();
		const zone = new ZoneState(storage, BERLIN);
		expect(zone.set('  america/new_york ')).toEqual({ ok: true });
		expect(zone.current).toBe('America/New_York');
		expect(zone.set('utc')).toEqual({ ok: true });
		expect([zone.current, storage.data.get(ZONE_STORAGE_KEY)]).toEqual(['UTC', 'UTC']);
	});

	it("keeps the name chosen where the runtime's own is an old alias (Asia/Kolkata, not Asia/Calcutta)", () => {
		const zone = new ZoneState(memoryStorage(), BERLIN);
		expect(zone.set('Asia/Kolkata')).toEqual({ ok: true });
		expect(zone.current).toBe('Asia/Kolkata');
		expect(zone.set('asia/kolkata')).toEqual({ ok: true });
		expect(zone.current).toBe('Asia/Kolkata');
		expect(zone.set('america/port-au-prince')).toEqual({ ok: true });
		expect(zone.current).toBe('America/Port-au-Prince');
	});

	it('goes back to following the browser', () => {
		const storage = memoryStorage({ [ZONE_STORAGE_KEY]: 'UTC' });
		const zone = new ZoneState(storage, BERLIN);
		expect(zone.set('browser')).toEqual({ ok: true });
		expect([zone.choice, zone.current, storage.data.get(ZONE_STORAGE_KEY)]).toEqual([
			'browser',
			BERLIN,
			'browser'
		]);
	});

	it('refuses a zone the runtime does not know, naming it, and keeps the zone and what is stored', () => {
		const storage = memoryStorage({ [ZONE_STORAGE_KEY]: 'UTC' });
		const zone = new ZoneState(storage, BERLIN);
		const result = zone.set('America/New_Yrok');
		expect(result).toEqual({
			ok: false,
			message:
				'"America/New_Yrok" is not a time zone this browser knows. Use an IANA name such as America/New_York, Europe/London or UTC.'
		});
		expect([zone.current, storage.data.get(ZONE_STORAGE_KEY)]).toEqual(['UTC', 'UTC']);
	});

	it('refuses an empty zone with what to type', () => {
		const storage = memoryStorage();
		const zone = new ZoneState(storage, BERLIN);
		expect(zone.set('   ')).toEqual({ ok: false, message: 'Type a time zone, e.g. America/New_York.' });
		expect([zone.current, storage.data.size]).toEqual([BERLIN, 0]);
	});

	it('follows the browser when what is stored is not a zone (edited by hand, or from a newer runtime)', () => {
		expect(new ZoneState(memoryStorage({ [ZONE_STORAGE_KEY]: 'Mars/Olympus' }), BERLIN).current).toBe(BERLIN);
	});

	it("adopts another tab's zone without writing it back, and ignores one that is not a zone", () => {
		const storage = memoryStorage();
		const zone = new ZoneState(storage, BERLIN);
		zone.adopt('Asia/Tokyo');
		expect(zone.current).toBe('Asia/Tokyo');
		zone.adopt('nonsense');
		expect(zone.current).toBe(BERLIN);
		zone.adopt('UTC');
		zone.adopt(null);
		expect(zone.current).toBe(BERLIN);
		expect(storage.data.size).toBe(0);
	});

	it('works when storage is blocked: browser zone to start, a choice still applies', () => {
		const blocked: KeyValueStorage = {
			getItem: () => {
				throw new Error('SecurityError');
			},
			setItem: () => {
				throw new Error('SecurityError');
			}
		};
		const zone = new ZoneState(blocked, BERLIN);
		expect(zone.current).toBe(BERLIN);
		expect(zone.set('UTC')).toEqual({ ok: true });
		expect(zone.current).toBe('UTC');
	});
});
