/**
 * Execution quality of a round trip: how its entries and exits were filled, against their own
 * first fill and against the prices the journal gives, and where (venues). Prices are per unit;
 * a positive slippage is a cost to the trader, for longs and shorts alike.
 */

/** One execution's part in a round trip, as the statistics read it. */
export interface StatsFill {
	/** Epoch ms, UTC. */
	time: number;
	price: number;
	/** Units of this execution in the round trip (> 0). */
	quantity: number;
	venue: string | null;
	/** True when it added to the position, false when it reduced it. */
	entry: boolean;
}

export interface SideStats {
	fills: number;
	quantity: number;
	/** Volume-weighted average price; null without fills. */
	vwap: number | null;
	firstPrice: number | null;
	/** VWAP against the first fill, per unit; + = the later fills were worse. */
	slippage: number | null;
	/** VWAP against the journal's price, per unit; + = the fills were worse than the journal says. */
	versusJournal: number | null;
	/** From the first fill to the last, ms. */
	spanMs: number | null;
}

export interface ExecutionStats {
	entry: SideStats;
	exit: SideStats;
	venues: { venue: string; fills: number; quantity: number }[];
}

/**
 * The statistics of one round trip's fills (in time order). `journalEntry` / `journalExit` are
 * the journal's prices, null when unknown.
 * @example executionStats([{ time: 0, price: 10, quantity: 100, venue: 'ARCA', entry: true }], 'long', 10, null).entry.vwap // 10
 */
export function executionStats(
	fills: readonly StatsFill[],
	direction: 'long' | 'short',
	journalEntry: number | null,
	journalExit: number | null
): ExecutionStats {
	const sign = direction === 'long' ? 1 : -1;
	const side = (entry: boolean, journalPrice: number | null): SideStats => {
		const own = fills.filter((f) => f.entry === entry);
		if (own.length === 0)
			return {
				fills: 0,
				quantity: 0,
				vwap: null,
				firstPrice: null,
				slippage: null,
				versusJournal: null,
				spanMs: null
			};
		let quantity = 0;
		let value = 0;
		let first = own[0]!;
		let last = own[0]!;
		for (const f of own) {
			quantity += f.quantity;
			value += f.price * f.quantity;
			if (f.time < first.time) first = f;
			if (f.time >= last.time) last = f;
		}
		const vwap = value / quantity;
		// An entry costs more when it pays more (long) or sells for less (short); an exit the reverse.
		const worse = (paid: number, reference: number) => (entry ? paid - reference : reference - paid) * sign;
		return {
			fills: own.length,
			quantity,
			vwap,
			firstPrice: first.price,
			slippage: worse(vwap, first.price),
			versusJournal: journalPrice === null ? null : worse(vwap, journalPrice),
			spanMs: last.time - first.time
		};
	};
	const venues = new Map<string, { venue: string; fills: number; quantity: number }>();
	for (const f of fills) {
		const venue = f.venue ?? '(none)';
		const v = venues.get(venue) ?? { venue, fills: 0, quantity: 0 };
		v.fills++;
		v.quantity += f.quantity;
		venues.set(venue, v);
	}
	return {
		entry: side(true, journalEntry),
		exit: side(false, journalExit),
		venues: [...venues.values()].sort((a, b) => b.quantity - a.quantity || (a.venue < b.venue ? -1 : 1))
	};
}

export interface VenueRow {
	venue: string;
	fills: number;
	quantity: number;
	/** Quantity-weighted price improvement per unit against the VWAP of the fill's side of its round trip; + = better. */
	improvement: number;
}

/**
 * Venues across round trips: fills, units, and how each venue's fills compared with the average
 * price of their side of the round trip (a venue that fills better than the rest shows +).
 */
export function venueReport(
	roundTrips: readonly { direction: 'long' | 'short'; fills: readonly StatsFill[] }[]
): VenueRow[] {
	const rows = new Map<string, { fills: number; quantity: number; better: number }>();
	for (const trip of roundTrips) {
		const sign = trip.direction === 'long' ? 1 : -1;
		const vwap = (entry: boolean) => {
			let q = 0;
			let v = 0;
			for (const f of trip.fills)
				if (f.entry === entry) {
					q += f.quantity;
					v += f.price * f.quantity;
				}
			return q > 0 ? v / q : 0;
		};
		const entryVwap = vwap(true);
		const exitVwap = vwap(false);
		for (const f of trip.fills) {
			const venue = f.venue ?? '(none)';
			const row = rows.get(venue) ?? { fills: 0, quantity: 0, better: 0 };
			row.fills++;
			row.quantity += f.quantity;
			const per = f.entry ? (entryVwap - f.price) * sign : (f.price - exitVwap) * sign;
			row.better += per * f.quantity;
			rows.set(venue, row);
		}
	}
	return [...rows]
		.map(([venue, r]) => ({
			venue,
			fills: r.fills,
			quantity: r.quantity,
			improvement: r.better / r.quantity
		}))
		.sort((a, b) => b.quantity - a.quantity || (a.venue < b.venue ? -1 : 1));
}
