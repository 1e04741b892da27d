import {createServer, type IncomingMessage} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, expect, test} from 'vitest';
import type {KrakenClient} from '../../source/kraken/client.js';
import {candleWaitMs} from '../../source/kraken/rest-history.js';
import type {Candle} from '../../source/model/types.js';
import {startExchangeServer} from '../../source/simulator/exchange-server.js';
import {createSimulatedMarket} from '../../source/simulator/simulated-market.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually, pause} from '../helpers/eventually.js';
import {listedPair, urlFor} from '../helpers/simulator.js';
import {startClient} from '../helpers/test-client.js';

// The chart's history from REST goes out before the feed's candles: the feed's wait for it (a
// bounded while), so a chart's first picture is the history with the live candle on it.

const cleanup = createCleanup();
afterEach(() => cleanup.run());

const names = {v1: 'XBT/USD', v2: 'BTC/USD'} as const;

type CandleNews = Readonly<{candles: readonly Candle[]; isSnapshot: boolean; at: number}>;

function recordCandles(client: KrakenClient): CandleNews[] {
	const news: CandleNews[] = [];
	client.on('candles', (candles, isSnapshot) =>
		news.push({candles, isSnapshot, at: performance.now()}),
	);
	return news;
}

async function exchange() {
	const source = createSimulatedMarket({seed: 5, pairs: [listedPair('BTC/USD')]});
	const server = await startExchangeServer({source});
	cleanup.add(() => server.close());
	return server;
}

/** A REST server that takes every request and never answers it. */
async function silentRest(): Promise<string> {
	const held: IncomingMessage[] = [];
	const server = createServer((request) => held.push(request));
	await new Promise<void>((resolve) => {
		server.listen(0, '127.0.0.1', resolve);
	});
	cleanup.add(async () => {
		server.closeAllConnections();
		await new Promise((resolve) => {
			server.close(resolve);
		});
	});
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The address of a port just closed: a connection to it is refused. */
async function closedPortUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;
	await new Promise((resolve) => {
		server.close(resolve);
	});
	return `http://127.0.0.1:${port}`;
}

describe.each(['v1', 'v2'] as const)('candle history on %s', (api) => {
	test("REST's candles come first, older than every candle of the feed's, then the feed's", async () => {
		const server = await exchange();
		const {client} = startClient(cleanup, {
			url: urlFor(server, api),
			restUrl: server.httpUrl,
			api,
			pairs: [names[api]],
			channels: ['ohlc'],
		});
		const news = recordCandles(client);
		await eventually(() => expect(news.length).toBeGreaterThanOrEqual(2));

		const [history, feed] = news as [CandleNews, CandleNews];
		expect(history.isSnapshot).toBe(true);
		// The simulator keeps a day of minutes; v1's feed sends the one candle in progress.
		expect(history.candles.length).toBeGreaterThan(60);
		const newestHistory = Math.max(...history.candles.map((candle) => candle.start));
		const oldestFeed = Math.min(...feed.candles.map((candle) => candle.start));
		expect(newestHistory).toBeLessThan(oldestFeed);
	});

	test("a REST that never answers holds the feed's candles for a bounded while, then lets them go", async () => {
		const server = await exchange();
		const {client, log} = startClient(cleanup, {
			url: urlFor(server, api),
			restUrl: await silentRest(),
			api,
			pairs: [names[api]],
			channels: ['ohlc'],
		});
		const news = recordCandles(client);
		await eventually(() =>
			expect(log.states.some((state) => state.kind === 'subscribed')).toBe(true),
		);
		const subscribedAt = performance.now();
		await pause(candleWaitMs / 3);
		expect(news).toEqual([]);

		await eventually(() => expect(news.length).toBeGreaterThan(0), candleWaitMs * 3);
		expect(news[0]!.at - subscribedAt).toBeGreaterThanOrEqual(candleWaitMs / 3);
		expect(news[0]!.candles.every((candle) => candle.pair === names[api])).toBe(true);
	});

	test("a REST that refuses the connection lets the feed's candles go at once", async () => {
		const server = await exchange();
		const closed = await closedPortUrl();
		const {client, log} = startClient(cleanup, {
			url: urlFor(server, api),
			restUrl: closed,
			api,
			pairs: [names[api]],
			channels: ['ohlc'],
		});
		const news = recordCandles(client);
		await eventually(() => expect(news.length).toBeGreaterThan(0), candleWaitMs / 2);
		expect(log.states.some((state) => state.kind === 'subscribed')).toBe(true);
	});
});
