import {afterEach, describe, expect, test} from 'vitest';
import type {WireLevel} from '../../source/kraken/book/checksum.js';
import type {KrakenClient} from '../../source/kraken/client.js';
import type {ApiVersion, BookHealth, BookTop} from '../../source/model/types.js';
import {
	BookScript,
	randomBook,
	randomUpdate,
	unexplainedTops,
	type BookChanges,
} from '../helpers/book-frames.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually} from '../helpers/eventually.js';
import {startMarketServer, type MarketServer} from '../helpers/market-server.js';
import {createRandom} from '../helpers/random-frames.js';
import {startClient, twoPairsOnEachApi} from '../helpers/test-client.js';

// Book faults (docs/kraken-protocol.md, 9): a scripted Kraken on 127.0.0.1 keeps two pairs' books
// and streams random updates of them with trades between, every checksum its own; one message of
// the first pair's book goes wrong. Each fault must be detected, counted and healed by renewing
// that book's subscription alone (the server answers each book subscribe with its ack and a
// snapshot, as Kraken does), with the other book and the trades streaming throughout, the
// connection kept, and no 'book' event ever carrying a book the server did not hold: every top
// emitted is checked against the server's own book after the message it answers.

const cleanup = createCleanup();
afterEach(() => cleanup.run());

const depth = 10;

/** What a fault is given: the first pair's book on the server, and the way to the client. */
type Stage = Readonly<{
	api: ApiVersion;
	script: BookScript;
	send(text: string): void;
}>;

type Fault = Readonly<{
	name: string;
	/** Why the client says the book went stale. */
	reason: RegExp;
	/** Sends the faulty message (and whatever it takes) on the first pair's live book. */
	inject(stage: Stage): void;
	/** Frames the codec could not read at all. */
	unrecognised?: number;
	/** The first subscription's snapshot is not sent: the book's first message is an update. */
	isWithoutSnapshot?: boolean;
}>;

/** A quantity no random level has, to find the level's text in the frame. */
const marked = '0.43210000';

/** An update that writes the marked quantity at a price inside the window. */
function markedUpdate({script}: Stage): string {
	const [, second] = script.book.asks;
	return script.update({asks: [[second![0], marked]]});
}

/** The checksum's text replaced, on either API. */
const withChecksumText = (frame: string, v2: string, v1: string) =>
	frame.replace(/"checksum":\d+/, `"checksum":${v2}`).replace(/"c":"\d+"/, `"c":${v1}`);

const checksumMismatch = /^checksum \d+ from the exchange, \d+ here$/;

const faults: readonly Fault[] = [
	{
		name: 'a corrupted update (one digit of a level changed, its checksum kept)',
		reason: checksumMismatch,
		inject(stage) {
			stage.send(markedUpdate(stage).replace(marked, '0.43210001'));
		},
	},
	{
		name: 'a missing update (the next one’s checksum includes it)',
		reason: checksumMismatch,
		inject(stage) {
			const {script} = stage;
			script.update({bids: [[script.book.bids[0]![0], '7.77777777']]});
			stage.send(markedUpdate(stage));
		},
	},
	{
		// Kraken applies an update's levels in the order sent; distinct prices may come in any order,
		// but a price written twice must not be reordered: written then deleted (as captured on
		// BTC/USD) is no level, deleted then written is one.
		name: 'a price written then deleted in one update, sent the other way round',
		reason: checksumMismatch,
		inject({script, send}) {
			const between = (Number(script.book.asks[0]![0]) + 0.05).toFixed(2);
			const applied: WireLevel[] = [
				[between, '2.00000000'],
				[between, '0.00000000'],
			];
			send(script.update({asks: applied}, {asks: applied.toReversed()}));
		},
	},
	{
		name: 'a truncated frame (unreadable, so a missing update)',
		reason: checksumMismatch,
		unrecognised: 1,
		inject(stage) {
			const frame = markedUpdate(stage);
			stage.send(frame.slice(0, frame.indexOf(marked)));
			const {bids} = stage.script.book;
			stage.send(stage.script.update({bids: [[bids[0]![0], '6.66666666']]}));
		},
	},
	{
		name: 'an update before any snapshot',
		reason: /^an update before any snapshot$/,
		isWithoutSnapshot: true,
		inject(stage) {
			stage.send(markedUpdate(stage));
		},
	},
	{
		name: 'a checksum that is not a number',
		reason: /checksum that is not one/,
		inject(stage) {
			stage.send(withChecksumText(markedUpdate(stage), '"none"', '"none"'));
		},
	},
	{
		name: 'a checksum beyond 32 bits',
		reason: /checksum/,
		inject(stage) {
			stage.send(withChecksumText(markedUpdate(stage), '4294967296', '"4294967296"'));
		},
	},
	{
		name: 'a level with a negative quantity',
		reason: /quantity "-0\.4321/,
		inject(stage) {
			stage.send(markedUpdate(stage).replace(marked, `-${marked}`));
		},
	},
	{
		name: 'a level with a quantity that is no number',
		reason: /quantity "lots"/,
		inject(stage) {
			const frame = markedUpdate(stage);
			stage.send(
				stage.api === 'v2' ? frame.replace(marked, '"lots"') : frame.replace(marked, 'lots'),
			);
		},
	},
];

