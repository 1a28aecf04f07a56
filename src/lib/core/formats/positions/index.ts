/**
 * The broker position snapshot formats, and which one a file is in (by its header's names).
 */
import { isBlank } from '../cells';
import { dasPositions } from './das';
import { genericPositions } from './generic';
import { ibkrPositions } from './ibkr';
import { tastytradePositions } from './tastytrade';
import type { PositionFormat } from './types';

export type * from './types';
export { mappingProblems } from './generic';

/** Every positions format; the generic one is chosen, never detected. */
export const POSITION_FORMATS: readonly PositionFormat[] = [
	dasPositions,
	ibkrPositions,
	tastytradePositions,
	genericPositions
];

/** The format of an id, or undefined. */
export function positionFormatById(id: string): PositionFormat | undefined {
	return POSITION_FORMATS.find((f) => f.id === id);
}

const CONTROL = /^(MSG|BOF|EOF|BOA|EOA|BOS|EOS)$/i;

/**
 * The header row of a positions file: its first row that is neither blank nor an IBKR control
 * line (`"MSG"`, `BOF` …); [] when there is none.
 * @example headerOf([['MSG', 'x'], ['Symbol', 'Account']]) // ['Symbol', 'Account']
 */
export function headerOf(rows: readonly string[][]): string[] {
	return rows.find((r) => !r.every(isBlank) && !CONTROL.test(r[0]?.trim() ?? '')) ?? [];
}

/**
 * The format a positions file is in, from its header; null when none fits (the user maps the
 * columns: the generic format).
 * @example detectPositionFormat([['Symbol', 'Account', 'Type', 'Shares', 'Avgcost', 'Realized', 'Unrealized']])?.id // 'das-positions'
 */
export function detectPositionFormat(rows: readonly string[][]): PositionFormat | null {
	const header = headerOf(rows);
	let best: PositionFormat | null = null;
	let bestScore = 0.5;
	for (const f of POSITION_FORMATS) {
		const score = f.detect(header);
		if (score > bestScore) {
			best = f;
			bestScore = score;
		}
	}
	return best;
}
