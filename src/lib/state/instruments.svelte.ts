import type { InstrumentEntry, InstrumentField } from '$workers/contract';
import type { Instrument } from '$lib/core/instruments';
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
