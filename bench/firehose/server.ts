/**
 * The benchmark's exchange: a Kraken v2 endpoint in its own process, so its work never lands on
 * the CPU time of the program measured. It acknowledges trade, ticker and one-minute candle
 * subscriptions the way Kraken does (status, one ack per pair, a snapshot), sends a heartbeat each
 * idle second, answers pings, and streams trades when the harness says so, each trade frame
 * followed, as on Kraken, by the pair's ticker and its candle in progress when those are
 * subscribed. One JSON command per line on stdin:
 *
 *   {"send": 200000, "rate": 0, "tradesPerFrame": 2, "endPrice": 9999999}
 *
 * rate 0 is as fast as the client reads (the socket's backpressure paces it); `endPrice` makes the
 * last trade an end marker an alert can wait for. Reports are JSON lines on stdout: listening,
 * subscribed, sent (with the first frame's time) and closed, times in epoch milliseconds.
 * The data is synthetic: the status carries the simulator's mark, so kraken-tape labels it.
 * It speaks v1 too, at `/` rather than `/v2`, for trades alone (the ingest row's v1 run).
 * On the same port it answers the REST calls the command makes at start, with no history.
 *
 * Started with `--books`, it serves the order book too (session-books.ts): each book subscribe is
 * acknowledged with its depth and followed by a snapshot of that depth, and book updates with
 * Kraken's checksums are streamed on command, the pairs taking turns:
 *
 *   {"book": 100000, "rate": 0, "endPrice": 9999999}
 *
 * where `endPrice` follows the last update with one trade at that price, an end marker again.
 * Reports: book-subscribed, and book-sent with each pair's checksum after the last update.
 * Without the flag, book subscribes go unanswered as before, so the rows without books are sent
 * exactly what they always were.
 */
import {createServer} from 'node:http';
import {createInterface} from 'node:readline';
import {WebSocketServer, type WebSocket} from 'ws';
import {simulatedVersionMark} from '../../source/kraken/client-events.js';
import {syntheticTrade} from '../../harness/synthetic-trade.js';
import {findListedPair, listedPairs, type ListedPair} from '../../source/simulator/pair-catalog.js';
import type {ExchangeTrade} from '../../source/simulator/market-types.js';
import {
	acknowledgementV2,
	errorV2,
	heartbeatV2,
	nowStamp,
	ohlcMessageV2,
	pongV2,
	statusV2,
	tickerMessageV2,
	tradeMessageV2,
} from '../../source/simulator/wire-v2.js';
import {
	heartbeatV1,
	pongV1,
	subscriptionStatusV1,
	systemStatusV1,
	tradeFrameV1,
} from '../../source/simulator/wire-v1.js';
import {framedWrites, sendAsFastAsRead, sendAtRate} from './pacing.js';
import {RunningFigures} from './running-figures.js';
import {SessionBooks, streamBook, type BookCommand} from './session-books.js';

export type {BookCommand} from './session-books.js';

export type SendCommand = Readonly<{
	send: number;
	/** Trades per second; 0 sends as fast as the client reads. */
	rate: number;
	tradesPerFrame: number;
	endPrice?: number;
}>;

export type FirehoseReport =
	| {event: 'listening'; port: number}
	| {event: 'subscribed'; pairs: string[]}
	| {event: 'sent'; trades: number; firstFrameAt: number; lastFrameAt: number}
	| {event: 'closed'; at: number}
	| {event: 'book-subscribed'; pairs: string[]; depth: number}
	| {
			event: 'book-sent';
			updates: number;
			firstFrameAt: number;
			lastFrameAt: number;
			checksums: Record<string, number>;
	  };

const snapshotTrades = 50;
const servesBooks = process.argv.includes('--books');

const epochNow = () => performance.timeOrigin + performance.now();
const report = (line: FirehoseReport) => process.stdout.write(`${JSON.stringify(line)}\n`);

/**
 * Trade ids run per pair, as Kraken's do per book, so a gap means a trade really went missing.
 * `pairs` are the trade subscription's; ticker and candles follow them when subscribed.
 */
type Session = {
	socket: WebSocket;
	/** v1 is served for trades alone, each pair on a channel id of its own. */
	api: 'v1' | 'v2';
	channelIds: Map<string, number>;
	pairs: ListedPair[];
	channels: Set<string>;
	figures: Map<string, RunningFigures>;
	nextTradeIds: Map<string, number>;
	books: SessionBooks;
	lastSentAt: number;
};
let session: Session | undefined;

function figuresOf(target: Session, pair: ListedPair): RunningFigures {
	let figures = target.figures.get(pair.symbol);
	if (!figures) {
		figures = new RunningFigures(pair);
		target.figures.set(pair.symbol, figures);
	}

	return figures;
}

