/**
 * Matching benchmark (Node's V8, the engine the worker runs on): 100,000 journal trades against
 * the round trips of 1,000,000 executions, against Float64Array.prototype.sort of 1M keys in the
 * same run (target: at most 3x). Timed two ways: matchTrades alone (round trips already grouped:
 * the engine keeps them for the Trades page, so a run of matching starts from them; the target
 * applies to this) and grouping + matchTrades (the first run after an execution import).
 * The data come from the matching test generator (a year of a trader's DAS days and Tradervue
 * export in US/Pacific, with back-to-back trades, reversals, overnight holds, missing trades,
 * ambiguous twins…), with ground truth, so the run also reports precision at this scale.
 * Run: npx vitest run --config bench/vitest.config.ts bench/matching.bench.ts
 */
import { expect, it } from 'vitest';
import {
	DEFAULT_SYMBOLS,
	generateMatchingData,
	seededRandom,
	tripKey,
	type GeneratedData,
	type SymbolSpec
} from '../tests/support/matching-data';
import { matchTrades } from '$lib/core/matching/match';
import { DEFAULT_MATCH_SETTINGS, matchTradeOf, type MatchJournal } from '$lib/core/matching/types';
import { parseAliases } from '$lib/core/matching/symbols';
import type { ExecutionRecord } from '$lib/core/model/records';
import { groupTrades } from '$lib/core/trades/group';
import type { ExecutionTable } from '$lib/core/trades/types';
import { tableFromRecords } from '$lib/core/trades/table';
import { measure, report } from './harness';

const EXECUTIONS = 1_000_000;
const JOURNAL_TRADES = 100_000;
const HOUR = 3_600_000;

/** The sample symbols and 400 made-up ones (`QAA`…), priced $2-$500. */
function symbols(): SymbolSpec[] {
	const next = seededRandom(7);
	const letter = (k: number) => String.fromCharCode(65 + (k % 26));
	const made = Array.from({ length: 400 }, (_, k): SymbolSpec => {
		const price = Math.round(2 * Math.exp(next() * Math.log(250)) * 100) / 100;
		return {
			symbol: `Q${letter(Math.floor(k / 26))}${letter(k)}`,
			price,
			lot: price < 5 ? 1000 : price < 50 ? 100 : 10
		};
	});
	return [...DEFAULT_SYMBOLS, ...made];
}

/**
 * The first 1M executions (in time order) as records and then the execution table, as an import
 * builds it; ids unique (tableFromRecords numbers by line) and hex like the stored ones.
 */
function executionTable(data: GeneratedData): ExecutionTable {
	const records = data.executions.slice(0, EXECUTIONS).map((x, i): ExecutionRecord => ({
		kind: 'execution',
		brokerExecutionId: null,
		accountNumber: x.account,
		symbol: x.symbol,
		assetClass: 'stock',
		side: x.side === 'B' ? 'buy' : 'sell',
		positionEffect: null,
		shortSale: x.side === 'SS',
		quantity: x.quantity,
		price: x.price4 / 1e4,
		time: x.time,
		commission: null,
		fees: x.fee4 / 1e4,
		currency: null,
		multiplier: null,
		orderId: x.orderId,
		venue: x.venue,
		brokerPnl: x.pnlCents === null ? null : x.pnlCents / 100,
		line: i + 2
	}));
	const table = tableFromRecords(records);
	return { ...table, id: table.id.map((_, i) => i.toString(16).padStart(16, '0')) };
}

/**
 * The data: the first 1M executions as a table, and the journal trades of their round trips,
 * oldest first (Tradervue in US/Pacific read as Eastern: 3 hours early, set right by the import's
 * offset), with the key of the round trip each describes. The generator's objects are dropped
 * here, so that the timed runs see a heap like the worker's.
 */
