import type {StatusChange, SubscriptionChange} from '../../source/kraken/client-events.js';
import type {KrakenClient} from '../../source/kraken/client.js';
import type {TradeGap, TradeRenumbering} from '../../source/model/trade-deduplicator.js';
import type {ConnectionState, SubscriptionState, Trade} from '../../source/model/types.js';

/** Everything a client emitted, in arrays a test can poll. */
export type ClientLog = {
	trades: Trade[];
	states: ConnectionState[];
	statuses: StatusChange[];
	subscriptions: SubscriptionChange[];
	unrecognised: Array<{reason: string; count: number}>;
	notices: string[];
	gaps: TradeGap[];
	renumberings: TradeRenumbering[];
	/** When each state was entered, parallel to `states`. */
	stateTimes: number[];
};

export function recordEvents(client: KrakenClient): ClientLog {
	const log: ClientLog = {
		trades: [],
		states: [],
		statuses: [],
		subscriptions: [],
		unrecognised: [],
		notices: [],
		gaps: [],
		renumberings: [],
		stateTimes: [],
	};
	client.on('trades', (trades) => log.trades.push(...trades));
	client.on('state', (state) => {
		log.states.push(state);
		log.stateTimes.push(Date.now());
	});
	client.on('status', (status) => log.statuses.push(status));
	client.on('subscription', (change) => log.subscriptions.push(change));
	client.on('unrecognised', (reason, count) => log.unrecognised.push({reason, count}));
	client.on('notice', (message) => log.notices.push(message));
	client.on('gap', (gap) => log.gaps.push(gap));
	client.on('renumbered', (renumbering) => log.renumberings.push(renumbering));
	return log;
}

export type ReconnectingState = Extract<ConnectionState, {kind: 'reconnecting'}>;

export function reconnectingStates(log: ClientLog): ReconnectingState[] {
	return log.states.filter((state): state is ReconnectingState => state.kind === 'reconnecting');
}

export function stateKinds(log: ClientLog): Array<ConnectionState['kind']> {
	return log.states.map((state) => state.kind);
}

/** Each wanted pair's trade subscription state, by pair. */
export function tradeStates(client: KrakenClient): ReadonlyMap<string, SubscriptionState> {
	const trades = client.subscriptions.filter((entry) => entry.channel === 'trade');
	return new Map(trades.map((entry) => [entry.pair, entry.state]));
}
