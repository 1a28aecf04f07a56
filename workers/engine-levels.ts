/**
 * Level alerts and price marks. A take-profit or stop-loss is set on an open trade (its side and
 * entry; R from the trade's stop, ATR from its bars) or a price cross on a symbol; the engine
 * watches the prices that arrive after it was set — imported bars (every file of the symbol, the
 * symbol's bars as every reader sees them walked), alert payloads' prices and manual marks — and a
 * crossing validated at medium confidence or better triggers it (core/prices watchLevel). Levels
 * are checked whenever prices arrive: after an import with bars, after alerts carrying prices,
 * after a mark, each inside that write's turn of the queue. Both modes: watching prices places no order.
 */
import type { LevelAlertInput, LevelsApi, PriceAtAnswer } from './contract';
import { atr } from '$lib/core/indicators/range';
import type { Mode } from '$lib/core/model/mode';
import { onTick } from '$lib/core/model/tick';
import {
	firstAfter,
	levelPrice,
	validatePrice,
	watchLevel,
	type BarSource,
	type LevelReference,
	type Quote
} from '$lib/core/prices';
import { symbolBarFiles } from '$lib/db/bars';
import { fileBars, finestSpacing, preferredBars } from '$lib/core/prices/bar-sources';
import {
	addPriceMark,
	armedLevelAlerts,
	lastLevelEvent,
	levelAlertRow,
	levelEventsAfter,
	listLevelAlerts,
	priceMarksOf,
	putLevelAlerts
} from '$lib/db/levels';
import type { FillbookDb, LevelAlertRow } from '$lib/db/schema';
import type { Trade } from '$lib/core/trades/types';

/** The ATR's period for levels in ATRs and the jump check. */
const ATR_PERIOD = 14;

/** What the level engine reads of the rest: a mode's trades by id (derived from its executions). */
export type TradeLookup = (mode: Mode, id: string) => Promise<Trade | undefined>;

export interface LevelParts {
	api: LevelsApi;
	/** Checks the armed levels of `symbols` (all when absent); to be called inside a write's turn. */
	checkInTurn: (mode: Mode, symbols?: readonly string[]) => Promise<LevelAlertRow[]>;
}

