import {afterEach, describe, expect, test} from 'vitest';
import type {KrakenClient} from '../../source/kraken/client.js';
import type {ApiVersion, Candle, Channel, Ticker} from '../../source/model/types.js';
import {createCleanup} from '../helpers/cleanup.js';
import {stateKinds} from '../helpers/client-log.js';
import {eventually} from '../helpers/eventually.js';
import {ManualClock} from '../helpers/manual-clock.js';
import {startMarketServer, type MarketServer, type Request} from '../helpers/market-server.js';
import type {ScriptedServer} from '../helpers/scripted-server.js';
import {startClient, twoPairsOnEachApi} from '../helpers/test-client.js';
import {v1Frames, v2Frames} from '../fixtures/frames.js';

// The ticker and ohlc channels (docs/kraken-protocol.md, 8) through the whole client, against a
// scripted Kraken on 127.0.0.1 that acks every channel (helpers/market-server.ts): what is sent to
// subscribe, what reaches the listeners, refusals, reconnects, a change of interval and the
// watchdog. The data frames are the captures in test/fixtures/frames.ts.

const cleanup = createCleanup();
afterEach(() => cleanup.run());

const allChannels: readonly Channel[] = ['trade', 'ticker', 'ohlc'];

/** Ticker and candle events, in order, beside the client log's trades. */
type MarketLog = {
	tickers: Ticker[];
	candles: Array<{candles: readonly Candle[]; isSnapshot: boolean}>;
};

function recordMarket(client: KrakenClient): MarketLog {
	const log: MarketLog = {tickers: [], candles: []};
	client.on('ticker', (ticker) => log.tickers.push(ticker));
	client.on('candles', (candles, isSnapshot) => log.candles.push({candles, isSnapshot}));
	return log;
}

/** The exact subscribe text of each channel (docs/kraken-protocol.md, 3.1 and 8). */
function subscribeText(
	api: ApiVersion,
	channel: Channel,
	pairs: readonly string[],
	interval: number,
	reqId: number,
): string {
	if (api === 'v1') {
		const subscription = channel === 'ohlc' ? {interval, name: 'ohlc'} : {name: channel};
		return JSON.stringify({event: 'subscribe', pair: pairs, subscription, reqid: reqId});
	}

	const extra = channel === 'ohlc' ? {interval, snapshot: true} : {snapshot: true};
	return JSON.stringify({
		method: 'subscribe',
		params: {channel, symbol: pairs, ...extra},
		req_id: reqId,
	});
}

function unsubscribeOhlcText(
	api: ApiVersion,
	pairs: readonly string[],
	interval: number,
	reqId: number,
): string {
	return api === 'v1'
		? JSON.stringify({
				event: 'unsubscribe',
				pair: pairs,
				subscription: {interval, name: 'ohlc'},
				reqid: reqId,
			})
		: JSON.stringify({
				method: 'unsubscribe',
				params: {channel: 'ohlc', symbol: pairs, interval},
				req_id: reqId,
			});
}

/** What was asked for, without the request ids, which differ on each connection. */
const withoutIds = (requests: readonly Request[]) =>
	requests.map(({action, channel, pairs, interval}) => ({action, channel, pairs, interval}));

/** A pair asked for only to mark a point in the stream of requests. */
const marker = 'SOL/USD';

/** Each pair's ohlc unsubscribe, as `pair interval`, in the order they came. */
const ohlcUnsubscribes = (requests: readonly Request[]) =>
	requests
		.filter((request) => request.action === 'unsubscribe' && request.channel === 'ohlc')
		.flatMap((request) => request.pairs.map((pair) => `${pair} ${request.interval}`));

const subscriptionStates = (client: KrakenClient) =>
	client.subscriptions.map(({channel, pair, state, params}) => ({channel, pair, state, params}));

