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
 */
import {createInterface} from 'node:readline';
import {WebSocketServer, type WebSocket} from 'ws';
import {simulatedVersionMark} from '../../source/kraken/client-events.js';
import {syntheticTrade} from '../../harness/synthetic-trade.js';
import {findListedPair, listedPairs, type ListedPair} from '../../source/simulator/pair-catalog.js';
import type {ExchangeTrade} from '../../source/simulator/trade-source.js';
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
import {RunningFigures} from './running-figures.js';

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
	| {event: 'closed'; at: number};

/** Frames handed to ws before waiting for the socket to take them. */
const framesPerBatch = 256;
const snapshotTrades = 50;

const epochNow = () => performance.timeOrigin + performance.now();
const report = (line: FirehoseReport) => process.stdout.write(`${JSON.stringify(line)}\n`);

/**
 * Trade ids run per pair, as Kraken's do per book, so a gap means a trade really went missing.
 * `pairs` are the trade subscription's; ticker and candles follow them when subscribed.
 */
type Session = {
	socket: WebSocket;
	pairs: ListedPair[];
	channels: Set<string>;
	figures: Map<string, RunningFigures>;
	nextTradeIds: Map<string, number>;
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
		frames.push(tradeMessageV2('update', pair, trades));
		if (target.channels.size > 1) {
			figuresOf(target, pair).add(trades);
			frames.push(...contextFrames(target, pair, 'update'));
		}
	}

	return frames;
}

async function sendAsFastAsRead(target: Session, frames: readonly string[]): Promise<void> {
	for (let index = 0; index < frames.length; index++) {
		const isBatchEnd = (index + 1) % framesPerBatch === 0 || index === frames.length - 1;
		if (!isBatchEnd) {
			target.socket.send(frames[index]!);
			continue;
		}

		// The callback runs once the kernel has the bytes, so at most one batch waits in memory.
		await new Promise<void>((resolve) => {
			target.socket.send(frames[index]!, () => resolve());
		});
	}
}

async function sendAtRate(target: Session, command: SendCommand): Promise<void> {
	const startedAt = performance.now();
	let sent = 0;
	await new Promise<void>((resolve) => {
		const timer = setInterval(() => {
			if (target.socket.readyState !== target.socket.OPEN) {
				clearInterval(timer);
				resolve();
				return;
			}

			// Due from the start, not from the last tick, so timer jitter never lowers the rate.
			const due = Math.min(
				command.send,
				Math.floor(((performance.now() - startedAt) * command.rate) / 1000),
			);
			if (due > sent) {
				for (const frame of framesFor(target, due - sent, command.tradesPerFrame)) {
					target.socket.send(frame);
				}

				target.lastSentAt = performance.now();
				sent = due;
			}

			if (sent >= command.send) {
				clearInterval(timer);
				resolve();
			}
		}, 5);
	});
}

async function run(command: SendCommand): Promise<void> {
	const target = session;
	if (!target) {
		throw new Error('send before any subscription');
	}

	let firstFrameAt = epochNow();
	if (command.rate === 0) {
		// Built before the clock starts, so only the client's reading paces the stream.
		const frames = framesFor(target, command.send, command.tradesPerFrame, command.endPrice);
		firstFrameAt = epochNow();
		await sendAsFastAsRead(target, frames);
	} else {
		await sendAtRate(target, command);
	}

	target.lastSentAt = performance.now();
	report({event: 'sent', trades: command.send, firstFrameAt, lastFrameAt: epochNow()});
}

type Request = {
	method?: string;
	req_id?: number;
	params?: {channel?: string; symbol?: string[]; interval?: number};
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

function subscribe(socket: WebSocket, text: string): void {
	const request = JSON.parse(text) as Request;
	const timeIn = nowStamp();
	if (request.method === 'ping') {
		socket.send(pongV2(request.req_id, timeIn));
		return;
	}

	const channel = request.params?.channel ?? '';
	if (request.method !== 'subscribe' || !['trade', 'ticker', 'ohlc'].includes(channel)) {
		return;
	}

	if (channel === 'ohlc' && (request.params?.interval ?? 1) !== 1) {
		socket.send(
			errorV2('subscribe', 'Subscription ohlc interval not supported', request.req_id, timeIn),
		);
		return;
	}

	if (session?.socket !== socket) {
		session = {
			socket,
			pairs: [],
			channels: new Set(),
			figures: new Map(),
			nextTradeIds: new Map(),
			lastSentAt: performance.now(),
		};
	}

	const target = session;
	const pairs = pairsOf(request);
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

const server = new WebSocketServer({host: '127.0.0.1', port: 0, path: '/v2'});
server.on('connection', (socket) => {
	socket.send(statusV2('1695508817006870337', 'online', `2.0.0 ${simulatedVersionMark} firehose`));
	socket.on('message', (data) => subscribe(socket, String(data)));
	socket.on('close', () => {
		report({event: 'closed', at: epochNow()});
		if (session?.socket === socket) {
			session = undefined;
		}
	});
});
server.on('listening', () => {
	report({event: 'listening', port: (server.address() as {port: number}).port});
});

// Kraken sends a heartbeat about once a second when a subscription has no trades.
setInterval(() => {
	if (session && performance.now() - session.lastSentAt >= 1000) {
		session.socket.send(heartbeatV2);
		session.lastSentAt = performance.now();
	}
}, 250);

const commands = createInterface({input: process.stdin});
commands.on('line', (line) => {
	void run(JSON.parse(line) as SendCommand);
});
commands.on('close', () => process.exit(0));
