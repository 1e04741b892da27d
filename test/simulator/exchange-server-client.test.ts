import {afterEach, describe, expect, test} from 'vitest';
import type {ApiVersion, Trade} from '../../source/model/types.js';
import {startExchangeServer, type ExchangeServer} from '../../source/simulator/exchange-server.js';
import {createSimulatedMarket} from '../../source/simulator/simulated-market.js';
import {createCleanup} from '../helpers/cleanup.js';
import {reconnectingStates, tradeStates} from '../helpers/client-log.js';
import {eventually, pause} from '../helpers/eventually.js';
import {fastOptions, startClient} from '../helpers/test-client.js';

const cleanup = createCleanup();
afterEach(() => cleanup.run());

type Setup = Readonly<{api: ApiVersion; bitcoin: string; foreign: string; wrongName: string}>;

const setups: Setup[] = [
	// `foreign` is a name the other API uses: v2 refuses v1's XBT, v1 has no DOGE.
	{api: 'v1', bitcoin: 'XBT/USD', foreign: 'FOO/USD', wrongName: 'DOGE/USD'},
	{api: 'v2', bitcoin: 'BTC/USD', foreign: 'FOO/USD', wrongName: 'XBT/USD'},
];

async function simulate(): Promise<ExchangeServer> {
	const server = await startExchangeServer({
		source: createSimulatedMarket({seed: 1, rateMultiplier: 20}),
	});
	cleanup.add(() => server.close());
	return server;
}

const urlFor = (server: ExchangeServer, api: ApiVersion) =>
	`${server.url}${api === 'v1' ? '/' : '/v2'}`;

const pairsOf = (trades: readonly Trade[]) => new Set(trades.map((trade) => trade.pair));

describe.each(setups)(
	'exchange-server with a $api client',
	({api, bitcoin, foreign, wrongName}) => {
		const pairs = [bitcoin, 'ETH/USD'];

		test('streams trades in the api naming to a subscribed client', async () => {
			const server = await simulate();
			const {client, log} = startClient(cleanup, {url: urlFor(server, api), api, pairs});
			await eventually(() => expect(pairsOf(log.trades)).toEqual(new Set(pairs)));
			expect(client.state.kind).toBe('subscribed');
			expect(log.subscriptions).toEqual(
				pairs.map((pair) => ({channel: 'trade', pair, state: 'subscribed'})),
			);
			expect(log.statuses).toEqual([
				{
					status: 'online',
					version: api === 'v1' ? '1.9.1-kraken-tape-simulator' : '2.0.10-kraken-tape-simulator',
					connectionId: '13834774380200032777',
					isSimulated: true,
				},
			]);
			expect(log.unrecognised).toEqual([]);
			for (const trade of log.trades) {
				expect(trade.price).toBeGreaterThan(0);
				expect(trade.volume).toBeGreaterThan(0);
				// The v2 snapshot reaches back over the simulator's minute of warm-up history.
				expect(trade.time).toBeGreaterThan(Date.now() - 61_000);
				expect(trade.time).toBeLessThanOrEqual(Date.now() + 1000);
				expect(trade.tradeId === undefined).toBe(api === 'v1');
			}
		});

		test('reports refused pairs with the simulator words', async () => {
			const server = await simulate();
			const {log} = startClient(cleanup, {
				url: urlFor(server, api),
				api,
				pairs: [bitcoin, foreign, wrongName],
			});
			await eventually(() =>
				expect(log.subscriptions.filter((change) => change.state === 'error')).toEqual([
					{
						channel: 'trade',
						pair: foreign,
						state: 'error',
						message: `Currency pair not supported ${foreign}`,
					},
					{
						channel: 'trade',
						pair: wrongName,
						state: 'error',
						message: `Currency pair not supported ${wrongName}`,
					},
				]),
			);
			await eventually(() => expect(pairsOf(log.trades)).toEqual(new Set([bitcoin])));
		});

		test('a refused pair removed leaves nothing behind: no unsubscribe, no words, its name is the simulator', async () => {
			const server = await simulate();
			const {client, log} = startClient(cleanup, {
				url: urlFor(server, api),
				api,
				pairs: [bitcoin, foreign],
			});
			const frames: string[] = [];
			client.on('frame', (text) => frames.push(text));
			await eventually(() => expect(tradeStates(client).get(foreign)).toBe('error'));
			expect(client.sourceName).toBe('simulator');
			client.unsubscribe([foreign]);
			const count = log.trades.length;
			await eventually(() => expect(log.trades.length).toBeGreaterThan(count + 5));
			expect(log.notices).toEqual([]);
			expect(frames.filter((text) => text.includes(foreign))).toHaveLength(1);
			expect(client.state.kind).toBe('subscribed');
			client.unsubscribe([bitcoin]);
			await eventually(() => expect(client.state.kind).toBe('idle'));
		});

		test('resubscribes after the simulator drops it and shows no trade twice', async () => {
			const server = await simulate();
			const {client, log} = startClient(cleanup, {url: urlFor(server, api), api, pairs});
			await eventually(() => expect(log.trades.length).toBeGreaterThan(20));

			server.dropConnections(1001);
			await eventually(() => expect(reconnectingStates(log)).toHaveLength(1));
			expect(reconnectingStates(log)[0]?.reason).toBe('server going away (1001)');
			await eventually(() => expect(client.state.kind).toBe('subscribed'));
			const countAfterReconnect = log.trades.length;
			await eventually(() => expect(log.trades.length).toBeGreaterThan(countAfterReconnect + 20));
			expect(server.connectionCount()).toBe(1);

			if (api === 'v2') {
				// The v2 snapshot on resubscribe repeats trades already shown: all dropped by id.
				expect(client.counts.duplicates).toBeGreaterThan(0);
				for (const pair of pairs) {
					const ids = log.trades
						.filter((trade) => trade.pair === pair)
						.map((trade) => trade.tradeId ?? 0);
					expect(ids).toEqual([...ids].sort((a, b) => a - b));
					expect(new Set(ids).size).toBe(ids.length);
				}
			}
		});

		test('maintenance stops the trades and slows the next reconnect', async () => {
			const server = await simulate();
			const {log} = startClient(cleanup, {url: urlFor(server, api), api, pairs});
			await eventually(() => expect(log.trades.length).toBeGreaterThan(0));

			server.setSystemStatus('maintenance');
			await eventually(() => expect(log.statuses.at(-1)?.status).toBe('maintenance'));
			const count = log.trades.length;
			await pause(300);
			expect(log.trades.length).toBe(count);

			server.dropConnections();
			await eventually(() => expect(reconnectingStates(log)).toHaveLength(1));
			expect(reconnectingStates(log)[0]?.delayMs).toBeGreaterThanOrEqual(
				fastOptions.backoff.slowFloorMs,
			);
		});

		test('unsubscribe at runtime stops a pair and the simulator acks it', async () => {
			const server = await simulate();
			const {client, log} = startClient(cleanup, {url: urlFor(server, api), api, pairs});
			await eventually(() => expect(pairsOf(log.trades)).toEqual(new Set(pairs)));

			client.unsubscribe(['ETH/USD']);
			const frames: string[] = [];
			client.on('frame', (text) => frames.push(text));
			await eventually(() =>
				expect(
					frames.some((text) => text.includes('unsubscribe') && text.includes('ETH/USD')),
				).toBe(true),
			);
			const count = log.trades.length;
			await eventually(() => expect(log.trades.length).toBeGreaterThan(count + 10));
			expect(pairsOf(log.trades.slice(count))).toEqual(new Set([bitcoin]));
			expect(log.notices).toEqual([]);
		});
	},
);