/** The ticker and candle frames that follow a pair's trades on Kraken, for what is subscribed. */
function contextFrames(target: Session, pair: ListedPair, type: 'snapshot' | 'update'): string[] {
	const figures = figuresOf(target, pair);
	const frames: string[] = [];
	const candle = figures.candle();
	if (target.channels.has('ohlc')) {
		// A snapshot has the minutes before too, as Kraken's recent candles.
		const candles = type === 'snapshot' ? figures.pastCandles() : [];
		frames.push(ohlcMessageV2(type, pair, 1, candle ? [...candles, candle] : candles));
	}

	if (target.channels.has('ticker')) {
		const timeMicros = Math.floor(epochNow() * 1000);
		frames.push(
			tickerMessageV2(type, pair, {day: figures.day(), quote: figures.quote(), timeMicros}),
		);
	}

	return frames;
}

function tradeFor(target: Session, pair: ListedPair, price?: number): ExchangeTrade {
	const id = target.nextTradeIds.get(pair.symbol) ?? 1;
	target.nextTradeIds.set(pair.symbol, id + 1);
	return syntheticTrade(pair, id, price);
}

/** Frames for `count` trades, the pairs taking turns frame by frame. */
function framesFor(target: Session, count: number, tradesPerFrame: number, endPrice?: number) {
	const frames: string[] = [];
	for (let made = 0; made < count; made += tradesPerFrame) {
		const pair = target.pairs[frames.length % target.pairs.length]!;
		const size = Math.min(tradesPerFrame, count - made);
		const trades = Array.from({length: size}, (_, index) =>
			tradeFor(target, pair, made + index === count - 1 ? endPrice : undefined),
		);
		frames.push(
			target.api === 'v1'
				? tradeFrameV1(target.channelIds.get(pair.symbol) ?? 0, pair, trades)
				: tradeMessageV2('update', pair, trades),
		);
		if (target.channels.size > 1) {
			figuresOf(target, pair).add(trades);
			frames.push(...contextFrames(target, pair, 'update'));
		}
	}

	return frames;
}

const markSent = (target: Session) => {
	target.lastSentAt = performance.now();
};

function sessionOrThrow(): Session {
	if (!session) {
		throw new Error('send before any subscription');
	}

	return session;
}

async function sendTrades(command: SendCommand): Promise<void> {
	const target = sessionOrThrow();
	let firstFrameAt = epochNow();
	if (command.rate === 0) {
		// Built before the clock starts, so only the client's reading paces the stream.
		const writes = framedWrites(
			framesFor(target, command.send, command.tradesPerFrame, command.endPrice),
		);
		firstFrameAt = epochNow();
		await sendAsFastAsRead(target.socket, writes);
	} else {
		const pace = {count: command.send, rate: command.rate};
		const frames = (due: number) => framesFor(target, due, command.tradesPerFrame);
		await sendAtRate(target.socket, pace, frames, () => markSent(target));
	}

	markSent(target);
	report({event: 'sent', trades: command.send, firstFrameAt, lastFrameAt: epochNow()});
}

async function sendBook(command: BookCommand): Promise<void> {
	const target = sessionOrThrow();
	const firstFrameAt = await streamBook(target.socket, target.books, command, {
		endMarker: (price) => framesFor(target, 1, 1, price),
		sent: () => markSent(target),
	});
	markSent(target);
	const checksums = target.books.checksums();
	const lastFrameAt = epochNow();
	report({event: 'book-sent', updates: command.book, firstFrameAt, lastFrameAt, checksums});
}

type Request = {
	method?: string;
	req_id?: number;
	params?: {channel?: string; symbol?: string[]; interval?: number; depth?: number};
};

function pairsOf(request: Request): ListedPair[] {
	return (request.params?.symbol ?? []).map((symbol) => {
		const pair = findListedPair(listedPairs, symbol, 'v2');
		if (!pair) {
			throw new Error(`the firehose does not list ${symbol}`);
		}

		return pair;
	});
}

function newSession(socket: WebSocket, api: 'v1' | 'v2'): Session {
	return {
		socket,
		api,
		channelIds: new Map(),
		pairs: [],
		channels: new Set(),
		figures: new Map(),
		nextTradeIds: new Map(),
		books: new SessionBooks(),
		lastSentAt: performance.now(),
	};
}

type RequestV1 = {event?: string; reqid?: number; pair?: string[]; subscription?: {name?: string}};

/** v1, trades alone: an ack per pair with its channel id, and no snapshot (v1 sends none). */
function subscribeV1(socket: WebSocket, text: string): void {
	const request = JSON.parse(text) as RequestV1;
	if (request.event === 'ping') {
		socket.send(pongV1(request.reqid));
		return;
	}

	if (request.event !== 'subscribe' || request.subscription?.name !== 'trade') {
		return;
	}

	const target = newSession(socket, 'v1');
	session = target;
	target.channels.add('trade');
	target.pairs = (request.pair ?? []).map((name) => {
		const pair = findListedPair(listedPairs, name, 'v1');
		if (!pair) {
			throw new Error(`the firehose does not list ${name}`);
		}

		return pair;
	});
	for (const [index, pair] of target.pairs.entries()) {
		const id = 100 + index;
		target.channelIds.set(pair.symbol, id);
		socket.send(
			subscriptionStatusV1({
				status: 'subscribed',
				subscription: {name: 'trade'},
				pair: pair.v1Name,
				channel: {id, name: 'trade'},
				...(request.reqid === undefined ? {} : {reqid: request.reqid}),
			}),
		);
	}

	report({event: 'subscribed', pairs: target.pairs.map((pair) => pair.symbol)});
}