/** v1 frames made from the captured ones: a later ticker and a later state of the same candle. */
const v1TickerLater = v1Frames.ticker
	.replace('"c":["37080.10000","0.01268510"]', '"c":["37200.00000","0.00100000"]')
	.replace('"a":["37080.20000",0,"0.49479977"]', '"a":["37200.10000",1,"1.25000000"]')
	.replace('"b":["37080.10000",24,"24.49109974"]', '"b":["37200.00000",0,"0.30000000"]');
const v1OhlcLater =
	'[343,["1699797201.250000","1699797240.000000","37080.20000","37095.00000","37080.20000","37095.00000","37087.10000","0.02100000",3],"ohlc-1","XBT/USD"]';

/** A five-minute candle, as v1 writes one after the interval changes (channelName `ohlc-5`). */
const v1OhlcFive =
	'[343,["1699797181.803577","1699797300.000000","37080.20000","37080.20000","37080.20000","37080.20000","37080.20000","0.01032369",2],"ohlc-5","XBT/USD"]';
const v2OhlcFive = v2Frames.ohlcUpdate
	.replace('"interval":1', '"interval":5')
	.replace('"2026-10-06T18:07:00.000000Z"', '"2026-10-06T18:10:00.000000Z"')
	.replace('18:06:00.000000000Z', '18:05:00.000000000Z');

type DataCase = Readonly<{
	api: ApiVersion;
	pair: string;
	frames: readonly string[];
	/** Without `time`: the receipt time (the manual clock's) is added where the frame has none. */
	tickers: ReadonlyArray<Omit<Ticker, 'time'>>;
	candles: ReadonlyArray<{candles: readonly Candle[]; isSnapshot: boolean}>;
}>;

const v1Candle: Candle = {
	pair: 'XBT/USD',
	interval: 1,
	// etime 1699797240 less a minute; `time`, 1699797181.803577, is the last update.
	start: 1_699_797_180_000,
	open: 37_080.2,
	high: 37_080.2,
	low: 37_080.2,
	close: 37_080.2,
	vwap: 37_080.2,
	volume: 0.010_323_69,
	trades: 2,
};

const dataCases: DataCase[] = [
	{
		api: 'v1',
		pair: 'XBT/USD',
		frames: [v1Frames.ticker, v1Frames.ohlc, v1TickerLater, v1OhlcLater],
		tickers: [
			{
				pair: 'XBT/USD',
				last: 37_080.1,
				bid: 37_080.1,
				bidQty: 24.491_099_74,
				ask: 37_080.2,
				askQty: 0.494_799_77,
				high: 37_289.7,
				low: 36_658,
				volume: 1394.360_712_46,
				vwap: 37_042.4894,
				// Against o[1], the price 24 hours ago (37160.1), not o[0], today's open.
				change: -80,
				changePct: (-80 / 37_160.1) * 100,
			},
			{
				pair: 'XBT/USD',
				last: 37_200,
				bid: 37_200,
				bidQty: 0.3,
				ask: 37_200.1,
				askQty: 1.25,
				high: 37_289.7,
				low: 36_658,
				volume: 1394.360_712_46,
				vwap: 37_042.4894,
				change: 39.9,
				changePct: (39.9 / 37_160.1) * 100,
			},
		],
		candles: [
			// v1 does not tell its snapshot from an update.
			{candles: [v1Candle], isSnapshot: false},
			{
				candles: [
					{...v1Candle, high: 37_095, close: 37_095, vwap: 37_087.1, volume: 0.021, trades: 3},
				],
				isSnapshot: false,
			},
		],
	},
	{
		api: 'v2',
		pair: 'BTC/USD',
		frames: [
			v2Frames.tickerReal2024,
			v2Frames.ohlcSnapshot,
			v2Frames.tickerUpdate2024,
			v2Frames.ohlcUpdate,
		],
		tickers: [
			{
				pair: 'BTC/USD',
				last: 65_972.9,
				bid: 65_972.8,
				bidQty: 0.1,
				ask: 65_972.9,
				askQty: 39.675_066_83,
				high: 66_450,
				low: 61_325.4,
				volume: 4216.618_293_7,
				vwap: 64_275.2,
				change: 4412.1,
				changePct: 7.17,
			},
			{
				pair: 'BTC/USD',
				last: 65_843.7,
				bid: 65_843.7,
				bidQty: 12.316_286_29,
				ask: 65_843.8,
				askQty: 0.312_32,
				high: 66_450,
				low: 61_325.4,
				volume: 4182.594_479_76,
				vwap: 64_223.4,
				change: 4213.8,
				changePct: 6.84,
			},
		],
		candles: [
			{
				candles: [
					{
						pair: 'BTC/USD',
						interval: 1,
						start: Date.parse('2026-10-06T17:57:00Z'),
						open: 85_702.8,
						high: 85_702.8,
						low: 85_697.9,
						close: 85_697.9,
						vwap: 85_700,
						volume: 0.693_679_51,
						trades: 36,
					},
					{
						pair: 'BTC/USD',
						interval: 1,
						start: Date.parse('2026-10-06T17:58:00Z'),
						open: 85_697.9,
						high: 85_697.9,
						low: 85_686,
						close: 85_690.7,
						vwap: 85_687.5,
						volume: 0.087_678_12,
						trades: 40,
					},
				],
				isSnapshot: true,
			},
			{
				candles: [
					{
						pair: 'BTC/USD',
						interval: 1,
						// interval_begin, not the row's timestamp (its end, 18:07).
						start: Date.parse('2026-10-06T18:06:00Z'),
						open: 85_754.8,
						high: 85_754.8,
						low: 85_754.7,
						close: 85_754.8,
						vwap: 85_754.7,
						volume: 0.001_265_22,
						trades: 5,
					},
				],
				isSnapshot: false,
			},
		],
	},
];

