import {afterEach, describe, expect, test} from 'vitest';
import type {ApiVersion} from '../../source/model/types.js';
import {startExchangeServer} from '../../source/simulator/exchange-server.js';
import {listedPairs, type ListedPair} from '../../source/simulator/pair-catalog.js';
import type {ExchangeTrade} from '../../source/simulator/market-types.js';
import type {TradeSource, TradesListener} from '../../source/simulator/trade-source.js';
import {BookChecker, checksumOf} from '../helpers/book-checker.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually} from '../helpers/eventually.js';
import type {RawClient} from '../helpers/raw-client.js';
import {listedPair, simulatorHarness} from '../helpers/simulator.js';

// The simulated exchange's book over a connection's life: an unsubscribe is acknowledged and
// ends it, a subscribe after it (how a client heals a checksum mismatch) or after a reconnect
// starts from a fresh snapshot, and a v2 subscriber without a snapshot is sent the same updates
// as one with. A source without a book of its own (a replay) gets one that follows its trades.

const cleanup = createCleanup();
afterEach(() => cleanup.run());

const {simulate, connect} = simulatorHarness(cleanup);

const nameOf = (api: ApiVersion) => (api === 'v1' ? 'XBT/USD' : 'BTC/USD');

function bookRequest(api: ApiVersion, method: string, depth: number, snapshot = true) {
	return api === 'v1'
		? {event: method, pair: [nameOf(api)], subscription: {name: 'book', depth}}
		: {
				method,
				params: {
					channel: 'book',
					symbol: [nameOf(api)],
					depth,
					...(method === 'subscribe' ? {snapshot} : {}),
				},
			};
}

const isAck = (api: ApiVersion, method: string) => (text: string) =>
	api === 'v1' ? text.includes(`"status":"${method}d"`) : text.startsWith(`{"method":"${method}"`);

/** Feeds the checker every frame from `from` on; returns where it stopped. */
function feed(checker: BookChecker, client: Pick<RawClient, 'texts'>, from: number): number {
	for (const text of client.texts.slice(from)) {
		checker.feed(text);
	}

	return client.texts.length;
}