type Books = {tops: BookTop[]; health: BookHealth[]; frames: number};

function recordBooks(client: KrakenClient): Books {
	const books: Books = {tops: [], health: [], frames: 0};
	client.on('book', (top) => books.tops.push(top));
	client.on('bookHealth', (health) => books.health.push(health));
	client.on('frame', () => books.frames++);
	return books;
}

/**
 * A server keeping a book for each pair, a client of their books and trades, and a stream of
 * random updates with a trade between each; every book subscribe is answered by its ack and a
 * snapshot, but the first pair's first one when the fault says so.
 */
async function startStream(api: ApiVersion, pairs: readonly string[], fault?: Fault) {
	const market = await startMarketServer(api, cleanup);
	const random = createRandom(api === 'v1' ? 41 : 42);
	const scripts = pairs.map((pair) => new BookScript(api, pair, depth));
	for (const [index, script] of scripts.entries()) {
		script.book.replace(randomBook(random, index === 0 ? 600_000 : 30_000, 14));
	}

	let isFirstSubscribe = true;
	const acknowledge = market.server.behaviour.onMessage;
	market.server.behaviour.onMessage = (connection, request, text) => {
		const isHandled = acknowledge?.(connection, request, text) ?? false;
		if (request.kind === 'subscribe' && text.includes('"book"')) {
			for (const script of scripts.filter((entry) => request.pairs.includes(entry.pair))) {
				if (!(fault?.isWithoutSnapshot && isFirstSubscribe && script === scripts[0])) {
					connection.send(script.snapshot());
				}
			}

			isFirstSubscribe = false;
		}

		return isHandled;
	};

	const {client, log} = startClient(cleanup, {
		url: market.server.url,
		api,
		pairs,
		channels: ['trade', 'book'],
		depth,
	});
	const books = recordBooks(client);
	await eventually(() => {
		expect(client.subscriptions.filter((entry) => entry.state === 'subscribed')).toHaveLength(4);
		expect(books.frames).toBe(market.server.latest().sent.length);
	});
	let tradeId = 1;
	const send = (text: string) => market.server.latest().send(text);
	/** Random updates of each book, a trade of its pair after each. */
	const stream = (count: number) => {
		for (let step = 0; step < count; step++) {
			for (const script of scripts) {
				send(script.update(randomUpdate(random, script.book)));
				// Prices apart: v1 trades have no ids, and equal ones at one instant are repeats.
				const price = `${100 + tradeId}.5`;
				const trade = {price, volume: '1', side: 'buy', tradeId: tradeId++} as const;
				send(market.server.frames.trades(script.pair, [trade]));
			}
		}
	};

	/** Waits until the client has read every frame sent. */
	const settle = async () =>
		eventually(() => expect(books.frames).toBe(market.server.latest().sent.length));
	return {market, client, log, books, scripts, send, stream, settle};
}

/** What holds after any fault: every top explained by the server's book, the connection kept. */
function expectSound(
	market: MarketServer,
	client: KrakenClient,
	books: Books,
	scripts: readonly BookScript[],
): void {
	for (const script of scripts) {
		expect(unexplainedTops(books.tops, script)).toEqual([]);
		// Each book ends as the server's: the last top is the server's book now.
		const last = books.tops.filter((top) => top.pair === script.pair).at(-1);
		const {asks, bids, checksum} = script.book.state();
		expect(last).toMatchObject({asks, bids, checksum});
	}

	expect(market.server.connectionCount()).toBe(1);
	expect(client.state.kind).toBe('subscribed');
}