describe.each(twoPairsOnEachApi)('client on $api', ({api, pairs}) => {
	const [bitcoin = '', ether = ''] = pairs;

	test('subscribes trade, ticker and ohlc, each in one message with its parameters', async () => {
		const {server, requests} = await startMarketServer(api, cleanup);
		const {client, log} = startClient(cleanup, {
			url: server.url,
			api,
			pairs,
			channels: allChannels,
			interval: 5,
		});
		await eventually(() =>
			expect(log.subscriptions.filter((change) => change.state === 'subscribed')).toHaveLength(6),
		);

		const sent = requests();
		expect(sent.map((request) => request.action)).toEqual(['subscribe', 'subscribe', 'subscribe']);
		const ids = sent.map((request) => request.reqId ?? -1);
		expect(new Set(ids).size).toBe(3);
		expect(ids.every((id) => Number.isInteger(id) && id > 0)).toBe(true);
		const expected = sent.map((request) =>
			subscribeText(api, request.channel, pairs, 5, request.reqId ?? -1),
		);
		expect(sent.map((request) => request.text)).toEqual(expected);
		expect(new Set(sent.map((request) => request.channel))).toEqual(new Set(allChannels));
		expect(server.latest().received).toHaveLength(3);

		expect(client.interval).toBe(5);
		expect(client.state.kind).toBe('subscribed');
		expect(subscriptionStates(client)).toEqual(
			expect.arrayContaining(
				pairs.flatMap((pair) => [
					{channel: 'trade', pair, state: 'subscribed', params: {snapshot: true}},
					{channel: 'ticker', pair, state: 'subscribed', params: {snapshot: true}},
					{channel: 'ohlc', pair, state: 'subscribed', params: {interval: 5, snapshot: true}},
				]),
			),
		);
		expect(client.subscriptions).toHaveLength(6);
		expect(log.notices).toEqual([]);
		expect(log.unrecognised).toEqual([]);
	});

	test('a refused channel of one pair is that pair and channel alone; the rest streams', async () => {
		const {server, refusals} = await startMarketServer(api, cleanup);
		// Kraken's words: the pair one (3.3), and the interval one as ccxt lists it.
		refusals.set(`ticker ${ether}`, `Currency pair not supported ${ether}`);
		refusals.set(`ohlc ${bitcoin}`, 'Subscription ohlc interval not supported');
		const {client, log} = startClient(cleanup, {
			url: server.url,
			api,
			pairs,
			channels: allChannels,
		});
		const market = recordMarket(client);
		await eventually(() => expect(log.subscriptions).toHaveLength(6));

		const errors = log.subscriptions.filter((change) => change.state === 'error');
		expect(errors).toHaveLength(2);
		expect(errors).toEqual(
			expect.arrayContaining([
				{
					channel: 'ticker',
					pair: ether,
					state: 'error',
					message: `Currency pair not supported ${ether}`,
				},
				{
					channel: 'ohlc',
					pair: bitcoin,
					state: 'error',
					message: 'Subscription ohlc interval not supported',
				},
			]),
		);
		expect(subscriptionStates(client).filter((entry) => entry.state === 'subscribed')).toEqual(
			expect.arrayContaining([
				expect.objectContaining({channel: 'trade', pair: bitcoin}),
				expect.objectContaining({channel: 'trade', pair: ether}),
				expect.objectContaining({channel: 'ticker', pair: bitcoin}),
				expect.objectContaining({channel: 'ohlc', pair: ether}),
			]),
		);
		expect(client.subscriptions.filter((entry) => entry.state === 'subscribed')).toHaveLength(4);
		expect(client.state.kind).toBe('subscribed');
		expect(log.notices).toEqual([]);

		// What was not refused streams: trades of both pairs, bitcoin's ticker, ether's candles.
		const connection = server.latest();
		const ticker = api === 'v1' ? v1Frames.ticker : v2Frames.tickerReal2024;
		const candles = (api === 'v1' ? v1Frames.ohlc : v2Frames.ohlcUpdate).replaceAll(
			`"${bitcoin}"`,
			`"${ether}"`,
		);
		connection.send(ticker);
		connection.send(candles);
		for (const [index, pair] of pairs.entries()) {
			connection.send(
				server.frames.trades(pair, [
					{price: '100.5', volume: '1', side: 'buy', tradeId: 10 + index},
				]),
			);
		}

		await eventually(() => expect(log.trades.map((trade) => trade.pair)).toEqual(pairs));
		expect(market.tickers.map((entry) => entry.pair)).toEqual([bitcoin]);
		expect(market.candles.flatMap((event) => event.candles.map((candle) => candle.pair))).toEqual([
			ether,
		]);
		expect(client.state.kind).toBe('subscribed');
	});

	test('after the server drops it, every channel is subscribed again with the same parameters', async () => {
		const {server, requests} = await startMarketServer(api, cleanup);
		const {client, log} = startClient(cleanup, {
			url: server.url,
			api,
			pairs,
			channels: allChannels,
			interval: 15,
		});
		const market = recordMarket(client);
		await eventually(() =>
			expect(client.subscriptions.every((entry) => entry.state === 'subscribed')).toBe(true),
		);
		const first = server.latest();
		const firstRequests = requests(first);
		expect(firstRequests).toHaveLength(3);

		server.dropAll();
		await eventually(() => expect(server.connectionCount()).toBe(2));
		const second = server.latest();
		await eventually(() => expect(requests(second)).toHaveLength(3));
		await eventually(() =>
			expect(client.subscriptions.every((entry) => entry.state === 'subscribed')).toBe(true),
		);
		expect(withoutIds(requests(second))).toEqual(withoutIds(firstRequests));
		for (const request of requests(second)) {
			expect(request.text).toBe(
				subscribeText(api, request.channel, pairs, 15, request.reqId ?? -1),
			);
		}

		// Each subscription went back to pending when the connection was lost, then subscribed.
		for (const channel of allChannels) {
			for (const pair of pairs) {
				const states = log.subscriptions
					.filter((change) => change.channel === channel && change.pair === pair)
					.map((change) => change.state);
				expect(states).toEqual(['subscribed', 'pending', 'subscribed']);
			}
		}

		expect(stateKinds(log).at(-1)).toBe('subscribed');
		// And the new connection's data reaches the listeners.
		second.send(api === 'v1' ? v1Frames.ticker : v2Frames.tickerReal2024);
		await eventually(() => expect(market.tickers).toHaveLength(1));
	});

	test('setInterval unsubscribes the old interval by its interval and subscribes the new', async () => {
		const marketServer = await startMarketServer(api, cleanup);
		const {server, requests, held} = marketServer;
		const {client, log} = startClient(cleanup, {
			url: server.url,
			api,
			pairs,
			channels: allChannels,
			interval: 1,
		});
		const market = recordMarket(client);
		await eventually(() =>
			expect(client.subscriptions.every((entry) => entry.state === 'subscribed')).toBe(true),
		);
		const connection = server.latest();
		const changesBefore = log.subscriptions.length;
		// The old interval's unsubscribe is answered only after the new one's subscribe.
		held.add('unsubscribe ohlc');

		client.setInterval(5);
		expect(client.interval).toBe(5);
		await eventually(() => expect(requests()).toHaveLength(5));
		const [unsubscribe, subscribe] = requests().slice(3);
		expect(unsubscribe?.text).toBe(unsubscribeOhlcText(api, pairs, 1, unsubscribe?.reqId ?? -1));
		expect(subscribe?.text).toBe(subscribeText(api, 'ohlc', pairs, 5, subscribe?.reqId ?? -1));
		await eventually(() =>
			expect(
				client.subscriptions
					.filter((entry) => entry.channel === 'ohlc')
					.map((entry) => entry.state),
			).toEqual(['subscribed', 'subscribed']),
		);
		marketServer.release();

		// The old interval's candles still in flight are not passed on; the new one's are.
		connection.send(api === 'v1' ? v1Frames.ohlc : v2Frames.ohlcUpdate);
		connection.send(api === 'v1' ? v1OhlcFive : v2OhlcFive);
		await eventually(() => expect(market.candles).toHaveLength(1));
		expect(market.candles[0]?.candles).toEqual([
			expect.objectContaining({
				pair: bitcoin,
				interval: 5,
				// v1: etime 1699797300 less five minutes; v2: interval_begin.
				start: api === 'v1' ? 1_699_797_000_000 : Date.parse('2026-10-06T18:05:00Z'),
			}),
		]);

		// The late unsubscribe ack did not end the new subscription, and nothing else was touched.
		expect(subscriptionStates(client)).toEqual(
			expect.arrayContaining(
				pairs.map((pair) => ({
					channel: 'ohlc',
					pair,
					state: 'subscribed',
					params: {interval: 5, snapshot: true},
				})),
			),
		);
		expect(client.subscriptions.every((entry) => entry.state === 'subscribed')).toBe(true);
		const changes = log.subscriptions.slice(changesBefore);
		expect(changes.every((change) => change.channel === 'ohlc')).toBe(true);
		for (const pair of pairs) {
			expect(
				changes.filter((change) => change.pair === pair).map((change) => change.state),
			).toEqual(['unsubscribed', 'pending', 'subscribed']);
		}

		expect(connection.received).toHaveLength(5);
		expect(log.notices).toEqual([]);

		// A reconnect afterwards subscribes at the new interval, and unsubscribes nothing.
		server.dropAll();
		await eventually(() => expect(server.connectionCount()).toBe(2));
		await eventually(() => expect(requests()).toHaveLength(3));
		const ohlc = requests().find((request) => request.channel === 'ohlc');
		expect(ohlc?.text).toBe(subscribeText(api, 'ohlc', pairs, 5, ohlc?.reqId ?? -1));
		expect(requests().map((request) => request.action)).toEqual([
			'subscribe',
			'subscribe',
			'subscribe',
		]);
	});

	// The two tests below need the interval an ack is for; the codecs read only its channel and
	// pair, so the client cannot tell an answer to an old ohlc subscribe from the new one's.

	test('an interval stepped twice before its ack: the middle one is ended by its interval when it is confirmed', async () => {
		const marketServer = await startMarketServer(api, cleanup);
		const {server, requests, held} = marketServer;
		const {client, framesRead} = startCounting({url: server.url, api, pairs, interval: 1});
		await eventually(() =>
			expect(client.subscriptions.every((entry) => entry.state === 'subscribed')).toBe(true),
		);

		// `i` pressed twice: five minutes is asked for, then fifteen before five is answered.
		held.add('subscribe ohlc');
		client.setInterval(5);
		client.setInterval(15);
		await eventually(() =>
			expect(requests().filter((request) => request.channel === 'ohlc')).toHaveLength(4),
		);
		marketServer.release();
		await settle(client, server, framesRead, requests);

		expect(ohlcUnsubscribes(requests())).toEqual([
			...pairs.map((pair) => `${pair} 1`),
			...pairs.map((pair) => `${pair} 5`),
		]);
		expect(
			client.subscriptions
				.filter((entry) => entry.channel === 'ohlc' && pairs.includes(entry.pair))
				.map((entry) => [entry.state, entry.params.interval]),
		).toEqual(pairs.map(() => ['subscribed', 15]));
	});

	test('a pair removed before its candles are confirmed has them ended by their interval', async () => {
		const marketServer = await startMarketServer(api, cleanup);
		const {server, requests, held} = marketServer;
		held.add('subscribe ohlc');
		const {client, framesRead} = startCounting({url: server.url, api, pairs, interval: 5});
		await eventually(() =>
			expect(client.subscriptions.filter((entry) => entry.state === 'subscribed')).toHaveLength(4),
		);

		client.unsubscribe([ether]);
		marketServer.release();
		await settle(client, server, framesRead, requests);

		expect(ohlcUnsubscribes(requests())).toEqual([`${ether} 5`]);
		const unsubscribe = requests().find(
			(request) => request.action === 'unsubscribe' && request.channel === 'ohlc',
		);
		expect(unsubscribe?.text).toBe(unsubscribeOhlcText(api, [ether], 5, unsubscribe?.reqId ?? -1));
		expect(client.subscriptions.map((entry) => entry.pair)).not.toContain(ether);
	});

	/** A client of every channel, with a count of the frames it has read. */
	function startCounting(
		options: Readonly<{url: string; api: ApiVersion; pairs: readonly string[]; interval: 1 | 5}>,
	) {
		const started = startClient(cleanup, {...options, channels: allChannels});
		let frames = 0;
		started.client.on('frame', () => frames++);
		return {...started, framesRead: () => frames};
	}

	/**
	 * Waits until the client has read every frame the server sent and anything it sent in answer
	 * has reached the server: a pair subscribed afterwards is a marker that arrives after it.
	 */
	async function settle(
		client: KrakenClient,
		server: ScriptedServer,
		framesRead: () => number,
		requests: () => Request[],
	): Promise<void> {
		await eventually(() => expect(framesRead()).toBe(server.latest().sent.length));
		client.subscribe([marker]);
		await eventually(() =>
			expect(requests().filter((request) => request.pairs.includes(marker))).toHaveLength(3),
		);
	}
});

