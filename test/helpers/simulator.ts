import type {ApiVersion} from '../../source/model/types.js';
import {startExchangeServer, type ExchangeServer} from '../../source/simulator/exchange-server.js';
import {listedPairs, type ListedPair} from '../../source/simulator/pair-catalog.js';
import type {RequestResult} from '../../source/simulator/requests.js';
import {
	applyChanges,
	noSubscriptions,
	type Subscriptions,
} from '../../source/simulator/subscriptions.js';
import {
	createSimulatedMarket,
	type SimulatedMarketOptions,
} from '../../source/simulator/simulated-market.js';
import type {TradeSource} from '../../source/simulator/trade-source.js';
import type {Cleanup} from './cleanup.js';
import {connectRaw, type RawClient} from './raw-client.js';

/** Shared by the simulator's tests: a simulated exchange on port 0 and raw clients of it. */

export type Simulator = Readonly<{server: ExchangeServer; source: TradeSource}>;

export type Json = Record<string, unknown>;

export const parse = (text: string): Json => JSON.parse(text) as Json;

export const urlFor = (server: ExchangeServer, api: ApiVersion) =>
	`${server.url}${api === 'v1' ? '/' : '/v2'}`;

export const subscribeV1 = (pairs: readonly string[], reqid = 1) => ({
	event: 'subscribe',
	pair: pairs,
	subscription: {name: 'trade'},
	reqid,
});

export const subscribeV2 = (symbols: readonly string[], snapshot: boolean, reqId = 1) => ({
	method: 'subscribe',
	params: {channel: 'trade', symbol: symbols, snapshot},
	req_id: reqId,
});

/** Starting and connecting, with everything closed by the test file's cleanup. */
export function simulatorHarness(cleanup: Cleanup) {
	return {
		async simulate(options: SimulatedMarketOptions = {seed: 1}): Promise<Simulator> {
			const source = createSimulatedMarket(options);
			const server = await startExchangeServer({source});
			cleanup.add(() => server.close());
			return {server, source};
		},
		async connect(server: ExchangeServer, api: ApiVersion): Promise<RawClient> {
			const client = await connectRaw(urlFor(server, api), cleanup);
			// Every connection starts with a status frame.
			await client.waitFor(() => true);
			return client;
		},
	};
}

/** A listed pair by its v2 symbol; throws for a pair the catalog does not list. */
export function listedPair(
	symbol: string,
	catalog: readonly ListedPair[] = listedPairs,
): ListedPair {
	const pair = catalog.find((listed) => listed.symbol === symbol);
	if (!pair) {
		throw new Error(`${symbol} is not listed`);
	}

	return pair;
}

/** Trade subscriptions to `symbols` (v2 names), with the v1 channel ids the handlers give. */
export function tradeSubscriptions(
	symbols: readonly string[],
	catalog: readonly ListedPair[] = listedPairs,
): Subscriptions {
	return applyChanges(
		noSubscriptions,
		symbols.map((symbol) => {
			const pair = listedPair(symbol, catalog);
			const channelId = 300 + catalog.indexOf(pair);
			return {kind: 'subscribe', subscription: {channel: 'trade', pair, parameters: {}, channelId}};
		}),
	);
}

/**
 * A request handler's result in a table's terms: frames verbatim, a snapshot as
 * `snapshot trade BTC/USD`, a change as `+trade BTC/USD 300 {"snapshot":true}` or `-trade BTC/USD`.
 */
export function describeResult({replies, changes}: RequestResult) {
	return {
		replies: replies.map((reply) =>
			reply.kind === 'frame'
				? reply.text
				: `snapshot ${reply.subscription.channel} ${reply.subscription.pair.symbol}`,
		),
		changes: changes.map((change) => {
			if (change.kind === 'unsubscribe') {
				return `-${change.channel} ${change.pair.symbol}`;
			}

			const {channel, pair, channelId, parameters} = change.subscription;
			return `+${channel} ${pair.symbol} ${channelId} ${JSON.stringify(parameters)}`;
		}),
	};
}
