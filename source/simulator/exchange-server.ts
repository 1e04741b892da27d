import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {WebSocketServer, type WebSocket} from 'ws';
import type {ApiVersion} from '../model/types.js';
import type {Market, MarketMove} from './channel.js';
import {exchangeBooks} from './exchange-books.js';
import type {ListedPair} from './pair-catalog.js';
import {exchangeRecords} from './exchange-records.js';
import {PairDirectory} from './rest/kraken-pair-keys.js';
import type {RestMarket} from './rest/rest-market.js';
import {createRestHandler} from './rest/rest-server.js';
import type {RestLimits} from './rest/rest-throttle.js';
import {ExchangeSession} from './session.js';
import type {TradeSource} from './trade-source.js';

export type ExchangeServerOptions = Readonly<{
	source: TradeSource;
	port?: number;
	host?: string;
	/** REST's throttle; Kraken-like by default (a burst of 15, then one call a second). */
	rest?: RestLimits;
}>;

export type ExchangeServer = Readonly<{
	/** `ws://host:port`; append `/` for v1 or `/v2` for v2. */
	url: string;
	/** `http://host:port`, where Kraken's public REST API answers (`/0/public/Trades`…). */
	httpUrl: string;
	port: number;
	connectionCount(): number;
	/** Pushes a new engine status to every client, as Kraken does around maintenance. */
	setSystemStatus(status: string): void;
	/** Ends every client connection, abruptly (1006) or with a close code. */
	dropConnections(code?: number): void;
	close(): Promise<void>;
}>;

/** v1 on `/` (Kraken's own URL is `wss://ws.kraken.com/`), v2 on `/v2`. */
function apiForPath(path: string | undefined): ApiVersion | undefined {
	const pathname = new URL(path ?? '/', 'ws://localhost').pathname;
	if (pathname === '/' || pathname === '') {
		return 'v1';
	}

	return pathname === '/v2' || pathname === '/v2/' ? 'v2' : undefined;
}

/** A Kraken-compatible exchange on a local port, serving both API versions at once. */
export async function startExchangeServer(options: ExchangeServerOptions): Promise<ExchangeServer> {
	const {source} = options;
	const sessions = new Map<WebSocket, ExchangeSession>();
	let systemStatus = 'online';
	let nextConnection = 0n;
	// Above 2^53 like Kraken's, so clients that parse ids as numbers get caught here, not live.
	const connectionIdBase = 13_834_774_380_200_032_777n;

	// Every pair's book, the source's own or one that follows its trades, and its records: its
	// history (the source's past, as the simulated market invents a day, and every trade since),
	// what the tickers and candles are made of, and its trade log, what REST's Trades reads. The
	// same for every connection.
	const books = exchangeBooks(source);
	const records = exchangeRecords(source, books);
	const market: Market = {
		recentTrades: (pair, count) => source.recent(pair, count),
		history: records.history,
		book: (pair) => books.publisher(pair),
		now: () => Date.now(),
	};

	const restMarket: RestMarket = {
		pairs: new PairDirectory(source.pairs),
		trades: records.trades,
		history: market.history,
		systemStatus: () => systemStatus,
		now: market.now,
	};
	const answerRest = createRestHandler(restMarket, options.rest);
	const http: Server = createServer((request, response) => {
		if (apiForPath(request.url) === undefined) {
			answerRest(request, response);
			return;
		}

		response
			.writeHead(426, {'content-type': 'text/plain'})
			.end('kraken-tape simulated exchange: connect with WebSocket to / (v1) or /v2 (v2)\n');
	});
	const webSockets = new WebSocketServer({noServer: true});
	http.on('upgrade', (request, socket, head) => {
		const api = apiForPath(request.url);
		if (api === undefined) {
			socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
			return;
		}

		webSockets.handleUpgrade(request, socket, head, (webSocket) => {
			const connectionId = String(connectionIdBase + nextConnection++);
			sessions.set(
				webSocket,
				new ExchangeSession(webSocket, api, {source, market}, connectionId, systemStatus),
			);
			webSocket.on('close', () => sessions.delete(webSocket));
			webSocket.on('error', () => webSocket.terminate());
		});
	});

	/**
	 * Sends a pair's move to every session, with the book's change since it was last published:
	 * every change of a book is published, and reaches every session, before the next one.
	 */
	function broadcast(pair: ListedPair, trades: MarketMove['trades']): void {
		const move: MarketMove = {trades, book: books.publisher(pair)?.publish()};
		for (const session of sessions.values()) {
			session.sendUpdates(pair, move);
		}
	}

	const stopTrades = source.onTrades((pair, trades) => {
		// Trades only happen while the engine matches (docs: cancel_only and post_only do not). The
		// simulated market's book was walked all the same, and is still published.
		const isMatching = systemStatus === 'online';
		if (isMatching) {
			books.follow(pair, trades);
			records.record(pair, trades);
		}

		broadcast(pair, isMatching ? trades : []);
	});
	const stopBookMoves = source.onBookMoved?.((pair) => broadcast(pair, []));
	const stopListening = () => {
		stopTrades();
		stopBookMoves?.();
	};

	await new Promise<void>((resolve, reject) => {
		http.once('error', reject);
		http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
	});
	const address = http.address() as AddressInfo;
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

	return {
		url: `ws://${host}:${address.port}`,
		httpUrl: `http://${host}:${address.port}`,
		port: address.port,
		connectionCount: () => sessions.size,
		setSystemStatus(status) {
			systemStatus = status;
			for (const session of sessions.values()) {
				session.sendStatus(status);
			}
		},
		dropConnections(code) {
			for (const webSocket of sessions.keys()) {
				if (code === undefined) {
					webSocket.terminate();
				} else {
					webSocket.close(code);
				}
			}
		},
		async close() {
			stopListening();
			source.stop();
			for (const webSocket of sessions.keys()) {
				webSocket.terminate();
			}

			webSockets.close();
			await new Promise<void>((resolve) => {
				http.close(() => resolve());
				http.closeAllConnections();
			});
		},
	};
}