describe.each(['v1', 'v2'] as const)('the book over a %s connection', (api) => {
	test('resubscribing heals a broken book: unsubscribe ack, silence, then a fresh snapshot', async () => {
		const {server} = await simulate({seed: 3, rateMultiplier: 40, tickMs: 20});
		const client = await connect(server, api);
		const checker = new BookChecker(api, () => 25);
		let read = 0;
		client.send(bookRequest(api, 'subscribe', 25));
		await eventually(() => {
			read = feed(checker, client, read);
			expect(checker.verified).toBeGreaterThan(20);
		});
		expect(checker.failures).toEqual([]);

		// A book gone wrong, as after a lost message: it no longer has the checksum last sent.
		const [best] = checker.book(nameOf(api)).asks;
		checker.feed(
			api === 'v1'
				? `[600,{"a":[["${best?.[0]}","0.00000000","1700000000.000000"]]},"book-25","XBT/USD"]`
				: `{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[],"asks":[{"price":${best?.[0]},"qty":0.00000000}]}]}`,
		);
		expect(checksumOf(checker.book(nameOf(api)))).not.toBe(checker.messages.at(-2)?.checksum);

		client.send(bookRequest(api, 'unsubscribe', 25));
		const unsubscribed = client.texts.indexOf(await client.waitFor(isAck(api, 'unsubscribe')));
		client.send(bookRequest(api, 'subscribe', 25));
		const subscribed = client.texts.indexOf(
			await client.waitFor(isAck(api, 'subscribe'), unsubscribed),
		);
		// Up to the new ack the old book's failures may come; none after it.
		read = feed(checker, {...client, texts: client.texts.slice(0, subscribed + 1)}, read);
		const failures = checker.failures.length;
		const verified = checker.verified;
		await eventually(() => {
			read = feed(checker, client, read);
			expect(checker.verified).toBeGreaterThan(verified + 40);
		});
		expect(checker.failures).toHaveLength(failures);

		// Nothing of the book between the two acks; the first thing after the new one is a snapshot.
		const between = client.texts.slice(unsubscribed + 1, subscribed);
		expect(between.filter((text) => text.includes('book'))).toEqual([]);
		const next = client.texts.slice(subscribed + 1).find((text) => text.includes('book'));
		expect(next).toMatch(api === 'v1' ? /^\[600,\{"as":/ : /^\{"channel":"book","type":"snapshot"/);
	});

	test('a new connection starts from a snapshot of the book as it stands', async () => {
		const {server} = await simulate({seed: 4, rateMultiplier: 40, tickMs: 20});
		for (const round of [1, 2]) {
			const client = await connect(server, api);
			const checker = new BookChecker(api, () => 10);
			let read = 0;
			client.send(bookRequest(api, 'subscribe', 10));
			await eventually(() => {
				read = feed(checker, client, read);
				expect(checker.messages.length).toBeGreaterThan(20);
			});
			expect(checker.messages[0]?.kind).toBe('snapshot');
			expect(checker.failures).toEqual([]);
			if (round === 1) {
				client.socket.terminate();
			}
		}
	});
});

test('v2 without a snapshot is sent the very updates a subscriber with one is sent', async () => {
	const {server} = await simulate({seed: 5, rateMultiplier: 40, tickMs: 20});
	const withSnapshot = await connect(server, 'v2');
	withSnapshot.send(bookRequest('v2', 'subscribe', 10));
	await withSnapshot.waitFor((text) => text.includes('"type":"update"'));
	const without = await connect(server, 'v2');
	without.send(bookRequest('v2', 'subscribe', 10, false));
	const ack = await without.waitFor(isAck('v2', 'subscribe'));
	expect(ack).toContain('"depth":10,"snapshot":false');
	const updates = (client: RawClient) =>
		client.texts.filter((text) => text.startsWith('{"channel":"book"'));
	await eventually(() => expect(updates(without).length).toBeGreaterThan(30));
	expect(updates(without).every((text) => text.includes('"type":"update"'))).toBe(true);
	// The first update of the later subscriber is one the earlier got, and the rest follow it.
	const earlier = updates(withSnapshot);
	const later = updates(without);
	const start = earlier.indexOf(later[0]!);
	expect(start).toBeGreaterThan(0);
	const overlap = Math.min(later.length, earlier.length - start);
	expect(overlap).toBeGreaterThan(20);
	expect(earlier.slice(start, start + overlap)).toEqual(later.slice(0, overlap));
});

/** A source whose trades the test sends, with no book of its own, like a replayed recording. */
function scriptedSource() {
	const listeners = new Set<TradesListener>();
	const source: TradeSource = {
		pairs: listedPairs,
		description: 'trades sent by the test',
		onTrades(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		recent: () => [],
		start() {
			// The test sends each trade itself.
		},
		stop() {
			listeners.clear();
		},
	};
	let tradeId = 1;
	const trade = (pair: ListedPair, side: 'buy' | 'sell', price: number, volume: number) => {
		const sent: ExchangeTrade = {
			side,
			price,
			volume,
			orderType: 'limit',
			timeMicros: Date.now() * 1000,
			tradeId: tradeId++,
		};
		for (const listener of listeners) {
			listener(pair, [sent]);
		}
	};

	return {source, trade};
}

describe.each(['v1', 'v2'] as const)('a source without a book, on %s', (api) => {
	test('the exchange keeps a book that follows the trades, ticker and checksums included', async () => {
		const {source, trade} = scriptedSource();
		const server = await startExchangeServer({source});
		cleanup.add(() => server.close());
		const client = await connect(server, api);
		const bitcoin = listedPair('BTC/USD');
		client.send(bookRequest(api, 'subscribe', 10));
		client.send(
			api === 'v1'
				? {event: 'subscribe', pair: ['XBT/USD'], subscription: {name: 'ticker'}}
				: {method: 'subscribe', params: {channel: 'ticker', symbol: ['BTC/USD']}},
		);
		const checker = new BookChecker(api, () => 10);
		let read = 0;
		// Laid out at the listing's price before any trade: the best ask at it, the bid a tick below.
		await eventually(() => {
			read = feed(checker, client, read);
			expect(checker.messages).toHaveLength(1);
		});
		const top = () => {
			const {asks, bids} = checker.book(nameOf(api));
			return [Number(bids[0]?.[0]), Number(asks[0]?.[0])];
		};
		expect(top()).toEqual([bitcoin.startPrice - 0.1, bitcoin.startPrice]);

		const steps = [
			{side: 'buy', price: 68_010.5, top: [68_010.4, 68_010.5]},
			{side: 'sell', price: 67_990.2, top: [67_990.2, 67_990.3]},
			{side: 'buy', price: 67_995, top: [67_994.9, 67_995]},
		] as const;
		for (const [index, step] of steps.entries()) {
			trade(bitcoin, step.side, step.price, 0.05);
			await eventually(() => {
				read = feed(checker, client, read);
				expect(checker.messages).toHaveLength(index + 2);
			});
			// A buy left the rest of the ask it took; a sell the rest of the bid.
			expect(top()).toEqual(step.top);
		}

		expect(checker.failures).toEqual([]);
		expect(checker.verified).toBe(api === 'v1' ? 3 : 4);
		// The ticker that followed the last trade quotes the book's best levels.
		const tickers = () =>
			client.texts.filter((text) =>
				api === 'v1'
					? text.endsWith('"ticker","XBT/USD"]')
					: text.startsWith('{"channel":"ticker"'),
			);
		await eventually(() => expect(tickers()).toHaveLength(steps.length));
		const ticker = tickers().at(-1)!;
		const quote =
			api === 'v1'
				? ((frame) => [Number(frame.b[0]), Number(frame.a[0])])(
						(JSON.parse(ticker) as [number, {a: string[]; b: string[]}])[1],
					)
				: ((entry) => [entry.bid, entry.ask])(
						(JSON.parse(ticker) as {data: Array<{bid: number; ask: number}>}).data[0]!,
					);
		expect(quote).toEqual(top());
	});
});
