import {bookChecksum, type WireLevel} from '../kraken/book/checksum.js';
import type {ApiVersion} from '../model/types.js';
import type {LevelChange, PublishedBook} from './book-publisher.js';
import {priceTextV1, priceTextV2, quantityText} from './book-text.js';
import type {Channel, ParsedParameters} from './channel.js';
import type {ListedPair} from './pair-catalog.js';
import type {Fields} from './requests.js';
import type {RestingLevel} from './simulated-book.js';
import {bookSnapshotFrameV1, bookUpdateFrameV1, type BookLevelV1} from './wire-v1.js';
import {bookMessageV2, type BookLevelV2} from './wire-v2.js';

/** The depths Kraken offers, levels a side; 10 when none is asked (docs/kraken-protocol.md, 9). */
export const bookDepths: readonly number[] = [10, 25, 100, 500, 1000];

const defaultDepth = 10;

/** The depth asked for, or Kraken's words for refusing it (ccxt lists the integer wording). */
function parse(fields: Fields, snapshot: boolean): ParsedParameters {
	const depth = fields['depth'] === undefined ? defaultDepth : fields['depth'];
	if (!Number.isInteger(depth)) {
		return {error: 'Subscription book depth must be an integer'};
	}

	return bookDepths.includes(depth as number)
		? {parameters: {depth: depth as number, snapshot}}
		: {error: 'Subscription depth not supported'};
}

const depthIn = (parameters: Readonly<Record<string, unknown>>) =>
	Number(parameters['depth'] ?? defaultDepth);

type Level = Pick<RestingLevel, 'ticks' | 'lots'>;

/** A level's text as v2 writes it: the pair's price decimals, eight for the quantity. */
const textV2 = (pair: ListedPair, {ticks, lots}: Level): BookLevelV2 => [
	priceTextV2(pair, ticks),
	quantityText(pair, lots),
];

/** A level's text as v1 writes it: the price padded as the catalog says for the pair. */
const textV1 = (pair: ListedPair, level: Level & Partial<LevelChange>): BookLevelV1 => ({
	price: priceTextV1(pair, level.ticks),
	volume: quantityText(pair, level.lots),
	timeMicros: level.timeMicros ?? 0,
	republished: level.republished ?? false,
});

/**
 * The checksum of a subscriber's book after a message: its best ten levels a side, from the
 * very text that API writes them in (docs/kraken-protocol.md, 9).
 */
function checksumOf(api: ApiVersion, pair: ListedPair, book: PublishedBook): number {
	const text = (level: RestingLevel): WireLevel =>
		api === 'v1'
			? [priceTextV1(pair, level.ticks), quantityText(pair, level.lots)]
			: textV2(pair, level);
	return bookChecksum(book.asks.slice(0, 10).map(text), book.bids.slice(0, 10).map(text));
}

/**
 * The order book (docs/kraken-protocol.md, 9) at a depth of 10, 25, 100, 500 or 1000 levels a
 * side: a snapshot of the book as last published, cut to the depth, then each move of the book
 * as it changed that window. v1 sends the snapshot always and without a checksum; v2 when asked
 * (by default), with one, as on every update of both.
 */
export const bookChannel: Channel = {
	name: 'book',
	channelIdBase: 600,
	parseV1: (subscription) => parse(subscription, true),
	channelNameV1: (parameters) => `book-${depthIn(parameters)}`,
	// What was asked for, even a refused depth: `{"depth":42,"name":"book"}`.
	echoV1: (subscription) => ({
		depth: subscription['depth'] === undefined ? defaultDepth : subscription['depth'],
		name: 'book',
	}),
	parseV2: (params) => parse(params, params['snapshot'] !== false),
	resultV2: (parameters, method) =>
		method === 'subscribe'
			? {depth: depthIn(parameters), snapshot: parameters['snapshot'] === true}
			: {depth: depthIn(parameters)},
	hasSnapshot: (api, parameters) => api === 'v1' || parameters['snapshot'] === true,
	snapshot(api, market, {pair, channelId, parameters}) {
		const published = market.book(pair)?.published;
		if (!published) {
			return [];
		}

		const depth = depthIn(parameters);
		const asks = published.asks.slice(0, depth);
		const bids = published.bids.slice(0, depth);
		if (api === 'v1') {
			const text = (level: RestingLevel) => textV1(pair, level);
			return [
				bookSnapshotFrameV1(channelId, pair, depth, {
					asks: asks.map(text),
					bids: bids.map(text),
				}),
			];
		}

		const text = (level: RestingLevel) => textV2(pair, level);
		return [
			bookMessageV2('snapshot', pair, {
				bids: bids.map(text),
				asks: asks.map(text),
				checksum: checksumOf(api, pair, published),
				timeMicros: published.timeMicros,
			}),
		];
	},
	update(api, _market, {pair, channelId, parameters}, {book: move}) {
		const depth = depthIn(parameters);
		const changes = move?.changes(depth);
		if (!move || !changes || (changes.asks.length === 0 && changes.bids.length === 0)) {
			return [];
		}

		const checksum = checksumOf(api, pair, move.after);
		if (api === 'v1') {
			const text = (level: LevelChange) => textV1(pair, level);
			const sides = {asks: changes.asks.map(text), bids: changes.bids.map(text)};
			return [bookUpdateFrameV1(channelId, pair, depth, sides, checksum)];
		}

		const text = (level: LevelChange) => textV2(pair, level);
		return [
			bookMessageV2('update', pair, {
				bids: changes.bids.map(text),
				asks: changes.asks.map(text),
				checksum,
				timeMicros: move.after.timeMicros,
			}),
		];
	},
};
