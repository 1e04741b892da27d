import {afterEach, describe, expect, test} from 'vitest';
import type {KrakenClient} from '../../source/kraken/client.js';
import type {ApiVersion, BookHealth, BookTop} from '../../source/model/types.js';
import {BookScript, unexplainedTops, withOtherChecksum} from '../helpers/book-frames.js';
import {createCleanup} from '../helpers/cleanup.js';
import {ManualClock} from '../helpers/manual-clock.js';
import {eventually} from '../helpers/eventually.js';
import {startMarketServer, type MarketServer, type Request} from '../helpers/market-server.js';
import type {ScriptedConnection} from '../helpers/scripted-server.js';
import {startClient, twoPairsOnEachApi} from '../helpers/test-client.js';

// The order book through the whole client (docs/kraken-protocol.md, 9), against a scripted Kraken
// on 127.0.0.1 (helpers/market-server.ts) sending books it keeps itself (helpers/book-frames.ts),
// every checksum its own: the subscription with its depth, the books passed on, a book that fails
// its check renewed alone (unsubscribe, then subscribe once answered) while everything else
// streams on, every book rebuilt after a reconnect, and a depth the exchange refuses.

const cleanup = createCleanup();
afterEach(() => cleanup.run());

const depth = 25;

type BookLog = {tops: BookTop[]; health: BookHealth[]; frames: number};

function recordBooks(client: KrakenClient): BookLog {
	const log: BookLog = {tops: [], health: [], frames: 0};
	client.on('book', (top) => log.tops.push(top));
	client.on('bookHealth', (health) => log.health.push(health));
	client.on('frame', () => log.frames++);
	return log;
}

/** The exact book subscribe and unsubscribe texts (docs/kraken-protocol.md, 9). */
function bookText(
	api: ApiVersion,
	action: 'subscribe' | 'unsubscribe',
	pairs: readonly string[],
	reqId: number,
): string {
	if (api === 'v1') {
		return JSON.stringify({
			event: action,
			pair: pairs,
			subscription: {depth, name: 'book'},
			reqid: reqId,
		});
	}

	const snapshot = action === 'subscribe' ? {snapshot: true} : {};
	return JSON.stringify({
		method: action,
		params: {channel: 'book', symbol: pairs, depth, ...snapshot},
		req_id: reqId,
	});
}

const bookRequests = (requests: readonly Request[], action: Request['action']) =>
	requests.filter((request) => request.channel === 'book' && request.action === action);

/** Two pairs' books and trades, everything acknowledged, each book's first snapshot delivered. */
async function startBooks(api: ApiVersion, pairs: readonly string[]) {
	const market = await startMarketServer(api, cleanup);
	const {client, log} = startClient(cleanup, {
		url: market.server.url,
		api,
		pairs,
		channels: ['trade', 'book'],
		depth,
	});
	const books = recordBooks(client);
	await eventually(() => {
		expect(client.subscriptions).toHaveLength(4);
		expect(client.subscriptions.every((entry) => entry.state === 'subscribed')).toBe(true);
	});
	const scripts = pairs.map((pair) => new BookScript(api, pair, depth));
	const [first, second] = scripts;
	send(market, first!.snapshot(startingBook(100_000)));
	send(market, second!.snapshot(startingBook(25_000)));
	await eventually(() => expect(books.tops).toHaveLength(2));
	return {market, client, log, books, scripts: [first!, second!] as const};
}

/** Thirty levels a side around `mid` tenths: more than the depth, so the server cuts it too. */
function startingBook(mid: number) {
	const side = (direction: 1 | -1) =>
		Array.from({length: 30}, (_, index): [string, string] => [
			((mid + direction * (index + 1) * 2) / 10).toFixed(1),
			`${index + 1}.${String(index * 7).padStart(2, '0')}000000`,
		]);
	return {asks: side(1), bids: side(-1)};
}

const send = (market: MarketServer, text: string, connection = market.server.latest()) =>
	connection.send(text);

/** Waits until the client has read everything the server sent on the connection. */
async function readAll(books: BookLog, connection: ScriptedConnection): Promise<void> {
	await eventually(() => expect(books.frames).toBe(connection.sent.length));
}

