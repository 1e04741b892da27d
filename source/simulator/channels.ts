import type {Channel} from './channel.js';
import {tradeChannel} from './channel-trade.js';

/** The channels the simulated exchange serves, by their name on the wire (v1 and v2 agree). */
const channels: ReadonlyMap<string, Channel> = new Map(
	[tradeChannel].map((channel) => [channel.name, channel]),
);

/** The channel a request names; a Map, so `constructor` or `__proto__` name nothing. */
export function channelNamed(name: unknown): Channel | undefined {
	return typeof name === 'string' ? channels.get(name) : undefined;
}
