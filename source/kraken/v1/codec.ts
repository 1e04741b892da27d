import type {Channel, ChannelParams} from '../../model/types.js';
import {parseJson, type Codec, type FeedMessage} from '../feed-message.js';
import {decodeBookFrame} from './book.js';
import {decodeRateLimit} from '../rate-limit-reply.js';
import {decodeEvent} from './control.js';
import {decodeOhlcFrame} from './ohlc.js';
import {decodeTickerFrame} from './ticker.js';
import {decodeTradeFrame} from './trade.js';

/**
 * Market data arrives as arrays, `[channelID, payload…, channelName, pair]`: one decoder per
 * channel, chosen by the channel's name, read from the end (book frames have two payloads).
 */
/** A channel name's kind: `book` of `book-10`, `ohlc` of `ohlc-5`, `trade` as it is. */
function channelKind(name: string): string {
	const dash = name.indexOf('-');
	return dash === -1 ? name : name.slice(0, dash);
}

function decodeArray(value: unknown[]): FeedMessage {
	const channelName = value.at(-2);
	switch (typeof channelName === 'string' ? channelKind(channelName) : channelName) {
		case 'trade': {
			return decodeTradeFrame(value);
		}

		case 'ticker': {
			return decodeTickerFrame(value);
		}

		case 'ohlc': {
			return decodeOhlcFrame(value);
		}

		case 'book': {
			return decodeBookFrame(value);
		}

		default: {
			return {kind: 'unrecognised', reason: `data for channel ${String(channelName)}`};
		}
	}
}

/**
 * The request's `subscription` object: the channel's name and, for candles, the interval, for
 * the book, its depth.
 */
function subscriptionOf(
	channel: Channel,
	{interval, depth}: ChannelParams,
): Record<string, unknown> {
	if (channel === 'ohlc' && interval !== undefined) {
		return {interval, name: channel};
	}

	return channel === 'book' && depth !== undefined ? {depth, name: channel} : {name: channel};
}

/** How a v1 book frame ends as Kraken writes it, with no spaces: `...,"book-10","XBT/USD"]`. */
const bookFrameEnd = /"book-\d{1,5}","[^"]{1,40}"\]$/;

const quote = 34;

/**
 * Where the channel's name starts in a data frame as Kraken writes it, `…,"book-10","XBT/USD"]`:
 * back over the pair's name and then the channel's, a few characters. Most frames are trades, and
 * this rules them out before the pattern does (searching the frame's last 64 characters for
 * `"book-` took longer).
 */
function channelNameStart(text: string): number {
	let index = text.length - 3;
	while (index > 0 && text.charCodeAt(index) !== quote) {
		index--;
	}

	index -= 3;
	while (index > 0 && text.charCodeAt(index) !== quote) {
		index--;
	}

	return index + 1;
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

		return decodeRateLimit(object) ?? {kind: 'unrecognised', reason: 'object without an event'};
	},

	looksLikeBook: (text) =>
		text.startsWith('book-', channelNameStart(text)) && bookFrameEnd.test(text.slice(-64)),

	// v1 `reqid` must be an integer; a string is refused. The trade and ticker channels take no
	// options (v1's `snapshot` is for ownTrades only); candles take their interval.
	encodeSubscribe({channel, pairs, params}, reqId) {
		return JSON.stringify({
			event: 'subscribe',
			pair: pairs,
			subscription: subscriptionOf(channel, params),
			reqid: reqId,
		});
	},

	encodeUnsubscribe({channel, pairs, params}, reqId) {
		return JSON.stringify({
			event: 'unsubscribe',
			pair: pairs,
			subscription: subscriptionOf(channel, params),
			reqid: reqId,
		});
	},

	encodePing(reqId) {
		return JSON.stringify({event: 'ping', reqid: reqId});
	},
};
