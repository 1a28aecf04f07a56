/** The paper desk: replay sessions of imported bars with the paper broker and the risk rules. */
import type { BrokerConfig } from '$lib/core/broker';
import type { Mode } from '$lib/core/model/mode';
import type { Order, PaperExecution } from '$lib/core/broker';
import type { ActionOutcome, PaperAction, PaperView, RiskRejection } from '$lib/core/paper/session';
import type { RiskConfig } from '$lib/core/risk';
import type { StrategyAttachment, StrategyDefinition } from '$lib/core/strategy';
import type { SignalKey, SignalOrigin } from '$lib/core/paper/signal-origin';
import type {
	FillLineage,
	SignalSubmission,
	StrategyLineage,
	TakenLineage
} from '$lib/core/strategy/lineage';

export type { FillLineage, SignalKey, SignalOrigin, SignalSubmission, StrategyLineage, TakenLineage };
import type { ChartBars } from './charts';

export interface StartPaperRequest {
	/** The primary symbol (the desk's first chart). */
	symbol: string;
	/**
	 * Every symbol to replay on one clock, `symbol` among them (it stays the primary; put first or
	 * not, duplicates are ignored). Absent or one symbol: a single-symbol session.
	 */
	symbols?: string[];
	/** The bars replayed: from ≤ time < to (epoch ms). */
	from: number;
	to: number;
	/** Broker settings; what is not given keeps DEFAULT_BROKER_CONFIG's value. */
	broker: Partial<BrokerConfig>;
	risk: RiskConfig;
}

export interface PaperSessionSummary {
	id: string;
	/** The primary symbol. */
	symbol: string;
	/** Every symbol replayed, the primary first (one for a single-symbol session). */
	symbols?: string[];
	from: number;
	to: number;
	status: 'running' | 'stopped';
	/** Steps taken (bars revealed, with one symbol). */
	cursor: number;
	/** Steps in the whole range: the session is finished when `cursor` reaches it. */
	bars: number;
	createdAt: number;
}

/** One symbol's chart of a desk: its bars revealed by this call, as `PaperDesk.bars` for the primary. */
export interface DeskChart {
	symbol: string;
	/** The index of `bars`' first bar among this symbol's revealed bars. */
	barsFrom: number;
	/** This symbol's revealed bars from `barsFrom` on. */
	bars: ChartBars;
}

/**
 * What the desk draws: the session, the bars revealed by this call (transferred) and the view.
 * Opening or starting a session sends every revealed bar (`barsFrom` 0); a step sends only the
 * bars it revealed, and an order none, so a step costs the same on the thousandth bar as on the
 * first. A desk holding fewer than `barsFrom` bars (another tab stepped) opens the session again.
 * A rewind or an undo sends every revealed bar again (`barsFrom` 0), fewer than the desk holds.
 */
export interface PaperDesk {
	session: PaperSessionSummary;
	timeframeMs: number;
	/** The index of `bars`' first bar among the primary symbol's revealed bars. */
	barsFrom: number;
	/** The primary symbol's revealed bars from `barsFrom` on. */
	bars: ChartBars;
	/** Every symbol's chart, the primary first (its `bars` the same as above). */
	charts?: DeskChart[];
	view: PaperView;
	risk: RiskConfig;
	broker: BrokerConfig;
	/** The strategy attached, with the ids of the orders it placed (in `view.orders`); null: none. */
	strategy?: DeskStrategy | null;
	/** The stored session's revision this desk shows (see PaperSessionRow.revision). */
	revision: number;
}

/**
 * What a desk holds, sent with a step, a jump or an action so the answer carries only what changed
 * since (see PaperDeskChange): the revision it shows and how much of each growing list it holds.
 */
export interface DeskMark {
	revision: number;
	/** Orders held; `open` are the indices of those not final yet (the only ones that can change). */
	orders: number;
	open: number[];
	executions: number;
	/** Equity points held (one per step). */
	equity: number;
	rejections: number;
}

/**
 * The view's changes since a desk's mark: the orders that changed (at their index; those from
 * `mark.orders` on are new), the executions, equity points and rejections added, and the small
 * parts whole. Its size does not grow with the session: a step costs the same at the end of a long
 * day as at its start.
 */
export interface PaperViewChanges extends Omit<PaperView, 'orders' | 'executions' | 'equity' | 'rejections'> {
	orders: { index: number; order: Order }[];
	executions: PaperExecution[];
	equity: number[];
	rejections: RiskRejection[];
}

/**
 * A desk answered with the changes since the mark the desk sent (its revision `base`): the desk
 * merges them into the view it holds (see src/lib/state/desk-view.ts). Only the strategy's new
 * order ids are sent.
 */
export interface PaperDeskChange extends Omit<PaperDesk, 'view'> {
	base: number;
	changes: PaperViewChanges;
}