describe.each(twoPairsOnEachApi)('book faults on $api', ({api, pairs}) => {
	const [first = '', second = ''] = pairs;

	test.each(faults.map((fault) => [fault.name, fault] as const))(
		'%s: detected, counted, healed by renewing that book alone',
		async (_name, fault) => {
			const session = await startStream(api, pairs, fault);
			const {market, client, log, books, scripts, send, stream, settle} = session;
			const [firstBook, secondBook] = scripts;
			if (!fault.isWithoutSnapshot) {
				stream(8);
				await settle();
				expect(books.health).toEqual([]);
			}

			fault.inject({api, script: firstBook!, send});
			// Still in flight from the old subscription: dropped. The other book streams on.
			stream(3);
			await eventually(() =>
				expect(books.health.filter((health) => health.pair === first).at(-1)).toEqual({
					pair: first,
					state: 'synced',
					failures: 1,
					resyncs: 1,
				}),
			);
			stream(8);
			await settle();

			const health = books.health.filter((entry) => entry.pair === first);
			expect(health).toEqual([
				{
					pair: first,
					state: 'stale',
					failures: 1,
					resyncs: 1,
					reason: expect.stringMatching(fault.reason),
				},
				{pair: first, state: 'synced', failures: 1, resyncs: 1},
			]);
			expect(books.health.filter((entry) => entry.pair === second)).toEqual([]);
			expect(client.counts).toMatchObject({bookFailures: 1, bookResyncs: 1});

			// One unsubscribe of that book with its depth, one subscribe after it; nothing else.
			const requests = market
				.requests()
				.map(({action, channel, pairs, depth}) => ({action, channel, pairs, depth}));
			expect(requests).toEqual([
				{action: 'subscribe', channel: 'trade', pairs, depth: undefined},
				{action: 'subscribe', channel: 'book', pairs, depth},
				{action: 'unsubscribe', channel: 'book', pairs: [first], depth},
				{action: 'subscribe', channel: 'book', pairs: [first], depth},
			]);

			// The trades and the other book never stopped.
			expect(log.trades).toHaveLength(market.server.latest().sent.filter(isTrade(api)).length);
			// Passed on once a turn, as the turn's last message left it: never more tops than states,
			// and the last one the server's book (expectSound).
			const secondTops = books.tops.filter((top) => top.pair === second);
			expect(secondTops.length).toBeGreaterThan(1);
			expect(secondTops.length).toBeLessThanOrEqual(secondBook!.states.length);
			expect(log.unrecognised).toHaveLength(fault.unrecognised ?? 0);
			expectSound(market, client, books, scripts);
		},
	);

	test('levels of distinct prices in any order, and an ask below the best bid, are no fault', async () => {
		const {market, client, books, scripts, send, stream, settle} = await startStream(api, pairs);
		const [firstBook] = scripts;
		stream(4);
		const {asks, bids} = firstBook!.book;
		// Three changes of distinct prices, sent in the reverse of the order applied.
		const changes: BookChanges = {
			asks: [
				[asks[0]![0], '1.00000000'],
				[asks[3]![0], '0'],
				[asks[1]![0], '3.00000000'],
			],
		};
		send(firstBook!.update(changes, {asks: changes.asks!.toReversed()}));
		// A crossed book: Kraken's checksum is of the levels as they are, crossed or not.
		const below = (Number(bids[0]![0]) - 0.5).toFixed(1);
		send(firstBook!.update({asks: [[below, '0.20000000']]}));
		await settle();
		const crossed = books.tops.findLast((top) => top.pair === firstBook!.pair);
		expect(crossed?.asks[0]![0]).toBe(Number(below));
		expect(crossed?.asks[0]![0]).toBeLessThan(crossed!.bids[0]![0]);
		stream(4);
		await settle();

		expect(books.health).toEqual([]);
		expect(client.counts).toMatchObject({bookFailures: 0, bookResyncs: 0});
		expectSound(market, client, books, scripts);
	});

	test('a depth the exchange refuses: said on the book subscription, nothing renewed, trades stream', async () => {
		const market = await startMarketServer(api, cleanup);
		const words = 'Subscription depth not supported';
		const acknowledge = market.server.behaviour.onMessage;
		market.server.behaviour.onMessage = (connection, request, text) => {
			if (request.kind !== 'subscribe' || !text.includes('"book"')) {
				return acknowledge?.(connection, request, text) ?? false;
			}

			// v1 names the pair; v2 only the request (docs/kraken-protocol.md, 3.3 and 9).
			const refusals =
				api === 'v1'
					? request.pairs.map((pair) => ({
							errorMessage: words,
							event: 'subscriptionStatus',
							pair,
							reqid: request.reqId,
							status: 'error',
							subscription: {depth: 500, name: 'book'},
						}))
					: [{error: words, method: 'subscribe', req_id: request.reqId, success: false}];
			for (const refusal of refusals) {
				connection.send(JSON.stringify(refusal));
			}

			return true;
		};

		const {client, log} = startClient(cleanup, {
			url: market.server.url,
			api,
			pairs,
			channels: ['trade', 'book'],
			depth: 500,
		});
		const books = recordBooks(client);
		await eventually(() =>
			expect(client.subscriptions.filter((entry) => entry.channel === 'book')).toEqual(
				pairs.map((pair) => expect.objectContaining({pair, state: 'error', message: words})),
			),
		);
		market.server
			.latest()
			.send(
				market.server.frames.trades(first, [{price: '1.5', volume: '1', side: 'sell', tradeId: 3}]),
			);
		await eventually(() => expect(log.trades).toHaveLength(1));
		expect(books.health).toEqual([]);
		expect(client.counts).toMatchObject({bookFailures: 0, bookResyncs: 0});
		expect(market.requests()).toHaveLength(2);
		expect(log.notices).toEqual([]);
		expect(market.server.connectionCount()).toBe(1);
	});
});

/** Whether a frame sent is a trade frame of the API. */
const isTrade = (api: ApiVersion) => (text: string) =>
	api === 'v1' ? text.includes('],"trade","') : text.startsWith('{"channel":"trade"');
