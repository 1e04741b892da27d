import type {Trade} from '../model/types.js';
import {
	describeIssues,
	parseJson,
	readConnectionId,
	type Codec,
	type FeedMessage,
} from './feed-message.js';
import {
	errorEventSchema,
	heartbeatSchema,
	pongSchema,
	rateLimitSchema,
	subscriptionStatusSchema,
	systemStatusSchema,
	tradeFrameSchema,
	type V1TradeFrame,
} from './schemas-v1.js';

/** The one place v1 trade entries become domain trades. */
function toTrades(frame: V1TradeFrame): Trade[] {
	const [, entries, , pair] = frame;
	return entries.map(([price, volume, time, side, orderType]) => ({
		pair,
		side: side === 'b' ? 'buy' : 'sell',
		price: Number(price),
		volume: Number(volume),
		// "1534614057.321597": seconds with microseconds.
		time: Math.floor(Number(time) * 1000),
		orderType: orderType === 'm' ? 'market' : 'limit',
	}));
}

function decodeArray(value: unknown[]): FeedMessage {
	const channelName = value.at(-2);
	if (channelName !== 'trade') {
		return {kind: 'unrecognised', reason: `data for channel ${String(channelName)}`};
	}

	const parsed = tradeFrameSchema.safeParse(value);
	if (!parsed.success) {
		return {kind: 'unrecognised', reason: `trade frame ${describeIssues(parsed.error.issues)}`};
	}

	const trades = toTrades(parsed.data);
	// The decimal pattern admits "0.0" and 400-digit numbers that Number() makes Infinity.
	const isUsable = (value: number) => Number.isFinite(value) && value > 0;
	if (
		trades.some(
			(trade) => !(isUsable(trade.price) && isUsable(trade.volume) && isUsable(trade.time)),
		)
	) {
		return {kind: 'unrecognised', reason: 'trade frame with a zero or out-of-range number'};
	}

	return {kind: 'trades', trades, isSnapshot: false};
}

function decodeEvent(value: Record<string, unknown>, text: string): FeedMessage {
	switch (value['event']) {
		case 'heartbeat': {
			return heartbeatSchema.safeParse(value).success
				? {kind: 'heartbeat'}
				: {kind: 'unrecognised', reason: 'heartbeat'};
		}

		case 'pong': {
			const parsed = pongSchema.safeParse(value);
			return parsed.success
				? {kind: 'pong', reqId: parsed.data.reqid}
				: {kind: 'unrecognised', reason: `pong ${describeIssues(parsed.error.issues)}`};
		}

		case 'systemStatus': {
			const parsed = systemStatusSchema.safeParse(value);
			return parsed.success
				? {
						kind: 'status',
						status: parsed.data.status,
						version: parsed.data.version,
						connectionId: readConnectionId(text),
					}
				: {kind: 'unrecognised', reason: `systemStatus ${describeIssues(parsed.error.issues)}`};
		}

		case 'subscriptionStatus': {
			return decodeSubscriptionStatus(value);
		}

		default: {
			const parsed = errorEventSchema.safeParse(value);
			return parsed.success
				? {kind: 'error', message: parsed.data.errorMessage}
				: {kind: 'unrecognised', reason: `event ${String(value['event'])}`};
		}
	}
}

function decodeSubscriptionStatus(value: Record<string, unknown>): FeedMessage {
	const parsed = subscriptionStatusSchema.safeParse(value);
	if (!parsed.success) {
		return {
			kind: 'unrecognised',
			reason: `subscriptionStatus ${describeIssues(parsed.error.issues)}`,
		};
	}

	const {status, pair, reqid, errorMessage, channelName, subscription} = parsed.data;
	if (status === 'error') {
		return {
			kind: 'subscription-error',
			pair,
			message: errorMessage ?? 'subscription refused',
			reqId: reqid,
		};
	}

	// Acks for other channels belong to someone else's subscription; a tape only asks for trades.
	const channel = channelName ?? subscription?.name;
	if (channel !== 'trade' || pair === undefined || status === 'ok') {
		return {kind: 'unrecognised', reason: `subscriptionStatus for ${String(channel)}`};
	}

	return {kind: status, pair, reqId: reqid};
}

/** Kraken WebSocket v1: `wss://ws.kraken.com/`. */
export const codecV1: Codec = {
	decode(text) {
		const json = parseJson(text);
		if (!json.ok) {
			return {kind: 'unrecognised', reason: json.reason};
		}

		const {value} = json;
		if (Array.isArray(value)) {
			return decodeArray(value);
		}

		if (typeof value !== 'object' || value === null) {
			return {kind: 'unrecognised', reason: 'neither an object nor an array'};
		}

		const object = value as Record<string, unknown>;
		if ('event' in object) {
			return decodeEvent(object, text);
		}

		const rateLimit = rateLimitSchema.safeParse(object);
		if (rateLimit.success) {
			return {kind: 'rate-limited', message: rateLimit.data.Error};
		}

		return {kind: 'unrecognised', reason: 'object without an event'};
	},

	encodeSubscribe(pairs, reqId) {
		// v1 `reqid` must be an integer; a string is refused (see the protocol reference, 0.10).
		return JSON.stringify({
			event: 'subscribe',
			pair: pairs,
			subscription: {name: 'trade'},
			reqid: reqId,
		});
	},

	encodeUnsubscribe(pairs, reqId) {
		return JSON.stringify({
			event: 'unsubscribe',
			pair: pairs,
			subscription: {name: 'trade'},
			reqid: reqId,
		});
	},

	encodePing(reqId) {
		return JSON.stringify({event: 'ping', reqid: reqId});
	},
};