function prepare() {
	const started = performance.now();
	const data = generateMatchingData({
		seed: 2025,
		startDate: '2024-10-14',
		days: 240,
		accounts: ['TRPA61247', 'TRKD30518', 'MGX204117', 'TRQB80412', 'MGX310955', 'TRZC11907'],
		episodesPerDay: 60,
		symbols: symbols()
	});
	expect(data.executions.length).toBeGreaterThanOrEqual(EXECUTIONS);
	const table = executionTable(data);
	const last = table.time[EXECUTIONS - 1]!;
	const rows = data.journal
		.filter((j) => (j.closeTime ?? j.openTime) < last)
		.reverse()
		.slice(0, JOURNAL_TRADES);
	const journal = rows.map((j, i): MatchJournal => ({
		id: `tv:${String(i).padStart(6, '0')}`,
		importId: 'tv',
		accountId: null,
		symbol: j.symbol,
		direction: j.direction,
		openTime: j.openTime - 3 * HOUR,
		closeTime: j.closeTime === null ? null : j.closeTime - 3 * HOUR,
		volume: j.volume,
		grossPnl: j.grossPnl,
		netPnl: j.netPnl
	}));
	return {
		table,
		journal,
		truth: rows.map((j) => j.truth),
		aliases: parseAliases(data.aliases).aliases,
		seconds: (performance.now() - started) / 1000
	};
}

it('matches 100,000 journal trades against the round trips of 1,000,000 executions within 3x of sorting 1M doubles', async () => {
	const { table, journal, truth, aliases, seconds } = prepare();
	expect(journal).toHaveLength(JOURNAL_TRADES);
	const settings = { ...DEFAULT_MATCH_SETTINGS, aliases, offsetHours: { tv: 3 } };
	const grouped = groupTrades(table);
	const trades = grouped.map((t) => matchTradeOf(t));
	const keys = Float64Array.from(table.time, (t, i) => t + table.group[i]! * 1e13);
	console.log(
		`  data: ${EXECUTIONS.toLocaleString()} executions → ${trades.length.toLocaleString()} round trips, ` +
			`${journal.length.toLocaleString()} journal trades (generated in ${seconds.toFixed(1)} s)`
	);

	let result = matchTrades(journal, trades, [], settings);
	const alone = await measure(
		'matchTrades (100k journal trades, round trips grouped)',
		() => {
			result = matchTrades(journal, trades, [], settings);
		},
		3,
		1
	);
	const withGrouping = await measure(
		'groupTrades (1M executions) + matchTrades (100k)',
		() =>
			matchTrades(
				journal,
				groupTrades(table).map((t) => matchTradeOf(t)),
				[],
				settings
			),
		3,
		1
	);
	const peer = await measure(
		'Float64Array.prototype.sort (1M keys)',
		() => {
			keys.slice().sort();
		},
		3,
		1
	);
	const ratioAlone = report(alone, peer, 3);
	const ratioWithGrouping = report(withGrouping, peer, 3);

	const keyOf = new Map(grouped.map((t) => [t.id, tripKey(t.accountId, t.symbol, t.openTime, t.direction)]));
	const index = new Map(journal.map((j, i) => [j.id, i]));
	const correct = result.matched.filter((m) => keyOf.get(m.tradeId) === truth[index.get(m.journalId)!]!.trip);
	console.log(
		`  matched ${result.matched.length.toLocaleString()} (correct ${correct.length.toLocaleString()}), ` +
			`ambiguous ${result.ambiguous.length.toLocaleString()} (truly ${truth.filter((t) => t.ambiguous).length.toLocaleString()}), ` +
			`unmatched journal ${result.unmatchedJournal.length.toLocaleString()}, unmatched round trips ${result.unmatchedTrades.length.toLocaleString()}`
	);
	expect(correct.length).toBe(result.matched.length);
	expect(ratioAlone).toBeGreaterThan(0);
	expect(ratioWithGrouping).toBeGreaterThan(0);
}, 600_000);
