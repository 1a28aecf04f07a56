import type {
	BarSymbol,
	ChartBars,
	DeskChart,
	DeskMark,
	PaperDesk,
	PaperDeskUpdate,
	PaperSessionSummary
} from '$workers/contract';
import type { BrokerConfig, Order, OrderSubmission, Position, Side } from '$lib/core/broker';
import { isFinal } from '$lib/core/broker/paper-broker';
import { resampleRevealed, type Timeframe } from '$lib/core/indicators';
import { priceProblem, quantityProblem, roundToTick, type Instrument } from '$lib/core/instruments';
import { ticketProblem } from '$lib/core/instruments/ticket-check';
import type { PaperAction } from '$lib/core/paper/session';
import { lastAtr } from '$lib/core/paper/sizing';
import { buildOrder, DEFAULT_TICKET, readTicket, tickText, type TicketDraft } from '$lib/core/paper/ticket';
import { DEFAULT_RISK_CONFIG, type RiskConfig } from '$lib/core/risk';
import { defaultStudy, withParam, type StudyKind, type StudySpec } from '$lib/core/studies';
import { higherTimeframes } from '$lib/core/studies/bars';
import { marketSession } from '$lib/core/time/market-session';
import { wallTimeToInstant } from '$lib/core/time/zone';
import { changes, displayZone, mode } from './app.svelte';
import { DeskBars } from './desk-bars';
import { isChange, markOf, mergeDesk, NOTHING_HELD } from './desk-view';
import { readStudies, STUDIES_KEY } from './desk-studies';
import { localInstant, positiveNumber, startOfDay, stoppedText } from './paper-words';
import { engine } from './engine';
import { instrumentsInEffect } from './instruments.svelte';
import { preferenceStorage, readPreference, rememberPreference } from './preferences';
import { View } from './view.svelte';

export const SESSION_KEY = 'fillbook.paper.session';
/** The ticket's draft of a session: `fillbook.paper.ticket.<session id>` (paper mode only has a desk). */
const TICKET_KEY = 'fillbook.paper.ticket';
/** The quantity of the last order sent, offered as a preset. */
const LAST_QUANTITY_KEY = 'fillbook.paper.lastQuantity';
/** Replay speeds, in bars per second. */
export const SPEEDS = [1, 2, 5, 10, 25, 50, 100] as const;
export type Speed = (typeof SPEEDS)[number];
/** Timer ticks per second while playing; fast speeds reveal several bars per tick. */
const TICKS_PER_SECOND = 10;
/** Bars and orders are in the exchange's zone: the broker's session zone. */
export const EXCHANGE_ZONE = 'America/New_York';

/** The last action's outcome for the trader: what happened, or why not. */
export interface PaperMessage {
	tone: 'ok' | 'error';
	text: string;
}

/**
 * The start form as typed: a symbol, the first and last New York days (YYYY-MM-DD), the broker
 * and the risk limits (the mode's defaults when not given).
 */
export interface StartForm {
	symbol: string;
	/** Other symbols replayed on the same clock, each with its own chart (none: `symbol` alone). */
	also?: string[];
	fromDay: string;
	toDay: string;
	broker: Partial<BrokerConfig>;
	risk?: RiskConfig;
}

/** How a session stops: closing the position at the next bar's open, or leaving it open. */
export type StopHow = 'flatten' | 'leave_open';

/** What the paper pages read. */
export interface PaperView {
	/** The symbols with bars to replay. */
	symbols: BarSymbol[];
	/** The mode's sessions, as listed. */
	sessions: PaperSessionSummary[];
	/** The open session as the engine answered, its bars all those revealed; null when none is open. */
	desk: PaperDesk | null;
	/** Whether the replay is playing. */
	playing: boolean;
	/** Bars revealed per second while playing. */
	speed: Speed;
	/** The last action's outcome, or null. */
	message: PaperMessage | null;
	/** The first `load` finished. */
	loaded: boolean;
	/**
	 * The symbols with bars were read (the "no bars" state may show): sessions and symbols are read
	 * apart, and a form shown before its symbols arrive must not give way to the empty state.
	 */
	symbolsLoaded: boolean;
	/** The order ticket as filled in, kept per session across tabs and reloads. */
	ticket: TicketDraft;
	/** The quantity of the last order sent (a preset), or null before the first. */
	lastQuantity: number | null;
	/** The risk limits a new session starts with; null until read. */
	riskDefaults: RiskConfig | null;
}

