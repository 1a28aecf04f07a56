/** The paper desk: replay sessions of imported bars with the paper broker and the risk rules. */
import type { BrokerConfig } from '$lib/core/broker';
import type { Mode } from '$lib/core/model/mode';
import type { ActionOutcome, PaperAction, PaperView } from '$lib/core/paper/session';
import type { RiskConfig } from '$lib/core/risk';
import type { ChartBars } from './charts';

export interface StartPaperRequest {
	symbol: string;
	/** The bars replayed: from ≤ time < to (epoch ms). */
	from: number;
	to: number;
	/** Broker settings; what is not given keeps DEFAULT_BROKER_CONFIG's value. */
	broker: Partial<BrokerConfig>;
	risk: RiskConfig;
}

export interface PaperSessionSummary {
	id: string;
	symbol: string;
	from: number;
	to: number;
	status: 'running' | 'stopped';
	cursor: number;
	bars: number;
	createdAt: number;
}

/**
 * What the desk draws: the session, the bars revealed by this call (transferred) and the view.
 * Opening or starting a session sends every revealed bar (`barsFrom` 0); a step sends only the
 * bars it revealed, and an order none, so a step costs the same on the thousandth bar as on the
 * first. A desk holding fewer than `barsFrom` bars (another tab stepped) opens the session again.
 */
export interface PaperDesk {
	session: PaperSessionSummary;
	timeframeMs: number;
	/** The index of `bars`' first bar among the session's revealed bars. */
	barsFrom: number;
	/** The revealed bars from `barsFrom` to the session's cursor. */
	bars: ChartBars;
	view: PaperView;
	risk: RiskConfig;
	broker: BrokerConfig;
}

export interface PaperApi {
	paperSessions(mode: Mode): Promise<PaperSessionSummary[]>;
	paperStart(mode: Mode, request: StartPaperRequest): Promise<PaperDesk>;
	paperOpen(mode: Mode, id: string): Promise<PaperDesk>;
	/** Reveals the next `count` bars. */
	paperStep(mode: Mode, id: string, count: number): Promise<PaperDesk>;
	/** Reveals bars up to a time. */
	paperJump(mode: Mode, id: string, time: number): Promise<PaperDesk>;
	/** Places, changes or cancels an order, or flattens: what the broker and the risk rules said. */
	paperAct(mode: Mode, id: string, action: PaperAction): Promise<{ outcome: ActionOutcome; desk: PaperDesk }>;
	paperStop(mode: Mode, id: string): Promise<PaperDesk>;
	/** The risk limits a new session starts with: the last ones set (DEFAULT_RISK_CONFIG before). */
	paperRiskDefaults(mode: Mode): Promise<RiskConfig>;
	/** Keeps risk limits as the ones the next session starts with. */
	setPaperRiskDefaults(mode: Mode, risk: RiskConfig): Promise<void>;
	paperDelete(mode: Mode, id: string): Promise<boolean>;
}
