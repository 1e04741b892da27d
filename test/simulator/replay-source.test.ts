import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import type {ApiVersion, Trade} from '../../source/model/types.js';
import {startExchangeServer} from '../../source/simulator/exchange-server.js';
import {InputError} from '../../source/input-error.js';
import {createReplaySource} from '../../source/simulator/replay-source.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually, pause} from '../helpers/eventually.js';
import {connectRaw} from '../helpers/raw-client.js';
import {
	microsecondsOf,
	microsecondsOfStamp,
	restCall,
	tradeRowsOf,
} from '../helpers/rest-client.js';
import {startClient} from '../helpers/test-client.js';

const cleanup = createCleanup();
afterEach(() => cleanup.run());

const v1Url = 'wss://ws.kraken.com/';
const v2Url = 'wss://ws.kraken.com/v2';
const start = Date.parse('2024-05-27T12:43:10.000Z');

/** One NDJSON line of a --record file, `seconds` after the recording began. */
const line = (seconds: number, url: string, frame: string) =>
	JSON.stringify({time: new Date(start + seconds * 1000).toISOString(), url, frame});

/** A v2 session: status, acks, heartbeats, an ETH trade first, then BTC, and a repeated snapshot. */
const v2Recording = [
	line(
		0,
		v2Url,
		'{"channel":"status","data":[{"api_version":"v2","connection_id":12393906104898154338,"system":"online","version":"2.0.4"}],"type":"update"}',
	),
	line(
		0.1,
		v2Url,
		'{"method":"subscribe","req_id":1,"result":{"channel":"trade","snapshot":false,"symbol":"BTC/USD"},"success":true,"time_in":"2024-05-27T12:43:10.100000Z","time_out":"2024-05-27T12:43:10.100050Z"}',
	),
	line(0.2, v2Url, '{"channel":"heartbeat"}'),
	line(
		1,
		v2Url,
		'{"channel":"trade","type":"update","data":[{"symbol":"ETH/USD","side":"sell","price":3850.25,"qty":1.5,"ord_type":"market","trade_id":5001,"timestamp":"2024-05-27T12:43:11.000000Z"}]}',
	),
	line(
		2,
		v2Url,
		'{"channel":"trade","type":"update","data":[{"symbol":"BTC/USD","side":"buy","price":68500.0,"qty":0.01044926,"ord_type":"limit","trade_id":70635299,"timestamp":"2024-05-27T12:43:11.798009Z"},{"symbol":"BTC/USD","side":"buy","price":68500.1,"qty":0.00483192,"ord_type":"limit","trade_id":70635300,"timestamp":"2024-05-27T12:43:11.798009Z"}]}',
	),
	line(2.2, v2Url, '{"channel":"heartbeat"}'),
	// After a reconnect: the snapshot repeats the two BTC trades already recorded.
	line(
		2.4,
		v2Url,
		'{"channel":"trade","type":"snapshot","data":[{"symbol":"BTC/USD","side":"buy","price":68500.0,"qty":0.01044926,"ord_type":"limit","trade_id":70635299,"timestamp":"2024-05-27T12:43:11.798009Z"},{"symbol":"BTC/USD","side":"buy","price":68500.1,"qty":0.00483192,"ord_type":"limit","trade_id":70635300,"timestamp":"2024-05-27T12:43:11.798009Z"}]}',
	),
	line(
		2.5,
		v2Url,
		'{"channel":"trade","type":"update","data":[{"symbol":"BTC/USD","side":"sell","price":68466.9,"qty":0.01919415,"ord_type":"market","trade_id":70635301,"timestamp":"2024-05-27T12:43:12.500000Z"}]}',
	),
];

