/**
 * Test data for matching, with the ground truth a real export never has: one made-up trader's
 * DAS Trader Pro "Trades" window exports (one file per day, no date column, US/Eastern wall times,
 * newest first, a trailing comma on every line) and the Tradervue trade export of the same
 * trading (29 columns, another time zone, some times truncated to the minute), both written from
 * one set of round trips, so that every journal trade knows the round trip it describes.
 *
 * The awkward cases are made on purpose: partial fills across venues, back-to-back round trips in
 * one symbol minutes apart, reversals (one execution crossing zero, which Tradervue splits into
 * two journal trades), positions held overnight (entry in one day's file, exit in the next), a
 * position still open at the end, round trips missing on either side, symbol spellings (`BRK.B`
 * against `BRK B`, a renamed ticker), volumes off by a few shares, a Gross P&L off by a correction,
 * truly ambiguous pairs that nothing in the two files can tell apart, near-twins that only their
 * P&L tells apart, and days of the journal written on another clock (the user changed Tradervue's
 * time-zone setting, or imported those days on another machine).
 *
 * Pure and deterministic (a seeded generator, no Node or DOM API): the same options give the same
 * data here, in the bench and in the browser.
 */
import { wallTimeToInstant } from '../../src/lib/core/time/zone';
import type { MatchJournal } from '../../src/lib/core/matching/types';
import { matchSymbol } from '../../src/lib/core/matching/symbols';

export type Venue = 'ARCA' | 'NSDQ' | 'BATS' | 'EDGX' | 'IEX' | 'SMRT';
const VENUES: readonly Venue[] = ['ARCA', 'NSDQ', 'BATS', 'EDGX', 'IEX', 'SMRT'];

/** An instrument the trader trades. */
export interface SymbolSpec {
	/** As DAS writes it. */
	symbol: string;
	/** How the journal writes it, one picked per journal trade; default: as DAS does. */
	journalSpellings?: readonly string[];
	/** Price per share on the first day (it drifts from day to day). */
	price: number;
	/** Quantities are whole multiples of this. */
	lot: number;
}

/**
 * What an episode is: one round trip (`plain`), or a few that belong together.
 * - `back-to-back`: 2-3 round trips of one account in one symbol, 2-7 minutes apart;
 * - `reversal`: one execution closes a position and opens the opposite one;
 * - `overnight`: entered late one day, exited the next morning (open at the end on the last day);
 * - `mirror`: the same symbol and direction in two accounts at the same time, sizes far apart;
 * - `ambiguous-pair`: two round trips of one account, symbol, direction and quantity at the same
 *   prices, opening and closing within one minute, both journal trades rounded to that minute;
 * - `ambiguous-single`: the same, but only one of the two has a journal trade;
 * - `near-twin`: the same minute, quantity and entries, but the second exits a few ticks away, so
 *   that only the P&L tells the two apart (one of them, now and then, without a journal trade).
 */
export type EpisodeKind =
	| 'plain'
	| 'back-to-back'
	| 'reversal'
	| 'overnight'
	| 'mirror'
	| 'ambiguous-pair'
	| 'ambiguous-single'
	| 'near-twin';

export interface GenerateOptions {
	seed: number;
	/** First trading day, YYYY-MM-DD; Saturdays and Sundays are skipped. */
	startDate: string;
	/** Trading days. */
	days: number;
	/** DAS account numbers (training accounts start with TR). */
	accounts: readonly string[];
	/** Episodes each account starts per day (fewer when no symbol is free). */
	episodesPerDay: number;
	symbols: readonly SymbolSpec[];
	/** The journal's wall clock minus the executions' (US/Eastern), in hours: −3 for US/Pacific. */
	journalOffsetHours: number;
	/**
	 * Trading days (index) whose journal trades were written on another clock: the hours (whole
	 * or half) used instead of journalOffsetHours for a round trip opened that day.
	 */
	dayClock: Readonly<Record<number, number>>;
	/** Relative weights of the episode kinds. */
	mix: Readonly<Record<EpisodeKind, number>>;
	/** Share of journal trades whose open and close are truncated to the minute. */
	roundedShare: number;
	/** Share of journal trades whose Volume differs from the units entered by 1 to maxQuantityDiff. */
	quantityDiffShare: number;
	maxQuantityDiff: number;
	/** Share of journal trades whose Gross P&L is off by $0.05-$25 (a price corrected on one side only). */
	pnlDiffShare: number;
	/** Share of plain and back-to-back episodes with one round trip missing on one side. */
	missingShare: number;
}

export const DEFAULT_SYMBOLS: readonly SymbolSpec[] = [
	{ symbol: 'AAPL', price: 228.4, lot: 50 },
	{ symbol: 'TSLA', price: 435.1, lot: 20 },
	{ symbol: 'NVDA', price: 182.2, lot: 100 },
	{ symbol: 'AMD', price: 216.4, lot: 50 },
	{ symbol: 'SMCI', price: 52.5, lot: 100 },
	{ symbol: 'INHD', price: 1.89, lot: 1000 },
	{ symbol: 'GNS', price: 1.36, lot: 1000 },
	{ symbol: 'RIVN', price: 13.4, lot: 200 },
	{ symbol: 'BABA', price: 166.8, lot: 25 },
	{ symbol: 'NFLX', price: 1213.2, lot: 2 },
	{ symbol: 'BRK.B', journalSpellings: ['BRK B', 'BRK/B', 'BRK.B'], price: 479.5, lot: 10 },
	{ symbol: 'BF.B', journalSpellings: ['BF B', 'BF/B'], price: 27.45, lot: 200 },
	{ symbol: 'SOFI', price: 28.3, lot: 200 },
	{ symbol: 'PLTR', price: 178.1, lot: 50 },
	{ symbol: 'MARA', price: 19.1, lot: 200 },
	{ symbol: 'AAGR', price: 0.4278, lot: 2000 },
	// A renamed ticker: the journal kept the old name, the user sets the alias `FB = META`.
	{ symbol: 'META', journalSpellings: ['FB'], price: 712.3, lot: 10 }
];

