import {FollowingBook} from './book-follower.js';
import {BookPublisher} from './book-publisher.js';
import type {ListedPair} from './pair-catalog.js';
import type {ExchangeTrade} from './market-types.js';
import type {TradeSource} from './trade-source.js';

/** The exchange's books, one a pair: the source's own, or ones that follow its trades. */
export type ExchangeBooks = Readonly<{
	publisher(pair: ListedPair): BookPublisher | undefined;
	/** Bends a book the exchange keeps for a source without one to that source's trades. */
	follow(pair: ListedPair, trades: readonly ExchangeTrade[]): void;
}>;

/** The price a following book starts at: the last trade, else the last minute, else the listing. */
function lastPrice(source: TradeSource, pair: ListedPair): number {
	return (
		source.recent(pair, 1).at(-1)?.price ??
		source.pastMinutes?.(pair).at(-1)?.close ??
		pair.startPrice
	);
}

export function exchangeBooks(source: TradeSource): ExchangeBooks {
	const nowMicros = Date.now() * 1000;
	const followers = new Map<ListedPair, FollowingBook>();
	const publishers = new Map<ListedPair, BookPublisher>(
		source.pairs.map((pair) => {
			let book = source.book?.(pair);
			if (!book) {
				const follower = new FollowingBook(pair, lastPrice(source, pair), nowMicros);
				followers.set(pair, follower);
				book = follower.book;
			}

			return [pair, new BookPublisher(book)];
		}),
	);
	return {
		publisher: (pair) => publishers.get(pair),
		follow(pair, trades) {
			followers.get(pair)?.follow(trades);
		},
	};
}