/** The same trades recorded from the v1 endpoint. */
const v1Recording = [
	line(
		0,
		v1Url,
		'{"connectionID":7858587364768643506,"event":"systemStatus","status":"online","version":"1.9.1"}',
	),
	line(
		0.1,
		v1Url,
		'{"channelID":337,"channelName":"trade","event":"subscriptionStatus","pair":"XBT/USD","reqid":1,"status":"subscribed","subscription":{"name":"trade"}}',
	),
	line(0.2, v1Url, '{"event":"heartbeat"}'),
	line(
		1,
		v1Url,
		'[338,[["3850.25000","1.50000000","1716813791.000000","s","m",""]],"trade","ETH/USD"]',
	),
	line(
		2,
		v1Url,
		'[337,[["68500.00000","0.01044926","1716813791.798009","b","l",""],["68500.10000","0.00483192","1716813791.798009","b","l",""]],"trade","XBT/USD"]',
	),
	line(2.2, v1Url, '{"event":"heartbeat"}'),
	line(
		2.5,
		v1Url,
		'[337,[["68466.90000","0.01919415","1716813792.500000","s","m",""]],"trade","XBT/USD"]',
	),
];

type Expected = Pick<Trade, 'pair' | 'price' | 'volume' | 'side' | 'orderType'>;

function expectedTrades(bitcoin: string): Expected[] {
	return [
		{pair: 'ETH/USD', price: 3850.25, volume: 1.5, side: 'sell', orderType: 'market'},
		{pair: bitcoin, price: 68_500, volume: 0.010_449_26, side: 'buy', orderType: 'limit'},
		{pair: bitcoin, price: 68_500.1, volume: 0.004_831_92, side: 'buy', orderType: 'limit'},
		{pair: bitcoin, price: 68_466.9, volume: 0.019_194_15, side: 'sell', orderType: 'market'},
	];
}

const withoutTimes = (trades: readonly Trade[]): Expected[] =>
	trades.map(({pair, price, volume, side, orderType}) => ({pair, price, volume, side, orderType}));

async function recordingFile(lines: readonly string[]): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), 'kraken-tape-replay-'));
	cleanup.add(() => rm(directory, {recursive: true, force: true}));
	const file = join(directory, 'recording.ndjson');
	await writeFile(file, `${lines.join('\n')}\n`);
	return file;
}

async function serveReplay(lines: readonly string[]) {
	const server = await startExchangeServer({
		source: createReplaySource(await recordingFile(lines), 10),
	});
	cleanup.add(() => server.close());
	return server;
}

const bitcoinFor = (api: ApiVersion) => (api === 'v1' ? 'XBT/USD' : 'BTC/USD');

type Combination = Readonly<{recorded: ApiVersion; served: ApiVersion}>;

const combinations: Combination[] = [
	{recorded: 'v2', served: 'v2'},
	{recorded: 'v2', served: 'v1'},
	{recorded: 'v1', served: 'v2'},
	{recorded: 'v1', served: 'v1'},
];

