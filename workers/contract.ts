/**
 * The contract between the UI and the engine: every type that crosses the worker boundary, and
 * the engine's API as one interface composed of one interface per domain. Types only, so a page
 * importing it pulls no engine code. The UI imports worker types from here and nowhere else
 * (lint enforces it); the engine's handler modules implement these interfaces (see engine-api.ts).
 */
import type { AlertsApi } from './contract/alerts';
import type { BackupApi } from './contract/backup';
import type { BarSourcesApi } from './contract/bar-sources';
import type { ChartsApi } from './contract/charts';
import type { CostsApi } from './contract/costs';
import type { CurrenciesApi } from './contract/currencies';
import type { ImportsApi } from './contract/imports';
import type { InstrumentsApi } from './contract/instruments';
import type { JournalApi } from './contract/journal';
import type { LevelsApi } from './contract/levels';
import type { MatchingApi } from './contract/matching';
import type { PaperApi } from './contract/paper';
import type { PortfoliosApi } from './contract/portfolios';
import type { PositionsApi } from './contract/positions';
import type { ReconcileApi } from './contract/reconcile';
import type { ReportsApi } from './contract/reports';
import type { ScansApi } from './contract/scans';
import type { SearchApi } from './contract/search';
import type { StorageApi } from './contract/storage';
import type { PromotionApi, StrategyApi } from './contract/strategy';
import type { SweepApi } from './contract/sweep';
import type { TradesApi } from './contract/trades';

export type * from './contract/alerts';
export type * from './contract/backup';
export type * from './contract/bar-sources';
export type * from './contract/charts';
export type * from './contract/costs';
export type * from './contract/currencies';
export type * from './contract/imports';
export type * from './contract/instruments';
export type * from './contract/journal';
export type * from './contract/levels';
export type * from './contract/matching';
export type * from './contract/paper';
export type * from './contract/portfolios';
export type * from './contract/positions';
export type * from './contract/reconcile';
export type * from './contract/reports';
export type * from './contract/scans';
export type * from './contract/search';
export type * from './contract/storage';
export type * from './contract/strategy';
export type * from './contract/sweep';
export type * from './contract/sync';
export type * from './contract/trades';

/** The engine worker's whole API: every method takes the mode first (bound by the UI's bridge). */
export interface EngineApi
	extends
		ImportsApi,
		TradesApi,
		MatchingApi,
		JournalApi,
		BackupApi,
		ReportsApi,
		ChartsApi,
		BarSourcesApi,
		PaperApi,
		CostsApi,
		StrategyApi,
		PromotionApi,
		StorageApi,
		SweepApi,
		AlertsApi,
		LevelsApi,
		ScansApi,
		SearchApi,
		PositionsApi,
		InstrumentsApi,
		ReconcileApi,
		PortfoliosApi,
		CurrenciesApi {}
