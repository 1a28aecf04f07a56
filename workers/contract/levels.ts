/**
 * Take-profit, stop-loss and price-cross alerts, and manual price marks. The engine watches the
 * prices that arrive (imported bars, alert prices, marks) and triggers a level on a crossing
 * validated at medium confidence or better (a low-confidence crossing is kept as a doubt). Both
 * modes: a level alert notifies, it never places an order.
 */
import type { Mode } from '$lib/core/model/mode';
import type { LevelSpec, ValidatedPrice } from '$lib/core/prices';
import type { LevelAlertRow, LevelTarget } from '$lib/db/schema';

export type { LevelAlertRow, LevelTarget };

export interface LevelAlertInput {
	symbol: string;
	/** An open trade's position (quantity filled in by the engine), or the symbol's price. */
	target: { kind: 'trade'; tradeId: string } | { kind: 'symbol' };
	spec: LevelSpec;
	note?: string;
}

/** A symbol's price at a time, validated across its sources. */
export interface PriceAtAnswer extends ValidatedPrice {
	symbol: string;
	at: number;
}

export interface LevelsApi {
	/** Every level alert, the newest first. */
	levelAlerts(mode: Mode): Promise<LevelAlertRow[]>;
	/** Sets a level (refused with why: a closed trade, R without a stop, ATR without bars); checked at once. */
	addLevelAlert(mode: Mode, input: LevelAlertInput): Promise<LevelAlertRow>;
	/** Cancels an armed level; false when it is not armed. */
	cancelLevelAlert(mode: Mode, id: string): Promise<boolean>;
	/** Keeps a manual price for a symbol at a time, then checks its levels: those that changed. */
	addPriceMark(mode: Mode, mark: { symbol: string; price: number; time: number }): Promise<LevelAlertRow[]>;
	/** Levels with a trigger or doubt numbered after `afterSeq` (what the UI has not notified yet). */
	levelEvents(mode: Mode, afterSeq: number): Promise<LevelAlertRow[]>;
	/** The symbol's price at `at` from every source, with its confidence and reasons. */
	priceAt(mode: Mode, symbol: string, at: number): Promise<PriceAtAnswer>;
}