describe.each(twoPairsOnEachApi)('client book on $api', ({api, pairs}) => {
	const [bitcoin = '', ether = ''] = pairs;

	test('subscribes the book with its depth, and passes the snapshot and verified updates on', async () => {
		const {market, client, log, books, scripts} = await startBooks(api, pairs);
		const [bitcoinBook] = scripts;
		const subscribes = bookRequests(market.requests(), 'subscribe');
		expect(subscribes.map((request) => request.text)).toEqual([
			bookText(api, 'subscribe', pairs, subscribes[0]?.reqId ?? -1),
		]);
		expect(client.subscriptions.find((entry) => entry.channel === 'book')?.params).toEqual({
			depth,
			snapshot: true,
		});

		// Each read before the next is sent: books are passed on once a turn, as the last left them.
		const sendAndRead = async (frame: string) => {
			const before = books.tops.length;
			send(market, frame);
			await eventually(() => expect(books.tops).toHaveLength(before + 1));
		};

		await sendAndRead(bitcoinBook.update({asks: [['10000.1', '0.10000000']]}));
		await sendAndRead(
			bitcoinBook.update({
				bids: [
					['9999.8', '0'],
					['9999.9', '2.50000000'],
				],
			}),
		);
		await sendAndRead(
			bitcoinBook.update({asks: [['10000.2', '0.00000000']], bids: [['9999.6', '0.00010000']]}),
		);
		expect(books.tops).toHaveLength(5);
		const bitcoinTops = books.tops.filter((top) => top.pair === bitcoin);
		// A v1 snapshot carries no checksum; every other top carries the server's.
		const [snapshotState, ...updateStates] = bitcoinBook.states;
		expect(bitcoinTops.map((top) => top.checksum)).toEqual([
			api === 'v1' ? undefined : snapshotState?.checksum,
			...updateStates.map((state) => state.checksum),
		]);
		expect(bitcoinTops.at(-1)).toMatchObject({pair: bitcoin, depth});
		expect(bitcoinTops.at(-1)?.asks.slice(0, 2)).toEqual([
			[10_000.1, 0.1],
			[10_000.4, 2.07],
		]);
		// Cut to 25 when 10000.1 came in; one short since 10000.2 went, as nothing refilled it.
		expect(bitcoinTops.at(-1)?.asks).toHaveLength(24);
		for (const script of scripts) {
			expect(unexplainedTops(books.tops, script)).toEqual([]);
		}

		expect(books.health).toEqual([]);
		expect(client.counts).toMatchObject({bookFailures: 0, bookResyncs: 0});
		expect(log.unrecognised).toEqual([]);
	});

	test('a corrupted update renews that book alone, once, while the rest streams on', async () => {
		const {market, client, log, books, scripts} = await startBooks(api, pairs);
		const [bitcoinBook, etherBook] = scripts;
		const connection = market.server.latest();
		const requestsBefore = market.requests().length;
		// The unsubscribe's answer is held back, so that frames arrive while the book is renewed.
		market.held.add('unsubscribe book');

		// One digit of a level changed; the checksum is of the level as it should be.
		const update = bitcoinBook.update({bids: [['9999.9', '1.23456789']]});
		const corrupted = update.replace('1.23456789', '1.23456788');
		send(market, corrupted);
		await eventually(() =>
			expect(books.health).toEqual([
				{
					pair: bitcoin,
					state: 'stale',
					failures: 1,
					resyncs: 1,
					reason: expect.stringMatching(/^checksum \d+ from the exchange, \d+ here$/),
				},
			]),
		);
		await eventually(() => expect(market.requests()).toHaveLength(requestsBefore + 1));
		const [unsubscribe] = market.requests().slice(requestsBefore);
		expect(unsubscribe?.text).toBe(
			bookText(api, 'unsubscribe', [bitcoin], unsubscribe?.reqId ?? -1),
		);

		// While it is renewed: its old subscription's frames (good or bad) are dropped, and the
		// other pair's book and both pairs' trades go on.
		send(market, bitcoinBook.update({asks: [['10000.1', '3.00000000']]}));
		send(market, corrupted);
		send(market, update);
		send(market, etherBook.update({asks: [['2500.1', '0.50000000']]}));
		for (const [index, pair] of pairs.entries()) {
			send(
				market,
				market.server.frames.trades(pair, [
					{price: '100.5', volume: '1', side: 'buy', tradeId: 10 + index},
				]),
			);
		}

		await readAll(books, connection);
		expect(log.trades.map((trade) => trade.pair)).toEqual(pairs);
		expect(books.tops.slice(2).map((top) => top.pair)).toEqual([ether]);
		expect(market.requests()).toHaveLength(requestsBefore + 1);

		// The unsubscribe answered: one subscribe for that pair's book, and its new snapshot.
		market.release();
		await eventually(() => expect(market.requests()).toHaveLength(requestsBefore + 2));
		const [, subscribe] = market.requests().slice(requestsBefore);
		expect(subscribe?.text).toBe(bookText(api, 'subscribe', [bitcoin], subscribe?.reqId ?? -1));
		await eventually(() =>
			expect(client.subscriptions.every((entry) => entry.state === 'subscribed')).toBe(true),
		);
		send(market, bitcoinBook.snapshot());
		send(market, bitcoinBook.update({bids: [['9999.7', '0.70000000']]}));
		await eventually(() =>
			expect(books.health.at(-1)).toEqual({
				pair: bitcoin,
				state: 'synced',
				failures: 1,
				resyncs: 1,
			}),
		);
		// The snapshot and the update may come in one turn, passed on as one top: the update's.
		await eventually(() =>
			expect(books.tops.filter((top) => top.pair === bitcoin).at(-1)?.checksum).toBe(
				bitcoinBook.book.state().checksum,
			),
		);

		expect(books.health).toHaveLength(2);
		expect(client.counts).toMatchObject({bookFailures: 1, bookResyncs: 1});
		expect(market.requests()).toHaveLength(requestsBefore + 2);
		// The renewal shows as the book pending, then subscribed; nothing else changed state.
		const changes = log.subscriptions.slice(4);
		expect(changes).toEqual([
			{channel: 'book', pair: bitcoin, state: 'pending'},
			{channel: 'book', pair: bitcoin, state: 'subscribed'},
		]);
		for (const script of scripts) {
			expect(unexplainedTops(books.tops, script)).toEqual([]);
		}

		expect(log.notices).toEqual([]);
		expect(log.unrecognised).toEqual([]);
	});

	test('an unsubscribe refused as not found still brings the new subscribe', async () => {
		const {market, client, books, scripts} = await startBooks(api, pairs);
		const [bitcoinBook] = scripts;
		// The exchange had already ended it (docs/kraken-protocol.md, 3.3).
		const answer = market.server.behaviour.onMessage;
		market.server.behaviour.onMessage = (connection, request, text) => {
			if (request.kind !== 'unsubscribe') {
				return answer?.(connection, request, text) ?? false;
			}

			connection.send(
				api === 'v1'
					? JSON.stringify({
							errorMessage: 'Subscription Not Found',
							event: 'subscriptionStatus',
							pair: bitcoin,
							reqid: request.reqId,
							status: 'error',
							subscription: {depth, name: 'book'},
						})
					: JSON.stringify({
							error: 'Subscription Not Found',
							method: 'unsubscribe',
							req_id: request.reqId,
							success: false,
							symbol: bitcoin,
						}),
			);
			return true;
		};

		send(market, withOtherChecksum(bitcoinBook.update({asks: [['10000.1', '1.00000000']]})));
		await eventually(() =>
			expect(bookRequests(market.requests(), 'subscribe').at(-1)?.pairs).toEqual([bitcoin]),
		);
		await eventually(() =>
			expect(client.subscriptions.every((entry) => entry.state === 'subscribed')).toBe(true),
		);
		send(market, bitcoinBook.snapshot());
		await eventually(() =>
			expect(books.health.at(-1)).toMatchObject({pair: bitcoin, state: 'synced'}),
		);
		expect(bookRequests(market.requests(), 'unsubscribe')).toHaveLength(1);
		expect(bookRequests(market.requests(), 'subscribe')).toHaveLength(2);
	});

	test('after the server drops the connection every book is rebuilt from a new snapshot', async () => {
		const {market, client, books, scripts} = await startBooks(api, pairs);
		const [bitcoinBook, etherBook] = scripts;
		send(market, bitcoinBook.update({asks: [['10000.1', '1.00000000']]}));
		await eventually(() => expect(books.tops).toHaveLength(3));

		market.server.dropAll();
		await eventually(() => expect(market.server.connectionCount()).toBe(2));
		const reason = 'rebuilding after the connection dropped';
		await eventually(() =>
			expect(books.health).toEqual([
				{pair: bitcoin, state: 'stale', failures: 0, resyncs: 0, reason},
				{pair: ether, state: 'stale', failures: 0, resyncs: 0, reason},
			]),
		);
		await eventually(() =>
			expect(client.subscriptions.every((entry) => entry.state === 'subscribed')).toBe(true),
		);
		const second = market.server.latest();
		const subscribes = bookRequests(market.requests(second), 'subscribe');
		expect(subscribes.map((request) => request.text)).toEqual([
			bookText(api, 'subscribe', pairs, subscribes[0]?.reqId ?? -1),
		]);

		// The books moved while the connection was down; the new snapshots say how.
		bitcoinBook.update({bids: [['9999.9', '4.00000000']]});
		send(market, bitcoinBook.snapshot(), second);
		send(
			market,
			etherBook.snapshot({asks: [['2600.0', '1.00000000']], bids: [['2599.0', '1.00000000']]}),
			second,
		);
		await eventually(() => expect(books.health).toHaveLength(4));
		expect(books.health.slice(2)).toEqual(
			expect.arrayContaining([
				{pair: bitcoin, state: 'synced', failures: 0, resyncs: 0},
				{pair: ether, state: 'synced', failures: 0, resyncs: 0},
			]),
		);
		await eventually(() => expect(books.tops).toHaveLength(5));
		expect(books.tops.find((top) => top.pair === ether && top.asks[0]?.[0] === 2600)?.bids).toEqual(
			[[2599, 1]],
		);
		expect(books.tops.filter((top) => top.pair === bitcoin).at(-1)?.bids[0]).toEqual([9999.9, 4]);
		for (const script of scripts) {
			expect(unexplainedTops(books.tops, script)).toEqual([]);
		}

		// A reconnect is no failure, and nothing was unsubscribed.
		expect(client.counts).toMatchObject({bookFailures: 0, bookResyncs: 0});
		expect(market.requests(second).every((request) => request.action === 'subscribe')).toBe(true);
	});

	test('a depth the server refuses shows Kraken’s words on the book subscription only', async () => {
		const market = await startMarketServer(api, cleanup);
		const words = 'Subscription depth not supported';
		if (api === 'v1') {
			// v1 names the pair (docs/kraken-protocol.md, 3.3).
			for (const pair of pairs) {
				market.refusals.set(`book ${pair}`, words);
			}
		} else {
			// v2 names neither the pair nor the channel, only the request (captured 2026-08-16).
			const answer = market.server.behaviour.onMessage;
			market.server.behaviour.onMessage = (connection, request, text) => {
				if (!text.includes('"channel":"book"') || request.kind !== 'subscribe') {
					return answer?.(connection, request, text) ?? false;
				}

				connection.send(
					JSON.stringify({
						error: words,
						method: 'subscribe',
						req_id: request.reqId,
						success: false,
						time_in: '2026-08-16T23:54:19.629313Z',
						time_out: '2026-08-16T23:54:19.629343Z',
					}),
				);
				return true;
			};
		}

		const {client, log} = startClient(cleanup, {
			url: market.server.url,
			api,
			pairs,
			channels: ['trade', 'book'],
			depth: 1000,
		});
		const books = recordBooks(client);
		await eventually(() => expect(log.subscriptions).toHaveLength(4));
		expect(log.subscriptions).toEqual(
			expect.arrayContaining([
				...pairs.map((pair) => ({channel: 'trade', pair, state: 'subscribed'})),
				...pairs.map((pair) => ({channel: 'book', pair, state: 'error', message: words})),
			]),
		);
		expect(bookRequests(market.requests(), 'subscribe')[0]?.depth).toBe(1000);
		expect(log.notices).toEqual([]);
		expect(client.state.kind).toBe('subscribed');

		// Trades stream on; the book is neither failed nor renewed.
		send(
			market,
			market.server.frames.trades(bitcoin, [
				{price: '100.5', volume: '1', side: 'buy', tradeId: 7},
			]),
		);
		await eventually(() => expect(log.trades).toHaveLength(1));
		expect(books.tops).toEqual([]);
		expect(books.health).toEqual([]);
		expect(client.counts).toMatchObject({bookFailures: 0, bookResyncs: 0});
		expect(market.requests()).toHaveLength(2);
	});
});

