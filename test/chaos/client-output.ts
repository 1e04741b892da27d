import type {ListedPair} from '../../source/simulator/pair-catalog.js';
import {readCandle, readTicker, type WrittenCandle, type WrittenTicker} from './market-lines.js';

/** A trade line of `--json`, with the pair by its v2 symbol. */
export type WrittenTrade = Readonly<{
	pair: string;
	tradeId: number | undefined;
	side: string;
	price: number;
	volume: number;
	/** Milliseconds since the epoch. */
	time: number;
	/** Came from REST (`"backfilled":true`), not the feed. */
	isBackfilled: boolean;
}>;

/** Levels as `[price, quantity]`, best first. */
export type Levels = ReadonlyArray<readonly [number, number]>;

export type WrittenBook = Readonly<{bids: Levels; asks: Levels; checksum: number | undefined}>;

type TradeLine = {
	type: 'trade';
	pair: string;
	side: string;
	price: number;
	volume: number;
	time: string;
	tradeId?: number;
	backfilled?: boolean;
};

type BookLine = {type: 'book'; pair: string; bids: Levels; asks: Levels; checksum?: number};

/** A pair's lines of one kind (ticker, candle): how many, the last, and when it came. */
export type LinesOfKind<Line> = {
	count: number;
	last: Line | undefined;
	/** `Date.now()` when the last line was read. */
	lastAt: number;
};

const noLines = <Line>(): LinesOfKind<Line> => ({count: 0, last: undefined, lastAt: 0});

/**
 * What the client wrote on stdout, read line by line as it comes: every trade, each pair's last
 * book line, its ticker and candle lines (counted, the last kept), lines that were not JSON and
 * ticker or candle lines that were not well formed (there should be none). The pair names of both
 * APIs (`XBT/USD`, `BTC/USD`) are read as the exchange's v2 symbol.
 */
export class ClientOutput {
	readonly trades = new Map<string, WrittenTrade[]>();
	readonly books = new Map<string, WrittenBook>();
	readonly tickers = new Map<string, LinesOfKind<WrittenTicker>>();
	readonly candles = new Map<string, LinesOfKind<WrittenCandle>>();
	readonly unparsable: string[] = [];
	/** Ticker and candle lines that were JSON but not well formed, with why. */
	readonly malformed: string[] = [];
	lines = 0;
	lastLineAt = 0;
	readonly #symbols = new Map<string, string>();

	constructor(pairs: readonly ListedPair[]) {
		for (const pair of pairs) {
			this.#symbols.set(pair.symbol, pair.symbol);
			this.#symbols.set(pair.v1Name, pair.symbol);
			this.trades.set(pair.symbol, []);
			this.tickers.set(pair.symbol, noLines());
			this.candles.set(pair.symbol, noLines());
		}
	}

	read(line: string): void {
		this.lines++;
		this.lastLineAt = Date.now();
		let value: TradeLine | BookLine | {type?: unknown};
		try {
			value = JSON.parse(line) as typeof value;
		} catch {
			this.unparsable.push(line.slice(0, 200));
			return;
		}

		if (value.type === 'trade') {
			this.#readTrade(value as TradeLine);
		} else if (value.type === 'book') {
			const book = value as BookLine;
			this.books.set(this.symbolOf(book.pair), {
				bids: book.bids,
				asks: book.asks,
				checksum: book.checksum,
			});
		} else if (value.type === 'ticker') {
			this.#readOfKind(this.tickers, readTicker(value), line);
		} else if (value.type === 'candle') {
			this.#readOfKind(this.candles, readCandle(value), line);
		}
	}

	#readOfKind<Line extends {pair: string}>(
		lines: Map<string, LinesOfKind<Line>>,
		read: Line | string,
		text: string,
	): void {
		if (typeof read === 'string') {
			this.malformed.push(`${read}: ${text.slice(0, 200)}`);
			return;
		}

		const pair = this.symbolOf(read.pair);
		const ofPair = lines.get(pair) ?? noLines<Line>();
		lines.set(pair, ofPair);
		ofPair.count++;
		ofPair.last = read;
		ofPair.lastAt = this.lastLineAt;
	}

	/** Every trade written, over all pairs. */
	get tradeCount(): number {
		let count = 0;
		for (const trades of this.trades.values()) {
			count += trades.length;
		}

		return count;
	}

	#readTrade(line: TradeLine): void {
		const pair = this.symbolOf(line.pair);
		const trades = this.trades.get(pair) ?? [];
		this.trades.set(pair, trades);
		trades.push({
			pair,
			tradeId: line.tradeId,
			side: line.side,
			price: line.price,
			volume: line.volume,
			time: Date.parse(line.time),
			isBackfilled: line.backfilled === true,
		});
	}

	/** The exchange's v2 symbol for a pair name either API uses. */
	symbolOf(name: string): string {
		return this.#symbols.get(name) ?? name;
	}
}
