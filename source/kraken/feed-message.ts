import type {Candle, Channel, ChannelParams, SystemStatus, Ticker, Trade} from '../model/types.js';
import type {WireLevel} from './book/checksum.js';

/**
 * One pair's book message: its levels as the exchange wrote them, best first in a snapshot and
 * in the order sent in an update. `problem` says why it cannot be applied (a level that is no
 * number, a checksum that is none): the pair's book must then be rebuilt.
 */
export type BookMessage = Readonly<{
	pair: string;
	isSnapshot: boolean;
	asks: readonly WireLevel[];
	bids: readonly WireLevel[];
	/** Absent from a v1 snapshot. */
	checksum?: number;
	/** The exchange's time of the last change, where the frame says (ms). */
	time?: number;
	problem?: string;
}>;

/**
 * What a codec makes of one inbound frame, whichever API version it came from. The client acts
 * on these; nothing past this point knows Kraken's wire names.
 */
export type FeedMessage =
	| Readonly<{kind: 'status'; status: SystemStatus; version?: string; connectionId?: string}>
	| Readonly<{
			kind: 'subscribed';
			channel: Channel;
			pair: string;
			reqId?: number;
			interval?: number;
	  }>
	| Readonly<{kind: 'unsubscribed'; channel: Channel; pair: string; reqId?: number}>
	/**
	 * A refused request. `channel` where the frame says it (v1 does); v2's errors name neither
	 * the channel nor always the pair, so the client matches them by `reqId` and the words.
	 */
	| Readonly<{
			kind: 'subscription-error';
			channel?: Channel;
			pair?: string;
			message: string;
			reqId?: number;
	  }>
	| Readonly<{kind: 'heartbeat'}>
	| Readonly<{kind: 'pong'; reqId?: number}>
	| Readonly<{kind: 'trades'; trades: readonly Trade[]; isSnapshot: boolean}>
	/** `time` is missing where the frame has none (v1, older v2): the client stamps its receipt. */
	| Readonly<{kind: 'ticker'; ticker: Omit<Ticker, 'time'> & {time?: number}; isSnapshot: boolean}>
	| Readonly<{kind: 'candles'; candles: readonly Candle[]; isSnapshot: boolean}>
	/** A v2 frame may carry several pairs' messages; every capture had one. */
	| Readonly<{kind: 'book'; messages: readonly BookMessage[]}>
	| Readonly<{kind: 'rate-limited'; message: string}>
	| Readonly<{kind: 'error'; message: string}>
	| Readonly<{kind: 'unrecognised'; reason: string}>;

/** One subscribe or unsubscribe: a channel, its parameters, and the pairs it is for. */
export type SubscriptionRequest = Readonly<{
	channel: Channel;
	pairs: readonly string[];
	params: ChannelParams;
}>;

/** Encodes requests and decodes frames for one API version. */
export type Codec = Readonly<{
	decode(text: string): FeedMessage;
	/**
	 * Whether a frame looks like a book frame as the exchange writes them, without parsing it: a
	 * hint for where it is decoded (kraken/off-thread/), never a verdict on what it is.
	 */
	looksLikeBook(text: string): boolean;
	encodeSubscribe(request: SubscriptionRequest, reqId: number): string;
	encodeUnsubscribe(request: SubscriptionRequest, reqId: number): string;
	encodePing(reqId: number): string;
}>;

/** Frames larger than this are refused without parsing: no message comes near it. */
export const maximumFrameBytes = 1024 * 1024;

/**
 * Kraken's connection ids exceed 2^53, so JSON.parse rounds them (13834774380200032777 becomes
 * 13834774380200032000). Read them from the text instead; they are only ever shown, not compared.
 */
export function readConnectionId(text: string): string | undefined {
	return /"connection_?id"\s*:\s*"?(\d+)/i.exec(text)?.[1];
}

/** Parses JSON without throwing; undefined with a reason for anything that is not JSON. */
export function parseJson(
	text: string,
): Readonly<{ok: true; value: unknown}> | Readonly<{ok: false; reason: string}> {
	// length counts UTF-16 units, at most the byte count, so the exact count is only needed near the limit.
	if (text.length > maximumFrameBytes / 3 && Buffer.byteLength(text, 'utf8') > maximumFrameBytes) {
		return {
			ok: false,
			reason: `frame of ${Buffer.byteLength(text, 'utf8')} bytes is over the 1 MB limit`,
		};
	}

	try {
		return {ok: true, value: JSON.parse(text) as unknown};
	} catch {
		return {ok: false, reason: 'not valid JSON'};
	}
}

/** A JSON object: not null, and not an array, which JSON.parse also gives as an object. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of why a zod schema refused a frame, for the unrecognised count. */
export function describeIssues(
	issues: ReadonlyArray<{path: PropertyKey[]; message: string}>,
): string {
	const first = issues[0];
	if (!first) {
		return 'invalid';
	}

	const where = first.path.length > 0 ? first.path.map(String).join('.') : 'frame';
	return `${where}: ${first.message}`;
}

const channels: ReadonlySet<string> = new Set<Channel>(['trade', 'ticker', 'ohlc', 'book']);

/** The channels this client knows, by the name both APIs give them. */
export function channelNamed(name: unknown): Channel | undefined {
	return typeof name === 'string' && channels.has(name) ? (name as Channel) : undefined;
}
