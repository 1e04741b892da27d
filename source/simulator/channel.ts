import type {ApiVersion} from '../model/types.js';
import type {BookMove, BookPublisher} from './book-publisher.js';
import type {ListedPair} from './pair-catalog.js';
import type {PairHistory} from './pair-history.js';
import type {Fields} from './requests.js';
import type {ChannelParameters, Subscription} from './subscriptions.js';
import type {ExchangeTrade} from './market-types.js';

/** What a channel's frames are made from: the exchange's trades, each pair's history and book. */
export type Market = Readonly<{
	recentTrades(pair: ListedPair, count: number): readonly ExchangeTrade[];
	history(pair: ListedPair): PairHistory;
	/** The pair's book as subscribers were last sent it. */
	book(pair: ListedPair): BookPublisher | undefined;
	/** Now, in milliseconds: what the ticker's 24 hours end at. */
	now(): number;
}>;

/**
 * What happened to a pair, for its subscribers: trades, a move of its book, or both (the trades'
 * own changes to the book).
 */
export type MarketMove = Readonly<{
	/** Oldest first; none when only the book moved. */
	trades: readonly ExchangeTrade[];
	/** The book's change since it was last published; absent when it did not change. */
	book?: BookMove;
}>;

/** What goes out about one subscription: frames of one API version, in order. */
export type ChannelFrames = (
	api: ApiVersion,
	market: Market,
	subscription: Subscription,
) => readonly string[];

/** A channel's parameters from a request, or Kraken's words for why they are refused. */
export type ParsedParameters =
	Readonly<{parameters: ChannelParameters}> | Readonly<{error: string}>;

/**
 * Everything the request handlers need to know about one channel, for both API versions: how
 * its parameters are read and checked, and what its acks echo. A new channel is one of these in
 * the table in channels.ts, plus its data frames' encoders in wire-v1.ts and wire-v2.ts.
 */
export type Channel = Readonly<{
	/** The name on the wire, the same in v1 and v2: `trade`, `ticker`, `ohlc`, `book`. */
	name: string;
	/** v1 channel ids are this plus the pair's index in the catalog (Kraken's own are opaque). */
	channelIdBase: number;
	/** v1: the options in the request's `subscription` object (`depth`, `interval`). */
	parseV1(subscription: Fields): ParsedParameters;
	/** v1's `channelName` in acks and data frames: `trade`, `book-10`, `ohlc-5`. */
	channelNameV1(parameters: ChannelParameters): string;
	/**
	 * v1's `subscription` echo in acks and errors, built from what the request sent, keys in
	 * Kraken's alphabetical order: `{"depth":10,"name":"book"}` (docs: subscriptionStatus).
	 */
	echoV1(subscription: Fields): Fields;
	/** v2: the request's `params` (`snapshot`, `depth`, `interval`). */
	parseV2(params: Fields): ParsedParameters;
	/** v2 ack `result` fields after `channel` and `symbol`. */
	resultV2(parameters: ChannelParameters, method: 'subscribe' | 'unsubscribe'): Fields;
	/** Whether a snapshot follows the subscribe ack. */
	hasSnapshot(api: ApiVersion, parameters: ChannelParameters): boolean;
	/** The snapshot's frames, read from the market as they are sent; none when there is nothing. */
	snapshot: ChannelFrames;
	/**
	 * What goes out after `move` of the subscription's pair: the trade channel sends the trades
	 * themselves, the book its change, the others what the trades changed.
	 */
	update(
		api: ApiVersion,
		market: Market,
		subscription: Subscription,
		move: MarketMove,
	): readonly string[];
}>;
