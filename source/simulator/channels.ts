import type {Channel} from './channel.js';
import {bookChannel} from './channel-book.js';
import {ohlcChannel} from './channel-ohlc.js';
import {tickerChannel} from './channel-ticker.js';
import {tradeChannel} from './channel-trade.js';

/**
 * The channels the simulated exchange serves, by their name on the wire (v1 and v2 agree), in
 * the order a pair's updates go out: the trades, then the book they changed, so a client holds
 * the book the ticker's best prices come from when the ticker arrives.
 */
const channels: ReadonlyMap<string, Channel> = new Map(
	[tradeChannel, bookChannel, tickerChannel, ohlcChannel].map((channel) => [channel.name, channel]),
);

/** The channel a request names; a Map, so `constructor` or `__proto__` name nothing. */
export function channelNamed(name: unknown): Channel | undefined {
	return typeof name === 'string' ? channels.get(name) : undefined;
}

/** Every channel, in the order a pair's updates go out: trades first. */
export const channelsInOrder: readonly Channel[] = [...channels.values()];
