import {afterEach, describe, expect, test} from 'vitest';
import {bindStore} from '../../source/store-binding.js';
import {feedOf} from '../helpers/feed-of.js';
import {KrakenClient} from '../../source/kraken/client.js';
import {AlertWatcher} from '../../source/model/alerts.js';
import {TapeStore} from '../../source/model/tape-store.js';
import type {AlertEvent, ApiVersion} from '../../source/model/types.js';
import {startCli, type CliProcess} from '../helpers/cli.js';
import {startScriptedServer, type TradeSpec} from '../helpers/scripted-server.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually, pause} from '../helpers/eventually.js';
import {fastOptions} from '../helpers/test-client.js';
import {listedPair} from '../helpers/simulator.js';
import {startExchangeServer} from '../../source/simulator/exchange-server.js';
import type {ExchangeTrade} from '../../source/simulator/market-types.js';
import type {TradeSource, TradesListener} from '../../source/simulator/trade-source.js';

// The field report's second defect: a v2 subscription's snapshot (trades from before the program
// started) went through the alert rules, so --exit-on-alert acted on a price that was gone.

const cleanup = createCleanup();
const running: CliProcess[] = [];
afterEach(async () => {
	await Promise.all(running.splice(0).map(async (cli) => cli.stop('SIGKILL')));
	await cleanup.run();
});

const pairFor = (api: ApiVersion) => (api === 'v1' ? 'XBT/USD' : 'BTC/USD');
const hourAgo = () => (Date.now() - 3_600_000) * 1000;

/**
 * A server whose subscription brings history at 70,000 (v2: a snapshot; v1: trades stamped an hour
 * ago, which is all v1 frames can say), then live trades at 60,000; `live` sends more.
 */
async function marketAbove(api: ApiVersion) {
	const server = await startScriptedServer({api});
	cleanup.add(() => server.close());
	const pair = pairFor(api);
	let tradeId = 500;
	const trade = (price: string, timeMicros?: number): TradeSpec => ({
		price,
		volume: '0.10000000',
		side: 'buy',
		tradeId: tradeId++,
		...(timeMicros === undefined ? {} : {timeMicros}),
	});
	server.behaviour.afterSubscribe = (connection) => {
		connection.send(
			server.frames.trades(
				pair,
				[trade('70000.0', hourAgo()), trade('70000.5', hourAgo())],
				'snapshot',
			),
		);
		connection.send(server.frames.trades(pair, [trade('60000.0')]));
	};
	return {
		server,
		live(price: string) {
			server.latest().send(server.frames.trades(pair, [trade(price)]));
		},
	};
}

describe.each<ApiVersion>(['v2', 'v1'])('alerts on %s', (api) => {
	test('--exit-on-alert waits for a live trade that meets the rule, ignoring history', async () => {
		const market = await marketAbove(api);
		const cli = startCli([
			'--json',
			'--url',
			market.server.url,
			'--alert',
			'XBT/USD>=65000',
			'--exit-on-alert',
		]);
		running.push(cli);
		await cli.waitForLine((line) => line.includes('"price":60000'));
		await pause(300);
		expect(cli.child.exitCode).toBeNull();
		expect(cli.stdoutLines().some((line) => line.includes('"alert"'))).toBe(false);

		market.live('65100.0');
		expect(await cli.exited).toBe(0);
		const alert = JSON.parse(cli.stdoutLines().at(-1) ?? '{}') as AlertEvent & {type: string};
		expect(alert).toMatchObject({type: 'alert', price: 65_100});
	});

	test('the screen raises no alert for history, and one for the first live trade that meets it', async () => {
		const market = await marketAbove(api);
		const pair = pairFor(api);
		const client = new KrakenClient({...fastOptions, url: market.server.url, api, pairs: [pair]});
		cleanup.add(() => client.stop());
		const store = new TapeStore([pair], 100, false);
		const fired: AlertEvent[] = [];
		const rule = {pair, operator: '>=' as const, level: 65_000, text: `${pair}>=65000`};
		bindStore(feedOf(client), store, new AlertWatcher([rule]), (events) => fired.push(...events));
		client.start();
		await eventually(() => expect(store.tape(pair)?.stats.snapshot.tradeCount).toBe(3));
		expect(store.alerts).toEqual([]);

		market.live('65100.0');
		await eventually(() => expect(fired.map((event) => event.price)).toEqual([65_100]));
		expect(store.alerts.map((event) => event.price)).toEqual([65_100]);
	});
});