export const DEFAULT_GENERATE_OPTIONS: GenerateOptions = {
	seed: 1,
	startDate: '2025-10-13',
	days: 5,
	accounts: ['TRPA61247', 'TRKD30518', 'MGX204117'],
	episodesPerDay: 8,
	symbols: DEFAULT_SYMBOLS,
	journalOffsetHours: -3,
	dayClock: {},
	mix: {
		plain: 10,
		'back-to-back': 4,
		reversal: 2,
		overnight: 1.5,
		mirror: 1,
		'ambiguous-pair': 1,
		'ambiguous-single': 0.5,
		'near-twin': 0.6
	},
	roundedShare: 0.35,
	quantityDiffShare: 0.1,
	maxQuantityDiff: 100,
	pnlDiffShare: 0.05,
	missingShare: 0.12
};

/** One execution as DAS writes it. Prices and fees in 1e-4 units keep every sum exact. */
export interface GeneratedExecution {
	/** Index of the trading day (and DAS file) it is in. */
	day: number;
	/** Seconds after midnight, US/Eastern wall clock. */
	second: number;
	/** Epoch ms, UTC. */
	time: number;
	account: string;
	symbol: string;
	side: 'B' | 'S' | 'SS';
	/** Price per share × 10,000. */
	price4: number;
	quantity: number;
	venue: Venue;
	/** Cloid: shared by the partial executions of one order, `AUTO` in the simulator. */
	orderId: string;
	/** `+` added liquidity (rebate), `-` removed it (fee). */
	liquidity: '+' | '-';
	/** ECN fee × 10,000: + charged, − rebate. */
	fee4: number;
	/** DAS `P / L` (average cost, cents) on executions that close, null on the others. */
	pnlCents: number | null;
}

/** One round trip, flat to flat (or still open at the end), as built. */
export interface GeneratedTrip {
	/** tripKey of it: what stays recognisable after import and grouping. */
	key: string;
	account: string;
	symbol: string;
	direction: 'long' | 'short';
	/** Epoch ms, UTC, of its first and last execution; close null while open. */
	openTime: number;
	closeTime: number | null;
	entryQuantity: number;
	/** Gross P&L from its executions (the realised part while open), cents. */
	grossCents: number;
	/** Executions it takes part in (a reversing one counts in both of its round trips). */
	executions: number;
	kind: EpisodeKind;
	/** Its executions are not in the DAS files: its journal trade has no fills. */
	withoutExecutions: boolean;
	/** No journal trade describes it. */
	withoutJournal: boolean;
}

/** What the test knows about a journal trade and matching does not. */
export interface JournalTruth {
	/** Key of the round trip it describes; null when that round trip's executions are not in the files. */
	trip: string | null;
	/** Another round trip fits it exactly as well: only the user can tell (review queue). */
	ambiguous: boolean;
	/** Its Gross P&L is the one its executions give, to the cent (or both are open). */
	pnlAgrees: boolean;
	/** Open and close written truncated to the minute. */
	rounded: boolean;
	/** The journal's clock minus the executions' that day, hours (GenerateOptions.dayClock). */
	clockHours: number;
	/** Volume minus the units entered. */
	quantityDiff: number;
	kind: EpisodeKind;
}

/**
 * One row of the Tradervue export, and what matching reads of it: the symbol as the journal
 * writes it, the instants its times stand for (truncation included, on the true clock: no zone
 * offset), volume and P&L.
 */
export interface GeneratedJournalTrade extends Omit<MatchJournal, 'id' | 'importId' | 'accountId'> {
	/** The 29 cells, in TRADERVUE_HEADER order. */
	cells: string[];
	truth: JournalTruth;
}

export interface GeneratedData {
	/** Trading days, YYYY-MM-DD: one DAS file each. */
	days: string[];
	/** In the order they happened. */
	executions: GeneratedExecution[];
	trips: GeneratedTrip[];
	/** Rows in export order (newest open first). */
	journal: GeneratedJournalTrade[];
	/** The aliases the user would set for renamed tickers, one `OLD = NEW` per line. */
	aliases: string;
}

export const DAS_HEADER = 'Time,Symbol,Side,Price,Qty,Route,Broker,Account,Type,Cloid,Liq,ECNFee,P / L,';
export const TRADERVUE_HEADER = [
	'Open Datetime',
	'Close Datetime',
	'Symbol',
	'Side',
	'Volume',
	'Exec Count',
	'Entry Price',
	'Exit Price',
	'Gross P&L',
	'Gross P&L (%)',
	'Shared',
	'Notes',
	'Tags',
	'Gross P&L (t)',
	'Net P&L',
	'Commissions',
	'Fees',
	'Initial Risk',
	'P&L (R)',
	'Position MFE',
	'Position MAE',
	'Price MFE',
	'Price MAE',
	'Position MFE Datetime',
	'Position MAE Datetime',
	'Price MFE Datetime',
	'Price MAE Datetime',
	'Best Exit P&L',
	'Best Exit Datetime'
] as const;

