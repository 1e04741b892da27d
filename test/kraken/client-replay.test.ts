import {afterEach, describe, expect, test} from 'vitest';
import {startScriptedServer, type TradeSpec} from '../helpers/scripted-server.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually, pause} from '../helpers/eventually.js';
import {startClient} from '../helpers/test-client.js';

const cleanup = createCleanup();
afterEach(() => cleanup.run());

const baseMicros = 1_716_813_790_000_000;

/** v2 trades with consecutive ids, one millisecond apart. */
const withIds = (ids: readonly number[]): TradeSpec[] =>
	ids.map((tradeId) => ({
		price: `${68_000 + tradeId}.5`,
		volume: '0.01',
		side: tradeId % 2 === 0 ? 'buy' : 'sell',
		tradeId,
		timeMicros: baseMicros + tradeId * 1000,
	}));

const range = (start: number, end: number): number[] =>
	Array.from({length: end - start + 1}, (_, index) => start + index);

describe('client on v2', () => {
	test('drops snapshot trades already seen after a reconnect and reports the gap', async () => {
		const server = await startScriptedServer({api: 'v2'});
		cleanup.add(() => server.close());
		server.behaviour.afterSubscribe = (connection) => {
			if (connection.number === 1) {
				connection.send(server.frames.trades('BTC/USD', withIds(range(100, 104)), 'snapshot'));
				connection.send(server.frames.trades('BTC/USD', withIds([105])));
			} else {
				// Overlaps 103..105, then jumps from 105 to 110: four trades were missed.
				connection.send(server.frames.trades('BTC/USD', withIds([103, 104, 105, 110]), 'snapshot'));
				connection.send(server.frames.trades('BTC/USD', withIds([111])));
			}
		};
		const {client, log} = startClient(cleanup, {url: server.url, api: 'v2', pairs: ['BTC/USD']});
		await eventually(() => expect(log.trades).toHaveLength(6));
		expect(client.counts.duplicates).toBe(0);

		server.dropAll();
		await eventually(() =>
			expect(log.trades.map((trade) => trade.tradeId)).toEqual([...range(100, 105), 110, 111]),
		);
		expect(server.latest().requests('subscribe')[0]?.snapshot).toBe(true);
		expect(client.counts.duplicates).toBe(3);
		expect(client.counts.missing).toBe(4);
		expect(log.gaps).toEqual([{pair: 'BTC/USD', afterTradeId: 105, missing: 4}]);
	});

	test('a restarted exchange that numbers its trades lower is followed, not dropped', async () => {
		const server = await startScriptedServer({api: 'v2'});
		cleanup.add(() => server.close());
		server.behaviour.afterSubscribe = (connection) => {
			if (connection.number === 1) {
				connection.send(server.frames.trades('BTC/USD', withIds(range(5000, 5004)), 'snapshot'));
			} else {
				// The restarted exchange's snapshot is wholly below anything seen before.
				connection.send(server.frames.trades('BTC/USD', withIds(range(100, 104)), 'snapshot'));
				connection.send(server.frames.trades('BTC/USD', withIds([105, 106])));
			}
		};
		const {client, log} = startClient(cleanup, {url: server.url, api: 'v2', pairs: ['BTC/USD']});
		await eventually(() => expect(log.trades).toHaveLength(5));

		server.dropAll();
		await eventually(() =>
			expect(log.trades.map((trade) => trade.tradeId)).toEqual([
				...range(5000, 5004),
				...range(100, 106),
			]),
		);
		expect(client.counts.missing).toBe(0);
		expect(client.counts.duplicates).toBe(0);
		expect(log.renumberings).toEqual([{pair: 'BTC/USD', lastTradeId: 5004, firstTradeId: 100}]);
		expect(log.gaps).toEqual([]);
	});

	test('a restarted exchange that numbers its trades far higher reports no missed trades', async () => {
		const server = await startScriptedServer({api: 'v2'});
		cleanup.add(() => server.close());
		const now = Date.now() * 1000;
		const spec = (tradeId: number, offset: number): TradeSpec => ({
			price: '68000.5',
			volume: '0.01',
			side: 'buy',
			tradeId,
			timeMicros: now + offset,
		});
		server.behaviour.afterSubscribe = (connection) => {
			connection.send(
				server.frames.trades(
					'BTC/USD',
					connection.number === 1 ? [spec(20_000_000, 0)] : [spec(51_738_151, 2_000_000)],
					'snapshot',
				),
			);
		};
		const {client, log} = startClient(cleanup, {url: server.url, api: 'v2', pairs: ['BTC/USD']});
		await eventually(() => expect(log.trades).toHaveLength(1));
		server.dropAll();
		await eventually(() => expect(log.trades).toHaveLength(2));
		expect(client.counts.missing).toBe(0);
		expect(log.renumberings).toHaveLength(1);
	});

	test('a snapshot that overlaps completely emits nothing and no gap', async () => {
		const server = await startScriptedServer({api: 'v2'});
		cleanup.add(() => server.close());
		server.behaviour.afterSubscribe = (connection) => {
			connection.send(server.frames.trades('BTC/USD', withIds(range(1, 50)), 'snapshot'));
		};
		const {client, log} = startClient(cleanup, {url: server.url, api: 'v2', pairs: ['BTC/USD']});
		await eventually(() => expect(log.trades).toHaveLength(50));

		server.dropAll(1001);
		await eventually(() => expect(client.counts.duplicates).toBe(50));
		await pause(50);
		expect(log.trades).toHaveLength(50);
		expect(log.gaps).toEqual([]);
	});
});

describe('client on v1', () => {
	test('does not emit trades the server resends after a resubscribe', async () => {
		const server = await startScriptedServer({api: 'v1'});
		cleanup.add(() => server.close());
		const trade = (price: string, offsetMicros: number): TradeSpec => ({
			price,
			volume: '0.10000000',
			side: 'buy',
			orderType: 'market',
			timeMicros: baseMicros + offsetMicros,
		});
		const earlier = [trade('37080.10000', 0), trade('37080.20000', 5000)];
		// Two identical fills at the same microsecond: both real, both must be shown once.
		const last = [trade('37080.30000', 9000), trade('37080.30000', 9000)];
		server.behaviour.afterSubscribe = (connection) => {
			if (connection.number === 1) {
				connection.send(server.frames.trades('XBT/USD', earlier));
				connection.send(server.frames.trades('XBT/USD', last));
			} else {
				// Kraken may replay recent trades on subscribe; then a new trade follows.
				connection.send(server.frames.trades('XBT/USD', [...earlier, ...last]));
				connection.send(server.frames.trades('XBT/USD', [trade('37080.40000', 12_000)]));
			}
		};
		const {client, log} = startClient(cleanup, {url: server.url, api: 'v1', pairs: ['XBT/USD']});
		await eventually(() => expect(log.trades).toHaveLength(4));

		server.dropAll();
		await eventually(() =>
			expect(log.trades.map((entry) => entry.price)).toEqual([
				37_080.1, 37_080.2, 37_080.3, 37_080.3, 37_080.4,
			]),
		);
		expect(client.counts.duplicates).toBe(4);
	});
});
