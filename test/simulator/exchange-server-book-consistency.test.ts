import {afterEach, describe, expect, test} from 'vitest';
import type {ApiVersion} from '../../source/model/types.js';
import {BookChecker, quoteBookNumbers, type CheckedBook} from '../helpers/book-checker.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually} from '../helpers/eventually.js';
import {simulatorHarness} from '../helpers/simulator.js';

// The simulated exchange's book agrees with the rest of it, as a client sees it on the wire:
// every trade is at a price its book showed on the side a taker takes (a buy the asks), the
// book's next message takes exactly the quantity traded from those levels, and every ticker's
// best bid and ask (with their quantities) are the book's best levels when the ticker arrives.

const cleanup = createCleanup();
afterEach(() => cleanup.run());

const {simulate, connect} = simulatorHarness(cleanup);

type Names = Readonly<{symbol: string; v1Name: string}>;
const pairs: readonly Names[] = [
	{symbol: 'BTC/USD', v1Name: 'XBT/USD'},
	{symbol: 'DOGE/USD', v1Name: 'XDG/USD'},
];
const depth = 25;

type WireTrade = Readonly<{pair: string; side: 'buy' | 'sell'; price: string; volume: string}>;
type WireTicker = Readonly<{
	pair: string;
	bid: string;
	bidQty: string;
	ask: string;
	askQty: string;
}>;

/** A trade or ticker frame's content, numbers as sent; undefined for any other frame. */
function read(
	api: ApiVersion,
	text: string,
): {trades: WireTrade[]} | {ticker: WireTicker} | undefined {
	if (api === 'v2') {
		if (text.startsWith('{"channel":"trade","type":"update"')) {
			const {data} = JSON.parse(quoteBookNumbers(text)) as {
				data: Array<{symbol: string; side: 'buy' | 'sell'; price: string; qty: string}>;
			};
			return {
				trades: data.map(({symbol, side, price, qty}) => ({
					pair: symbol,
					side,
					price,
					volume: qty,
				})),
			};
		}

		if (text.startsWith('{"channel":"ticker"')) {
			const [entry] = (JSON.parse(text) as {data: Array<Record<string, number | string>>}).data;
			const figure = (key: string) => String(entry?.[key]);
			return {
				ticker: {
					pair: figure('symbol'),
					bid: figure('bid'),
					bidQty: figure('bid_qty'),
					ask: figure('ask'),
					askQty: figure('ask_qty'),
				},
			};
		}

		return undefined;
	}

	if (!text.startsWith('[')) {
		return undefined;
	}

	const frame = JSON.parse(text) as unknown[];
	const pair = frame.at(-1) as string;
	if (frame.at(-2) === 'trade') {
		const entries = frame[1] as string[][];
		return {
			trades: entries.map(([price, volume, , side]) => ({
				pair,
				side: side === 'b' ? 'buy' : 'sell',
				price: price!,
				volume: volume!,
			})),
		};
	}

	if (frame.at(-2) === 'ticker') {
		const {a, b} = frame[1] as {a: string[]; b: string[]};
		return {ticker: {pair, bid: b[0]!, bidQty: b[2]!, ask: a[0]!, askQty: a[2]!}};
	}

	return undefined;
}

/** Quantities in whole lots (eight decimals), so sums are exact. */
const lots = (text: string) => Math.round(Number(text) * 1e8);

const levelAt = (levels: CheckedBook['asks'], price: string) =>
	levels.find(([levelPrice]) => Number(levelPrice) === Number(price));

