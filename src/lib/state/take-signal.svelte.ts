/**
 * "Take this signal": a signal of the Signals page becomes the desk's order ticket, prefilled — a
 * limit at the signal's entry (its bar's close), a bracket with its ATR stop and first target, on
 * the symbol's tick, sized by the risk setting (Settings' default risk as a fixed amount: the
 * dollars lost at the stop; otherwise the ticket's own sizing stays). It goes to a running paper session
 * of the symbol whose range holds the signal (the open one first), revealed up to the signal's
 * bar; without one it says so and offers to start one at the signal's time.
 */
import type { Signal } from '$lib/core/signals';
import { onTick } from '$lib/core/model/tick';
import type { TicketDraft } from '$lib/core/paper/ticket';
import { dayKey } from '$lib/core/trades/query';
import { formatInstant } from '$lib/core/time/zone';
import { displayZone, mode } from './app.svelte';
import { engine } from './engine';
import { EXCHANGE_ZONE, paper } from './paper.svelte';
import { View } from './view.svelte';

/** A signal to take, with its symbol and the bars it was read on (`1m`, `1D`). */
export interface SignalToTake {
	symbol: string;
	timeframeLabel: string;
	signal: Signal;
}

export interface TakeSignalView {
	/** The signal no session could take, with why; the page offers to start one. */
	offer: { take: SignalToTake; text: string } | null;
	/** Why the last take failed, or null. */
	error: string | null;
}

export class TakeSignalState {
	readonly #view = new View<TakeSignalView>(() => ({ offer: null, error: null }));

	get view(): Readonly<TakeSignalView> {
		return this.#view.current;
	}

	/**
	 * Fills the ticket of the session that can take the signal; true when done (the page then shows
	 * the desk). False with an offer when there is no such session, or with an error.
	 */
	async take(take: SignalToTake): Promise<boolean> {
		this.#view.set({ offer: null, error: null });
		const { symbol, signal } = take;
		if (mode.current !== 'paper')
			return this.#fail('Signals are taken on the paper desk: switch to paper mode');
		if (!signal.lineage.levels) return this.#fail('This signal has no entry and stop to take');
		const sessions = await engine.paperSessions();
		const fits = sessions.filter(
			(s) =>
				s.status === 'running' &&
				(s.symbols ?? [s.symbol]).includes(symbol) &&
				s.from <= signal.time &&
				signal.time < s.to
		);
		const session = fits.find((s) => s.id === paper.id) ?? fits[0];
		if (!session) {
			const at = formatInstant(signal.time, displayZone.current);
			this.#view.set({
				offer: { take, text: `No paper session of ${symbol} is running at ${at}, the signal's time.` }
			});
			return false;
		}
		if (session.id !== paper.id) await paper.open(session.id);
		return this.#fill(take);
	}

	/**
	 * Starts a session of the signal's symbol from its New York day to its last bar's, then takes
	 * the signal in it (the bars after it are there to fill the order).
	 */
	async startAndTake(): Promise<boolean> {
		const take = this.view.offer?.take;
		if (!take) return false;
		const last = (await engine.barSymbols()).find((s) => s.symbol === take.symbol)?.lastTime;
		const fromDay = dayKey(take.signal.time, EXCHANGE_ZONE);
		const toDay = dayKey(Math.max(last ?? take.signal.time, take.signal.time), EXCHANGE_ZONE);
		const problem = await paper.start({ symbol: take.symbol, fromDay, toDay, broker: {} });
		if (problem) return this.#fail(problem);
		this.#view.set({ offer: null });
		return this.#fill(take);
	}

	dismiss(): void {
		this.#view.set({ offer: null, error: null });
	}

	/** Reveals the open session up to the signal's bar and fills its ticket. */
	async #fill({ symbol, timeframeLabel, signal }: SignalToTake): Promise<boolean> {
		const levels = signal.lineage.levels!;
		const now = paper.view.desk?.view.now ?? null;
		if (now === null || now < signal.time) await paper.jump(signal.time);
		// A fixed amount per trade is the dollars lost at the stop; without one the ticket sizes as it did.
		const risk = await engine.defaultRisk();
		const sizing: Partial<TicketDraft> = risk.kind === 'money' ? { sizing: 'amount', risk: risk.amount } : {};
		const tick = (p: number) => onTick(symbol, p);
		const target = levels.targets[0]?.price ?? null;
		const prices = {
			entry: tick(levels.entry),
			stop: tick(levels.stop),
			target: target === null ? null : tick(target)
		};
		// The ticket carries the signal to the order it sends (what became of it, on the Signals page).
		const decision = signal.decision === 'SELL' ? 'SELL' : 'BUY';
		const { time, confidence, lineage } = signal;
		const origin = { symbol, timeframeLabel, time, decision, confidence, prices, lineage } as const;
		paper.setTicket({
			orderClass: target === null ? 'oto' : 'bracket',
			type: 'limit',
			limitPrice: prices.entry,
			stopUnit: 'price',
			stopLoss: prices.stop,
			targetUnit: 'price',
			takeProfit: prices.target,
			otherType: 'stop',
			otherPrice: prices.stop,
			...sizing,
			signal: $state.snapshot(origin)
		});
		paper.note(
			`Ticket filled from the ${signal.decision} signal of ${symbol} at ${formatInstant(signal.time, displayZone.current)}: press ${signal.decision === 'BUY' ? 'Buy' : 'Sell'} to place it`
		);
		return true;
	}

	#fail(error: string): false {
		this.#view.set({ error });
		return false;
	}

	reset(): void {
		this.#view.reset();
	}
}