describe('replay-source', () => {
	test.each(combinations)(
		'a $recorded recording replays its trades in order to a $served client',
		async ({recorded, served}) => {
			const server = await serveReplay(recorded === 'v1' ? v1Recording : v2Recording);
			const bitcoin = bitcoinFor(served);
			const {client, log} = startClient(cleanup, {
				url: `${server.url}${served === 'v1' ? '/' : '/v2'}`,
				api: served,
				// ETH first: the recording's first trade is ETH's, played as soon as ETH is subscribed.
				pairs: ['ETH/USD', bitcoin],
			});
			await eventually(() => expect(log.trades).toHaveLength(4));
			expect(withoutTimes(log.trades)).toEqual(expectedTrades(bitcoin));
			if (served === 'v2' && recorded === 'v2') {
				expect(log.trades.map((trade) => trade.tradeId)).toEqual([
					5001, 70_635_299, 70_635_300, 70_635_301,
				]);
			}

			// Nothing more: no status, ack or heartbeat became a trade, and the snapshot is not replayed.
			await pause(100);
			expect(log.trades).toHaveLength(4);
			expect(log.gaps).toEqual([]);
			expect(client.counts.unrecognised).toBe(0);
		},
	);

	test('a v1 client subscribing every pair in one message gets the first recorded trade', async () => {
		const server = await serveReplay(v2Recording);
		// XBT/USD is subscribed first and starts the replay, whose first trade is ETH's.
		const {log} = startClient(cleanup, {
			url: `${server.url}/`,
			api: 'v1',
			pairs: ['XBT/USD', 'ETH/USD'],
		});
		await eventually(() => expect(log.trades.length).toBeGreaterThanOrEqual(3));
		await pause(100);
		expect(withoutTimes(log.trades)).toEqual(expectedTrades('XBT/USD'));
	});

	test('the subscription ack goes out before the first replayed trade', async () => {
		const server = await serveReplay(v1Recording);
		const client = await connectRaw(`${server.url}/`, cleanup);
		client.send({event: 'subscribe', pair: ['ETH/USD'], subscription: {name: 'trade'}, reqid: 1});
		await client.waitFor((text) => text.includes('"trade","ETH/USD"'));
		const ackIndex = client.texts.findIndex((text) => text.includes('"status":"subscribed"'));
		const tradeIndex = client.texts.findIndex((text) => text.includes('"trade","ETH/USD"'));
		expect(ackIndex).toBeGreaterThan(0);
		expect(tradeIndex).toBeGreaterThan(ackIndex);
	});

	test('replayed trades are served over REST too: the recorded ids, the times the websocket sent', async () => {
		const server = await serveReplay(v2Recording);
		// Before the replay starts there are no trades, and no error either.
		const before = await restCall(server, '/0/public/Trades?pair=XBTUSD');
		expect(before.body).toEqual({error: [], result: {XXBTZUSD: [], last: '0'}});
		const client = await connectRaw(`${server.url}/v2`, cleanup);
		client.send({
			method: 'subscribe',
			params: {channel: 'trade', symbol: ['ETH/USD', 'BTC/USD'], snapshot: false},
		});
		await client.waitFor((text) => text.includes('"trade_id":70635301'));
		type Sent = {trade_id: number; price: number; qty: number; timestamp: string};
		const sent = client.texts
			.filter((text) => text.startsWith('{"channel":"trade"'))
			.flatMap((text) => (JSON.parse(text) as {data: Sent[]}).data);
		const bitcoin = await restCall(server, '/0/public/Trades?pair=XBTUSD&since=0');
		const rows = tradeRowsOf(bitcoin.text);
		expect(
			rows.map((row) => [row.tradeId, row.price, row.volume, row.side, row.orderType]),
		).toEqual([
			[70_635_299, '68500.00000', '0.01044926', 'b', 'l'],
			[70_635_300, '68500.10000', '0.00483192', 'b', 'l'],
			[70_635_301, '68466.90000', '0.01919415', 's', 'm'],
		]);
		for (const row of rows) {
			const trade = sent.find((entry) => entry.trade_id === row.tradeId);
			expect(microsecondsOf(row.time)).toBe(microsecondsOfStamp(trade!.timestamp));
		}

		const ether = await restCall(server, '/0/public/Trades?pair=ETH/USD');
		expect(Object.keys(ether.body.result ?? {})).toEqual(['XETHZUSD', 'last']);
		expect(tradeRowsOf(ether.text).map((row) => row.tradeId)).toEqual([5001]);
		// The ticker and the candles are made of the replayed trades as well.
		const ticker = await restCall(server, '/0/public/Ticker?pair=XBTUSD');
		const figures = (ticker.body.result as Record<string, Record<string, unknown>>)['XXBTZUSD'];
		expect(figures?.['c']).toEqual(['68466.90000', '0.01919415']);
		expect(figures?.['t']).toEqual([3, 3]);
		const ohlc = await restCall(server, '/0/public/OHLC?pair=XBTUSD');
		const candles = (ohlc.body.result as Record<string, unknown[][]>)['XXBTZUSD'] ?? [];
		expect(candles.reduce((sum, candle) => sum + Number(candle[7]), 0)).toBe(3);
	});

	test('a missing file is bad input naming it', () => {
		const file = join(tmpdir(), 'kraken-tape-no-such-recording.ndjson');
		expect(() => createReplaySource(file, 1)).toThrow(InputError);
		expect(() => createReplaySource(file, 1)).toThrow(`cannot read recording ${file}: ENOENT`);
	});

	test('a file without trade frames is bad input', async () => {
		const file = await recordingFile([
			v1Recording[0] ?? '',
			v1Recording[1] ?? '',
			v2Recording[2] ?? '',
			'not json at all',
		]);
		expect(() => createReplaySource(file, 10)).toThrow(InputError);
		expect(() => createReplaySource(file, 10)).toThrow(`recording ${file} holds no trade frames`);
	});
});
