import type { InstrumentEntry, InstrumentField } from '$workers/contract';
import { SvelteMap } from 'svelte/reactivity';
import { instrumentFor, tickOf, type Instrument } from '$lib/core/instruments';
import type { Mode } from '$lib/core/model/mode';
import { changes, mode } from './app.svelte';
import { engine } from './engine';
import { View } from './view.svelte';

/** What the Instruments card reads. */
export interface InstrumentsView {
	/** The catalogue as listed: stored records and the starter list, by symbol. */
	entries: InstrumentEntry[];
	/** The problem with the record last saved, and the field at fault (null: the record as a whole). */
	problem: { field: InstrumentField | null; message: string } | null;
	/** What the last save or reset did. */
	message: string | null;
	/** Whether the first answer arrived. */
	loaded: boolean;
}

/**
 * A number as typed in the editor: decimals (`0.25`, `0,25`) or a fraction (`1/32`, for bond
 * ticks). Null when the text is neither.
 * @example parseAmount('1/32') // 0.03125
 * @example parseAmount('0,05') // 0.05
 */
export function parseAmount(text: string): number | null {
	const t = text.trim().replace(',', '.');
	const fraction = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(t);
	if (fraction) return Number(fraction[1]) / Number(fraction[2]);
	return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : null;
}

/**
 * The current mode's instrument catalogue, with the user's saves and removals through the engine
 * (the single writer). Answers that arrive after the mode changed are dropped.
 */
export class InstrumentsState {
	readonly #view = new View<InstrumentsView>(() => ({
		entries: [],
		problem: null,
		message: null,
		loaded: false
	}));

	get view(): Readonly<InstrumentsView> {
		return this.#view.current;
	}

	/** The problem with a field of the record last saved, if any. */
	problemOf(field: InstrumentField): string | undefined {
		return this.view.problem?.field === field ? this.view.problem.message : undefined;
	}

	/** Reads the catalogue (from an effect: it runs again when another tab imports or edits one). */
	async refresh(): Promise<void> {
		changes.track(['instruments']);
		const asked: Mode = mode.current;
		const entries = await engine.instruments();
		if (asked !== mode.current) return;
		this.#view.set({ entries, loaded: true });
	}

	/** Stores the user's record; returns it when stored (a problem is kept for the form). */
	async save(record: Instrument): Promise<Instrument | null> {
		const result = await engine.saveInstrument(record);
		if (!result.ok) {
			this.#view.set({ problem: { field: result.field, message: result.message }, message: null });
			return null;
		}
		instrumentsInEffect.forget();
		this.#view.set({ problem: null, message: `Saved ${result.instrument.symbol}.` });
		await this.refresh();
		return result.instrument;
	}

	/** A problem found before asking the engine (a number that does not read as one). */
	refuse(field: InstrumentField, message: string): void {
		this.#view.set({ problem: { field, message }, message: null });
	}

	/** Removes the stored record of a symbol; returns the record now in effect, or null. */
	async remove(symbol: string): Promise<Instrument | null> {
		const result = await engine.removeInstrument(symbol);
		if (!result.ok) {
			this.#view.set({ problem: { field: null, message: result.message }, message: null });
			return null;
		}
		instrumentsInEffect.forget();
		const from = result.instrument.source === 'starter' ? 'the starter list' : 'the rules';
		this.#view.set({ problem: null, message: `${symbol} is back to ${from}.` });
		await this.refresh();
		return result.instrument;
	}

	clearProblem(): void {
		this.#view.set({ problem: null, message: null });
	}

	/** Back to the state of a fresh card. */
	reset(): void {
		this.#view.reset();
	}
}

/**
 * The instrument in effect for each symbol the desk shows (its tick, lot step and quote
 * currency), as the engine answers it for the current mode: the stored record, else the starter
 * list's, else the rules'. Answers are kept per mode and symbol until the catalogue changes (in
 * another tab: `changes`; in this one: `forget`).
 */
export class InstrumentsInEffect {
	/** Answers by `mode|changes heard|generation|symbol`. */
	readonly #known = new SvelteMap<string, Instrument>();
	/** Questions in flight or answered; not state: `of` adds to it while a view derives (a SvelteMap would throw). */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- nothing renders from it
	readonly #asked = new Map<string, Promise<Instrument>>();
	#generation = $state(0);

	#key(symbol: string): string {
		const m: Mode = mode.current;
		return `${m}|${changes.count(m, 'instruments')}|${this.#generation}|${symbol}`;
	}

	/**
	 * The instrument of `symbol` for a view to draw with: the engine's answer once it has come,
	 * and until then the starter list's or the rules' (a render cannot wait; what is sent waits
	 * for the engine: see `load`).
	 */
	of(symbol: string): Instrument {
		const key = this.#key(symbol);
		const known = this.#known.get(key);
		if (known) return known;
		void this.#ask(key, symbol).catch(() => undefined);
		return instrumentFor(symbol);
	}

	/** The tick of `symbol` at `price` (an input's step), from the instrument `of` gives. */
	tickAt(symbol: string, price: number): number {
		return tickOf(this.of(symbol).tick, price);
	}

	/** The engine's answer for `symbol` when it has come (not reactive to its coming: see `of`). */
	known(symbol: string): Instrument | undefined {
		return this.#known.get(this.#key(symbol));
	}

	/** The engine's answer for `symbol` (kept for the next call). */
	load(symbol: string): Promise<Instrument> {
		return this.#ask(this.#key(symbol), symbol);
	}

	#ask(key: string, symbol: string): Promise<Instrument> {
		let asked = this.#asked.get(key);
		if (!asked) {
			asked = engine.instrumentOf(symbol).then((instrument) => {
				this.#known.set(key, instrument);
				return instrument;
			});
			// A failed answer is asked again next time.
			asked.catch(() => this.#asked.delete(key));
			this.#asked.set(key, asked);
		}
		return asked;
	}

	/** This tab changed the catalogue: every symbol is asked again. */
	forget(): void {
		this.#asked.clear();
		this.#known.clear();
		this.#generation++;
	}
}

/** The one cache of instruments in effect the desk's views share. */
export const instrumentsInEffect = new InstrumentsInEffect();
