import type {ApiVersion} from '../../source/model/types.js';
import {startExchangeServer, type ExchangeServer} from '../../source/simulator/exchange-server.js';
import {
	createSimulatedMarket,
	type SimulatedMarketOptions,
} from '../../source/simulator/simulated-market.js';
import type {TradeSource} from '../../source/simulator/trade-source.js';
import {connectRaw, type createCleanup, type RawClient} from './wait.js';

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
export function simulatorHarness(cleanup: ReturnType<typeof createCleanup>) {
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
