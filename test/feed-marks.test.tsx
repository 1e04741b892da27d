import {afterEach, describe, expect, test} from 'vitest';
import {bindStore} from '../source/store-binding.js';
import {feedOf} from './helpers/feed-of.js';
import {KrakenClient} from '../source/kraken/client.js';
import {AlertWatcher} from '../source/model/alerts.js';
import {TapeStore} from '../source/model/tape-store.js';
import {appShownPerTest, shownPrices} from './helpers/screen.js';
import {startScriptedServer, type TradeSpec} from './helpers/scripted-server.js';
import {createCleanup} from './helpers/cleanup.js';
import {eventually} from './helpers/eventually.js';
import {fastOptions} from './helpers/test-client.js';

const cleanup = createCleanup();
afterEach(() => cleanup.run());
const show = appShownPerTest();

const withIds = (ids: readonly number[]): TradeSpec[] =>
	ids.map((tradeId) => ({price: `${tradeId}.5`, volume: '0.01', side: 'buy', tradeId}));

/** A real client on a scripted v2 server, bound to a store as the screen binds it. */
async function boundStore(send: (connectionNumber: number) => string[]) {
	const server = await startScriptedServer({api: 'v2'});
	cleanup.add(() => server.close());
	server.behaviour.afterSubscribe = (connection) => {
		for (const frame of send(connection.number)) {
			connection.send(frame);
		}
	};
	const client = new KrakenClient({...fastOptions, url: server.url, api: 'v2', pairs: ['BTC/USD']});
	cleanup.add(() => client.stop());
	const store = new TapeStore(['BTC/USD'], 100, false);
	bindStore(feedOf(client), store, new AlertWatcher([]), () => undefined);
	client.start();
	return {server, store};
}

describe('marks on the tape', () => {
	test('a reconnect and the trades it missed are marked where the gap was', async () => {
		const {server, store} = await boundStore((number) =>
			number === 1
				? [server.frames.trades('BTC/USD', withIds([100, 101, 102]), 'snapshot')]
				: [
						server.frames.trades('BTC/USD', withIds([101, 102, 106]), 'snapshot'),
						server.frames.trades('BTC/USD', withIds([107])),
					],
		);
		await eventually(() => expect(store.tape('BTC/USD')?.trades.size).toBe(3));
		server.dropAll();
		await eventually(() => expect(store.tape('BTC/USD')?.trades.size).toBe(5));
		const markers = store.tape('BTC/USD')?.markers ?? [];
		expect(markers.map(({position, text}) => ({position, text}))).toEqual([
			{position: 3, text: expect.stringMatching(/^reconnected after \d+ s$/)},
			{position: 3, text: '3 trades missed'},
		]);

		const app = show({store});
		const frame = await app.waitFor((frame) => expect(frame).toContain('3 trades missed'));
		const rows = frame.split('\n');
		const missed = rows.findIndex((row) => row.includes('3 trades missed'));
		expect(rows[missed - 1]).toContain('106.5');
		expect(rows[missed + 1]).toMatch(/reconnected after \d+ s/);
		expect(rows[missed + 2]).toContain('102.5');
		expect(shownPrices(frame)).toEqual([107.5, 106.5, 102.5, 101.5, 100.5]);
	});

	test('a new numbering is marked once', async () => {
		const {server, store} = await boundStore((number) => [
			server.frames.trades('BTC/USD', withIds(number === 1 ? [9000, 9001] : [10, 11]), 'snapshot'),
		]);
		await eventually(() => expect(store.tape('BTC/USD')?.trades.size).toBe(2));
		server.dropAll();
		await eventually(() => expect(store.tape('BTC/USD')?.trades.size).toBe(4));
		const texts = (store.tape('BTC/USD')?.markers ?? []).map((marker) => marker.text);
		expect(texts.filter((text) => text.includes('numbers its trades afresh'))).toHaveLength(1);
	});
});