function subscribe(socket: WebSocket, text: string): void {
	const request = JSON.parse(text) as Request;
	const timeIn = nowStamp();
	if (request.method === 'ping') {
		socket.send(pongV2(request.req_id, timeIn));
		return;
	}

	const channel = request.params?.channel ?? '';
	const served = servesBooks ? ['trade', 'ticker', 'ohlc', 'book'] : ['trade', 'ticker', 'ohlc'];
	if (request.method !== 'subscribe' || !served.includes(channel)) {
		return;
	}

	if (channel === 'ohlc' && (request.params?.interval ?? 1) !== 1) {
		socket.send(
			errorV2('subscribe', 'Subscription ohlc interval not supported', request.req_id, timeIn),
		);
		return;
	}

	if (session?.socket !== socket) {
		session = newSession(socket, 'v2');
	}

	const target = session;
	const pairs = pairsOf(request);
	// Books are not trade context: they are sent on their own command, never after trades.
	if (channel === 'book') {
		const depth = request.params?.depth ?? 10;
		if (target.books.subscribe(socket, {pairs, depth, reqId: request.req_id}, timeIn)) {
			report({event: 'book-subscribed', pairs: pairs.map((pair) => pair.symbol), depth});
		}

		return;
	}

	target.channels.add(channel);
	if (channel === 'trade') {
		target.pairs = pairs;
	}

	for (const pair of pairs) {
		const result =
			channel === 'ticker'
				? {channel, symbol: pair.symbol, event_trigger: 'trades', snapshot: true}
				: channel === 'ohlc'
					? {channel, symbol: pair.symbol, interval: 1, snapshot: true}
					: {symbol: pair.symbol, snapshot: true};
		socket.send(acknowledgementV2('subscribe', request.req_id, result, timeIn));
		if (channel === 'trade') {
			const trades = Array.from({length: snapshotTrades}, () => tradeFor(target, pair));
			socket.send(tradeMessageV2('snapshot', pair, trades));
			figuresOf(target, pair).add(trades);
		} else {
			const only = new Set([channel]);
			for (const frame of contextFrames({...target, channels: only}, pair, 'snapshot')) {
				socket.send(frame);
			}
		}
	}

	if (channel === 'trade') {
		report({event: 'subscribed', pairs: pairs.map((pair) => pair.symbol)});
	}
}

/**
 * Kraken's REST beside the feed, as the command asks it at start (Trades for the tape's history,
 * OHLC for the chart's): answered at once, with no history, as for a pair that has not traded.
 * The rows measure what the feed costs; REST's own share is one call of each a pair.
 */
const http = createServer((request, response) => {
	const url = new URL(request.url ?? '/', 'http://127.0.0.1');
	const pair = url.searchParams.get('pair') ?? '';
	const isKnown = url.pathname === '/0/public/Trades' || url.pathname === '/0/public/OHLC';
	response.writeHead(isKnown ? 200 : 404, {'content-type': 'application/json'});
	response.end(
		JSON.stringify(
			isKnown
				? {error: [], result: {[pair]: [], last: url.pathname.endsWith('Trades') ? '0' : 0}}
				: {error: ['EGeneral:Unknown method']},
		),
	);
});
http.listen(0, '127.0.0.1');
// v2 at /v2, as Kraken's; v1 (trades alone) at /.
const server = new WebSocketServer({server: http});
server.on('connection', (socket, request) => {
	const isV1 = new URL(request.url ?? '/', 'http://127.0.0.1').pathname !== '/v2';
	if (isV1) {
		socket.send(
			systemStatusV1('8050848479296397', 'online', `1.9.0 ${simulatedVersionMark} firehose`),
		);
	} else {
		socket.send(
			statusV2('1695508817006870337', 'online', `2.0.0 ${simulatedVersionMark} firehose`),
		);
	}

	socket.on('message', (data) => {
		if (isV1) {
			subscribeV1(socket, String(data));
		} else {
			subscribe(socket, String(data));
		}
	});
	socket.on('close', () => {
		report({event: 'closed', at: epochNow()});
		if (session?.socket === socket) {
			session = undefined;
		}
	});
});
http.on('listening', () => {
	report({event: 'listening', port: (http.address() as {port: number}).port});
});

// Kraken sends a heartbeat about once a second when a subscription has no trades.
setInterval(() => {
	if (session && performance.now() - session.lastSentAt >= 1000) {
		session.socket.send(session.api === 'v1' ? heartbeatV1 : heartbeatV2);
		session.lastSentAt = performance.now();
	}
}, 250);

const commands = createInterface({input: process.stdin});
commands.on('line', (line) => {
	const command = JSON.parse(line) as SendCommand | BookCommand;
	void ('book' in command ? sendBook(command) : sendTrades(command));
});
commands.on('close', () => process.exit(0));
