import {afterEach, describe, expect, test} from 'vitest';
import type {BackfillNews} from '../../source/kraken/client-events.js';
import type {ApiVersion, Trade} from '../../source/model/types.js';
import {startExchangeServer, type ExchangeServer} from '../../source/simulator/exchange-server.js';
import {createSimulatedMarket} from '../../source/simulator/simulated-market.js';
import type {ExchangeTrade} from '../../source/simulator/market-types.js';
import type {TradeSource} from '../../source/simulator/trade-source.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually, pause} from '../helpers/eventually.js';
import {listedPair, urlFor} from '../helpers/simulator.js';
import {startClient} from '../helpers/test-client.js';

// Gaps filled from REST, end to end: the client against the built-in exchange on 127.0.0.1, its
// feed and its REST on one port, a busy market, and a connection dropped for two seconds, far
// longer than a v2 snapshot's 50 trades cover. What the exchange made is recorded in-process and
// compared with what the client passed on.

const cleanup = createCleanup();
afterEach(() => cleanup.run());

const bitcoin = listedPair('BTC/USD');
const names = {v1: 'XBT/USD', v2: 'BTC/USD'} as const;

type Exchange = Readonly<{server: ExchangeServer; source: TradeSource; made: ExchangeTrade[]}>;

async function busyExchange(rest?: {burst: number; perSecond: number}): Promise<Exchange> {
	// About 60 trades a second of BTC/USD.
	const source = createSimulatedMarket({seed: 11, pairs: [bitcoin], rateMultiplier: 20});
	const made: ExchangeTrade[] = [];
	source.onTrades((_pair, trades) => made.push(...trades));
	const server = await startExchangeServer({source, ...(rest ? {rest} : {})});
	cleanup.add(() => server.close());
	return {server, source, made};
}

function clientOf(exchange: Exchange, api: ApiVersion, holdMs = 30_000) {
	const news: BackfillNews[] = [];
	const session = startClient(cleanup, {
		url: urlFor(exchange.server, api),
		restUrl: exchange.server.httpUrl,
		api,
		pairs: [names[api]],
		// Reconnects wait two seconds, so the gap is wide.
		backoff: {quickRetries: 0, slowFloorMs: 2000, capMs: 2000},
		holdLimits: {holdMs},
		restPolicy: {spacingMs: 200, retryBaseMs: 200, retryCapMs: 400},
	});
	session.client.on('backfill', (entry) => news.push(entry));
	return {...session, news};
}

/** Drops the connection while the market trades on, and waits for the client to be back. */
async function dropForAWhile(exchange: Exchange, log: ReturnType<typeof clientOf>['log']) {
	await eventually(() => expect(log.trades.length).toBeGreaterThan(20));
	const subscribedBefore = log.states.filter((state) => state.kind === 'subscribed').length;
	exchange.server.dropConnections();
	await eventually(
		() =>
			expect(log.states.filter((state) => state.kind === 'subscribed').length).toBe(
				subscribedBefore + 1,
			),
		10_000,
	);
	// Some more live trades after the gap, then the market stands still.
	await pause(500);
	exchange.source.stop();
}

const signature = (trade: Readonly<{price: number; volume: number; side: string}>) =>
	`${trade.price}|${trade.volume}|${trade.side}`;

