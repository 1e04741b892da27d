import {afterEach, describe, expect, test} from 'vitest';
import {KrakenClient} from '../../source/kraken/client.js';
import {AlertWatcher} from '../../source/model/alerts.js';
import {decimalPlaces} from '../../source/model/format.js';
import {TapeStore} from '../../source/model/tape-store.js';
import {seededRandom} from '../../source/simulator/random.js';
import {bindStore} from '../../source/store-binding.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually} from '../helpers/eventually.js';
import {feedOf} from '../helpers/feed-of.js';
import {trade} from '../helpers/screen.js';
import {startScriptedServer} from '../helpers/scripted-server.js';
import {fastOptions} from '../helpers/test-client.js';

const cleanup = createCleanup();
afterEach(() => cleanup.run());

describe('TapeStore price decimals', () => {
	test('are the most any price of the pair had, up to eight', () => {
		const random = seededRandom(5);
		for (let round = 0; round < 200; round++) {
			const store = new TapeStore(['BTC/USD'], 100, false);
			let expected = 0;
			for (let index = 0; index < 20; index++) {
				// Mostly prices like those before, now and then one with more decimals.
				const decimals = Math.floor(random() * (random() < 0.8 ? 3 : 10));
				const magnitude = 10 ** Math.floor(random() * 7 - 2);
				const price = Number((random() * magnitude + 10 ** -decimals).toFixed(decimals));
				expected = Math.min(8, Math.max(expected, decimalPlaces(price)));
				store.addTrades([trade('BTC/USD', price)]);
				expect(store.tape('BTC/USD')?.priceDecimals, `after ${price}`).toBe(expected);
			}
		}
	});

	test('decimalPlaces reads the shortest form of a number', () => {
		expect([68_500, 68_466.9, 0.5147, 1.15, 0.000_012_34, 1e-7].map(decimalPlaces)).toEqual([
			0, 1, 4, 2, 8, 8,
		]);
	});
});

describe('TapeStore notice', () => {
	test("a server's notice stays while its connection does and is gone after a reconnect", async () => {
		const server = await startScriptedServer({api: 'v2'});
		cleanup.add(() => server.close());
		const client = new KrakenClient({
			...fastOptions,
			url: server.url,
			api: 'v2',
			pairs: ['BTC/USD'],
		});
		cleanup.add(() => client.stop());
		const store = new TapeStore(['BTC/USD'], 100, false);
		bindStore(feedOf(client), store, new AlertWatcher([]), () => undefined);
		client.start();
		await eventually(() => expect(store.feed.state.kind).toBe('subscribed'));

		// A refusal that names no pair and answers no request: the client can place it nowhere.
		server.latest().send(server.frames.subscriptionError('Currency pair not supported A/B'));
		await eventually(() => expect(store.feed.notice).toMatch(/Currency pair not supported A\/B/));
		server
			.latest()
			.send(
				server.frames.trades('BTC/USD', [
					{price: '68500.1', volume: '0.1', side: 'buy', tradeId: 1},
				]),
			);
		await eventually(() => expect(store.hasTrades('BTC/USD')).toBe(true));
		expect(store.feed.notice).toMatch(/Currency pair not supported A\/B/);

		server.dropAll();
		await eventually(() => expect(server.connectionCount()).toBe(2));
		await eventually(() => expect(store.feed.state.kind).toBe('subscribed'));
		expect(store.feed.notice).toBeUndefined();
	});
});
