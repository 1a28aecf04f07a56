import type { ExecutionRecord } from './records';

/**
 * A stored execution: the record as imported, with its stable id (see identity.ts), the id of
 * the account it belongs to and the import that brought it.
 */
export interface Execution extends Omit<ExecutionRecord, 'kind' | 'accountNumber'> {
	id: string;
	accountId: string;
	importId: string;
}
