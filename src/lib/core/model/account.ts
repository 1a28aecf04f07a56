/**
 * An account is where executions happen: a broker plus the account number at that broker.
 * Several accounts at several brokers on the same day are normal; the pair identifies one.
 */
export interface Account {
	/** Stable id derived from broker and number (see accountId). */
	readonly id: string;
	/** Broker or platform as the user names it, e.g. "DAS Trader", "Interactive Brokers". */
	readonly broker: string;
	/** Account number exactly as the broker writes it, e.g. "TRIB5621". */
	readonly number: string;
	/** ISO 4217 currency of the account's cash and P&L, e.g. "USD". */
	readonly currency: string;
	/** Optional nickname shown beside the number. */
	readonly label: string;
	/** When the account was added; epoch ms, UTC. */
	readonly createdAt: number;
}

/** What a user types to add an account. */
export interface AccountInput {
	broker: string;
	number: string;
	currency: string;
	label?: string;
}

/** A field-level problem with an account input. */
export interface FieldError {
	field: keyof AccountInput;
	message: string;
}

/**
 * The id of the account a broker/number pair names. Case and surrounding blanks in the broker
 * name do not make a second account; the account number keeps its case, as brokers print it.
 * @example accountId('DAS Trader ', 'TRIB5621') // 'das trader|TRIB5621'
 */
export function accountId(broker: string, number: string): string {
	return `${broker.trim().replace(/\s+/g, ' ').toLowerCase()}|${number.trim()}`;
}

/**
 * Checks an account input and returns it cleaned (trimmed, currency upper-cased), or the list
 * of problems. Nothing is defaulted: a missing currency is an error, not "USD".
 * @example validateAccountInput({ broker: 'DAS', number: 'TR1', currency: 'usd' })
 * // { ok: true, value: { broker: 'DAS', number: 'TR1', currency: 'USD', label: '' } }
 */
export function validateAccountInput(
	input: AccountInput
): { ok: true; value: Required<AccountInput> } | { ok: false; errors: FieldError[] } {
	const broker = input.broker.trim().replace(/\s+/g, ' ');
	const number = input.number.trim();
	const currency = input.currency.trim().toUpperCase();
	const label = (input.label ?? '').trim();
	const errors: FieldError[] = [];
	if (broker === '') errors.push({ field: 'broker', message: 'Broker is required.' });
	else if (broker.length > 80)
		errors.push({ field: 'broker', message: 'Broker is longer than 80 characters.' });
	if (number === '') errors.push({ field: 'number', message: 'Account number is required.' });
	else if (number.length > 64)
		errors.push({ field: 'number', message: 'Account number is longer than 64 characters.' });
	if (!/^[A-Z]{3}$/.test(currency))
		errors.push({ field: 'currency', message: 'Currency must be a three-letter ISO code such as USD.' });
	if (label.length > 80) errors.push({ field: 'label', message: 'Label is longer than 80 characters.' });
	return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { broker, number, currency, label } };
}