describe.each(dataCases)('client on $api', ({api, pair, frames, tickers, candles}) => {
	test('passes a snapshot and then an update on as ticker and candle events in domain terms', async () => {
		const {server} = await startMarketServer(api, cleanup);
		const clock = new ManualClock();
		const {client, log} = startClient(cleanup, {
			url: server.url,
			api,
			pairs: [pair],
			channels: ['ticker', 'ohlc'],
			clock,
		});
		const market = recordMarket(client);
		await eventually(() =>
			expect(client.subscriptions.map((entry) => entry.state)).toEqual([
				'subscribed',
				'subscribed',
			]),
		);

		for (const frame of frames) {
			server.latest().send(frame);
		}

		await eventually(() => expect(market.candles).toHaveLength(2));
		await eventually(() => expect(market.tickers).toHaveLength(2));
		// Neither frame carries a time: the receipt's, on the client's clock, stands in.
		expect(market.tickers).toEqual(tickers.map((ticker) => ({...ticker, time: clock.now()})));
		expect(market.candles).toEqual(candles);
		expect(log.trades).toEqual([]);
		expect(log.unrecognised).toEqual([]);
	});
});

describe('client on v2', () => {
	test("a ticker's own timestamp is its time, where it has one", async () => {
		const {server} = await startMarketServer('v2', cleanup);
		const clock = new ManualClock();
		const {client} = startClient(cleanup, {
			url: server.url,
			api: 'v2',
			pairs: ['USDT/USD'],
			channels: ['ticker'],
			clock,
		});
		const market = recordMarket(client);
		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		server.latest().send(v2Frames.tickerReal2026);
		await eventually(() => expect(market.tickers).toHaveLength(1));
		expect(market.tickers[0]).toMatchObject({
			pair: 'USDT/USD',
			last: 0.999_81,
			time: Date.parse('2026-09-24T03:54:18.054886Z'),
		});
	});
});

