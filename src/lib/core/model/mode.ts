/**
 * A mode is one of two strictly separate worlds. Paper mode holds practice data (the paper
 * broker's orders and executions); real mode holds the user's actual broker activity. Each mode
 * has its own database and nothing in one refers to the other.
 */
export type Mode = 'paper' | 'real';

/** Both modes, paper first: the safe default for a new user. */
export const MODES: readonly Mode[] = ['paper', 'real'];

/**
 * Narrows an unknown value (from storage, a URL, a message) to a Mode.
 * @example isMode('real') // true
 */
export function isMode(value: unknown): value is Mode {
	return value === 'paper' || value === 'real';
}

/**
 * The BroadcastChannel a mode's changes are announced on: the engine posts there after every
 * committed write, and every tab's views listen there.
 * @example changeChannel('paper') // 'fillbook-paper'
 */
export function changeChannel(mode: Mode): string {
	return `fillbook-${mode}`;
}
