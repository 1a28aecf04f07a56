// A deterministic DAS Trader "Trades window" export for the import benchmark: `rows` executions
// of one trade date (no date column, HH:MM:SS wall times, every line ending with a comma), with
// several accounts and symbols, B/S/SS sides, partial fills sharing an order id, sub-penny
// prices, ECN fees and rebates and P / L on closing fills. Every row is valid (times 04:00:00 to
// 19:59:59 on a day without a clock change), so every row imports.
//
// `node bench/generate-das.mjs [rows] [out.csv]` writes one; the benchmark calls ensureDasFile().
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the generated content changes, so cached files are regenerated. */
const GENERATOR_VERSION = 1;
export const HEADER = 'Time,Symbol,Side,Price,Qty,Route,Broker,Account,Type,Cloid,Liq,ECNFee,P / L,';
/** The trade date the benchmark passes with the import request (a Monday, no DST change). */
export const TRADE_DATE = '2025-10-13';

/** Where generated data and the built page live (outside the repository). */
export function benchTmpDir() {
	return process.env.BENCH_TMP ?? join(tmpdir(), 'fillbook-bench');
}

/** mulberry32: small, fast, deterministic. */
function rng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// Symbol, starting price, typical size. Sub-dollar names trade in 4-decimal prices.
const SYMBOLS = [
	['NFLX', 1214.9, 5],
	['NVDA', 188.3, 100],
	['TSLA', 435.5, 50],
	['AAPL', 247.6, 100],
	['AMD', 216.4, 100],
	['SMCI', 52.07, 200],
	['MU', 50.99, 200],
	['BABA', 166.91, 50],
	['PLTR', 178.2, 100],
	['SOFI', 28.45, 500],
	['MARA', 19.86, 500],
	['RIOT', 17.32, 500],
	['GME', 23.11, 300],
	['SPY', 663.04, 50],
	['QQQ', 602.01, 50],
	['IWM', 246.5, 100],
	['COIN', 357.3, 30],
	['HOOD', 144.7, 100],
	['OPEN', 7.31, 1000],
	['GNS', 1.38, 2000],
	['AAGR', 0.4279, 8000],
	['BNGO', 0.8123, 5000],
	['MULN', 0.1512, 20000],
	['THST', 2.77, 1000],
	['BRK.B', 483.2, 10],
	['LCID', 22.05, 500],
	['RIVN', 13.44, 500],
	['F', 11.92, 1000],
	['INTC', 37.3, 300],
	['SNAP', 8.12, 1000]
];
const ACCOUNTS = ['TRPA61247', 'TRIB5621', 'TRPA70311', 'DEMO88412', 'TRZX10293'];
const ROUTES = ['SMRT', 'ARCA', 'BATS', 'NSDQ', 'IEX', 'EDGX', 'NYSE'];

/** Seconds of the day for `n` executions, busiest at the open and close, newest first. */
function timesOfDay(n, random) {
	const open = 9.5 * 3600;
	const close = 16 * 3600;
	const times = new Uint32Array(n);
	for (let i = 0; i < n; i++) {
		const u = random();
		let t;
		if (u < 0.08)
			t = 4 * 3600 + random() * (open - 4 * 3600); // pre-market
		else if (u < 0.4)
			t = open + random() ** 2 * 3600; // the first hour, front-loaded
		else if (u < 0.9)
			t = open + random() * (close - open); // the session
		else t = close + random() * (20 * 3600 - close); // after hours
		times[i] = Math.min(20 * 3600 - 1, Math.floor(t));
	}
	return times.sort().reverse();
}