/**
 * How a round trip is recognised after import and grouping: account, symbol as DAS writes it,
 * first execution's instant and direction (a reversal's second half opens on the reversing
 * execution, in the other direction).
 * @example tripKey('TRPA61247', 'BRK.B', 1760376303000, 'long') // 'TRPA61247|BRK.B|1760376303000|long'
 */
export function tripKey(
	account: string,
	symbol: string,
	openTime: number,
	direction: 'long' | 'short'
): string {
	return `${account}|${symbol}|${openTime}|${direction}`;
}

/**
 * A seeded uniform generator in [0, 1) (mulberry32): small, fast, the same everywhere.
 * @example const next = seededRandom(42); next() // 0.6011037519201636
 */
export function seededRandom(seed: number): () => number {
	let a = seed | 0;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const DAY = 86_400;
/** DAS trades from 04:00 (pre-market) to 20:00 (after hours), Eastern. */
const FIRST_SECOND = 4 * 3600;
const LAST_SECOND = 20 * 3600;
/**
 * Seconds kept free of other episodes in the same symbol (any account) around an episode: beyond
 * the matcher's default window (30 min), so that the only near rivals are the ones made on purpose.
 */
const GAP = 35 * 60;
const NOTES = [
	'Gap fill play, 2:1 target hit',
	'Thesis: "sympathy" play w/ sector, exit at VWAP',
	'Didn\'t wait for the 1-min close; "FOMO" entry.\nLesson: wait for confirmation, size down.',
	'Sized too big for the float (~3M shares).',
	'Entry: VWAP reclaim\nExit: into HOD resistance',
	'Partial fill on the first order, chased a bit'
];
const TAGS = [
	'orb_5m',
	'gap_and_go',
	'vwap_reclaim',
	'momentum',
	'os_d1',
	'mistake',
	'a+',
	'scalp',
	'starter',
	'add',
	'news',
	'earnings',
	'low_float',
	'first_pullback',
	'backside_fade',
	'halt_resume'
];

class Random {
	readonly next: () => number;
	constructor(seed: number) {
		this.next = seededRandom(seed);
	}
	/** An integer in [lo, hi]. */
	int(lo: number, hi: number): number {
		return lo + Math.floor(this.next() * (hi - lo + 1));
	}
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)]!;
	}
	chance(p: number): boolean {
		return this.next() < p;
	}
}

/** A round trip while it is built: what its executions add up to. */
class TripState {
	position = 0;
	entryQuantity = 0;
	entryValue4 = 0;
	exitQuantity = 0;
	exitValue4 = 0;
	/** Σ ±quantity × price4 (+ sells): × 1e-4 the gross P&L once flat. Exact (safe integers). */
	cash4 = 0;
	/** Cost basis of what is held (price4 × units), for DAS's average-cost P / L. */
	basis4 = 0;
	/** ECN fees × 10,000; a reversing execution's are shared by quantity. */
	fee4 = 0;
	executions = 0;
	openAt = NaN;
	closeAt: number | null = null;
	withoutExecutions = false;
	withoutJournal = false;
	/** The journal trade of an ambiguous pair cannot be told from its twin's. */
	ambiguous = false;
	/** One of a near-twin pair: written like an ambiguous one, but its P&L tells it apart. */
	nearTwin = false;

	constructor(
		readonly account: string,
		readonly spec: SymbolSpec,
		readonly direction: 1 | -1,
		readonly kind: EpisodeKind
	) {}
}

/** A planned execution: at `at` (seconds since the first day's midnight, Eastern), parts per round trip. */
interface Planned extends Omit<GeneratedExecution, 'day' | 'second' | 'time' | 'pnlCents'> {
	at: number;
	parts: [TripState, number][];
}

/** An episode built but not yet kept: it is kept when its symbol is free around its span. */
interface Episode {
	symbol: string;
	from: number;
	to: number;
	trips: TripState[];
	executions: Planned[];
}

/**
 * Generates a data set with ground truth (see the module comment). Render the files with
 * dasFiles and tradervueExport.
 * @example
 * const data = generateMatchingData({ seed: 7, days: 3 });
 * data.journal.filter((j) => j.truth.ambiguous).length // the journal trades the review queue must hold
 */
export function generateMatchingData(overrides: Partial<GenerateOptions> = {}): GeneratedData {
	return new Generator({ ...DEFAULT_GENERATE_OPTIONS, ...overrides }).run();
}

class Generator {
	readonly #o: GenerateOptions;
	readonly #rng: Random;
	readonly #days: string[] = [];
	/** Epoch ms of 12:00 Eastern on each day: any time after 03:00 is a whole number of seconds from it. */
	readonly #noon: number[] = [];
	/** Price × 10,000 of each symbol today. */
	readonly #price4 = new Map<string, number>();
	/** Spans taken in each symbol (seconds since the first day's midnight). */
	readonly #taken = new Map<string, [number, number][]>();
	readonly #planned: Planned[] = [];
	readonly #trips: TripState[] = [];
	#order = 451000;