describe.each(['v1', 'v2'] as const)('the book on %s agrees with trades and tickers', (api) => {
	test('trades are at book prices and take from them; tickers show the book top', async () => {
		const {server} = await simulate({seed: 5, rateMultiplier: 30, tickMs: 20});
		const client = await connect(server, api);
		const names = pairs.map((pair) => (api === 'v1' ? pair.v1Name : pair.symbol));
		// The book first, so every trade and ticker after it meets a book already held.
		for (const [channel, extra] of [
			['book', {depth}],
			['ticker', {}],
			['trade', api === 'v2' ? {snapshot: false} : {}],
		] as const) {
			client.send(
				api === 'v1'
					? {event: 'subscribe', pair: names, subscription: {name: channel, ...extra}}
					: {method: 'subscribe', params: {channel, symbol: names, ...extra}},
			);
		}

		const checker = new BookChecker(api, () => depth);
		const problems: string[] = [];
		const counts = {trades: 0, tradeFrames: 0, consumed: 0, tickers: 0, betweenTrades: 0};
		/** Per pair, what the trades just received must leave at each price they took from. */
		const pending = new Map<string, Map<string, {side: 'asks' | 'bids'; left: number}>>();
		const take = (trade: WireTrade) => {
			const side = trade.side === 'buy' ? 'asks' : 'bids';
			const taken = pending.get(trade.pair) ?? new Map();
			pending.set(trade.pair, taken);
			const resting = levelAt(checker.book(trade.pair)[side], trade.price);
			const before = taken.get(trade.price)?.left ?? (resting ? lots(resting[1]) : undefined);
			if (before === undefined || lots(trade.volume) > before) {
				problems.push(
					`${trade.pair} ${trade.side} ${trade.volume} at ${trade.price}: ${before} resting`,
				);
			} else {
				taken.set(trade.price, {side, left: before - lots(trade.volume)});
			}

			counts.trades++;
		};

		const consume = (pair: string) => {
			const taken = pending.get(pair);
			pending.delete(pair);
			for (const [price, {side, left}] of taken ?? []) {
				// The trades' own message: what rested less what traded, or nothing.
				const level = levelAt(checker.book(pair)[side], price);
				if ((level ? lots(level[1]) : 0) !== left) {
					problems.push(`${pair} ${price} left ${level?.[1]}, not ${left} lots`);
				}

				counts.consumed++;
			}
		};

		/** Prices as numbers, quantities in lots: `68000.1 1500000 / 68000.2 2500000`. */
		const quoteOf = (bid: string, bidQty: string, ask: string, askQty: string) =>
			`${Number(bid)} ${lots(bidQty)} / ${Number(ask)} ${lots(askQty)}`;
		const compare = ({pair, bid, bidQty, ask, askQty}: WireTicker) => {
			const {asks, bids} = checker.book(pair);
			const ticker = quoteOf(bid, bidQty, ask, askQty);
			const top = quoteOf(
				bids[0]?.[0] ?? '',
				bids[0]?.[1] ?? '',
				asks[0]?.[0] ?? '',
				asks[0]?.[1] ?? '',
			);
			if (ticker !== top) {
				problems.push(`${pair} ticker ${ticker}, book ${top}`);
			}

			counts.tickers++;
		};

		let index = 0;
		await eventually(() => {
			for (; index < client.texts.length; index++) {
				const text = client.texts[index]!;
				const book = checker.feed(text);
				const content = book ? undefined : read(api, text);
				if (book) {
					// A message with no trades before it: the book moved on its own.
					counts.betweenTrades += book.kind === 'update' && !pending.has(book.pair) ? 1 : 0;
					consume(book.pair);
				} else if (content && 'trades' in content) {
					content.trades.forEach(take);
					counts.tradeFrames++;
				} else if (content && 'ticker' in content) {
					compare(content.ticker);
				}
			}

			if (problems.length === 0) {
				expect(counts.trades).toBeGreaterThan(300);
				expect(counts.tickers).toBeGreaterThan(100);
			}
		});
		expect(problems).toEqual([]);
		expect(checker.failures).toEqual([]);
		expect(counts.consumed).toBeGreaterThan(200);
		expect(counts.betweenTrades).toBeGreaterThan(counts.tradeFrames / 2);
	});
});