const pad2 = (n) => (n < 10 ? `0${n}` : String(n));
const clock = (s) => `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;

/** A price as DAS prints it: 4 decimals under $1, cents (now and then a half-penny) above. */
function priceText(price, random) {
	if (price < 1) return price.toFixed(4);
	if (random() < 0.05) return (Math.round(price * 200) / 200).toFixed(3); // midpoint fill
	return price.toFixed(2);
}

/** Yields the CSV text in pieces of about `linesPerPiece` lines. */
function* dasLines(rows, seed, linesPerPiece = 20_000) {
	const random = rng(seed);
	const times = timesOfDay(rows, random);
	const prices = SYMBOLS.map(([, p]) => p);
	let orderNo = 451_000;
	let lines = [HEADER];
	let i = 0;
	while (i < rows) {
		// One order: 1-5 partial fills of the same symbol, side, account and order id.
		const s = Math.floor(random() ** 1.6 * SYMBOLS.length);
		const [symbol, , lot] = SYMBOLS[s];
		const account = ACCOUNTS[Math.floor(random() ** 2 * ACCOUNTS.length)];
		const u = random();
		const side = u < 0.46 ? 'B' : u < 0.84 ? 'S' : 'SS';
		const cloid = random() < 0.1 ? 'AUTO' : `OID${orderNo++}`;
		const fills = Math.min(rows - i, 1 + Math.floor(random() ** 2 * 5));
		const closing = side === 'S' || (side === 'B' && random() < 0.35);
		for (let f = 0; f < fills; f++, i++) {
			// A small random walk keeps each symbol's prices plausible through the day.
			prices[s] = Math.max(0.0101, prices[s] * (1 + (random() - 0.5) * 0.002));
			const price = priceText(prices[s], random);
			const unit = lot >= 100 ? 100 : 1;
			const qty = Math.max(1, Math.round((lot * (0.2 + random() * 1.8)) / unit)) * unit;
			const qtyText = random() < 0.03 ? String(Math.max(1, Math.floor(qty / 7))) : String(qty); // odd lots
			const adds = random() < 0.35;
			const perShare = Number(price) < 1 ? 0.001 * Number(price) : adds ? -0.002 : 0.003;
			const fee = Number(qtyText) * perShare;
			const feeText = random() < 0.5 ? fee.toFixed(2) : fee.toFixed(random() < 0.5 ? 3 : 4);
			const pnl = closing ? ((random() - 0.45) * Number(qtyText) * Number(price) * 0.004).toFixed(2) : '';
			lines.push(
				`${clock(times[i])},${symbol},${side},${price},${qtyText},${ROUTES[Math.floor(random() * ROUTES.length)]},,${account},${side === 'SS' ? 'Short' : 'Margin'},${cloid},${adds ? '+' : '-'},${feeText},${pnl},`
			);
			if (lines.length >= linesPerPiece) {
				yield lines.join('\n') + '\n';
				lines = [];
			}
		}
	}
	if (lines.length > 0) yield lines.join('\n') + '\n';
}

/** Writes a DAS export with `rows` executions to `path` (through a temporary name). */
export async function writeDasFile(path, rows, seed = 42) {
	mkdirSync(dirname(path), { recursive: true });
	const partial = `${path}.partial`;
	const out = createWriteStream(partial);
	for (const piece of dasLines(rows, seed)) {
		if (!out.write(piece)) await new Promise((resolve) => out.once('drain', resolve));
	}
	await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve(undefined))));
	renameSync(partial, path);
}

/**
 * The benchmark's DAS file of `rows` executions, generated once into the temp directory and
 * reused while the generator is unchanged. Returns its path and size in bytes.
 */
export async function ensureDasFile(rows, seed = 42) {
	const path = join(
		benchTmpDir(),
		'data',
		`das-${rows}-s${seed}-v${GENERATOR_VERSION}`,
		`Trades_${TRADE_DATE}.csv`
	);
	if (!existsSync(path)) await writeDasFile(path, rows, seed);
	return { path, bytes: statSync(path).size };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const rows = Number(process.argv[2] ?? 1_000_000);
	const out = process.argv[3] ?? join(benchTmpDir(), `das-${rows}.csv`);
	const started = performance.now();
	await writeDasFile(out, rows);
	console.log(
		`${out}: ${rows.toLocaleString('en-US')} executions, ${(statSync(out).size / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`
	);
}
