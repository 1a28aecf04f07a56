/**
 * What became of the signal opened on the Signals page: every order taken from it on the paper desk
 * (or placed by a signal-generator strategy on its bar), with the risk check, orders, fills and the
 * trades they made, read from the stored paper sessions by the engine.
 */
import { untrack } from 'svelte';
import type { SignalKey, SignalOutcome } from '$workers/contract';
import { changes, mode } from './app.svelte';
import { engine } from './engine';
import { paper } from './paper.svelte';
import { View } from './view.svelte';

/** The signal asked about: a Signals page row's symbol, bars and signal. */
export interface SignalAsked extends SignalKey {
	/** The row's key on the Signals page: the answer shown belongs to it. */
	key: string;
}

export interface SignalOutcomeView {
	/** The row key of the signal the outcome is for; null before one is asked. */
	key: string | null;
	/** Each submission that came from it, newest session first; [] when nothing did; null before an answer. */
	outcomes: SignalOutcome[] | null;
	loading: boolean;
	/** Why it could not be read, or null. */
	error: string | null;
}

export class SignalOutcomeState {
	readonly #view = new View<SignalOutcomeView>(() => ({
		key: null,
		outcomes: null,
		loading: false,
		error: null
	}));
	#generation = 0;

	get view(): Readonly<SignalOutcomeView> {
		return this.#view.current;
	}

	/**
	 * Reads what became of a signal (called from an effect: it runs again when another tab steps a
	 * session, places an order or imports). Real mode has no paper desk: nothing came of it there.
	 */
	async load(asked: SignalAsked): Promise<void> {
		changes.track(['paperSessions', 'executionChunks']);
		const generation = ++this.#generation;
		const inMode = mode.current;
		// Not a dependency of the caller's effect: only the signal asked and the tables tracked are.
		const same = asked.key === untrack(() => this.view.key);
		this.#view.set({ key: asked.key, loading: true, error: null, ...(same ? {} : { outcomes: null }) });
		const { symbol, timeframeLabel, time, decision } = asked;
		try {
			const outcomes =
				inMode === 'paper' ? await engine.paperSignalOutcome({ symbol, timeframeLabel, time, decision }) : [];
			if (generation === this.#generation && inMode === mode.current)
				this.#view.set({ outcomes, loading: false });
		} catch (e) {
			if (generation === this.#generation)
				this.#view.set({ outcomes: [], loading: false, error: (e as Error).message });
		}
	}

	/** Opens a session of the outcome on the desk; true when it is open (the page then shows the desk). */
	async openSession(id: string): Promise<boolean> {
		await paper.open(id);
		return paper.id === id;
	}

	reset(): void {
		this.#generation++;
		this.#view.reset();
	}
}
