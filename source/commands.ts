import type {KrakenClient} from './kraken/client.js';
import {parsePair} from './kraken/pair-names.js';
import type {TapeStore} from './model/tape-store.js';
import {candleIntervals, type ApiVersion, type TapeCommands} from './model/types.js';

/** What the screen's keys do to the feed and the store: pairs added and removed live, and so on. */
export function createCommands(
	client: KrakenClient,
	store: TapeStore,
	api: ApiVersion,
): TapeCommands {
	return {
		parsePair: (text) => parsePair(text, api),
		addPair(pair) {
			store.addPair(pair);
			client.subscribe([pair]);
		},
		removePair(pair) {
			store.removePair(pair);
			client.unsubscribe([pair]);
		},
		clearPair: (pair) => store.clearPair(pair),
		dismissAlerts: () => store.dismissAlerts(),
		reconnect: () => client.reconnectNow(),
		stepCandleInterval(step) {
			const count = candleIntervals.length;
			const index = candleIntervals.indexOf(store.candleInterval);
			const interval = candleIntervals[(index + step + count) % count] ?? store.candleInterval;
			store.setCandleInterval(interval);
			client.setInterval(interval);
		},
	};
}
