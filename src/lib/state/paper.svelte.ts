import type { PaperDesk, PaperSessionSummary, StartPaperRequest } from '$workers/contract';
import type { OrderSubmission, Order } from '$lib/core/broker';
import type { PaperAction } from '$lib/core/paper/session';
import type { RiskConfig } from '$lib/core/risk';
import { changes, mode } from './app.svelte';
import { DeskBars } from './desk-bars';
import { engine } from './engine';
import { preferenceStorage } from './preferences';

const SESSION_KEY = 'fillbook.paper.session';
/** Replay speeds, in bars per second. */
export const SPEEDS = [1, 2, 5, 10, 25, 50, 100] as const;
export type Speed = (typeof SPEEDS)[number];
/** Timer ticks per second while playing; fast speeds reveal several bars per tick. */
const TICKS_PER_SECOND = 10;

/** Orders still working (or held for a parent): what can be cancelled or changed. */
export function isOpenOrder(o: Order): boolean {
	return o.status === 'new' || o.status === 'accepted' || o.status === 'partially_filled';
}

/**
 * The paper desk, shared by its pages (desk, orders, positions, risk) so a replay keeps playing
 * while the trader looks at another one. Every change goes through the engine, which stores the
 * session's facts; what is shown is the engine's answer.
 */
class PaperState {
	sessions = $state.raw<PaperSessionSummary[]>([]);
	desk = $state.raw<PaperDesk | null>(null);
	playing = $state(false);
	speed = $state<Speed>(5);
	busy = $state(false);
	/** The last action's outcome for the trader: what happened, or why not. */
	message = $state<{ tone: 'ok' | 'error'; text: string } | null>(null);
	loaded = $state(false);
	#timer: ReturnType<typeof setInterval> | null = null;
	/** Serialises engine calls: a tick never overtakes an order, nor the other way round. */
	#queue: Promise<unknown> = Promise.resolve();
	#carry = 0;
	/** The revealed bars: the engine sends a step's new bars only. */
	#bars = new DeskBars();

	get id(): string | null {
		return this.desk?.session.id ?? null;
	}

	/** Takes bars and orders: running, and not read-only. */
	get running(): boolean {
		return this.desk?.session.status === 'running' && this.desk.view.readOnly === null;
	}

	get finished(): boolean {
		return this.desk !== null && this.desk.session.cursor >= this.desk.session.bars;
	}

	/**
	 * Shows the engine's answer, its bars appended to those held; bars that do not follow on
	 * (another tab moved the session) open the session again.
	 */
	#receive(desk: PaperDesk): void {
		if (!this.#bars.take(desk.barsFrom, desk.bars)) {
			void this.open(desk.session.id);
			return;
		}
		this.desk = { ...desk, barsFrom: 0, bars: this.#bars.view() };
	}