describe.each(twoPairsOnEachApi)('client watchdog on $api', ({api, pairs}) => {
	const [bitcoin = ''] = pairs;

	/** A client of every channel on a manual clock, with a count of the frames it has read. */
	async function startOnClock(server: MarketServer) {
		const clock = new ManualClock();
		const started = startClient(cleanup, {
			url: server.server.url,
			api,
			pairs,
			channels: allChannels,
			clock,
			random: () => 0,
			idleTimeoutMs: 10_000,
			pingIntervalMs: 10 ** 9,
		});
		let frames = 0;
		started.client.on('frame', () => frames++);
		await eventually(() =>
			expect(started.client.subscriptions.every((entry) => entry.state === 'subscribed')).toBe(
				true,
			),
		);
		/** Sends a frame and waits until the client has read it. */
		const deliver = async (text: string) => {
			const before = frames;
			server.server.latest().send(text);
			await eventually(() => expect(frames).toBe(before + 1));
		};

		return {...started, clock, deliver};
	}

	test('a ticker that never comes does not make a connection with heartbeats stale', async () => {
		const server = await startMarketServer(api, cleanup);
		const {clock, log, deliver} = await startOnClock(server);
		for (let second = 0; second < 60; second += 6) {
			clock.advance(6000);
			await deliver(server.server.frames.heartbeat);
		}

		expect(stateKinds(log)).not.toContain('stale');
		expect(log.states.at(-1)).toEqual({kind: 'subscribed'});
		expect(server.server.connectionCount()).toBe(1);
	});

	test('ticker and candle frames are data: they alone keep the connection, until they stop', async () => {
		const server = await startMarketServer(api, cleanup);
		const {clock, log, deliver} = await startOnClock(server);
		const ticker = api === 'v1' ? v1Frames.ticker : v2Frames.tickerReal2024;
		const candles = api === 'v1' ? v1Frames.ohlc : v2Frames.ohlcUpdate;
		expect(ticker).toContain(`"${bitcoin}"`);
		for (let second = 0; second < 30; second += 6) {
			clock.advance(6000);
			await deliver(second % 12 === 0 ? ticker : candles);
		}

		expect(stateKinds(log)).not.toContain('stale');
		clock.advance(9999);
		expect(stateKinds(log)).not.toContain('stale');
		clock.advance(1);
		expect(log.states.filter((state) => state.kind === 'stale')).toEqual([
			{kind: 'stale', silentForMs: 10_000},
		]);
	});
});