/**
 * The built-in exchange trading one pair as a test says: its REST history (an hour ago) at 70,000,
 * then a few trades at 60,000 before the client starts; `trade` makes more, whoever is connected.
 * Each trade's volume is its id in thousandths, so a line can be told for which trade it is.
 */
async function exchangeWithHistoryAbove() {
	const pair = listedPair('BTC/USD');
	const listeners = new Set<TradesListener>();
	const made: ExchangeTrade[] = [];
	let nextId = 1;
	let lastMicros = 0;
	const make = (price: number, timeMicros: number): ExchangeTrade => {
		lastMicros = Math.max(timeMicros, lastMicros + 1000);
		const tradeId = nextId++;
		return {
			side: 'buy',
			price,
			volume: tradeId / 1000,
			orderType: 'limit',
			timeMicros: lastMicros,
			tradeId,
		};
	};

	const past = Array.from({length: 20}, () => make(70_000, hourAgo()));
	made.push(...Array.from({length: 5}, () => make(60_000, (Date.now() - 60_000) * 1000)));
	const source: TradeSource = {
		pairs: [pair],
		description: 'a test market',
		onTrades(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		recent: (_pair, count) => made.slice(-count),
		pastTrades: () => past,
		start() {},
		stop() {},
	};
	const server = await startExchangeServer({source});
	cleanup.add(() => server.close());
	return {
		server,
		/** Makes `count` trades at `price`, now, and returns the last. */
		trade(price: number, count = 1): ExchangeTrade {
			const trades = Array.from({length: count}, () => make(price, Date.now() * 1000));
			made.push(...trades);
			for (const listener of listeners) {
				listener(pair, trades);
			}

			return trades.at(-1)!;
		},
	};
}

type TradeLine = Readonly<{type: string; price: number; volume: number; backfilled?: boolean}>;

describe.each<ApiVersion>(['v2', 'v1'])('alerts on %s against the built-in exchange', (api) => {
	test("trades from REST, at start (--backfill) and filling a reconnect's gap, meet the rule and fire nothing; a later live one does", async () => {
		const exchange = await exchangeWithHistoryAbove();
		const cli = startCli([
			'--json',
			'--url',
			`${exchange.server.url}${api === 'v1' ? '/' : '/v2'}`,
			'--backfill',
			'50',
			'--alert',
			'XBT/USD>=65000',
			'--exit-on-alert',
			'XBT/USD',
		]);
		running.push(cli);
		const lines = () => cli.stdoutLines().map((line) => JSON.parse(line) as TradeLine);
		const lineOf = (trade: ExchangeTrade) => (line: string) =>
			(JSON.parse(line) as TradeLine).volume === trade.volume;
		const isQuietAndRunning = async () => {
			await pause(300);
			expect(cli.child.exitCode).toBeNull();
			expect(lines().filter((line) => line.type === 'alert')).toEqual([]);
		};

		// The start's history: the 20 trades at 70,000 came from REST alone.
		await cli.waitForLine((line) => line.includes('"price":70000'));
		await isQuietAndRunning();
		// The first live trade is below the level.
		await cli.waitForLine(lineOf(exchange.trade(60_000)));

		// While the connection is down the market trades at 70,000, more than a snapshot's 50, then
		// falls back: the gap comes from REST after the reconnect.
		exchange.server.dropConnections();
		const lastAbove = exchange.trade(70_000, 60);
		exchange.trade(60_000, 50);
		await cli.waitForLine(lineOf(lastAbove), 15_000);
		const above = lines().filter((line) => line.type === 'trade' && line.price === 70_000);
		expect(above).toHaveLength(80);
		expect(above.every((line) => line.backfilled === true)).toBe(true);
		await isQuietAndRunning();

		exchange.trade(65_100);
		expect(await cli.exited).toBe(0);
		expect(lines().at(-1)).toMatchObject({type: 'alert', price: 65_100});
	});
});