	#run<T>(task: () => Promise<T>): Promise<T> {
		const next = this.#queue.then(task, task);
		this.#queue = next.catch(() => undefined);
		return next;
	}

	/**
	 * An engine call whose failure the trader sees: the message says why, playback stops, and a
	 * session that no longer exists (deleted in another tab, its import undone) leaves the desk.
	 */
	async #try<T>(task: () => Promise<T>): Promise<T | null> {
		try {
			return await this.#run(task);
		} catch (e) {
			this.pause();
			const text = (e as Error).message;
			this.message = { tone: 'error', text };
			if (text.startsWith('No paper session')) {
				this.desk = null;
				this.sessions = await engine.paperSessions();
			}
			return null;
		}
	}

	async load(): Promise<void> {
		// Read again when another tab starts, moves on, stops or deletes a session.
		changes.track(['paperSessions']);
		if (mode.current !== 'paper') {
			this.pause();
			this.sessions = [];
			this.desk = null;
			this.loaded = true;
			return;
		}
		this.sessions = await engine.paperSessions();
		let saved: string | null = null;
		try {
			saved = preferenceStorage?.getItem(SESSION_KEY) ?? null;
		} catch {
			saved = null;
		}
		const pick =
			this.sessions.find((s) => s.id === (this.id ?? saved)) ??
			this.sessions.find((s) => s.status === 'running');
		if (pick && pick.id !== this.id) await this.open(pick.id);
		// The open session as stored now (another tab may have moved it on); not while it plays here.
		else if (pick && this.loaded && !this.playing) await this.open(pick.id);
		this.loaded = true;
	}

	async open(id: string): Promise<void> {
		this.pause();
		const desk = await this.#try(() => engine.paperOpen(id));
		if (!desk) return;
		this.#receive(desk);
		this.#remember(id);
	}

	#remember(id: string): void {
		try {
			preferenceStorage?.setItem(SESSION_KEY, id);
		} catch {
			// Not remembered; the session is still open in this tab.
		}
	}

	async start(request: StartPaperRequest): Promise<string | null> {
		this.pause();
		let desk: PaperDesk;
		try {
			desk = await this.#run(() => engine.paperStart(request));
		} catch (e) {
			return (e as Error).message;
		}
		this.#receive(desk);
		this.#remember(desk.session.id);
		this.sessions = await engine.paperSessions();
		this.message = null;
		return null;
	}

	async step(count = 1): Promise<void> {
		const id = this.id;
		if (!id || !this.running) return;
		const desk = await this.#try(() => engine.paperStep(id, count));
		if (desk) this.#receive(desk);
		if (this.finished) this.pause();
	}

	async jump(time: number): Promise<void> {
		const id = this.id;
		if (!id || !this.running) return;
		this.pause();
		const desk = await this.#try(() => engine.paperJump(id, time));
		if (desk) this.#receive(desk);
	}

	play(): void {
		if (this.playing || !this.running || this.finished) return;
		this.playing = true;
		this.#carry = 0;
		this.#timer = setInterval(() => {
			// Bars due this tick; fractions carry over, so 5 bars/s is exactly 5 a second.
			this.#carry += this.speed / TICKS_PER_SECOND;
			const due = Math.floor(this.#carry);
			if (due < 1 || this.busy) return;
			this.#carry -= due;
			this.busy = true;
			void this.step(due).finally(() => (this.busy = false));
		}, 1000 / TICKS_PER_SECOND);
	}

	pause(): void {
		this.playing = false;
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}

	toggle(): void {
		if (this.playing) this.pause();
		else this.play();
	}

	/** Sends an action; the outcome becomes the message (a rejection names its rule). */
	async act(action: PaperAction, done: string): Promise<boolean> {
		const id = this.id;
		if (!id) return false;
		const answer = await this.#try(() => engine.paperAct(id, action));
		if (!answer) return false;
		const { outcome, desk } = answer;
		this.#receive(desk);
		this.message = outcome.ok ? { tone: 'ok', text: done } : { tone: 'error', text: outcome.reason };
		return outcome.ok;
	}

	submit(submission: OrderSubmission, describe: string): Promise<boolean> {
		return this.act({ kind: 'submit', at: 0, submission }, `Placed: ${describe}`);
	}

	cancel(orderId: string): Promise<boolean> {
		return this.act({ kind: 'cancel', at: 0, orderId }, `Cancelled ${orderId}`);
	}

	modify(
		orderId: string,
		changes: { quantity?: number; limitPrice?: number; stopPrice?: number }
	): Promise<boolean> {
		const what = [
			changes.quantity !== undefined ? `quantity ${changes.quantity}` : '',
			changes.limitPrice !== undefined ? `limit ${changes.limitPrice}` : '',
			changes.stopPrice !== undefined ? `stop ${changes.stopPrice}` : ''
		].filter(Boolean);
		return this.act({ kind: 'modify', at: 0, orderId, changes }, `Changed ${orderId}: ${what.join(', ')}`);
	}

	flatten(): Promise<boolean> {
		this.pause();
		return this.act(
			{ kind: 'flatten', at: 0 },
			'Flattening: every order cancelled, every position closes at the next price'
		);
	}

	setRisk(risk: RiskConfig): Promise<boolean> {
		return this.act({ kind: 'risk', at: 0, risk }, 'Risk limits changed from this bar on');
	}

	async stop(): Promise<void> {
		const id = this.id;
		if (!id) return;
		this.pause();
		const desk = await this.#try(() => engine.paperStop(id));
		if (desk) this.#receive(desk);
		this.sessions = await engine.paperSessions();
	}

	async remove(id: string): Promise<void> {
		if (id === this.id) {
			this.pause();
			this.desk = null;
		}
		await this.#run(() => engine.paperDelete(id));
		this.sessions = await engine.paperSessions();
	}

	/** Leaves the desk for the list of sessions and the form to start one. */
	close(): void {
		this.pause();
		this.desk = null;
		try {
			preferenceStorage?.removeItem(SESSION_KEY);
		} catch {
			// Nothing remembered.
		}
	}
}

export const paper = new PaperState();
