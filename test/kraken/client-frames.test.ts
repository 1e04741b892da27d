import {afterEach, describe, expect, test} from 'vitest';
import type {ApiVersion} from '../../source/model/types.js';
import {startExchangeServer} from '../../source/simulator/exchange-server.js';
import {createSimulatedMarket} from '../../source/simulator/simulated-market.js';
import {startScriptedServer, type ScriptedServer} from '../helpers/scripted-server.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually} from '../helpers/eventually.js';
import {startClient} from '../helpers/test-client.js';

const cleanup = createCleanup();
afterEach(() => cleanup.run());

type Setup = Readonly<{
	api: ApiVersion;
	bitcoin: string;
	unknownShape: string;
	badPrice: string;
}>;

const setups: Setup[] = [
	{
		api: 'v1',
		bitcoin: 'XBT/USD',
		unknownShape: '{"foo":1}',
		badPrice: '[337,[["abc","0.00015891","1699797222.188887","s","m",""]],"trade","XBT/USD"]',
	},
	{
		api: 'v2',
		bitcoin: 'BTC/USD',
		unknownShape: '{"foo":1}',
		badPrice:
			'{"channel":"trade","type":"update","data":[{"symbol":"BTC/USD","side":"buy","price":"abc","qty":0.1,"ord_type":"limit","trade_id":1,"timestamp":"2024-05-27T12:43:11.798009Z"}]}',
	},
];

async function serve(api: ApiVersion): Promise<ScriptedServer> {
	const server = await startScriptedServer({api});
	cleanup.add(() => server.close());
	return server;
}

describe.each(setups)('client on $api', ({api, bitcoin, unknownShape, badPrice}) => {
	test('counts unrecognised frames and keeps working', async () => {
		const server = await serve(api);
		const {client, log} = startClient(cleanup, {url: server.url, api, pairs: [bitcoin]});
		await eventually(() => expect(client.state.kind).toBe('subscribed'));
		const connection = server.latest();

		connection.send('{"event":');
		connection.send(unknownShape);
		connection.send(badPrice);
		connection.sendBinary(Buffer.from([0x01, 0x02, 0x03]));
		await eventually(() => expect(log.unrecognised).toHaveLength(4));
		expect(log.unrecognised.map((entry) => entry.count)).toEqual([1, 2, 3, 4]);
		expect(log.unrecognised[0]?.reason).toBe('not valid JSON');
		expect(log.unrecognised[3]?.reason).toBe('binary frame');
		expect(client.counts.unrecognised).toBe(4);
		expect(log.trades).toEqual([]);

		connection.send(
			server.frames.trades(bitcoin, [{price: '68500.1', volume: '0.25', side: 'buy', tradeId: 7}]),
		);
		await eventually(() => expect(log.trades.map((trade) => trade.price)).toEqual([68_500.1]));
		expect(client.state.kind).toBe('subscribed');
		expect(server.connectionCount()).toBe(1);
	});

	test('passes a connection id above 2^53 through as exact text', async () => {
		const server = await serve(api);
		server.behaviour.connectionId = '13834774380200032777';
		const {log} = startClient(cleanup, {url: server.url, api, pairs: [bitcoin]});
		await eventually(() => expect(log.statuses).toHaveLength(1));
		expect(log.statuses[0]?.connectionId).toBe('13834774380200032777');
		// What JSON.parse would have made of it.
		expect(log.statuses[0]?.connectionId).not.toBe(String(13_834_774_380_200_032_777));
	});

	test('status event names the simulator as simulated', async () => {
		const exchange = await startExchangeServer({source: createSimulatedMarket({seed: 1})});
		cleanup.add(() => exchange.close());
		const url = `${exchange.url}${api === 'v1' ? '/' : '/v2'}`;
		const {log} = startClient(cleanup, {url, api, pairs: [bitcoin]});
		await eventually(() => expect(log.statuses).toHaveLength(1));
		expect(log.statuses[0]).toMatchObject({status: 'online', isSimulated: true});
	});
});
