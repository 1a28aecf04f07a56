/**
 * Costs: commission rules shared by the paper broker and by the commission schedules of
 * imported executions, and the exact decimal amounts they are computed in.
 */
export {
	commissionOf,
	orderCommissionCents,
	type CommissionAmount,
	type CommissionModel
} from './commission';
export { Exact } from './exact';
export * from './schedule';