/** A full desk (opening, going back, a desk behind) or the changes since the desk's mark. */
export type PaperDeskUpdate = PaperDesk | PaperDeskChange;

/** The strategy attached to a session, as the desk shows it. */
export interface DeskStrategy extends StrategyAttachment {
	/** Its orders among the session's. */
	orderIds: string[];
}

/**
 * What the desk can tell the attached strategy: start acting, pause (read bars only), stop
 * (cancel its working orders), or flatten in an emergency (cancel every working order, close
 * every position, stop the strategy).
 */
export type StrategyCommand = 'start' | 'pause' | 'stop' | 'flatten';

/** A journal trade a signal's executions are part of. */
export interface SignalOutcomeTrade {
	/** The trade page's id (`/trades/<id>`). */
	id: string;
	/** Still open (not back to flat), or closed. */
	open: boolean;
	/** Dollars after costs; for an open trade, what its closed part made. */
	netPnl: number;
	/** The session's execution ids (`x1`, in `executions`) that are part of it. */
	executionIds: string[];
}

/** What became of a signal in one paper session: a submission that came from it, and its trades. */
export interface SignalOutcome extends SignalSubmission {
	session: PaperSessionSummary;
	trades: SignalOutcomeTrade[];
}

export interface PaperApi {
	paperSessions(mode: Mode): Promise<PaperSessionSummary[]>;
	paperStart(mode: Mode, request: StartPaperRequest): Promise<PaperDesk>;
	paperOpen(mode: Mode, id: string): Promise<PaperDesk>;
	/**
	 * Reveals the next `count` bars. Given the desk's mark, the answer is the changes since it when
	 * the desk is current (a full desk when it is behind: another tab moved the session).
	 */
	paperStep(mode: Mode, id: string, count: number): Promise<PaperDesk>;
	paperStep(mode: Mode, id: string, count: number, since: DeskMark): Promise<PaperDeskUpdate>;
	/** Reveals bars up to a time; see paperStep for `since`. */
	paperJump(mode: Mode, id: string, time: number): Promise<PaperDesk>;
	paperJump(mode: Mode, id: string, time: number, since: DeskMark): Promise<PaperDeskUpdate>;
	/** Places, changes or cancels an order, or flattens: what the broker and the risk rules said. */
	paperAct(mode: Mode, id: string, action: PaperAction): Promise<{ outcome: ActionOutcome; desk: PaperDesk }>;
	paperAct(
		mode: Mode,
		id: string,
		action: PaperAction,
		since: DeskMark
	): Promise<{ outcome: ActionOutcome; desk: PaperDeskUpdate }>;
	paperStop(mode: Mode, id: string): Promise<PaperDesk>;
	/**
	 * Goes back to `cursor` steps (0 to the session's cursor): the session as if it had only ever
	 * been stepped that far, the actions taken after it dropped from the stored log and the
	 * executions after it from the journal. Sends every revealed bar (`barsFrom` 0).
	 */
	paperRewind(mode: Mode, id: string, cursor: number): Promise<PaperDesk>;
	/** Goes back until the last bar at or before `time` (epoch ms) is the latest; see paperRewind. */
	paperRewindTo(mode: Mode, id: string, time: number): Promise<PaperDesk>;
	/**
	 * Takes back the last order, change or cancel if it was taken at the current bar (before the
	 * next bar); refuses with the reason otherwise. Sends every revealed bar (`barsFrom` 0).
	 */
	paperUndo(mode: Mode, id: string): Promise<PaperDesk>;
	/** Attaches a strategy (paused until started); refused while another is attached and not stopped. */
	paperAttachStrategy(mode: Mode, id: string, definition: StrategyDefinition): Promise<PaperDesk>;
	paperStrategy(mode: Mode, id: string, command: StrategyCommand): Promise<PaperDesk>;
	/**
	 * The lineage of the paper orders a strategy placed (ids as stored with executions:
	 * `<session id>:<order id>`): signal, risk check, orders, executions; orders no strategy placed give none.
	 */
	paperLineage(mode: Mode, orderIds: string[]): Promise<FillLineage[]>;
	/**
	 * What became of a signal of the Signals page, across every stored paper session of its symbol
	 * whose range holds its bar: each submission taken from it (the ticket it filled) and each order
	 * a signal-generator strategy placed on its bar, with the risk check, orders, executions and the
	 * journal trades they are part of; newest session first. None: nothing came of it.
	 */
	paperSignalOutcome(mode: Mode, signal: SignalKey): Promise<SignalOutcome[]>;
	/** The risk limits a new session starts with: the last ones set (DEFAULT_RISK_CONFIG before). */
	paperRiskDefaults(mode: Mode): Promise<RiskConfig>;
	/** Keeps risk limits as the ones the next session starts with. */
	setPaperRiskDefaults(mode: Mode, risk: RiskConfig): Promise<void>;
	paperDelete(mode: Mode, id: string): Promise<boolean>;
}
