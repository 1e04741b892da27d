// A scripted Kraken for every channel: the scripted server's own acks are for the trade channel
// only, so this one answers each channel's requests in its captured shapes (docs/kraken-protocol.md,
// 3.2, 3.3 and 8; the ticker acks as captured in 2023 and 2026).
import type {ApiVersion, Channel} from '../../source/model/types.js';
import type {Cleanup} from './cleanup.js';
import {
	startScriptedServer,
	type ScriptedConnection,
	type ScriptedServer,
} from './scripted-server.js';

/** A subscribe or unsubscribe as the server read it, whichever API sent it. */
export type Request = Readonly<{
	action: 'subscribe' | 'unsubscribe';
	channel: Channel;
	pairs: readonly string[];
	reqId?: number;
	interval?: number;
	depth?: number;
	text: string;
}>;

export function readRequest(api: ApiVersion, text: string): Request | undefined {
	const value = JSON.parse(text) as Record<string, unknown>;
	const params = (api === 'v1' ? value['subscription'] : value['params']) as
		Record<string, unknown> | undefined;
	const action = api === 'v1' ? value['event'] : value['method'];
	if ((action !== 'subscribe' && action !== 'unsubscribe') || params === undefined) {
		return undefined;
	}

	const reqId = api === 'v1' ? value['reqid'] : value['req_id'];
	const interval = params['interval'];
	const depth = params['depth'];
	return {
		action,
		channel: (api === 'v1' ? params['name'] : params['channel']) as Channel,
		pairs: (api === 'v1' ? value['pair'] : params['symbol']) as string[],
		...(typeof reqId === 'number' ? {reqId} : {}),
		...(typeof interval === 'number' ? {interval} : {}),
		...(typeof depth === 'number' ? {depth} : {}),
		text,
	};
}

const stamp = () => new Date().toISOString().replace('Z', '123Z');

/** The channel ids of the captured v1 frames: 337 trade, 340 ticker, 343 ohlc-1, 336 book-10. */
const channelIds: Record<Channel, number> = {trade: 337, ticker: 340, ohlc: 343, book: 336};

/** v1's channel name and `subscription` echo of a request, as Kraken writes them. */
function v1Names(request: Request): Readonly<{channelName: string; subscription: object}> {
	const {channel, interval = 1, depth = 10} = request;
	switch (channel) {
		case 'ohlc': {
			return {channelName: `ohlc-${interval}`, subscription: {interval, name: 'ohlc'}};
		}

		case 'book': {
			return {channelName: `book-${depth}`, subscription: {depth, name: 'book'}};
		}

		default: {
			return {channelName: channel, subscription: {name: channel}};
		}
	}
}

/**
 * An ack of one pair, in the captured shapes: v1 `{"channelID":343,"channelName":"ohlc-1",…,
 * "subscription":{"interval":1,"name":"ohlc"}}`; v2 ticker with `event_trigger`, v2 ohlc with its
 * interval and warning and, as captured, no `req_id`.
 */
function ackText(api: ApiVersion, request: Request, pair: string): string {
	const {action, channel, reqId, interval = 1, depth = 10} = request;
	if (api === 'v1') {
		const {channelName, subscription} = v1Names(request);
		return JSON.stringify({
			channelID: channelIds[channel],
			channelName,
			event: 'subscriptionStatus',
			pair,
			...(reqId === undefined ? {} : {reqid: reqId}),
			status: action === 'subscribe' ? 'subscribed' : 'unsubscribed',
			subscription,
		});
	}

	const isSubscribe = action === 'subscribe';
	const result = {
		trade: isSubscribe ? {channel, snapshot: true, symbol: pair} : {channel, symbol: pair},
		ticker: isSubscribe
			? {channel, event_trigger: 'trades', snapshot: true, symbol: pair}
			: {channel, event_trigger: 'trades', symbol: pair},
		ohlc: isSubscribe
			? {
					channel,
					interval,
					snapshot: true,
					symbol: pair,
					warnings: ['timestamp is deprecated, use interval_begin'],
				}
			: {channel, interval, symbol: pair},
		book: isSubscribe
			? {channel, depth, snapshot: true, symbol: pair}
			: {channel, depth, symbol: pair},
	}[channel];
	const withReqId = reqId !== undefined && !(isSubscribe && channel === 'ohlc');
	return JSON.stringify({
		method: action,
		...(withReqId ? {req_id: reqId} : {}),
		result,
		success: true,
		time_in: stamp(),
		time_out: stamp(),
	});
}

/** A refusal of one pair in Kraken's shapes (docs/kraken-protocol.md, 3.3). */
function refusalText(api: ApiVersion, request: Request, pair: string, words: string): string {
	const {reqId} = request;
	return api === 'v1'
		? JSON.stringify({
				errorMessage: words,
				event: 'subscriptionStatus',
				pair,
				...(reqId === undefined ? {} : {reqid: reqId}),
				status: 'error',
				subscription: v1Names(request).subscription,
			})
		: JSON.stringify({
				error: words,
				method: 'subscribe',
				...(reqId === undefined ? {} : {req_id: reqId}),
				success: false,
				symbol: pair,
				time_in: stamp(),
				time_out: stamp(),
			});
}

export type MarketServer = Readonly<{
	server: ScriptedServer;
	/** `channel pair` to Kraken's words for refusing it. */
	refusals: Map<string, string>;
	/** `action channel` whose answers are kept back until `release`. */
	held: Set<string>;
	release(): void;
	requests(connection?: ScriptedConnection): Request[];
}>;

/**
 * A scripted Kraken that answers every channel's requests with that channel's acks, or refuses
 * or holds back the ones a test says. Closed by `cleanup`.
 */
export async function startMarketServer(api: ApiVersion, cleanup: Cleanup): Promise<MarketServer> {
	const server = await startScriptedServer({api});
	cleanup.add(() => server.close());
	const refusals = new Map<string, string>();
	const held = new Set<string>();
	const kept: Array<{connection: ScriptedConnection; texts: string[]}> = [];
	server.behaviour.onMessage = (connection, _request, text) => {
		const request = readRequest(api, text);
		if (!request) {
			return false;
		}

		const texts = request.pairs.map((pair) => {
			const words = refusals.get(`${request.channel} ${pair}`);
			return request.action === 'subscribe' && words !== undefined
				? refusalText(api, request, pair, words)
				: ackText(api, request, pair);
		});
		if (held.has(`${request.action} ${request.channel}`)) {
			kept.push({connection, texts});
		} else {
			for (const reply of texts) {
				connection.send(reply);
			}
		}

		return true;
	};

	return {
		server,
		refusals,
		held,
		release() {
			held.clear();
			for (const {connection, texts} of kept.splice(0)) {
				for (const reply of texts) {
					connection.send(reply);
				}
			}
		},
		requests: (connection = server.latest()) =>
			connection.received
				.map((text) => readRequest(api, text))
				.filter((request) => request !== undefined),
	};
}
