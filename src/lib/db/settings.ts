/**
 * A mode's settings: rows of its `meta` table, so they live in the mode's database and its
 * backups. Each setting is declared once here, with its key, how it is stored (objects as JSON
 * text, flags and counters as they are), its value when unset, and how a stored value is checked;
 * the engine reads and writes them only through readSetting and writeSetting.
 *
 * A stored value that does not pass its check reads as the value when unset, as the engine always
 * did: a setting the user cannot see must never make a page fail. Backups are checked harder
 * (backup-content.ts refuses broken JSON).
 */
import type { CommissionSchedule } from '$lib/core/costs';
import type { DefaultRisk } from '$lib/core/model/annotation';
import { DEFAULT_MATCH_SETTINGS, type MatchSettings } from '$lib/core/matching/types';
import { DEFAULT_RISK_CONFIG, RULE_ORDER, type RiskConfig } from '$lib/core/risk';
import { acceptPortfolios, type Portfolio } from '$lib/core/model/portfolio';
import { isCurrencyCode, validateFxRate, type FxRate } from '$lib/core/money/fx';
import type { FillbookDb } from './schema';

interface Setting<T> {
	/** The meta row's key. */
	key: string;
	/** Stored as JSON text (objects and lists), else as the value itself. */
	json: boolean;
	/** The value when the setting is unset, or stored unreadably. */
	unset: () => T;
	/** The value a stored one stands for; null when it is not one. */
	accept: (stored: unknown) => T | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every setting of a mode, by name, as the engine uses it. */
export interface SettingValues {
	matchSettings: MatchSettings;
	defaultRisk: DefaultRisk;
	pointValues: Record<string, number>;
	commissionSchedules: CommissionSchedule[];
	journalFirstTagStrategy: boolean;
	executionEditsVersion: number;
	startingEquity: number | null;
	paperRiskDefaults: RiskConfig;
	portfolios: Portfolio[];
	baseCurrency: string | null;
	fxRates: FxRate[];
}

export type SettingName = keyof SettingValues;

/** How each setting is stored and checked. */
export const SETTINGS: { [N in SettingName]: Setting<SettingValues[N]> } = {
	/** Matching's settings; what older versions did not store (per-day offsets) is filled in. */
	matchSettings: {
		key: 'matchSettings',
		json: true,
		unset: () => ({ ...DEFAULT_MATCH_SETTINGS }),
		accept: (v) => (isRecord(v) ? { ...DEFAULT_MATCH_SETTINGS, ...(v as Partial<MatchSettings>) } : null)
	},
	/** The risk a trade without its own gets (for R multiples). */
	defaultRisk: {
		key: 'defaultRisk',
		json: true,
		unset: (): DefaultRisk => ({ kind: 'none' }),
		accept: (v) =>
			isRecord(v) && (v.kind === 'money' || v.kind === 'percent' || v.kind === 'none')
				? (v as DefaultRisk)
				: null
	},
	/** Futures point values the user set, by root: `{ "ES": 50 }`; values that are not > 0 are left out. */
	pointValues: {
		key: 'pointValues',
		json: true,
		unset: (): Record<string, number> => ({}),
		accept: (v) =>
			isRecord(v)
				? Object.fromEntries(
						Object.entries(v).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0)
					)
				: null
	},
	/** The commission schedules; the costs they produce are derived with the trades. */
	commissionSchedules: {
		key: 'commissionSchedules',
		json: true,
		unset: (): CommissionSchedule[] => [],
		accept: (v) => (Array.isArray(v) ? (v as CommissionSchedule[]) : null)
	},
	/** Whether a journal trade's first tag is its strategy (on unless turned off). */
	journalFirstTagStrategy: {
		key: 'journalFirstTagStrategy',
		json: false,
		unset: () => true,
		accept: (v) => v !== false
	},
	/** The account's equity before the first trade, in dollars; null when the user has not said. */
	startingEquity: {
		key: 'startingEquity',
		json: false,
		unset: () => null,
		accept: (v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null)
	},
	/** Counts writes to executionEdits, so the trade cache's signature changes with every edit. */
	executionEditsVersion: {
		key: 'executionEditsVersion',
		json: false,
		unset: () => 0,
		accept: (v) => (typeof v === 'number' ? v : null)
	},
	/**
	 * The risk limits a new paper session starts with (the last ones the trader set). Each rule is
	 * taken when it is on or off with finite numbers, else it keeps its default.
	 */
	paperRiskDefaults: {
		key: 'paperRiskDefaults',
		json: true,
		unset: () => structuredClone(DEFAULT_RISK_CONFIG),
		accept: (v) => (isRecord(v) ? riskRules(v) : null)
	},
	/**
	 * The portfolios (groups of the mode's accounts), as saved: the well-formed entries. Accounts
	 * removed since stay stored and are left out where portfolios are read (engine-portfolios.ts).
	 */
	portfolios: {
		key: 'portfolios',
		json: true,
		unset: (): Portfolio[] => [],
		accept: acceptPortfolios
	},
	/** The currency totals in several currencies are converted into (ISO 4217); null: none, per currency only. */
	baseCurrency: {
		key: 'baseCurrency',
		// JSON text: a meta value is never null (backups check it), and "none" is a value here.
		json: true,
		unset: () => null,
		accept: (v) => (isCurrencyCode(v) ? v : null)
	},
	/** The FX rates the user typed (core/money/fx.ts); a stored list with any rate that fails its check reads as none. */
	fxRates: {
		key: 'fxRates',
		json: true,
		unset: (): FxRate[] => [],
		accept: (v) => {
			if (!Array.isArray(v)) return null;
			const out: FxRate[] = [];
			for (const x of v) {
				const checked = isRecord(x) ? validateFxRate(x) : null;
				if (!checked?.ok) return null;
				out.push(checked.value);
			}
			return out;
		}
	}
};