/** Orders still working (or held for a parent): what can be cancelled or changed. */
export function isOpenOrder(o: Order): boolean {
	return !isFinal(o);
}

/**
 * The paper desk, shared by its pages (desk, orders, positions, risk) so a replay keeps playing
 * while the trader looks at another one. Every change goes through the engine, which stores the
 * session's facts; what is shown is the engine's answer.
 *
 * One queue, the engine's: each change of a session runs whole in its turn of the engine's write
 * queue, in the order the calls were made (see `change` in workers/engine-paper.ts), so the desk
 * sends a tick or an order at once and a tick never overtakes an order. Answers arrive in that
 * order; answers for a session the desk has left (closed, another opened, a mode switch) are
 * dropped by a generation counter.
 */
class PaperState {
	readonly #view = new View<PaperView>(() => ({
		symbols: [],
		sessions: [],
		desk: null,
		playing: false,
		speed: 5,
		message: null,
		loaded: false,
		symbolsLoaded: false,
		ticket: DEFAULT_TICKET,
		lastQuantity: positiveNumber(readPreference(LAST_QUANTITY_KEY)),
		riskDefaults: null
	}));
	/** Whether a tick's step is on its way (the next tick then waits). */
	#busy = false;
	#timer: ReturnType<typeof setInterval> | null = null;
	#carry = 0;
	/** Bumped whenever the desk shows another session (or none): older answers are dropped. */
	#generation = 0;
	/** The revealed bars: the engine sends a step's new bars only (see desk-bars.ts). */
	#bars = new DeskBars();
	/** What the desk holds, sent with a step or an order: the answer is what changed since (desk-view.ts). */
	#mark: DeskMark | undefined;

	get view(): Readonly<PaperView> {
		return this.#view.current;
	}

	get id(): string | null {
		return this.view.desk?.session.id ?? null;
	}

	/** Takes bars and orders: running, and not read-only. */
	get running(): boolean {
		return this.view.desk?.session.status === 'running' && this.view.desk.view.readOnly === null;
	}

	get finished(): boolean {
		return this.view.desk !== null && this.view.desk.session.cursor >= this.view.desk.session.bars;
	}

	/** The latest revealed close of the symbol shown (activeSymbol), or null before its first bar. */
	get lastPrice(): number | null {
		const symbol = this.activeSymbol;
		return symbol === null ? null : this.lastPriceOf(symbol);
	}

	/** The position in the symbol shown (activeSymbol), if the account has one. */
	get position(): Position | null {
		const symbol = this.activeSymbol;
		return symbol === null ? null : this.positionOf(symbol);
	}

	/** Orders still working or held. */
	get working(): Order[] {
		return this.view.desk ? this.view.desk.view.orders.filter(isOpenOrder) : [];
	}

	/** ATR(14) of the symbol shown's revealed bars (TA-Lib's), or null before 15 of them. */
	get atr(): number | null {
		const symbol = this.activeSymbol;
		const bars = symbol === null ? null : this.chartBars(symbol);
		return bars ? lastAtr(bars.high, bars.low, bars.close) : null;
	}

	/** Changes the ticket's draft; it is kept for the session (tabs, reloads). */
	setTicket(patch: Partial<TicketDraft>): void {
		const ticket = { ...this.view.ticket, ...patch };
		this.#view.set({ ticket });
		if (this.id) rememberPreference(`${TICKET_KEY}.${this.id}`, JSON.stringify(ticket));
	}

	/**
	 * A price picked on the chart goes into the ticket as an order resting there: on Buy or Sell it
	 * is a limit when it is a better price than the last (a buy below it, a sell above it) and a
	 * stop otherwise (a buy above it, a sell below it), as a click on TradingView's price scale
	 * offers. Rounded to the tick.
	 */
	pickPrice(price: number): void {
		if (!Number.isFinite(price) || price <= 0) return;
		this.setTicket({ type: 'at_price', pickedPrice: roundToTick(price, this.instrument.tick) });
	}

	/**
	 * The instrument of the symbol the desk trades now (its tick, lot step and quote currency):
	 * the engine's answer once it came, the starter list's or the rules' until then.
	 */
	get instrument(): Instrument {
		const symbol = this.activeSymbol ?? this.view.desk?.session.symbol ?? '';
		return instrumentsInEffect.of(symbol);
	}

	/** Sends the ticket on one side: its quantity (or the size its risk gives), its class and prices. */
	async submitTicket(side: Side): Promise<boolean> {
		const desk = this.view.desk;
		if (!desk) return false;
		const symbol = this.activeSymbol ?? desk.session.symbol;
		// The engine's record of the instrument: known once the ticket was drawn (no wait, so an
		// order never falls behind a replay's step), else asked for now.
		let instrument = instrumentsInEffect.known(symbol);
		if (!instrument) {
			try {
				instrument = await instrumentsInEffect.load(symbol);
			} catch (e) {
				this.fail(`${symbol}’s tick and lot step could not be read: ${(e as Error).message}`);
				return false;
			}
		}
		// A typed price off the tick (or a quantity off the lot step) is refused, never rounded.
		const problem = ticketProblem(this.view.ticket, instrument);
		if (problem !== null) {
			this.fail(problem);
			return false;
		}
		const built = buildOrder(this.view.ticket, side, {
			symbol,
			last: this.lastPrice,
			atr: this.atr,
			equity: desk.view.account.equityCents / 100,
			tick: instrument.tick
		});
		if (!built.ok) {
			this.fail(built.reason);
			return false;
		}
		// A ticket filled from a signal sends it along, edited or not (see TicketDraft.signal).
		const ok = await this.submit(built.submission, built.words, this.view.ticket.signal ?? undefined);
		if (ok) {
			this.#view.set({ lastQuantity: built.quantity });
			rememberPreference(LAST_QUANTITY_KEY, String(built.quantity));
		}
		return ok;
	}

	/** Reads the risk limits a new session starts with (the start form shows them). */
	async loadRiskDefaults(): Promise<void> {
		if (mode.current !== 'paper') return;
		this.#view.set({ riskDefaults: await engine.paperRiskDefaults() });
	}

	setSpeed(speed: Speed): void {
		this.#view.set({ speed });
	}

	/** Says something to the trader (the ticket was filled from a signal). */
	note(text: string): void {
		this.#view.set({ message: { tone: 'ok', text } });
	}

	/** Shows a problem the desk found before asking the engine (an order ticket that does not add up). */
	fail(text: string): void {
		this.#view.set({ message: { tone: 'error', text } });
	}

	/** Shows another session (or none) from now on: answers to questions asked before are dropped. */
	#show(desk: PaperDesk | null): void {
		this.#generation++;
		if (desk) this.#receive(desk);
		else {
			this.#bars.clear();
			this.#mark = undefined;
			this.#view.set({ desk: null });
		}
	}

	/**
	 * Shows the engine's answer, its bars appended to those held (a step sends only the bars it
	 * revealed) and its changes merged into the view held (see desk-view.ts); bars or changes that
	 * do not follow on (another tab moved the session) open it again.
	 */
	#receive(update: PaperDeskUpdate): void {
		const desk = mergeDesk(this.view.desk, update);
		if (!desk || !this.#bars.take(desk.barsFrom, desk.bars) || !this.#takeCharts(desk)) {
			this.#mark = undefined;
			void this.open(update.session.id);
			return;
		}
		this.#mark = markOf(desk, isChange(update) ? update : undefined);
		const id = desk.session.id;
		if (id !== this.id) {
			// Another session: its own ticket, or a fresh one with the last quantity sent.
			const fresh = { ...DEFAULT_TICKET, quantity: this.view.lastQuantity ?? DEFAULT_TICKET.quantity };
			this.#view.set({ ticket: readTicket(readPreference(`${TICKET_KEY}.${id}`), fresh) });
		}
		this.#view.set({
			desk: { ...desk, barsFrom: 0, bars: this.#bars.view(), charts: this.#chartViews(desk) }
		});
	}

	/**
	 * An engine call whose failure the trader sees: the message says why, playback stops, and a
	 * session that no longer exists (deleted in another tab, its import undone) leaves the desk.
	 */
	async #try<T>(task: () => Promise<T>): Promise<T | null> {
		try {
			return await task();
		} catch (e) {
			this.pause();
			const text = (e as Error).message;
			this.#view.set({ message: { tone: 'error', text } });
			if (text.startsWith('No paper session')) {
				this.#show(null);
				this.#view.set({ sessions: await engine.paperSessions() });
			}
			return null;
		}
	}

	/** Runs a change of the open session; its answer is shown unless the desk moved on meanwhile. */
	async #change<T extends { desk: PaperDeskUpdate } | PaperDeskUpdate>(
		task: () => Promise<T>
	): Promise<T | null> {
		const generation = this.#generation;
		const answer = await this.#try(task);
		if (answer === null || generation !== this.#generation) return null;
		this.#receive('desk' in answer ? answer.desk : answer);
		return answer;
	}

	async loadSymbols(): Promise<void> {
		this.#view.set({ symbols: await engine.barSymbols(), symbolsLoaded: true });
	}

	async load(): Promise<void> {
		// Read again when another tab starts, moves on, stops or deletes a session.
		changes.track(['paperSessions']);
		if (mode.current !== 'paper') {
			this.pause();
			this.#view.set({ sessions: [] });
			this.#show(null);
			this.#view.set({ loaded: true });
			return;
		}
		const sessions = await engine.paperSessions();
		this.#view.set({ sessions });
		const saved = readPreference(SESSION_KEY);
		const pick =
			sessions.find((s) => s.id === (this.id ?? saved)) ?? sessions.find((s) => s.status === 'running');
		if (pick && pick.id !== this.id) await this.open(pick.id);
		// The open session as stored now (another tab may have moved it on); not while it plays here.
		else if (pick && this.view.loaded && !this.view.playing) await this.open(pick.id);
		this.#view.set({ loaded: true });
	}

	async open(id: string): Promise<void> {
		this.pause();
		const generation = ++this.#generation;
		const desk = await this.#try(() => engine.paperOpen(id));
		if (!desk || generation !== this.#generation) return;
		this.#receive(desk);
		rememberPreference(SESSION_KEY, id);
	}

	/**
	 * Starts a session over the form's New York days (the last one included), with the form's risk
	 * limits (kept as the mode's defaults for the next session) or the defaults; returns why it
	 * could not start, or null.
	 */
	async start(form: StartForm): Promise<string | null> {
		const from = startOfDay(form.fromDay, EXCHANGE_ZONE);
		const to = startOfDay(form.toDay, EXCHANGE_ZONE, 1);
		if (from === null || to === null || to <= from)
			return 'Pick a first and a last day, the last on or after the first';
		this.pause();
		const risk = form.risk ?? this.view.riskDefaults ?? DEFAULT_RISK_CONFIG;
		let desk: PaperDesk;
		try {
			if (form.risk) await engine.setPaperRiskDefaults(form.risk);
			const also = (form.also ?? []).filter((s) => s !== form.symbol);
			desk = await engine.paperStart({
				symbol: form.symbol,
				...(also.length ? { symbols: [form.symbol, ...also] } : {}),
				from,
				to,
				broker: form.broker,
				risk
			});
		} catch (e) {
			return (e as Error).message;
		}
		this.#show(desk);
		rememberPreference(SESSION_KEY, desk.session.id);
		this.#view.set({ sessions: await engine.paperSessions(), message: null, riskDefaults: risk });
		return null;
	}

	async step(count = 1): Promise<void> {
		const id = this.id;
		if (!id || !this.running) return;
		await this.#change<PaperDeskUpdate>(() => engine.paperStep(id, count, this.#mark ?? NOTHING_HELD));
		if (this.finished) this.pause();
	}

	/** Reveals bars up to a wall time (`YYYY-MM-DDTHH:MM`, as a datetime-local input gives it) in the display zone. */
	/** Jumps to a wall time in the display zone: forwards reveals bars, backwards rewinds to it. */
	async jumpTo(local: string): Promise<void> {
		const time = localInstant(local, displayZone.current);
		if (time === null) return;
		const now = this.view.desk?.view.now ?? null;
		if (now !== null && time < now) await this.jumpBackTo(local);
		else await this.jump(time);
	}

	async jump(time: number): Promise<void> {
		const id = this.id;
		if (!id || !this.running) return;
		this.pause();
		await this.#change<PaperDeskUpdate>(() => engine.paperJump(id, time, this.#mark ?? NOTHING_HELD));
	}

	play(): void {
		if (this.view.playing || !this.running || this.finished) return;
		this.#view.set({ playing: true });
		this.#carry = 0;
		this.#timer = setInterval(() => {
			// Bars due this tick; fractions carry over, so 5 bars/s is exactly 5 a second.
			this.#carry += this.view.speed / TICKS_PER_SECOND;
			const due = Math.floor(this.#carry);
			// One step at a time: a slow engine makes the replay slower, never a backlog of steps.
			if (due < 1 || this.#busy) return;
			this.#carry -= due;
			this.#busy = true;
			void this.step(due).finally(() => (this.#busy = false));
		}, 1000 / TICKS_PER_SECOND);
	}

	pause(): void {
		this.#view.set({ playing: false });
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}

	toggle(): void {
		if (this.view.playing) this.pause();
		else this.play();
	}

	/** Sends an action; the outcome becomes the message (a rejection names its rule). */
	async act(action: PaperAction, done: string): Promise<boolean> {
		const id = this.id;
		if (!id) return false;
		const answer = await this.#change(() => engine.paperAct(id, action, this.#mark ?? NOTHING_HELD));
		if (!answer) return false;
		const { outcome } = answer;
		this.#view.set({
			message: outcome.ok ? { tone: 'ok', text: done } : { tone: 'error', text: outcome.reason }
		});
		return outcome.ok;
	}

	/** Runs another change of the open session (the strategy's controls); `done` is the message after it. */
	async changeWith(task: (id: string) => Promise<PaperDesk>, done: string): Promise<boolean> {
		const id = this.id;
		if (!id) return false;
		const answer = await this.#change(() => task(id));
		if (answer) this.#view.set({ message: { tone: 'ok', text: done } });
		return answer !== null;
	}

	submit(submission: OrderSubmission, describe: string, signal?: TicketDraft['signal']): Promise<boolean> {
		return this.act(
			{ kind: 'submit', at: 0, submission, ...(signal ? { signal } : {}) },
			`Placed: ${describe}`
		);
	}

	cancel(orderId: string): Promise<boolean> {
		return this.act({ kind: 'cancel', at: 0, orderId }, `Cancelled ${orderId}`);
	}

	/**
	 * Changes a working order. A new price must be on the instrument's tick and a new quantity on
	 * its lot step (the chart snaps a dragged line to the tick; a typed one off it is refused with
	 * the reason, never moved).
	 */
	modify(
		orderId: string,
		changes: { quantity?: number; limitPrice?: number; stopPrice?: number }
	): Promise<boolean> {
		const { quantity, limitPrice, stopPrice } = changes;
		const symbol = this.view.desk?.view.orders.find((o) => o.id === orderId)?.symbol ?? '';
		const instrument = instrumentsInEffect.of(symbol);
		const tick = instrument.tick;
		const problem =
			(quantity !== undefined ? quantityProblem(quantity, instrument) : null) ??
			(limitPrice !== undefined ? priceProblem(limitPrice, instrument) : null) ??
			(stopPrice !== undefined ? priceProblem(stopPrice, instrument) : null);
		if (problem !== null) {
			this.fail(problem);
			return Promise.resolve(false);
		}
		const ticked = changes;
		const what = [
			quantity !== undefined ? `quantity ${quantity}` : '',
			ticked.limitPrice !== undefined ? `limit ${tickText(ticked.limitPrice, symbol, tick)}` : '',
			ticked.stopPrice !== undefined ? `stop ${tickText(ticked.stopPrice, symbol, tick)}` : ''
		].filter(Boolean);
		return this.act(
			{ kind: 'modify', at: 0, orderId, changes: ticked },
			`Changed ${orderId}: ${what.join(', ')}`
		);
	}

	flatten(): Promise<boolean> {
		this.pause();
		return this.act(
			{ kind: 'flatten', at: 0 },
			'Flattening: every order cancelled, every position closes at the next price'
		);
	}

	/** New limits from this bar on, kept as the defaults of the next session too. */
	async setRisk(risk: RiskConfig): Promise<boolean> {
		const ok = await this.act({ kind: 'risk', at: 0, risk }, 'Risk limits changed from this bar on');
		if (ok && (await this.#try(() => engine.setPaperRiskDefaults(risk))) !== null)
			this.#view.set({ riskDefaults: risk });
		return ok;
	}

	/**
	 * Stops the session with nothing left working: every working order is cancelled and, unless
	 * the trader leaves it open, the position is flattened at the next bar's open (the bars after
	 * it, when fills are capped by volume). The message says what was done and what stays open.
	 */
	async stop(how: StopHow = 'flatten'): Promise<void> {
		const id = this.id;
		if (!id) return;
		this.pause();
		const generation = this.#generation;
		const cancelled = this.working.length;
		const held = this.position?.quantity ?? 0;
		if (how === 'flatten' && held !== 0 && !this.finished) {
			await this.#change(() => engine.paperAct(id, { kind: 'flatten', at: 0 }, this.#mark ?? NOTHING_HELD));
			for (let bars = 0; bars < 100 && this.working.length && !this.finished; bars++)
				if (!(await this.#change<PaperDeskUpdate>(() => engine.paperStep(id, 1, this.#mark ?? NOTHING_HELD))))
					break;
		}
		// What still works: every order when left open, a close the bars ran out for.
		for (let left = this.working.length; left > 0; left--) {
			const order = this.working[0];
			if (!order) break;
			const answer = await this.#change(() =>
				engine.paperAct(id, { kind: 'cancel', at: 0, orderId: order.id }, this.#mark ?? NOTHING_HELD)
			);
			if (!answer?.outcome.ok) break;
		}
		if (generation !== this.#generation || !(await this.#change(() => engine.paperStop(id)))) return;
		this.#view.set({
			message: {
				tone: 'ok',
				text: stoppedText({
					cancelled,
					held,
					open: this.position?.quantity ?? 0,
					symbol: this.view.desk?.session.symbol ?? '',
					how
				})
			},
			sessions: await engine.paperSessions()
		});
	}

	async remove(id: string): Promise<void> {
		if (id === this.id) {
			this.pause();
			this.#show(null);
		}
		await engine.paperDelete(id);
		this.#view.set({ sessions: await engine.paperSessions() });
	}

	/** Leaves the desk for the list of sessions and the form to start one. */
	close(): void {
		this.pause();
		this.#show(null);
		try {
			preferenceStorage?.removeItem(SESSION_KEY);
		} catch {
			// Nothing remembered.
		}
	}

	/** Back to a fresh desk (tests): nothing open or listed, not playing; answers in flight are dropped. */
	reset(): void {
		this.pause();
		this.#show(null);
		this.#view.reset();
		this.#busy = false;
		this.#carry = 0;
		this.#resetReplay();
	}

	// ---- Replay: rewind, undo, several symbols, timeframe (owned with workers/engine-paper.ts) ----

	/** Each non-primary symbol's revealed bars (the primary's are `#bars`); not reactive: views go into the View. */
	#charts: Record<string, DeskBars> = {};
	/** The desk charts' timeframe: null shows the bars as replayed. */
	#timeframe = $state<Timeframe | null>(null);
	/** The symbol whose chart is shown and whose orders the ticket places; null: the primary. */
	#active = $state<string | null>(null);

	/** Takes each non-primary chart's bars; false when one does not follow on (open again). */
	#takeCharts(desk: PaperDesk): boolean {
		// Only this desk's symbols are kept (another session's go); each chart starts over at barsFrom 0.
		const charts: Record<string, DeskBars> = {};
		for (const chart of desk.charts?.slice(1) ?? []) {
			const held = (charts[chart.symbol] = this.#charts[chart.symbol] ?? new DeskBars());
			if (!held.take(chart.barsFrom, chart.bars)) return false;
		}
		this.#charts = charts;
		return true;
	}

	/** Every chart with all its revealed bars (from 0), the primary first. */
	#chartViews(desk: PaperDesk): DeskChart[] | undefined {
		return desk.charts?.map((c, i) => ({
			symbol: c.symbol,
			barsFrom: 0,
			bars: i === 0 ? this.#bars.view() : this.#charts[c.symbol]!.view()
		}));
	}

	#resetReplay(): void {
		this.#charts = {};
		this.#timeframe = null;
		this.#active = null;
	}

	/** The desk chart's indicators (the Charts catalogue), kept for the next visit. */
	#studies = $state.raw<StudySpec[]>(readStudies());

	get studies(): readonly StudySpec[] {
		return this.#studies;
	}

	addStudy(kind: StudyKind): void {
		this.#setStudies([...this.#studies, defaultStudy(kind)]);
	}

	/** Changes one parameter; the reason when the study cannot take it (MACD's fast ≥ slow), else null. */
	setStudyParam(study: number, param: number, value: number): string | null {
		const spec = this.#studies[study];
		if (!spec) return 'No such indicator';
		try {
			const next = withParam(spec, param, value);
			this.#setStudies(this.#studies.map((s, i) => (i === study ? next : s)));
			return null;
		} catch (e) {
			return (e as Error).message;
		}
	}

	removeStudy(study: number): void {
		this.#setStudies(this.#studies.filter((_, i) => i !== study));
	}

	#setStudies(studies: StudySpec[]): void {
		this.#studies = studies;
		rememberPreference(STUDIES_KEY, JSON.stringify(studies));
	}

	/**
	 * The bracket's stop and target the ticket holds as prices, drawn dotted on the chart (null
	 * where the ticket gives an offset or no bracket).
	 */
	get proposed(): { stop: number | null; target: number | null } {
		const t = this.view.ticket;
		if (t.orderClass !== 'bracket') return { stop: null, target: null };
		return {
			stop: t.stopUnit === 'price' ? t.stopLoss : null,
			target: t.targetUnit === 'price' ? t.takeProfit : null
		};
	}

	/** A bracket edge dragged on the chart: the ticket becomes a bracket with that price. */
	proposeExit(edge: 'stop' | 'target', price: number): void {
		if (!Number.isFinite(price) || price <= 0) return;
		const at = roundToTick(price, this.instrument.tick);
		this.setTicket(
			edge === 'stop'
				? { orderClass: 'bracket', stopUnit: 'price', stopLoss: at }
				: { orderClass: 'bracket', targetUnit: 'price', takeProfit: at }
		);
	}

	/** The symbol the desk shows and trades now: the chosen one, else the session's first. */
	get activeSymbol(): string | null {
		const symbols = this.symbols;
		return this.#active !== null && symbols.includes(this.#active) ? this.#active : (symbols[0] ?? null);
	}

	/** Shows and trades another of the session's symbols; one it does not replay is refused. */
	setActiveSymbol(symbol: string): void {
		if (!this.symbols.includes(symbol)) {
			this.fail(`This session does not replay ${symbol}`);
			return;
		}
		this.#active = symbol;
	}

	/** The symbols of the open session, the primary first. */
	get symbols(): string[] {
		const desk = this.view.desk;
		if (!desk) return [];
		return desk.charts?.map((c) => c.symbol) ?? [desk.session.symbol];
	}

	/** The position in `symbol`, if the account has one. */
	positionOf(symbol: string): Position | null {
		return this.view.desk?.view.account.positions.find((p) => p.symbol === symbol) ?? null;
	}

	/** The latest revealed close of `symbol`, or null before its first bar. */
	lastPriceOf(symbol: string): number | null {
		const close = this.chartBars(symbol)?.close;
		return close && close.length ? close[close.length - 1]! : null;
	}

	/** A symbol's revealed bars as replayed, or null when the session does not replay it. */
	chartBars(symbol: string): ChartBars | null {
		const desk = this.view.desk;
		if (!desk) return null;
		if (symbol === desk.session.symbol) return desk.bars;
		return desk.charts?.find((c) => c.symbol === symbol)?.bars ?? null;
	}

	/** The timeframe the desk's charts show: null as replayed. */
	get timeframe(): Timeframe | null {
		return this.#timeframe;
	}

	/** Higher timeframes the session's bars can be shown in (the timeframe select's options). */
	get timeframes(): Timeframe[] {
		return this.view.desk ? higherTimeframes(this.view.desk.timeframeMs) : [];
	}

	/** Shows the charts in a higher timeframe (null: as replayed); a timeframe the bars cannot make is refused. */
	setTimeframe(timeframe: Timeframe | null): void {
		if (timeframe !== null && !this.timeframes.includes(timeframe)) {
			this.fail(`The session's bars cannot be shown as ${timeframe} bars`);
			return;
		}
		this.#timeframe = timeframe;
	}

	/**
	 * What a symbol's chart draws at the chosen timeframe, without look-ahead: the revealed bars
	 * grouped on the instrument's session (US equities' hours from 09:30 New York time, crypto's on
	 * UTC), the last bar still forming from the revealed bars only (`forming`). Null when the
	 * session does not replay the symbol.
	 */
	chartAt(symbol: string): { bars: ChartBars; forming: boolean; session: string } | null {
		const bars = this.chartBars(symbol);
		const desk = this.view.desk;
		if (!bars || !desk) return null;
		const session = marketSession(symbol);
		const timeframe = this.#timeframe;
		if (timeframe === null) return { bars, forming: false, session: session.label };
		const { bars: grouped, forming } = resampleRevealed(
			bars,
			timeframe,
			session,
			desk.view.now,
			desk.timeframeMs
		);
		return { bars: grouped, forming, session: session.label };
	}

	/** Goes back to `cursor` steps: the session as it stood then, later orders and fills taken back. */
	async rewind(cursor: number): Promise<void> {
		const id = this.id;
		if (!id || !this.running) return;
		this.pause();
		const answer = await this.#change(() => engine.paperRewind(id, cursor));
		if (answer) this.#view.set({ message: { tone: 'ok', text: `Back at bar ${answer.session.cursor}` } });
	}

	/** Steps back one bar (Backspace). */
	stepBack(): Promise<void> {
		const cursor = this.view.desk?.session.cursor ?? 0;
		if (cursor < 1) {
			this.fail('At the first bar: there is nothing to step back to');
			return Promise.resolve();
		}
		return this.rewind(cursor - 1);
	}

	/** Goes back to a wall time (`YYYY-MM-DDTHH:MM`, as a datetime-local input gives it) in the display zone. */
	async jumpBackTo(local: string): Promise<void> {
		const [date, time] = local.split('T');
		const [y, mo, d] = (date ?? '').split('-').map(Number);
		const [h, m] = (time ?? '').split(':').map(Number);
		const id = this.id;
		if (!id || !this.running) return;
		if (!y || !mo || !d || h === undefined || m === undefined || Number.isNaN(h) || Number.isNaN(m)) {
			this.fail(`"${local}" is not a date and time to go back to`);
			return;
		}
		const r = wallTimeToInstant(
			{ year: y, month: mo, day: d, hour: h, minute: m, second: 0, millisecond: 0 },
			displayZone.current
		);
		if (!r.ok) {
			this.fail(`"${local}" is not a time in ${displayZone.current}`);
			return;
		}
		this.pause();
		const answer = await this.#change(() => engine.paperRewindTo(id, r.value));
		if (answer) this.#view.set({ message: { tone: 'ok', text: `Back at bar ${answer.session.cursor}` } });
	}

	/** Takes back the last order, change or cancel made at this bar; the engine says why not otherwise. */
	async undo(): Promise<void> {
		const id = this.id;
		if (!id || !this.running) return;
		this.pause();
		const answer = await this.#change(() => engine.paperUndo(id));
		if (answer)
			this.#view.set({ message: { tone: 'ok', text: 'Undone: the last order action at this bar' } });
	}
	// ---- end of the replay block ----
}

export { PaperState };
export const paper = new PaperState();
