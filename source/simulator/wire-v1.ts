import type {ListedPair} from './pair-catalog.js';
import type {ExchangeTrade} from './trade-source.js';

/*
 * Frames the simulated exchange sends to v1 clients, in the shapes of Kraken's real v1 frames
 * (docs.kraken.com/api/docs/websocket-v1 and the captures in docs/kraken-protocol.md).
 */

export function systemStatusV1(connectionId: string, status: string, version: string): string {
	// The id is written as a bare integer above 2^53, as Kraken does, to keep clients honest.
	return `{"connectionID":${connectionId},"event":"systemStatus","status":${JSON.stringify(status)},"version":${JSON.stringify(version)}}`;
}

/** A `subscriptionStatus` frame, keys in Kraken's alphabetical order (docs: subscriptionStatus). */
export function subscriptionStatusV1(
	fields: Readonly<{
		status: 'subscribed' | 'unsubscribed' | 'error';
		/** The echo of the request's `subscription`: `{"name":"trade"}`. */
		subscription: Readonly<Record<string, unknown>>;
		pair?: string;
		/** `channelID` and `channelName`, on acks only. */
		channel?: Readonly<{id: number; name: string}>;
		reqid?: number;
		errorMessage?: string;
	}>,
): string {
	const {status, subscription, pair, channel, reqid, errorMessage} = fields;
	return JSON.stringify({
		...(channel === undefined ? {} : {channelID: channel.id, channelName: channel.name}),
		...(errorMessage === undefined ? {} : {errorMessage}),
		event: 'subscriptionStatus',
		...(pair === undefined ? {} : {pair}),
		...(reqid === undefined ? {} : {reqid}),
		status,
		subscription,
	});
}

/** Echoes whatever reqid came, as Kraken does even when refusing it (`"reqid":"a"`). */
export function errorV1(event: string, errorMessage: string, reqid?: unknown): string {
	return JSON.stringify({
		errorMessage,
		event,
		...(reqid === undefined ? {} : {reqid}),
		status: 'error',
	});
}

export function pongV1(reqid: number | undefined): string {
	return JSON.stringify(reqid === undefined ? {event: 'pong'} : {event: 'pong', reqid});
}

export const heartbeatV1 = '{"event":"heartbeat"}';

export const rateLimitV1 = '{"Error":"Exceeded msg rate"}';

/** `[channelID, [[price, volume, time, side, orderType, misc], ...], "trade", pair]`. */
export function tradeFrameV1(
	channelId: number,
	pair: ListedPair,
	trades: readonly ExchangeTrade[],
): string {
	// v1 sends decimal strings padded to at least five places, e.g. "37080.10000".
	const priceDecimals = Math.max(5, pair.priceDecimals);
	const entries = trades.map((trade) => {
		const seconds = Math.floor(trade.timeMicros / 1_000_000);
		const micros = String(trade.timeMicros % 1_000_000).padStart(6, '0');
		return `["${trade.price.toFixed(priceDecimals)}","${trade.volume.toFixed(pair.volumeDecimals)}","${seconds}.${micros}","${trade.side === 'buy' ? 'b' : 's'}","${trade.orderType === 'market' ? 'm' : 'l'}",""]`;
	});
	return `[${channelId},[${entries.join(',')}],"trade",${JSON.stringify(pair.v1Name)}]`;
}
