import type {Fields} from './requests.js';
import type {ChannelParameters, Subscription} from './subscriptions.js';
import type {TradeSource} from './trade-source.js';

/** A channel's parameters from a request, or Kraken's words for why they are refused. */
export type ParsedParameters =
	Readonly<{parameters: ChannelParameters}> | Readonly<{error: string}>;

/**
 * Everything the request handlers need to know about one channel, for both API versions: how
 * its parameters are read and checked, and what its acks echo. A new channel is one of these in
 * the table in channels.ts, plus its data frames' encoders in wire-v1.ts and wire-v2.ts.
 */
export type Channel = Readonly<{
	/** The name on the wire, the same in v1 and v2: `trade`, later `ticker`, `ohlc`, `book`. */
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
	/** Whether a v2 snapshot follows the subscribe ack. */
	hasSnapshotV2(parameters: ChannelParameters): boolean;
	/** The v2 snapshot frame, read from the source as it is sent; none when there is nothing. */
	snapshotV2(source: TradeSource, subscription: Subscription): string | undefined;
}>;
