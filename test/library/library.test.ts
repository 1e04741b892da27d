import {afterEach, describe, expect, test} from 'vitest';
import {
	KrakenTapeError,
	waitForPrice,
	watchBook,
	watchCandles,
	watchTicker,
	watchTrades,
	type FeedEvent,
	type TradeEvent,
} from '../../source/index.js';
import {startExchangeServer, type ExchangeServer} from '../../source/simulator/exchange-server.js';
import {createSimulatedMarket} from '../../source/simulator/simulated-market.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually, pause} from '../helpers/eventually.js';
import {listedPair, urlFor} from '../helpers/simulator.js';

// The library against the built-in exchange on 127.0.0.1: what each stream yields, that nothing
// connects before the first iteration, that leaving a loop or aborting closes the connection,
// waitForPrice on live trades only, typed events, and bad arguments in the command's words.

const cleanup = createCleanup();
afterEach(() => cleanup.run());

async function exchange(): Promise<ExchangeServer> {
	const pairs = [listedPair('BTC/USD'), listedPair('ETH/USD')];
	const server = await startExchangeServer({
		source: createSimulatedMarket({seed: 5, pairs, rateMultiplier: 10}),
	});
	cleanup.add(() => server.close());
	return server;
}

async function take<T>(stream: AsyncIterable<T>, count: number): Promise<T[]> {
	const items: T[] = [];
	for await (const item of stream) {
		items.push(item);
		if (items.length === count) {
			break;
		}
	}

	return items;
}

describe('library', () => {
	test('watchTrades yields the --json trade fields, times as Dates, and break closes the connection', async () => {
		const server = await exchange();
		const trades = await take(watchTrades(['XBT/USD', 'eth/usd'], {url: urlFor(server, 'v2')}), 80);
		expect(new Set(trades.map((trade) => trade.pair))).toEqual(new Set(['BTC/USD', 'ETH/USD']));
		for (const trade of trades) {
			expect(Object.keys(trade)).toEqual(
				expect.arrayContaining(['pair', 'side', 'price', 'volume', 'time', 'orderType']),
			);
			expect(trade.time).toBeInstanceOf(Date);
			expect(trade.tradeId).toEqual(expect.any(Number));
			expect(trade.simulated).toBe(true);
		}

		await eventually(() => expect(server.connectionCount()).toBe(0));
	});

	test('nothing connects before the first iteration', async () => {
		const server = await exchange();
		const stream = watchTrades('BTC/USD', {url: urlFor(server, 'v2')});
		await pause(300);
		expect(server.connectionCount()).toBe(0);
		const [first] = await take(stream, 1);
		expect(first?.pair).toBe('BTC/USD');
	});

	test('aborting ends the loop and closes the connection; onEvent tells the states, typed', async () => {
		const server = await exchange();
		const controller = new AbortController();
		const events: FeedEvent[] = [];
		const seen: TradeEvent[] = [];
		const loop = (async () => {
			for await (const trade of watchTrades('BTC/USD', {
				url: urlFor(server, 'v1'),
				signal: controller.signal,
				onEvent: (event) => events.push(event),
			})) {
				seen.push(trade);
			}
		})();
		await eventually(() => expect(seen.length).toBeGreaterThan(3));
		controller.abort();
		await loop;
		await eventually(() => expect(server.connectionCount()).toBe(0));
		expect(seen.every((trade) => trade.pair === 'XBT/USD' && trade.tradeId === undefined)).toBe(
			true,
		);
		expect(events).toEqual(
			expect.arrayContaining([
				{type: 'state', state: 'subscribed'},
				{type: 'subscription', channel: 'trade', pair: 'XBT/USD', state: 'subscribed'},
				{type: 'state', state: 'closed'},
			]),
		);
	});

	test('watchTicker, watchCandles and watchBook yield what their --json lines hold', async () => {
		const server = await exchange();
		const url = urlFor(server, 'v2');
		const [ticker] = await take(watchTicker('BTC/USD', {url}), 1);
		expect(ticker).toMatchObject({pair: 'BTC/USD', simulated: true});
		expect(ticker!.bid).toBeLessThan(ticker!.ask);
		expect(ticker!.time).toBeInstanceOf(Date);

		const candles = await take(watchCandles('BTC/USD', {url, interval: 5}), 3);
		expect(candles.every((candle) => candle.interval === 5)).toBe(true);
		expect(candles[0]!.start.getTime() % 300_000).toBe(0);

		const [book] = await take(watchBook('BTC/USD', {url, depth: 25}), 1);
		expect(book!.bids).toHaveLength(10);
		expect(book!.asks).toHaveLength(10);
		expect(book!.bids[0]![0]).toBeLessThan(book!.asks[0]![0]);
		expect(book!.checksum).toEqual(expect.any(Number));
	});

	test('waitForPrice resolves on the first live trade that meets the rule', async () => {
		const server = await exchange();
		const alert = await waitForPrice('XBT/USD >= 1', {url: urlFor(server, 'v2')});
		expect(alert).toMatchObject({pair: 'BTC/USD', rule: 'BTC/USD>=1', simulated: true});
		expect(alert.price).toBeGreaterThanOrEqual(1);
		expect(alert.time).toBeInstanceOf(Date);
		await eventually(() => expect(server.connectionCount()).toBe(0));
	});

	test('waitForPrice never met, then aborted: rejects with the signal reason, connection closed', async () => {
		const server = await exchange();
		const controller = new AbortController();
		const waiting = waitForPrice('BTC/USD <= 1', {
			url: urlFor(server, 'v2'),
			signal: controller.signal,
		});
		await eventually(() => expect(server.connectionCount()).toBe(1));
		await pause(500);
		controller.abort(new Error('enough'));
		await expect(waiting).rejects.toThrow('enough');
		await eventually(() => expect(server.connectionCount()).toBe(0));
	});

	test.each<[string, () => unknown, string]>([
		[
			'a pair that is not one',
			() => watchTrades(['BTCUSD']),
			'"BTCUSD" is not a currency pair: write it as BASE/QUOTE, for example XBT/USD',
		],
		['no pairs', () => watchTrades([]), 'pairs: name at least one pair, for example XBT/USD'],
		[
			'a depth Kraken does not serve',
			() => watchBook('BTC/USD', {depth: 20 as never}),
			'depth must be one of 10, 25, 100, 500, 1000 (levels a side)',
		],
		[
			'an interval it does not serve',
			() => watchCandles('BTC/USD', {interval: 2 as never}),
			'interval must be one of 1, 5, 15, 30, 60, 240, 1440, 10080, 21600 (minutes)',
		],
		[
			'a feed that is no ws URL',
			() => watchTrades('BTC/USD', {url: 'http://x'}),
			'url must be a ws:// or wss:// URL',
		],
		[
			'a rule that is no rule',
			() => waitForPrice('XBT/USD => 1'),
			`alert rule "XBT/USD => 1" is not PAIR OPERATOR PRICE, for example 'XBT/USD>=100000' (operators >=, <=, >, <)`,
		],
	])('%s throws a KrakenTapeError at once, in the words of the command', (_name, call, words) => {
		expect(call).toThrow(KrakenTapeError);
		expect(call).toThrow(words);
	});
});