describe('client backfill', () => {
	test('v2: a connection dropped for two seconds loses no trade and passes none twice, in order', async () => {
		const exchange = await busyExchange();
		const {client, log, news} = clientOf(exchange, 'v2');
		await dropForAWhile(exchange, log);
		const lastMade = exchange.made.at(-1)!.tradeId;
		await eventually(() => expect(log.trades.at(-1)?.tradeId).toBe(lastMade), 15_000);

		const ids = log.trades.map((trade) => trade.tradeId!);
		const first = ids[0]!;
		expect(ids).toEqual(Array.from({length: lastMade - first + 1}, (_, index) => first + index));
		// Every trade the exchange made from the first passed on is there, with its figures.
		const made = new Map(exchange.made.map((trade) => [trade.tradeId, trade]));
		for (const trade of log.trades.filter((entry) => made.has(entry.tradeId!))) {
			expect(signature(trade)).toBe(signature(made.get(trade.tradeId!)!));
		}

		const filled = log.trades.filter((trade) => trade.isBackfilled);
		expect(filled.length).toBeGreaterThan(50);
		expect(client.counts).toMatchObject({missing: 0, backfilled: filled.length});
		expect(log.gaps).toEqual([]);
		expect(news.map((entry) => entry.kind)).toEqual(['filling', 'filled']);
	});

	test('v1: the same drop, filled by matching time, price, volume and side', async () => {
		const exchange = await busyExchange();
		const {log, news} = clientOf(exchange, 'v1');
		await dropForAWhile(exchange, log);
		const lastMade = exchange.made.at(-1)!;
		const lastTime = Math.floor(lastMade.timeMicros / 1000);
		await eventually(() => expect(log.trades.at(-1)?.time).toBe(lastTime), 15_000);

		// The exchange's trades from the first one passed on, as v1 sees them.
		const firstTime = log.trades[0]!.time;
		const expected = exchange.made
			.map((trade) => ({...trade, time: Math.floor(trade.timeMicros / 1000)}))
			.filter((trade) => trade.time >= firstTime)
			.map((trade) => `${trade.time}|${signature(trade)}`);
		const received = log.trades.map((trade: Trade) => `${trade.time}|${signature(trade)}`);
		expect(received).toEqual(expected);
		expect(log.trades.filter((trade) => trade.isBackfilled).length).toBeGreaterThan(50);
		expect(news.at(-1)?.kind).toBe('filled');
	});

	test('v2 with REST refusing every call: trades held two seconds at most, then the hole reported once', async () => {
		const exchange = await busyExchange({burst: 0, perSecond: 0});
		const {client, log, news} = clientOf(exchange, 'v2', 2000);
		await dropForAWhile(exchange, log);
		const lastMade = exchange.made.at(-1)!.tradeId;
		await eventually(() => expect(log.trades.at(-1)?.tradeId).toBe(lastMade), 15_000);

		const ids = log.trades.map((trade) => trade.tradeId!);
		// In order, none twice, and exactly the hole missing.
		expect(ids).toEqual([...ids].sort((a, b) => a - b));
		expect(new Set(ids).size).toBe(ids.length);
		expect(log.gaps).toHaveLength(1);
		const [gap] = log.gaps;
		const before = ids.indexOf(gap!.afterTradeId);
		expect(ids[before + 1]).toBe(gap!.afterTradeId + gap!.missing + 1);
		expect(client.counts).toMatchObject({missing: gap!.missing, backfilled: 0});
		expect(news.some((entry) => entry.kind === 'failed')).toBe(true);
		// Said once, however often it is tried again; then the pair flows with nothing filled.
		expect(news.filter((entry) => entry.kind === 'failed')).toHaveLength(1);
		await eventually(() =>
			expect(news.at(-1)).toEqual({pair: 'BTC/USD', kind: 'filled', count: 0}),
		);
	});

	test("each tape starts with its latest trades from REST, contiguous with the feed's", async () => {
		const exchange = await busyExchange();
		const {log} = startClient(cleanup, {
			url: urlFor(exchange.server, 'v2'),
			restUrl: exchange.server.httpUrl,
			api: 'v2',
			pairs: ['BTC/USD'],
			backfill: 300,
		});
		await eventually(() => expect(log.trades.length).toBeGreaterThan(400));
		const ids = log.trades.map((trade) => trade.tradeId!);
		const first = ids[0]!;
		expect(ids.slice(0, 400)).toEqual(Array.from({length: 400}, (_, index) => first + index));
		// REST's 300, less any the snapshot also sent, which are the feed's.
		const filled = log.trades.filter((trade) => trade.isBackfilled);
		expect(filled.length).toBeGreaterThanOrEqual(250);
		expect(filled.every((trade, index) => trade === log.trades[index])).toBe(true);
	});
});
