/**
 * The alert inbox's vocabulary: a payload as it arrives (`AlertPayload`, plain JSON), what it
 * means once checked (`Alert`), and where in the pasted text or file each one came from.
 */

/** A JSON value as `JSON.parse` returns it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One alert's JSON object exactly as received: what its signature covers (see `canonicalPayload`). */
export type AlertPayload = { [key: string]: JsonValue };

/**
 * What an alert asks for: `buy` and `sell` open or add (a sell with no long position opens a
 * short); `close` closes the position in the symbol (all of it, or `quantity`); `flatten` closes
 * every position (only the symbol's when one is given) and cancels working orders.
 */
export type AlertAction = 'buy' | 'sell' | 'close' | 'flatten';

/** The order types an alert can ask for, and the prices each needs (see `ORDER_PRICES`). */
export type AlertOrderType = 'market' | 'limit' | 'stop' | 'stop-limit';

/** A checked alert: every number finite and in bounds, every rule of the schema met. */
export interface Alert {
	/** The symbol as written (trimmed); null only for a `flatten` of every symbol. */
	symbol: string | null;
	action: AlertAction;
	/**
	 * Whole shares or contracts, above zero. For buy/sell exactly one of `quantity` and `risk`;
	 * for close, null means the whole position; for flatten always null.
	 */
	quantity: number | null;
	/**
	 * Money at risk, in the account's currency, above zero: the order is sized as
	 * `floor(risk / |entry − stopLoss|)` by the risk manager, so a risk needs a `stopLoss`.
	 */
	risk: number | null;
	orderType: AlertOrderType;
	/** Price per share; present exactly when the order type needs it (limit, stop-limit). */
	limitPrice: number | null;
	/** Trigger price per share; present exactly when the order type needs it (stop, stop-limit). */
	stopPrice: number | null;
	/** Protective stop-loss price per share for the position the order opens. */
	stopLoss: number | null;
	/** Take-profit price per share for the position the order opens. */
	takeProfit: number | null;
	/** The price the sender saw when the alert fired (TradingView's `{{close}}`): a price source. */
	price: number | null;
	/** A tag naming the strategy that sent it. */
	strategy: string | null;
	/** When the alert fired: epoch ms, UTC; null when neither the payload nor the log says. */
	time: number | null;
	/** The sender's id for the alert: the same id is accepted once, ever (per source). */
	id: string | null;
	/** The HMAC-SHA256 the sender put in the payload (lower-case hex), or null. */
	signature: string | null;
	/** Free text carried to the journal note. */
	comment: string | null;
}

/** Where an alert was in the input: enough to point the user at it. */
export interface AlertLocation {
	/** 1-based position of the alert in the input (the n-th object, array element or CSV row). */
	position: number;
	/** 1-based line of the text where the alert starts. */
	line: number;
	/** For a TradingView log export: the 1-based data row (the header is row 0). */
	row: number | null;
	/** The source the caller named (a file name, "paste", "share"), or null. */
	source: string | null;
	/** How people read it: `alert 3 (line 7)`, `CSV row 2 (line 3)`. */
	label: string;
}

/** One problem with one alert: which field (null when the alert as a whole) and why. */
export interface AlertProblem {
	field: string | null;
	reason: string;
}

/** One alert of the input: where it was, its raw payload (if it was JSON), and its check. */
export type AlertEntry = AlertLocation & {
	/** The JSON object as received, or null when the text was not a JSON object. */
	payload: AlertPayload | null;
} & ({ ok: true; alert: Alert } | { ok: false; problems: AlertProblem[] });

/** Which way the input was read. */
export type AlertInputFormat = 'json' | 'json-array' | 'json-lines' | 'tradingview-csv' | 'empty';

/** What `parseAlerts` found: every alert, in the order they should be admitted. */
export interface ParsedAlerts {
	format: AlertInputFormat;
	entries: AlertEntry[];
	/** Problems with the input as a whole (nothing found, text between objects, a broken header). */
	problems: string[];
}
