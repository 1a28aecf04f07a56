/**
 * Rebuilding a broker from its action log. The log is plain JSON, so it can be stored as facts
 * (paper orders are facts; the broker's state is a view of them) and replayed to the same state.
 */

import { PaperBroker } from './paper-broker';
import type { BrokerConfig, BrokerEvent, BrokerSnapshot } from './types';

/** Applies one logged event to a broker. */
export function applyEvent(broker: PaperBroker, event: BrokerEvent): void {
	switch (event.kind) {
		case 'bar':
			broker.onBar(event.bar);
			return;
		case 'submit':
			broker.submit(event.request, event.time);
			return;
		case 'modify':
			broker.modify(event.orderId, event.changes, event.time);
			return;
		case 'cancel':
			broker.cancel(event.orderId, event.time);
			return;
		case 'end_session':
			broker.endSession(event.time);
			return;
		case 'flatten_all':
			broker.flattenAll(event.time);
	}
}

/**
 * A new broker with `config`, driven through `events` in order; its plain-data snapshot.
 * The same config and events always give an identical snapshot.
 * @example
 * replayActions({ startingCash: 1000 }, [
 * 	{ kind: 'bar', bar: bar0 },
 * 	{ kind: 'submit', time: bar0.time, request: { symbol: 'X', side: 'buy', quantity: 1, type: 'market' } },
 * 	{ kind: 'bar', bar: bar1 }
 * ]).executions[0].price; // bar1.open
 */
export function replayActions(config: Partial<BrokerConfig>, events: readonly BrokerEvent[]): BrokerSnapshot {
	const broker = new PaperBroker(config);
	for (const event of events) applyEvent(broker, event);
	return broker.snapshot();
}
