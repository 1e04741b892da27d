import {afterEach, describe, expect, test} from 'vitest';
import type {ApiVersion} from '../../source/model/types.js';
import {parse, simulatorHarness, subscribeV1, subscribeV2} from '../helpers/simulator.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually, pause} from '../helpers/eventually.js';

const cleanup = createCleanup();
afterEach(() => cleanup.run());

const {simulate, connect} = simulatorHarness(cleanup);

const isTradeV1 = (text: string) => text.startsWith('[') && text.includes('"trade"');
const isTradeV2 = (text: string) => text.startsWith('{"channel":"trade"');

/** Kraken's pair_decimals for the pairs used here (REST AssetPairs). */
const priceDecimals: Record<string, number> = {'BTC/USD': 1, 'ETH/USD': 2, 'XRP/USD': 5};
const v1Names: Record<string, string> = {
	'BTC/USD': 'XBT/USD',
	'ETH/USD': 'ETH/USD',
	'XRP/USD': 'XRP/USD',
};

type V1Entry = [string, string, string, string, string, string];
type V2Entry = {symbol: string; side: string; ord_type: string; trade_id: number};

describe('exchange-server trades', () => {
	test('v2 sends a snapshot of the last 50 trades when asked', async () => {
		const {server, source} = await simulate({seed: 1, rateMultiplier: 20});
		const bitcoin = source.pairs.find((pair) => pair.symbol === 'BTC/USD');
		expect(bitcoin).toBeDefined();
		// The market starts with a minute of history, more than the 50 a snapshot may hold.
		await eventually(() => expect(source.recent(bitcoin!, 100)).toHaveLength(50));
		const client = await connect(server, 'v2');
		client.send(subscribeV2(['BTC/USD'], true));
		const snapshot = parse(await client.waitFor((text) => text.includes('"type":"snapshot"')));
		const data = snapshot['data'] as V2Entry[];
		expect(data).toHaveLength(50);
		const ids = data.map((entry) => entry.trade_id);
		expect(ids).toEqual(ids.map((_id, index) => (ids[0] ?? 0) + index));
		expect(new Set(data.map((entry) => entry.symbol))).toEqual(new Set(['BTC/USD']));
		// The ack comes before the snapshot.
		const ackIndex = client.texts.findIndex((text) => text.includes('"method":"subscribe"'));
		const snapshotIndex = client.texts.findIndex((text) => text.includes('"type":"snapshot"'));
		expect(ackIndex).toBeGreaterThan(0);
		expect(snapshotIndex).toBeGreaterThan(ackIndex);
	});

	test('v2 sends no snapshot when snapshot is false', async () => {
		const {server, source} = await simulate({seed: 1, rateMultiplier: 20});
		const bitcoin = source.pairs.find((pair) => pair.symbol === 'BTC/USD');
		await eventually(() => expect(source.recent(bitcoin!, 50).length).toBeGreaterThan(5));
		const client = await connect(server, 'v2');
		client.send(subscribeV2(['BTC/USD'], false));
		await client.waitFor((text) => text.includes('"type":"update"'));
		expect(client.texts.filter((text) => text.includes('"type":"snapshot"'))).toEqual([]);
	});

	test('v1 trades look like kraken trades', async () => {
		const {server} = await simulate({seed: 1, rateMultiplier: 20});
		const client = await connect(server, 'v1');
		const symbols = Object.keys(priceDecimals);
		client.send(subscribeV1(symbols.map((symbol) => v1Names[symbol] ?? symbol)));
		const frames = () =>
			client.texts.filter(isTradeV1).map((text) => JSON.parse(text) as unknown[]);
		const entries = () => frames().flatMap((frame) => frame[1] as V1Entry[]);
		await eventually(() => {
			expect(new Set(entries().map((entry) => entry[3]))).toEqual(new Set(['b', 's']));
			expect(new Set(entries().map((entry) => entry[4]))).toEqual(new Set(['m', 'l']));
			expect(frames().some((frame) => (frame[1] as V1Entry[]).length > 1)).toBe(true);
			expect(new Set(frames().map((frame) => frame.at(-1)))).toEqual(
				new Set(Object.values(v1Names)),
			);
		});
		for (const frame of frames()) {
			expect(frame).toHaveLength(4);
			expect(frame[2]).toBe('trade');
			const symbol = symbols.find((name) => v1Names[name] === frame[3]) ?? '';
			const decimals = priceDecimals[symbol] ?? 0;
			// v1 pads prices to five places; the digits past the pair's decimals are zeros.
			const pricePattern = new RegExp(`^\\d+\\.\\d{${decimals}}0{${5 - decimals}}$`);
			for (const [price, volume, time, , , misc] of frame[1] as V1Entry[]) {
				expect(price).toMatch(pricePattern);
				expect(volume).toMatch(/^\d+\.\d{8}$/);
				expect(time).toMatch(/^\d{10}\.\d{6}$/);
				expect(misc).toBe('');
			}
		}
	});

	test('v2 trades look like kraken trades and ids rise by one per pair', async () => {
		const {server} = await simulate({seed: 1, rateMultiplier: 20});
		const client = await connect(server, 'v2');
		const symbols = Object.keys(priceDecimals);
		client.send(subscribeV2(symbols, false));
		const texts = () => client.texts.filter(isTradeV2);
		const entries = () => texts().flatMap((text) => parse(text)['data'] as V2Entry[]);
		await eventually(() => {
			expect(new Set(entries().map((entry) => entry.side))).toEqual(new Set(['buy', 'sell']));
			expect(new Set(entries().map((entry) => entry.ord_type))).toEqual(
				new Set(['market', 'limit']),
			);
			expect(texts().some((text) => (parse(text)['data'] as V2Entry[]).length > 1)).toBe(true);
			expect(new Set(entries().map((entry) => entry.symbol))).toEqual(new Set(symbols));
			expect(entries().filter((entry) => entry.symbol === 'BTC/USD').length).toBeGreaterThan(20);
		});
		for (const text of texts()) {
			const [symbol = ''] = (parse(text)['data'] as V2Entry[]).map((entry) => entry.symbol);
			// Numbers keep the pair's decimals in the text, as Kraken writes them.
			const prices = [...text.matchAll(/"price":([^,]+),/g)].map((match) => match[1]);
			for (const price of prices) {
				expect(price).toMatch(new RegExp(`^\\d+\\.\\d{${priceDecimals[symbol] ?? 0}}$`));
			}
		}

		for (const symbol of symbols) {
			const ids = entries()
				.filter((entry) => entry.symbol === symbol)
				.map((entry) => entry.trade_id);
			expect(ids).toEqual(ids.map((_id, index) => (ids[0] ?? 0) + index));
		}
	});

	test.each<ApiVersion>(['v1', 'v2'])(
		'%s maintenance pushes a status frame and stops trades',
		async (api) => {
			const {server} = await simulate({seed: 1, rateMultiplier: 20});
			const client = await connect(server, api);
			const isTrade = api === 'v1' ? isTradeV1 : isTradeV2;
			client.send(
				api === 'v1'
					? subscribeV1(['XBT/USD', 'ETH/USD'])
					: subscribeV2(['BTC/USD', 'ETH/USD'], false),
			);
			await client.waitFor(isTrade);

			server.setSystemStatus('maintenance');
			const status = await client.waitFor((text) => text.includes('maintenance'));
			expect(parse(status)).toMatchObject(
				api === 'v1'
					? {event: 'systemStatus', status: 'maintenance'}
					: {channel: 'status', data: [{system: 'maintenance'}]},
			);
			const statusIndex = client.texts.indexOf(status);
			// At 20 times the normal rate BTC alone trades several times in this pause.
			await pause(500);
			expect(client.texts.slice(statusIndex).filter(isTrade)).toEqual([]);

			server.setSystemStatus('online');
			await client.waitFor(isTrade, statusIndex);
		},
	);
});
