import type {Trade} from '../model/types.js';
import {
	describeIssues,
	parseJson,
	readConnectionId,
	type Codec,
	type FeedMessage,
} from './feed-message.js';
import {rateLimitSchema} from './schemas-v1.js';
import {
	acknowledgementSchema,
	heartbeatSchema,
	isTradeMessage,
	pongSchema,
	statusSchema,
	tradeMessageSchema,
	type V2TradeMessage,
} from './schemas-v2.js';

/** The one place v2 trade entries become domain trades. */
function toTrades(message: V2TradeMessage): Trade[] {
	return message.data.map((entry) => ({
		pair: entry.symbol,
		side: entry.side,
		price: entry.price,
		volume: entry.qty,
		time: Date.parse(entry.timestamp),
		orderType: entry.ord_type,
		tradeId: entry.trade_id,
	}));
}

function decodeChannel(value: Record<string, unknown>, text: string): FeedMessage {
	switch (value['channel']) {
		case 'trade': {
			if (isTradeMessage(value)) {
				return {kind: 'trades', trades: toTrades(value), isSnapshot: value.type === 'snapshot'};
			}

			const parsed = tradeMessageSchema.safeParse(value);
			return parsed.success
				? {
						kind: 'trades',
						trades: toTrades(parsed.data),
						isSnapshot: parsed.data.type === 'snapshot',
					}
				: {kind: 'unrecognised', reason: `trade message ${describeIssues(parsed.error.issues)}`};
		}

		case 'heartbeat': {
			return heartbeatSchema.safeParse(value).success
				? {kind: 'heartbeat'}
				: {kind: 'unrecognised', reason: 'heartbeat'};
		}

		case 'status': {
			const parsed = statusSchema.safeParse(value);
			if (!parsed.success) {
				return {kind: 'unrecognised', reason: `status ${describeIssues(parsed.error.issues)}`};
			}

			const [data] = parsed.data.data;
			return {
				kind: 'status',
				status: data?.system ?? 'unknown',
				version: data?.version,
				connectionId: readConnectionId(text),
			};
		}

		default: {
			return {kind: 'unrecognised', reason: `data for channel ${String(value['channel'])}`};
		}
	}
}

function decodeMethod(value: Record<string, unknown>): FeedMessage {
	if (value['method'] === 'pong') {
		const parsed = pongSchema.safeParse(value);
		return parsed.success
			? {kind: 'pong', reqId: parsed.data.req_id}
			: {kind: 'unrecognised', reason: `pong ${describeIssues(parsed.error.issues)}`};
	}

	const parsed = acknowledgementSchema.safeParse(value);
	if (!parsed.success) {
		return {
			kind: 'unrecognised',
			reason: `${String(value['method'])} ${describeIssues(parsed.error.issues)}`,
		};
	}

	const ack = parsed.data;
	if (!ack.success) {
		// Failed unsubscribes can come back with method "subscribe" (python-kraken-sdk live tests),
		// so the client matches errors by symbol and req_id, never by method.
		if (ack.method === 'subscribe' || ack.method === 'unsubscribe') {
			return {kind: 'subscription-error', pair: ack.symbol, message: ack.error, reqId: ack.req_id};
		}

		return {kind: 'error', message: ack.error};
	}

	if (ack.result.channel !== 'trade') {
		return {kind: 'unrecognised', reason: `${ack.method} ack for ${ack.result.channel}`};
	}

	return {
		kind: ack.method === 'subscribe' ? 'subscribed' : 'unsubscribed',
		pair: ack.result.symbol,
		reqId: ack.req_id,
	};
}

/** Kraken WebSocket v2: `wss://ws.kraken.com/v2`. */
export const codecV2: Codec = {
	decode(text) {
		const json = parseJson(text);
		if (!json.ok) {
			return {kind: 'unrecognised', reason: json.reason};
		}

		const {value} = json;
		if (typeof value !== 'object' || value === null || Array.isArray(value)) {
			return {kind: 'unrecognised', reason: 'not a JSON object'};
		}

		const object = value as Record<string, unknown>;
		if ('channel' in object) {
			return decodeChannel(object, text);
		}

		if ('method' in object) {
			return decodeMethod(object);
		}

		// Kraken's rate-limit reply has the v1 shape on both APIs.
		const rateLimit = rateLimitSchema.safeParse(object);
		if (rateLimit.success) {
			return {kind: 'rate-limited', message: rateLimit.data.Error};
		}

		return {kind: 'unrecognised', reason: 'object without a channel or method'};
	},

	// v2's trade snapshot default has changed between doc versions, so it is always sent.
	encodeSubscribe(pairs, reqId, snapshot) {
		return JSON.stringify({
			method: 'subscribe',
			params: {channel: 'trade', symbol: pairs, snapshot},
			req_id: reqId,
		});
	},

	encodeUnsubscribe(pairs, reqId) {
		return JSON.stringify({
			method: 'unsubscribe',
			params: {channel: 'trade', symbol: pairs},
			req_id: reqId,
		});
	},

	encodePing(reqId) {
		return JSON.stringify({method: 'ping', req_id: reqId});
	},
};