	constructor(options: GenerateOptions) {
		this.#o = options;
		this.#rng = new Random(options.seed);
		const [y, m, d] = options.startDate.split('-').map(Number) as [number, number, number];
		for (let date = Date.UTC(y, m - 1, d); this.#days.length < options.days; date += DAY * 1000) {
			const at = new Date(date);
			if (at.getUTCDay() === 0 || at.getUTCDay() === 6) continue;
			this.#days.push(at.toISOString().slice(0, 10));
			const noon = wallTimeToInstant(
				{
					year: at.getUTCFullYear(),
					month: at.getUTCMonth() + 1,
					day: at.getUTCDate(),
					hour: 12,
					minute: 0,
					second: 0,
					millisecond: 0
				},
				'America/New_York'
			);
			if (!noon.ok) throw new Error(noon.reason);
			this.#noon.push(noon.value);
		}
		for (const s of options.symbols) this.#price4.set(s.symbol, Math.round(s.price * 1e4));
	}

	run(): GeneratedData {
		const o = this.#o;
		const kinds = Object.entries(o.mix).filter(([, w]) => w > 0) as [EpisodeKind, number][];
		const totalWeight = kinds.reduce((sum, [, w]) => sum + w, 0);
		for (let day = 0; day < this.#days.length; day++) {
			this.#newDay(day);
			for (const account of o.accounts)
				for (let e = 0; e < o.episodesPerDay; e++) {
					let r = this.#rng.next() * totalWeight;
					const kind = kinds.find(([, w]) => (r -= w) < 0)?.[0] ?? 'plain';
					// A few tries at other symbols and times before giving the slot up.
					for (let attempt = 0; attempt < 12; attempt++) {
						const episode = this.#episode(kind, account, day);
						if (episode && this.#keep(episode)) break;
					}
				}
		}
		return this.#result();
	}

	/** Prices drift from one day to the next; spans of older days no longer matter. */
	#newDay(day: number): void {
		for (const [symbol, p] of this.#price4) {
			const drifted = Math.round(p * (1 + (this.#rng.next() - 0.5) * 0.06));
			this.#price4.set(symbol, Math.max(50, drifted));
		}
		for (const [symbol, spans] of this.#taken)
			this.#taken.set(
				symbol,
				spans.filter(([, to]) => to >= day * DAY - GAP)
			);
	}

	#keep(e: Episode): boolean {
		const spans = this.#taken.get(e.symbol) ?? [];
		if (spans.some(([from, to]) => from < e.to + GAP && e.from < to + GAP)) return false;
		spans.push([e.from, e.to]);
		this.#taken.set(e.symbol, spans);
		for (const x of e.executions) this.#planned.push(x);
		for (const t of e.trips) this.#trips.push(t);
		return true;
	}

	/** Builds one episode in a random symbol; null when it would run past 20:00. */
	#episode(kind: EpisodeKind, account: string, day: number): Episode | null {
		const rng = this.#rng;
		const o = this.#o;
		const spec = rng.pick(kind === 'mirror' ? o.symbols.filter((s) => s.price < 300) : o.symbols);
		if (spec === undefined) return null;
		const direction = rng.chance(0.5) ? 1 : -1;
		const base = day * DAY;
		const e: Episode = { symbol: spec.symbol, from: Infinity, to: -Infinity, trips: [], executions: [] };
		const quantity = () => spec.lot * rng.int(1, 10);
		switch (kind) {
			case 'plain': {
				this.#roundTrip(
					e,
					account,
					spec,
					direction,
					quantity(),
					base + rng.int(FIRST_SECOND, 19 * 3600),
					kind
				);
				break;
			}
			case 'back-to-back': {
				let at = base + rng.int(FIRST_SECOND, 18 * 3600);
				let q = quantity();
				let d: 1 | -1 = direction;
				for (let n = rng.int(2, 3); n > 0; n--) {
					// Minutes apart: far enough that the journal's minute rounding cannot blur them.
					at = this.#roundTrip(e, account, spec, d, q, at, kind, 480) + rng.int(120, 420);
					if (rng.chance(0.4)) q = quantity();
					if (rng.chance(0.3)) d = d === 1 ? -1 : 1;
				}
				break;
			}
			case 'reversal': {
				const a = new TripState(account, spec, direction, kind);
				const b = new TripState(account, spec, direction === 1 ? -1 : 1, kind);
				e.trips.push(a, b);
				let at = base + rng.int(FIRST_SECOND, 19 * 3600);
				const qa = quantity();
				const qb = quantity();
				const ref4 = this.#near(spec, 0.005);
				at = this.#orders(e, a, at, qa, true, ref4, 2) + rng.int(20, 600);
				// One execution closes a and opens b: DAS shows one line, Tradervue two journal trades.
				const side = direction === 1 ? 'S' : 'B';
				const p4 = this.#tick(spec, this.#move(ref4, spec, 0.01));
				this.#execution(e, account, spec, at, side, qa + qb, p4, this.#orderId(account), [
					[a, qa],
					[b, qb]
				]);
				this.#orders(e, b, at + rng.int(20, 900), qb, false, this.#move(p4, spec, 0.01), 2);
				break;
			}
			case 'overnight': {
				const t = new TripState(account, spec, direction, kind);
				e.trips.push(t);
				const ref4 = this.#near(spec, 0.005);
				const q = quantity();
				this.#orders(e, t, base + rng.int(15 * 3600, 19 * 3600 + 1800), q, true, ref4, 3);
				// On the last day the position stays open: an open round trip and an open journal trade.
				if (day + 1 < this.#days.length)
					this.#orders(
						e,
						t,
						base + DAY + rng.int(FIRST_SECOND, 11 * 3600),
						q,
						false,
						this.#move(ref4, spec, 0.03),
						2
					);
				break;
			}
			case 'mirror': {
				const other = o.accounts.filter((a) => a !== account);
				if (other.length === 0) return null;
				const at = base + rng.int(FIRST_SECOND, 19 * 3600);
				const q = quantity();
				this.#roundTrip(e, account, spec, direction, q, at, kind);
				// Far beyond the quantity tolerance (and the journal's volume errors): told apart by size.
				const more = Math.ceil((3 * o.maxQuantityDiff + 100) / spec.lot) * spec.lot;
				this.#roundTrip(e, rng.pick(other), spec, direction, q + more, at + rng.int(0, 120), kind);
				break;
			}
			case 'ambiguous-pair':
			case 'ambiguous-single':
			case 'near-twin': {
				this.#twins(
					e,
					account,
					spec,
					direction,
					quantity(),
					base + 60 * rng.int(FIRST_SECOND / 60, 19 * 60),
					kind
				);
				break;
			}
		}
		for (const x of e.executions) {
			e.from = Math.min(e.from, x.at);
			e.to = Math.max(e.to, x.at);
		}
		const lateOrNextDay = Math.floor(e.to / DAY) !== day || e.to % DAY >= LAST_SECOND;
		if (e.executions.length === 0 || (lateOrNextDay && kind !== 'overnight')) return null;
		if ((kind === 'plain' || kind === 'back-to-back') && rng.chance(o.missingShare)) {
			const t = rng.pick(e.trips);
			if (rng.chance(0.5)) t.withoutExecutions = true;
			else t.withoutJournal = true;
		}
		return e;
	}

	/**
	 * One round trip from `at`: entered in 1-3 orders, held 20 s to `maxHold` s, exited in 1-3
	 * orders. Returns the second of its last execution.
	 */
	#roundTrip(
		e: Episode,
		account: string,
		spec: SymbolSpec,
		direction: 1 | -1,
		quantity: number,
		at: number,
		kind: EpisodeKind,
		maxHold = 1500
	): number {
		const t = new TripState(account, spec, direction, kind);
		e.trips.push(t);
		const ref4 = this.#near(spec, 0.005);
		const entered = this.#orders(e, t, at, quantity, true, ref4, 3);
		return this.#orders(
			e,
			t,
			entered + this.#rng.int(20, maxHold),
			quantity,
			false,
			this.#move(ref4, spec, 0.015),
			3
		);
	}

	/**
	 * Two round trips with the same executions (quantities, prices, venues) in one minute, the
	 * second 30 s after the first: same P&L, same fees, same minute for open and close. A near-twin
	 * exits 1-5 ticks away (either way): another P&L, nothing else to tell it by.
	 */
	#twins(
		e: Episode,
		account: string,
		spec: SymbolSpec,
		direction: 1 | -1,
		quantity: number,
		minute: number,
		kind: EpisodeKind
	): void {
		const rng = this.#rng;
		const first = new TripState(account, spec, direction, kind);
		const twin = new TripState(account, spec, direction, kind);
		const near = kind === 'near-twin';
		first.ambiguous = !near;
		twin.ambiguous = !near;
		first.nearTwin = near;
		twin.nearTwin = near;
		if (kind === 'ambiguous-single') twin.withoutJournal = true;
		if (near && rng.chance(0.4)) rng.pick([first, twin]).withoutJournal = true;
		const exitShift4 = near ? (rng.chance(0.5) ? 1 : -1) * rng.int(1, 5) * this.#tickOf(spec) : 0;
		e.trips.push(first, twin);
		const ref4 = this.#near(spec, 0.005);
		const from = e.executions.length;
		// Entry 2-8 s into the minute, exit 4-15 s later: all within 26 s, so the twin fits too.
		const entered = this.#orders(e, first, minute + rng.int(2, 8), quantity, true, ref4, 1, 1);
		this.#orders(e, first, entered + rng.int(4, 15), quantity, false, this.#move(ref4, spec, 0.01), 1, 1);
		const orderIds = new Map<string, string>();
		for (const x of e.executions.slice(from)) {
			const orderId = orderIds.get(x.orderId) ?? this.#orderId(account);
			orderIds.set(x.orderId, orderId);
			const exit = x.side === (direction === 1 ? 'S' : 'B');
			this.#execution(
				e,
				account,
				spec,
				x.at + 30,
				x.side,
				x.quantity,
				exit ? Math.max(this.#tickOf(spec), x.price4 + exitShift4) : x.price4,
				orderId,
				[[twin, x.quantity]],
				x
			);
		}
	}

	/**
	 * `total` units entered (or exited) in up to `maxOrders` orders from `at`, 3 s to 2 min apart,
	 * each filled in 1-4 executions across venues within `fillSpread` s. Returns the second of the
	 * last execution.
	 */
	#orders(
		e: Episode,
		t: TripState,
		at: number,
		total: number,
		entry: boolean,
		ref4: number,
		maxOrders: number,
		fillSpread = 2
	): number {
		const rng = this.#rng;
		const side = entry ? (t.direction === 1 ? 'B' : 'SS') : t.direction === 1 ? 'S' : 'B';
		const lots = total / t.spec.lot;
		const orders = Number.isInteger(lots)
			? split(rng, lots, rng.int(1, maxOrders)).map((n) => n * t.spec.lot)
			: [total];
		let last = at;
		orders.forEach((quantity, k) => {
			if (k > 0) at = last + rng.int(3, 120);
			const orderId = this.#orderId(t.account);
			let fillAt = at;
			// Buying pays up and selling gives in: partial executions walk away from the reference.
			const away = side === 'B' ? 1 : -1;
			for (const part of split(rng, quantity, rng.int(1, Math.min(4, quantity)))) {
				const p4 = this.#tick(t.spec, ref4 + away * rng.int(0, 3) * this.#tickOf(t.spec));
				this.#execution(e, t.account, t.spec, fillAt, side, part, p4, orderId, [[t, part]]);
				last = fillAt;
				fillAt = Math.min(at + fillSpread, fillAt + rng.int(0, 1));
			}
			ref4 = this.#tick(t.spec, ref4 + away * this.#tickOf(t.spec) * rng.int(0, 2));
		});
		return last;
	}

	/**
	 * Adds an execution and its parts to their round trips. `like` copies venue, liquidity and fee
	 * (a twin's executions).
	 */
	#execution(
		e: Episode,
		account: string,
		spec: SymbolSpec,
		at: number,
		side: 'B' | 'S' | 'SS',
		quantity: number,
		price4: number,
		orderId: string,
		parts: [TripState, number][],
		like?: Planned
	): void {
		const rng = this.#rng;
		const liquidity = like?.liquidity ?? (rng.chance(0.3) ? '+' : '-');
		// ECN fee: $0.003 a share taken (0.1% of the value under $1), a $0.002 rebate for adding.
		const fee4 =
			like?.fee4 ??
			(price4 < 1e4
				? liquidity === '-'
					? Math.round(quantity * price4 * 0.001)
					: 0
				: liquidity === '-'
					? 30 * quantity
					: -20 * quantity);
		e.executions.push({
			at,
			account,
			symbol: spec.symbol,
			side,
			price4,
			quantity,
			venue: like?.venue ?? rng.pick(VENUES),
			orderId,
			liquidity,
			fee4,
			parts
		});
	}

	#orderId(account: string): string {
		this.#order += this.#rng.int(3, 40);
		// The simulator writes AUTO instead of an order id; a training account now and then.
		return account.startsWith('TR') && this.#rng.chance(0.1) ? 'AUTO' : `OID${this.#order}`;
	}

	/** The minimum price step: $0.0001 under $1, else $0.01. */
	#tickOf(spec: SymbolSpec): number {
		return (this.#price4.get(spec.symbol) ?? 1e4) < 1e4 ? 1 : 100;
	}

	/** A price on the tick, now and then sub-penny (a mid-point execution). */
	#tick(spec: SymbolSpec, price4: number): number {
		const tick = this.#tickOf(spec);
		const onTick = Math.max(tick, Math.round(price4 / tick) * tick);
		return tick > 1 && this.#rng.chance(0.08) ? onTick + this.#rng.int(1, 99) : onTick;
	}

	/** Today's price of `spec`, moved by up to ±`fraction`. */
	#near(spec: SymbolSpec, fraction: number): number {
		return this.#tick(spec, this.#move(this.#price4.get(spec.symbol)!, spec, fraction));
	}

	#move(price4: number, spec: SymbolSpec, fraction: number): number {
		return Math.max(this.#tickOf(spec), Math.round(price4 * (1 + (this.#rng.next() * 2 - 1) * fraction)));
	}

	/** Seconds since the first day's midnight (Eastern) → epoch ms. */
	#instant(at: number): number {
		const day = Math.floor(at / DAY);
		return this.#noon[day]! + (at - day * DAY - 12 * 3600) * 1000;
	}

	#result(): GeneratedData {
		// The order in which they happened: by time, then as planned (the twins' copies come later).
		const planned = this.#planned
			.map((x, seq) => ({ x, seq }))
			.sort((a, b) => a.x.at - b.x.at || a.seq - b.seq);
		const executions: GeneratedExecution[] = [];
		for (const { x } of planned) {
			let pnl4: number | null = null;
			for (const [t, quantity] of x.parts) {
				const closing = book(t, x, quantity);
				if (closing !== null) pnl4 = (pnl4 ?? 0) + closing;
			}
			if (x.parts.every(([t]) => t.withoutExecutions)) continue;
			const { at, parts: _parts, ...fields } = x;
			executions.push({
				...fields,
				day: Math.floor(at / DAY),
				second: at % DAY,
				time: this.#instant(at),
				pnlCents: pnl4 === null ? null : roundHalfAway(pnl4 / 100)
			});
		}
		const trips = this.#trips.map((t) => tripOf(t, (at) => this.#instant(at)));
		const journal = this.#trips
			.map((t, i) => ({ t, i }))
			.filter(({ t }) => !t.withoutJournal)
			.map(({ t, i }) => this.#journalTrade(t, trips[i]!, i))
			.sort((a, b) => b.row.openTime - a.row.openTime || b.seq - a.seq)
			.map(({ row }) => row);
		const aliases = new Set<string>();
		for (const s of this.#o.symbols)
			for (const spelling of s.journalSpellings ?? [])
				if (matchSymbol(spelling) !== matchSymbol(s.symbol)) aliases.add(`${spelling} = ${s.symbol}`);
		return { days: [...this.#days], executions, trips, journal, aliases: [...aliases].join('\n') };
	}

	#journalTrade(t: TripState, trip: GeneratedTrip, seq: number): { row: GeneratedJournalTrade; seq: number } {
		const rng = this.#rng;
		const o = this.#o;
		const open = t.closeAt === null;
		// The twins' journal trades are exactly alike but for what only the journal knows (and the
		// near-twins' but for their P&L).
		const twin = t.ambiguous || t.nearTwin;
		const rounded = twin || rng.chance(o.roundedShare);
		const quantityDiff =
			!twin && rng.chance(o.quantityDiffShare)
				? (rng.chance(0.5) ? 1 : -1) *
					rng.int(1, Math.max(1, Math.min(o.maxQuantityDiff, Math.ceil(t.entryQuantity / 4))))
				: 0;
		const pnlOff =
			!twin && !open && rng.chance(o.pnlDiffShare) ? (rng.chance(0.5) ? 1 : -1) * rng.int(5, 2500) : 0;
		const grossCents = open ? null : trip.grossCents + pnlOff;
		const shares = t.entryQuantity + t.exitQuantity;
		const commissionCents = Math.round(shares * 0.35);
		const feeCents = roundHalfAway(t.fee4 / 100);
		const netCents = grossCents === null ? null : grossCents - commissionCents - feeCents;
		const volume = t.entryQuantity + quantityDiff;
		const shown = (at: number) => (rounded ? at - (at % 60) : at);
		const openAt = shown(t.openAt);
		const closeAt = t.closeAt === null ? null : shown(t.closeAt);
		const clockHours = o.dayClock[Math.floor(t.openAt / DAY)] ?? o.journalOffsetHours;
		const wall = (at: number) => this.#journalWall(at, clockHours);
		const money = (cents: number | null) => (cents === null ? '' : (cents / 100).toFixed(2));
		const entryPrice = t.entryValue4 / t.entryQuantity / 1e4;
		const exitPrice = t.exitQuantity > 0 ? t.exitValue4 / t.exitQuantity / 1e4 : null;
		const risk = rng.chance(0.7) ? rng.int(2500, 80000) : null;
		const during = (at: number) =>
			wall(t.openAt + Math.floor(rng.next() * ((t.closeAt ?? at) - t.openAt + 1)));
		const excursions =
			open || rng.chance(0.15)
				? Array<string>(10).fill('')
				: [
						money(Math.max(0, grossCents!) + rng.int(0, 20000)),
						money(Math.min(0, grossCents!) - rng.int(0, 20000)),
						(entryPrice * (1 + t.direction * rng.next() * 0.01)).toFixed(4),
						(entryPrice * (1 - t.direction * rng.next() * 0.01)).toFixed(4),
						during(t.openAt),
						during(t.openAt),
						during(t.openAt),
						during(t.openAt),
						money(Math.max(0, grossCents!) + rng.int(0, 25000)),
						during(t.openAt)
					];
		const tagCount = rng.int(0, 4);
		const tags = new Set<string>();
		while (tags.size < tagCount) tags.add(rng.pick(TAGS));
		if (t.kind === 'overnight') tags.add('overnight');
		const symbol = rng.pick(t.spec.journalSpellings ?? [t.spec.symbol]);
		const cells = [
			wall(openAt),
			closeAt === null ? '' : wall(closeAt),
			symbol,
			t.direction === 1 ? 'L' : 'S',
			String(volume),
			String(t.executions),
			entryPrice.toFixed(4),
			exitPrice === null ? '' : exitPrice.toFixed(4),
			money(grossCents),
			grossCents === null ? '' : ((grossCents / (t.entryValue4 / 100)) * 100).toFixed(2),
			'false',
			rng.chance(0.4) ? rng.pick(NOTES) : '',
			[...tags].join(','),
			grossCents === null ? '' : (grossCents / volume).toFixed(2),
			money(netCents),
			money(commissionCents),
			money(feeCents),
			money(risk),
			risk === null || netCents === null ? '' : (netCents / risk).toFixed(2),
			...excursions
		];
		const row: GeneratedJournalTrade = {
			cells,
			symbol,
			direction: t.direction === 1 ? 'long' : 'short',
			openTime: this.#instant(openAt),
			closeTime: closeAt === null ? null : this.#instant(closeAt),
			volume,
			grossPnl: grossCents === null ? null : grossCents / 100,
			netPnl: netCents === null ? null : netCents / 100,
			truth: {
				trip: t.withoutExecutions ? null : trip.key,
				ambiguous: t.ambiguous,
				pnlAgrees: pnlOff === 0,
				rounded,
				clockHours,
				quantityDiff,
				kind: t.kind
			}
		};
		return { row, seq };
	}

	/** `YYYY-MM-DD HH:MM:SS` on the journal's wall clock, `hours` from the executions'. */
	#journalWall(at: number, hours: number): string {
		const day = Math.floor(at / DAY);
		const [y, m, d] = this.#days[day]!.split('-').map(Number) as [number, number, number];
		const wall = new Date(Date.UTC(y, m - 1, d) + (at - day * DAY + hours * 3600) * 1000);
		return wall.toISOString().slice(0, 19).replace('T', ' ');
	}
}

