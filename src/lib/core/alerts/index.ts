/**
 * The alert inbox's pure core: read alerts from pasted text, a shared text or a TradingView
 * alert-log export (`parseAlerts`), check their HMAC signatures (`checkSignature`), and let each
 * through the source's gate (`admit`: signature, duplicate, stale, rate limit) with a verdict for
 * its audit row. The engine keeps one `GateState` per source; nothing here reads a clock or a
 * database. The schema, the canonical form and the rules are in docs/alerts.md.
 */
export { csvRows, type CsvRow } from './csv-rows';
export {
	admit,
	admitAll,
	checkSignature,
	contentKey,
	createGate,
	DEFAULT_DEDUPE_WINDOW_MS,
	DEFAULT_SOURCE_SETTINGS,
	describeVerdict,
	formatDuration,
	withSettings,
	type FirstSeen,
	type GateInput,
	type GateState,
	type Refusal,
	type SourceSettings,
	type Verdict
} from './gate';
export { parseAlerts, type ParseAlertsOptions } from './parse';
export {
	canonicalPayload,
	hmacSha256Hex,
	signPayload,
	timingSafeEqual,
	verifySignature,
	type SignatureCheck
} from './signature';
export type {
	Alert,
	AlertAction,
	AlertEntry,
	AlertInputFormat,
	AlertLocation,
	AlertOrderType,
	AlertPayload,
	AlertProblem,
	JsonValue,
	ParsedAlerts
} from './types';
export {
	ALERT_ACTIONS,
	ALERT_FIELDS,
	ALERT_ORDER_TYPES,
	findPlaceholder,
	ORDER_PRICES,
	parseAlertTime,
	validatePayload,
	type ValidateOptions
} from './validate';
