import type {ChannelParams} from '../../model/types.js';
import {isJsonObject, parseJson, type Codec, type FeedMessage} from '../feed-message.js';
import {decodeRateLimit} from '../rate-limit-reply.js';
import {decodeHeartbeat, decodeMethod, decodeStatus} from './control.js';
import {quoteBookNumbers} from '../book/wire-text.js';
import {decodeBookMessage} from './book.js';
import {scanBookFrame} from './book-scanner.js';
import {decodeOhlcMessage} from './ohlc.js';
import {decodeTickerMessage} from './ticker.js';
import {decodeTradeMessage} from './trade.js';

/** One decoder per channel a frame can carry. */
function decodeChannel(value: Record<string, unknown>, text: string): FeedMessage {
	switch (value['channel']) {
		case 'trade': {
			return decodeTradeMessage(value);
		}

		case 'ticker': {
			return decodeTickerMessage(value);
		}

		case 'ohlc': {
			return decodeOhlcMessage(value);
		}

		case 'book': {
			return decodeBookMessage(value);
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

/** A channel's parameters as v2 names them: only those given. */
function paramsOf({interval, depth, snapshot}: ChannelParams): Record<string, unknown> {
	return {
		...(interval === undefined ? {} : {interval}),
		...(depth === undefined ? {} : {depth}),
		...(snapshot === undefined ? {} : {snapshot}),
	};
}

/** Book frames, which Kraken writes channel first, have their numbers quoted before parsing. */
const bookFrameStart = /^\{\s*"channel"\s*:\s*"book"/;

/**
 * Any frame, read the general way: parsed (a book frame's numbers quoted first, so each keeps its
 * text), then decoded by its channel or method. v2 book frames as Kraken writes them take a
 * shortcut (book-scanner.ts) that gives the same answer.
 */
export function decodeGenerally(text: string): FeedMessage {
	const isBook = bookFrameStart.test(text);
	const json = parseJson(isBook ? quoteBookNumbers(text) : text);
	if (!json.ok) {
		return {kind: 'unrecognised', reason: json.reason};
	}

	const {value: object} = json;
	if (!isJsonObject(object)) {
		return {kind: 'unrecognised', reason: 'not a JSON object'};
	}

	// A book frame with its channel further in: parsed again, numbers quoted.
	if (object['channel'] === 'book' && !isBook) {
		return decodeGenerally(`{"channel":"book",${text.slice(text.indexOf('{') + 1)}`);
	}

	if ('channel' in object) {
		return decodeChannel(object, text);
	}

	if ('method' in object) {
		return decodeMethod(object);
	}

	return (
		decodeRateLimit(object) ?? {
			kind: 'unrecognised',
			reason: 'object without a channel or method',
		}
	);
}

/** Kraken WebSocket v2: `wss://ws.kraken.com/v2`. */
export const codecV2: Codec = {
	decode(text) {
		const book = scanBookFrame(text);
		return book ? {kind: 'book', messages: book} : decodeGenerally(text);
	},

	looksLikeBook: (text) => bookFrameStart.test(text),

	// The trade snapshot's default has changed between doc versions, so it is always sent.
	encodeSubscribe({channel, pairs, params}, reqId) {
		return JSON.stringify({
			method: 'subscribe',
			params: {channel, symbol: pairs, ...paramsOf(params)},
			req_id: reqId,
		});
	},

	// Candles are unsubscribed by interval (several intervals of one pair can be subscribed), and
	// the book by its depth, as Kraken's own resync does.
	encodeUnsubscribe({channel, pairs, params}, reqId) {
		const {interval, depth} = params;
		return JSON.stringify({
			method: 'unsubscribe',
			params: {
				channel,
				symbol: pairs,
				...(interval === undefined ? {} : {interval}),
				...(depth === undefined ? {} : {depth}),
			},
			req_id: reqId,
		});
	},

	encodePing(reqId) {
		return JSON.stringify({method: 'ping', req_id: reqId});
	},
};