/**
 * Books `quantity` units of execution x into round trip t; returns the P / L DAS shows for the
 * part that closes (× 10,000, average cost), or null when it adds.
 */
function book(t: TripState, x: Planned, quantity: number): number | null {
	const value4 = quantity * x.price4;
	const buy = x.side === 'B';
	t.cash4 += buy ? -value4 : value4;
	t.fee4 += (x.fee4 * quantity) / x.quantity;
	t.executions++;
	if (Number.isNaN(t.openAt)) t.openAt = x.at;
	if ((buy ? 1 : -1) === t.direction) {
		t.entryQuantity += quantity;
		t.entryValue4 += value4;
		t.basis4 += value4;
		t.position += quantity;
		return null;
	}
	const cost4 = (t.basis4 * quantity) / t.position;
	t.basis4 -= cost4;
	t.position -= quantity;
	t.exitQuantity += quantity;
	t.exitValue4 += value4;
	if (t.position === 0) t.closeAt = x.at;
	return (value4 - cost4) * t.direction;
}

function tripOf(t: TripState, instant: (at: number) => number): GeneratedTrip {
	const direction = t.direction === 1 ? 'long' : 'short';
	const openTime = instant(t.openAt);
	// Closed: the whole cash flow, exact. Open: the realised part at the average entry price.
	const grossCents =
		t.closeAt !== null
			? roundHalfAway(t.cash4 / 100)
			: t.exitQuantity === 0
				? 0
				: roundHalfAway(
						((t.exitValue4 - (t.entryValue4 * t.exitQuantity) / t.entryQuantity) * t.direction) / 100
					);
	return {
		key: tripKey(t.account, t.spec.symbol, openTime, direction),
		account: t.account,
		symbol: t.spec.symbol,
		direction,
		openTime,
		closeTime: t.closeAt === null ? null : instant(t.closeAt),
		entryQuantity: t.entryQuantity,
		grossCents,
		executions: t.executions,
		kind: t.kind,
		withoutExecutions: t.withoutExecutions,
		withoutJournal: t.withoutJournal
	};
}