export function createLevels(
	db: (mode: Mode) => FillbookDb,
	write: <T>(task: () => Promise<T>, mode?: Mode) => Promise<T>,
	now: () => number,
	tradeOf: TradeLookup
): LevelParts {
	/**
	 * The symbol's prices: each bar file's own bars (where files disagree at a time, each says
	 * its own), the symbol's bars on one timeline as every reader sees them (the preferred file's
	 * where files disagree: core/prices/bar-sources.ts), and its marks and alert prices.
	 */
	async function pricesOf(
		d: FillbookDb,
		symbol: string
	): Promise<{ bars: BarSource[]; walk: BarSource | undefined; points: Quote[] }> {
		const files = await symbolBarFiles(d, symbol);
		const spacing = finestSpacing(files);
		const ids = [...new Set([...files.main, ...files.alternates].map((c) => c.importId))];
		const rows = await d.imports.bulkGet(ids);
		const names = new Map(ids.map((id, i) => [id, rows[i]?.fileName ?? id]));
		const nameOf = (id: string) => names.get(id) ?? id;
		const bars: BarSource[] =
			spacing === null
				? []
				: ids
						.map((id) => ({ name: nameOf(id), ...fileBars(files, id, spacing) }))
						.filter((file) => file.time.length > 0);
		let walk: BarSource | undefined;
		if (spacing !== null && bars.length) {
			const { importAt, ...columns } = preferredBars(files, spacing);
			walk = { name: bars.map((f) => f.name).join(' + '), ...columns, nameAt: (i) => nameOf(importAt(i)) };
		}
		const marks: Quote[] = (await priceMarksOf(d, symbol)).map((m) => ({
			source: 'manual mark',
			kind: 'manual',
			price: m.price,
			time: m.time
		}));
		const alerts: Quote[] = (await d.alerts.where('alert.symbol').equals(symbol).toArray())
			.filter((a) => a.alert?.price != null && a.verdict.kind === 'accepted')
			.map((a) => ({
				source: `alert source ${a.sourceName}`,
				kind: 'alert',
				price: a.alert!.price!,
				time: a.alert!.time ?? a.receivedAt
			}));
		return { bars, walk, points: [...marks, ...alerts] };
	}

	async function checkInTurn(mode: Mode, symbols?: readonly string[]): Promise<LevelAlertRow[]> {
		const d = db(mode);
		const armed = symbols
			? (await Promise.all(symbols.map((s) => armedLevelAlerts(d, s)))).flat()
			: await armedLevelAlerts(d);
		if (!armed.length) return [];
		let seq = await lastLevelEvent(d);
		const changed: LevelAlertRow[] = [];
		const bySymbol = groupBy(armed, (row) => row.symbol);
		for (const [symbol, rows] of bySymbol) {
			const prices = await pricesOf(d, symbol);
			for (const row of rows) {
				const answer = watchLevel({
					level: row.level,
					armedFrom: row.armedFrom,
					bars: prices.bars,
					walk: prices.walk,
					points: prices.points,
					startPrice: row.reference.entry,
					atr: row.reference.atr
				});
				const known = new Set(row.doubts.map((c) => `${c.time}|${c.seenIn}`));
				const newDoubts = answer.doubts.filter((c) => !known.has(`${c.time}|${c.seenIn}`));
				if (!answer.trigger && !newDoubts.length) continue;
				const next: LevelAlertRow = {
					...row,
					doubts: [...row.doubts, ...newDoubts],
					// Numbered by time (and past the last): a restore of an older backup never reuses a
					// number a tab has already notified up to.
					eventSeq: (seq = Math.max(seq + 1, now())),
					...(answer.trigger ? { status: 'triggered', trigger: answer.trigger, endedAt: now() } : {})
				};
				changed.push(next);
			}
		}
		if (changed.length) await putLevelAlerts(d, changed);
		return changed;
	}

	/** What a level is measured from: the trade's position, or the symbol's last price. */
	async function referenceOf(
		d: FillbookDb,
		mode: Mode,
		input: LevelAlertInput
	): Promise<{ reference: LevelReference; armedFrom: number; quantity: number | null }> {
		const file = (await pricesOf(d, input.symbol)).walk;
		if (input.target.kind === 'trade') {
			const trade = await tradeOf(mode, input.target.tradeId);
			if (!trade) throw new Error('Alert not set: the trade is gone.');
			if (!trade.open)
				throw new Error(
					'Alert not set: the trade is closed; take-profit and stop-loss watch open positions.'
				);
			if (trade.symbol !== input.symbol)
				throw new Error(`Alert not set: the trade is ${trade.symbol}, not ${input.symbol}.`);
			const risk = (await d.annotations.get(trade.id))?.risk;
			return {
				reference: {
					side: trade.direction,
					entry: trade.entryPrice,
					stop: risk?.kind === 'stop' ? risk.price : null,
					atr: file ? atrAt(file, trade.openTime) : null
				},
				armedFrom: trade.openTime,
				quantity: trade.quantity
			};
		}
		if (!file || !file.time.length)
			throw new Error(`Alert not set: no bars of ${input.symbol} are imported to measure from.`);
		const last = file.time.length - 1;
		return {
			reference: { side: 'long', entry: file.close[last]!, stop: null, atr: atrAt(file, file.time[last]!) },
			armedFrom: file.time[last]!,
			quantity: null
		};
	}

	const api: LevelsApi = {
		async levelAlerts(mode: Mode): Promise<LevelAlertRow[]> {
			return listLevelAlerts(db(mode));
		},

		addLevelAlert(mode: Mode, input: LevelAlertInput): Promise<LevelAlertRow> {
			const d = db(mode);
			return write(async () => {
				const symbol = input.symbol.trim();
				if (!symbol) throw new Error('Alert not set: name a symbol.');
				const { reference, armedFrom, quantity } = await referenceOf(d, mode, { ...input, symbol });
				const priced = levelPrice(input.spec, reference);
				if (!priced.ok) throw new Error(`Alert not set: ${priced.reason}.`);
				// A level measured from the entry lands on the symbol's tick (2 % of 13.34 is 13.61, not 13.6068).
				if (input.spec.unit !== 'price') priced.level.price = onTick(symbol, priced.level.price);
				const at = now();
				const row: LevelAlertRow = {
					id: crypto.randomUUID(),
					symbol,
					target:
						input.target.kind === 'trade' ? { ...input.target, quantity: quantity ?? 0 } : { kind: 'symbol' },
					spec: input.spec,
					reference,
					level: priced.level,
					armedFrom,
					status: 'armed',
					trigger: null,
					doubts: [],
					eventSeq: 0,
					note: input.note?.trim() ?? '',
					createdAt: at,
					endedAt: null
				};
				await putLevelAlerts(d, [row]);
				// Prices already there after its arming (an old position's later bars) count at once.
				const [checked] = await checkInTurn(mode, [symbol]).then((rows) =>
					rows.filter((r) => r.id === row.id)
				);
				return checked ?? row;
			}, mode);
		},

		cancelLevelAlert(mode: Mode, id: string): Promise<boolean> {
			const d = db(mode);
			return write(async () => {
				const row = await levelAlertRow(d, id);
				if (!row || row.status !== 'armed') return false;
				await putLevelAlerts(d, [{ ...row, status: 'cancelled', endedAt: now() }]);
				return true;
			}, mode);
		},

		addPriceMark(
			mode: Mode,
			mark: { symbol: string; price: number; time: number }
		): Promise<LevelAlertRow[]> {
			const d = db(mode);
			const symbol = mark.symbol.trim();
			if (!symbol) return Promise.reject(new Error('Mark not kept: name a symbol.'));
			if (!(Number.isFinite(mark.price) && mark.price > 0))
				return Promise.reject(
					new Error(`Mark not kept: the price must be a number above zero, is ${mark.price}.`)
				);
			if (!Number.isFinite(mark.time)) return Promise.reject(new Error('Mark not kept: give its time.'));
			return write(async () => {
				await addPriceMark(d, {
					id: crypto.randomUUID(),
					symbol,
					price: mark.price,
					time: mark.time,
					createdAt: now()
				});
				return checkInTurn(mode, [symbol]);
			}, mode);
		},

		async levelEvents(mode: Mode, afterSeq: number): Promise<LevelAlertRow[]> {
			return levelEventsAfter(db(mode), afterSeq);
		},

		async priceAt(mode: Mode, symbol: string, at: number): Promise<PriceAtAnswer> {
			const d = db(mode);
			const { bars, walk, points } = await pricesOf(d, symbol);
			const quotes: Quote[] = [...points.filter((q) => q.time <= at)];
			let previousClose: number | null = null;
			let atrNow: number | null = null;
			for (const file of bars) {
				const i = lastAtOrBefore(file.time, at);
				if (i >= 0)
					quotes.push({ source: file.name, kind: 'bars', price: file.close[i]!, time: file.time[i]! });
			}
			const j = walk ? lastAtOrBefore(walk.time, at) : -1;
			if (walk && j >= 0) {
				previousClose = j > 0 ? walk.close[j - 1]! : null;
				atrNow = atrAt(walk, walk.time[j]!);
			}
			return { symbol, at, ...validatePrice({ at, quotes, previousClose, atr: atrNow }) };
		}
	};
	return { api, checkInTurn };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const k = key(item);
		const list = groups.get(k);
		if (list) list.push(item);
		else groups.set(k, [item]);
	}
	return groups;
}

/** The index of the last time at or before `t`, or −1. */
const lastAtOrBefore = (times: ArrayLike<number>, t: number): number => firstAfter(times, t) - 1;

/** The ATR(14) at the last bar at or before `time` (TA-Lib's), or null before it has a value. */
function atrAt(file: BarSource, time: number): number | null {
	const i = lastAtOrBefore(file.time, time);
	if (i < ATR_PERIOD) return null;
	// From the first bar: Wilder's smoothing remembers every bar before (TA-Lib's value exactly).
	const slice = (c: ArrayLike<number>) => Float64Array.from({ length: i + 1 }, (_, k) => c[k]!);
	const values = atr(slice(file.high), slice(file.low), slice(file.close), ATR_PERIOD);
	const value = values[values.length - 1]!;
	return Number.isFinite(value) ? value : null;
}
