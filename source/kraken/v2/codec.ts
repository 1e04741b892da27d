import {rateLimitSchema} from '../v1/control.js';
import {parseJson, type Codec, type FeedMessage} from '../feed-message.js';
import {decodeHeartbeat, decodeMethod, decodeStatus} from './control.js';
import {decodeTradeMessage} from './trade.js';

/** One decoder per channel a frame can carry. */
function decodeChannel(value: Record<string, unknown>, text: string): FeedMessage {
	switch (value['channel']) {
		case 'trade': {
			return decodeTradeMessage(value);
		}

		case 'heartbeat': {
			return decodeHeartbeat(value);
		}

		case 'status': {
			return decodeStatus(value, text);
		}

		default: {
			return {kind: 'unrecognised', reason: `data for channel ${String(value['channel'])}`};
		}
	}
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

	// The trade snapshot's default has changed between doc versions, so it is always sent.
	encodeSubscribe({channel, pairs, params}, reqId) {
		return JSON.stringify({
			method: 'subscribe',
			params: {
				channel,
				symbol: pairs,
				...(params.snapshot === undefined ? {} : {snapshot: params.snapshot}),
			},
			req_id: reqId,
		});
	},

	encodeUnsubscribe({channel, pairs}, reqId) {
		return JSON.stringify({
			method: 'unsubscribe',
			params: {channel, symbol: pairs},
			req_id: reqId,
		});
	},

	encodePing(reqId) {
		return JSON.stringify({method: 'ping', req_id: reqId});
	},
};