/** Stored risk limits rule by rule over the defaults: a rule that is not readable keeps its default. */
function riskRules(stored: Record<string, unknown>): RiskConfig {
	const risk = structuredClone(DEFAULT_RISK_CONFIG);
	for (const id of RULE_ORDER) {
		const rule = stored[id];
		if (!isRecord(rule) || typeof rule.enabled !== 'boolean') continue;
		const numbers = Object.entries(rule).filter(([, x]) => typeof x === 'number');
		if (!numbers.every(([, x]) => Number.isFinite(x))) continue;
		Object.assign(risk[id], { enabled: rule.enabled }, Object.fromEntries(numbers));
		if (id === 'drawdown' && (rule.unit === 'percent' || rule.unit === 'money'))
			risk.drawdown.unit = rule.unit;
	}
	return risk;
}

/** A setting's value: as stored when it passes its check, else its value when unset. */
export async function readSetting<N extends SettingName>(db: FillbookDb, name: N): Promise<SettingValues[N]> {
	const setting: Setting<SettingValues[N]> = SETTINGS[name];
	const row = await db.meta.get(setting.key);
	if (row === undefined) return setting.unset();
	let stored: unknown = row.value;
	if (setting.json) {
		if (typeof stored !== 'string') return setting.unset();
		try {
			stored = JSON.parse(stored);
		} catch {
			return setting.unset();
		}
	}
	return setting.accept(stored) ?? setting.unset();
}

/** Stores a setting's value (inside the caller's transaction, if any). */
export async function writeSetting<N extends SettingName>(
	db: FillbookDb,
	name: N,
	value: SettingValues[N]
): Promise<void> {
	const setting: Setting<SettingValues[N]> = SETTINGS[name];
	await db.meta.put({
		key: setting.key,
		value: setting.json ? JSON.stringify(value) : (value as string | number | boolean)
	});
}

/** The stored form of a setting (its text, or '' when unset): changes whenever the setting does. */
export async function settingStamp(db: FillbookDb, name: SettingName): Promise<string> {
	return String((await db.meta.get(SETTINGS[name].key))?.value ?? '');
}