describe('client book renewals', () => {
	test('a book that keeps failing is renewed at once, then after 1 s, then 2 s', async () => {
		const market = await startMarketServer('v2', cleanup);
		const clock = new ManualClock();
		const {client} = startClient(cleanup, {
			url: market.server.url,
			api: 'v2',
			pairs: ['BTC/USD'],
			channels: ['book'],
			depth,
			clock,
		});
		const books = recordBooks(client);
		const subscribes = () => bookRequests(market.requests(), 'subscribe').length;
		const unsubscribes = () => bookRequests(market.requests(), 'unsubscribe').length;
		/** The book comes, then an update that fails its check: the book is renewed. */
		const failOnce = async (expected: number) => {
			await eventually(() => expect(subscribes()).toBe(expected));
			await eventually(() => expect(client.subscriptions[0]?.state).toBe('subscribed'));
			const script = new BookScript('v2', 'BTC/USD', depth);
			send(market, script.snapshot(startingBook(100_000)));
			send(market, withOtherChecksum(script.update({asks: [['10000.1', '1.00000000']]})));
			await eventually(() => expect(books.health.at(-1)?.failures).toBe(expected));
		};

		clock.advance(3000);
		await failOnce(1);
		await eventually(() => expect(unsubscribes()).toBe(1));
		await failOnce(2);
		// The second failure in a row waits a second before asking again.
		await readAll(books, market.server.latest());
		clock.advance(999);
		expect(unsubscribes()).toBe(1);
		clock.advance(1);
		await eventually(() => expect(unsubscribes()).toBe(2));
		await failOnce(3);
		await readAll(books, market.server.latest());
		clock.advance(1999);
		expect(unsubscribes()).toBe(2);
		clock.advance(1);
		await eventually(() => expect(unsubscribes()).toBe(3));
	});
});