/** Rounds half away from zero, as the trades core rounds money to the cent. */
function roundHalfAway(x: number): number {
	// + 0: a loss that rounds to nothing is 0, not -0.
	return Math.sign(x) * Math.round(Math.abs(x)) + 0;
}

/** `total` (a positive integer) in `parts` positive integers, at random. */
function split(rng: Random, total: number, parts: number): number[] {
	const n = Math.max(1, Math.min(parts, total));
	const cuts = new Set<number>();
	while (cuts.size < n - 1) cuts.add(rng.int(1, total - 1));
	const points = [0, ...[...cuts].sort((a, b) => a - b), total];
	return points.slice(1).map((p, i) => p - points[i]!);
}

/** A CSV cell: quoted when it holds a comma, quote or line break. */
function csvCell(text: string): string {
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Price × 10,000 as DAS writes it: at least two decimals, at most four. */
function decimal4(value4: number): string {
	const sign = value4 < 0 ? '-' : '';
	const abs = Math.abs(Math.round(value4));
	let fraction = String(abs % 10000).padStart(4, '0');
	while (fraction.length > 2 && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
	return `${sign}${Math.floor(abs / 10000)}.${fraction}`;
}

/**
 * The DAS "Trades" window export of each day: no date column, Eastern wall times, newest first
 * (executions of the same second in the reverse of the order they happened), a trailing comma.
 * @example dasFiles(generateMatchingData())[0].fileName // 'Trades_2025-10-13.csv'
 */
export function dasFiles(data: GeneratedData): { day: string; fileName: string; text: string }[] {
	const lines: string[][] = data.days.map(() => []);
	for (const x of data.executions) {
		const hh = String(Math.floor(x.second / 3600)).padStart(2, '0');
		const mm = String(Math.floor((x.second % 3600) / 60)).padStart(2, '0');
		const ss = String(x.second % 60).padStart(2, '0');
		lines[x.day]!.push(
			[
				`${hh}:${mm}:${ss}`,
				x.symbol,
				x.side,
				decimal4(x.price4),
				String(x.quantity),
				x.venue,
				'',
				x.account,
				x.side === 'SS' ? 'Short' : 'Margin',
				x.orderId,
				x.liquidity,
				decimal4(x.fee4),
				x.pnlCents === null ? '' : (x.pnlCents / 100).toFixed(2),
				''
			].join(',')
		);
	}
	return data.days.map((day, i) => ({
		day,
		fileName: `Trades_${day}.csv`,
		text: [DAS_HEADER, ...lines[i]!.reverse()].join('\n') + '\n'
	}));
}

/**
 * The Tradervue trade export (29 columns), newest first.
 * @example tradervueExport(generateMatchingData()).split('\n')[0].startsWith('Open Datetime,') // true
 */
export function tradervueExport(data: GeneratedData): string {
	const rows = [TRADERVUE_HEADER.join(','), ...data.journal.map((j) => j.cells.map(csvCell).join(','))];
	return rows.join('\n') + '\n';
}
