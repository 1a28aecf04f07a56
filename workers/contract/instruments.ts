/** The instrument catalogue: the stored records and the starter list, edited in Settings. */
import type { Instrument } from '$lib/core/instruments';
import type { Mode } from '$lib/core/model/mode';

/** A record's fields the editor shows, for a problem to point at. */
export type InstrumentField =
	'symbol' | 'assetClass' | 'name' | 'exchange' | 'currency' | 'multiplier' | 'tick' | 'lotStep' | 'session';

/** One line of the catalogue as Settings lists it. */
export interface InstrumentEntry {
	/** The record in effect: the user's, the starter list's, or what an import revealed (`source`). */
	instrument: Instrument;
	/** The starter list's record of the same symbol and class, when there is one (the user's overrides it). */
	starter: Instrument | null;
}

/** What a save did: the record stored, or why not (with the field at fault, when one is). */
export type SaveInstrumentResult =
	{ ok: true; instrument: Instrument } | { ok: false; field: InstrumentField | null; message: string };

/** What a removal did: the record now in effect for the symbol (starter, import-free rule), or why not. */
export type RemoveInstrumentResult = { ok: true; instrument: Instrument } | { ok: false; message: string };

export interface InstrumentsApi {
	/** The stored records and the starter list's (those the user did not replace), by symbol. */
	instruments(mode: Mode): Promise<InstrumentEntry[]>;
	/**
	 * Stores the user's record (its `source` becomes `user`) under its canonical symbol, replacing
	 * what was stored there; a record with a problem is refused with the reason.
	 */
	saveInstrument(mode: Mode, record: Instrument): Promise<SaveInstrumentResult>;
	/** Removes the stored record of a symbol: the starter list's record or the rules apply again. */
	removeInstrument(mode: Mode, symbol: string): Promise<RemoveInstrumentResult>;
	/**
	 * The instrument in effect for a symbol as the desk trades it (its tick, lot step, quote
	 * currency): the stored record (of whatever class it was stored as), else the starter list's,
	 * else the rules'.
	 */
	instrumentOf(mode: Mode, symbol: string): Promise<Instrument>;
}
