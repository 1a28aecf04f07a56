import type { ChangePreview, TradeBrief } from '$workers/contract';
import { describeExecution, describeTarget } from '$lib/core/trades/execution-edit';
import type { Mode } from '$lib/core/model/mode';
import { dateTime, money } from './money';

/** What a confirmation says about a change of one execution: the question and the trades it touches. */
export interface ChangeSummary {
	/** "Change execution 2025-10-13 10:01:02 BUY 100 AAPL @ 150.00 to @ 150.10 in real mode?" */
	question: string;
	/** One line per trade: "Trade AAPL long 2025-10-13 10:00:00: net P&L changes from 12.00 to 2.00". */
	trades: string[];
}

/**
 * The words of a confirmation for a previewed change (an edit, a revert to imported, or a
 * deletion), times in `zone`. Every trade that holds the execution now is named, both for an
 * execution that reversed the position, with its net P&L before and after.
 * @example changeSummary(preview, 'real', 'America/New_York').question
 * // "Change execution 2025-10-13 10:01:02 BUY 100 AAPL @ 150.00 to @ 150.10 in real mode?"
 */
export function changeSummary(preview: ChangePreview, mode: Mode, zone: string): ChangeSummary {
	const execution = describeExecution(preview.current, preview.symbol, zone);
	const question =
		preview.next === null
			? `Delete execution ${execution} in ${mode} mode?`
			: `Change execution ${execution} to ${describeTarget(preview.current, preview.next, zone).join(', ')} in ${mode} mode?`;
	const name = (t: TradeBrief) =>
		`Trade ${t.symbol} ${t.direction} ${dateTime(t.openTime, zone)}${t.open ? ' (open)' : ''}`;
	const trades: string[] = [];
	for (const before of preview.before) {
		const after = preview.after.find((t) => t.id === before.id);
		if (!after)
			trades.push(`${name(before)}: net P&L ${money(before.netPnl)}; it is no longer a trade of its own`);
		else if (after.netPnl === before.netPnl)
			trades.push(`${name(after)}: net P&L stays ${money(after.netPnl)}`);
		else
			trades.push(`${name(after)}: net P&L changes from ${money(before.netPnl)} to ${money(after.netPnl)}`);
	}
	for (const after of preview.after)
		if (!preview.before.some((t) => t.id === after.id))
			trades.push(`${name(after)} follows from it: net P&L ${money(after.netPnl)}`);
	return { question, trades };
}
