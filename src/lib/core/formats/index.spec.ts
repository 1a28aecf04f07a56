import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormats, FORMATS } from '.';
import { sampleOf } from '../../../../tests/support/formats-testing';

const ROOT = 'tests/fixtures/formats';

/** Every golden fixture, by the format folder it is filed under (files of broken rows excluded). */
const fixtures = readdirSync(ROOT).flatMap((id) =>
	readdirSync(`${ROOT}/${id}`)
		.filter((name) => !/bad/i.test(name))
		.map((name) => ({ id, name, text: readFileSync(`${ROOT}/${id}/${name}`, 'utf8') }))
);

describe('format detection across every fixture', () => {
	it('has a fixture folder for every registered format', () => {
		const folders = new Set(readdirSync(ROOT));
		expect(FORMATS.map((f) => f.id).filter((id) => !folders.has(id))).toEqual([]);
	});

	it.each(fixtures.map((f) => [`${f.id}/${f.name}`, f] as const))(
		'%s is detected as its own format',
		(_label, f) => {
			const ranked = detectFormats(sampleOf(f.text), f.name);
			expect(ranked[0]?.format.id).toBe(f.id);
			// The runner-up, if any, is clearly behind, except generic bars behind a specific bar format.
			const second = ranked[1];
			if (second && second.format.id !== 'generic-bars') expect(second.score).toBeLessThan(ranked[0]!.score);
		}
	);

	it('does not recognise the public non-trade files as trades', () => {
		const moneyOnly = readFileSync(
			'tests/fixtures/public/tastytrade_money_movement_tastyworks-pnl.csv',
			'utf8'
		);
		expect(detectFormats(sampleOf(moneyOnly), 'x.csv')[0]?.format.id).toBe('tastytrade');
		expect(
			detectFormats(
				[
					['hello', 'world'],
					['1', '2']
				],
				'notes.csv'
			)
		).toEqual([]);
	});

	it('ids are unique', () => {
		expect(new Set(FORMATS.map((f) => f.id)).size).toBe(FORMATS.length);
	});
});
