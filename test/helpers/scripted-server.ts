import {createServer, type IncomingMessage, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {Duplex} from 'node:stream';
import WebSocket, {WebSocketServer} from 'ws';
import type {ApiVersion} from '../../source/model/types.js';

/*
 * A Kraken-like WebSocket server for tests that can also misbehave. By default it plays a
 * well-behaved Kraken (status on connect, one ack per pair, pong for ping); every part of that
 * can be switched off or replaced at any time through `behaviour`, and a test can send any raw
 * frame, refuse handshakes, drop connections or go silent. Frames are written as literal text in
 * the shapes of docs/kraken-protocol.md, independently of the simulator's encoders, so
 * the client is checked against the protocol rather than against our own simulator.
 */

/** One trade to put on the wire; numbers as text so the test controls the digits. */
export type TradeSpec = Readonly<{
	price: string;
	volume: string;
	side: 'buy' | 'sell';
	orderType?: 'market' | 'limit';
	/** Microseconds since the epoch; defaults to now. */
	timeMicros?: number;
	/** v2 only. */
	tradeId?: number;
}>;

export type StatusFields = Readonly<{status?: string; connectionId?: string; version?: string}>;

/** A v1 trade ack, as captured from the live server (docs/kraken-protocol.md, 3.2). */
function subscriptionStatusV1(status: 'subscribed' | 'unsubscribed', pair: string, reqId?: number) {
	return JSON.stringify({
		channelID: 337,
		channelName: 'trade',
		event: 'subscriptionStatus',
		pair,
		...(reqId === undefined ? {} : {reqid: reqId}),
		status,
		subscription: {name: 'trade'},
	});
}

/** Builders for the frames Kraken sends, in one API version's shapes. */
export type KrakenFrames = Readonly<{
	status(fields?: StatusFields): string;
	subscribed(pair: string, reqId?: number): string;
	unsubscribed(pair: string, reqId?: number): string;
	/** A refused subscription; v2 can leave `symbol` out, so `pair` is optional. */
	subscriptionError(message: string, pair?: string, reqId?: number): string;
	heartbeat: string;
	pong(reqId?: number): string;
	trades(pair: string, trades: readonly TradeSpec[], type?: 'snapshot' | 'update'): string;
}>;

/** v1's rate-limit reply: a capitalised key and no `event` (docs/kraken-protocol.md, 3.1). */
export const rateLimitFrame = '{"Error":"Exceeded msg rate"}';

/** A connection id above 2^53, which JSON.parse would round. */
export const bigConnectionId = '13834774380200032777';

function stamp(micros = Date.now() * 1000): string {
	const iso = new Date(Math.floor(micros / 1000)).toISOString();
	return `${iso.slice(0, 23)}${String(micros % 1000).padStart(3, '0')}Z`;
}

const v1Frames: KrakenFrames = {
	status: ({status = 'online', connectionId = bigConnectionId, version = '1.9.1'} = {}) =>
		`{"connectionID":${connectionId},"event":"systemStatus","status":${JSON.stringify(status)},"version":${JSON.stringify(version)}}`,
	subscribed: (pair, reqId) => subscriptionStatusV1('subscribed', pair, reqId),
	unsubscribed: (pair, reqId) => subscriptionStatusV1('unsubscribed', pair, reqId),
	subscriptionError: (message, pair, reqId) =>
		JSON.stringify({
			errorMessage: message,
			event: 'subscriptionStatus',
			...(pair === undefined ? {} : {pair}),
			...(reqId === undefined ? {} : {reqid: reqId}),
			status: 'error',
			subscription: {name: 'trade'},
		}),
	heartbeat: '{"event":"heartbeat"}',
	pong: (reqId) =>
		JSON.stringify(reqId === undefined ? {event: 'pong'} : {event: 'pong', reqid: reqId}),
	trades(pair, trades) {
		const entries = trades.map((trade) => {
			const micros = trade.timeMicros ?? Date.now() * 1000;
			const time = `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
			const side = trade.side === 'buy' ? 'b' : 's';
			const type = (trade.orderType ?? 'limit') === 'market' ? 'm' : 'l';
			return `["${trade.price}","${trade.volume}","${time}","${side}","${type}",""]`;
		});
		return `[337,[${entries.join(',')}],"trade",${JSON.stringify(pair)}]`;
	},
};

const v2Frames: KrakenFrames = {
	status: ({status = 'online', connectionId = bigConnectionId, version = '2.0.10'} = {}) =>
		`{"channel":"status","data":[{"api_version":"v2","connection_id":${connectionId},"system":${JSON.stringify(status)},"version":${JSON.stringify(version)}}],"type":"update"}`,
	subscribed: (pair, reqId) =>
		JSON.stringify({
			method: 'subscribe',
			...(reqId === undefined ? {} : {req_id: reqId}),
			result: {channel: 'trade', snapshot: true, symbol: pair},
			success: true,
			time_in: stamp(),
			time_out: stamp(),
		}),
	unsubscribed: (pair, reqId) =>
		JSON.stringify({
			method: 'unsubscribe',
			...(reqId === undefined ? {} : {req_id: reqId}),
			result: {channel: 'trade', symbol: pair},
			success: true,
			time_in: stamp(),
			time_out: stamp(),
		}),
	subscriptionError: (message, pair, reqId) =>
		JSON.stringify({
			error: message,
			method: 'subscribe',
			...(reqId === undefined ? {} : {req_id: reqId}),
			success: false,
			...(pair === undefined ? {} : {symbol: pair}),
			time_in: stamp(),
			time_out: stamp(),
		}),
	heartbeat: '{"channel":"heartbeat"}',
	pong: (reqId) =>
		JSON.stringify({
			method: 'pong',
			...(reqId === undefined ? {} : {req_id: reqId}),
			time_in: stamp(),
			time_out: stamp(),
		}),
	trades(pair, trades, type = 'update') {
		const data = trades.map(
			(trade, index) =>
				`{"symbol":${JSON.stringify(pair)},"side":"${trade.side}","price":${trade.price},"qty":${trade.volume},"ord_type":"${trade.orderType ?? 'limit'}","trade_id":${trade.tradeId ?? 1000 + index},"timestamp":"${stamp(trade.timeMicros)}"}`,
		);
		return `{"channel":"trade","type":"${type}","data":[${data.join(',')}]}`;
	},
};

export function framesFor(api: ApiVersion): KrakenFrames {
	return api === 'v1' ? v1Frames : v2Frames;
}

/** A client request as the server understood it. */
export type ClientRequest = Readonly<{
	kind: 'subscribe' | 'unsubscribe' | 'ping' | 'other';
	pairs: readonly string[];
	reqId?: number;
	/** v2 `params.snapshot`, when sent. */
	snapshot?: boolean;
}>;

export function parseRequest(api: ApiVersion, text: string): ClientRequest {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return {kind: 'other', pairs: []};
	}

	if (typeof value !== 'object' || value === null) {
		return {kind: 'other', pairs: []};
	}

	const record = value as Record<string, unknown>;
	const action = api === 'v1' ? record['event'] : record['method'];
	const reqId = api === 'v1' ? record['reqid'] : record['req_id'];
	const params = (api === 'v2' ? record['params'] : undefined) as
		Record<string, unknown> | undefined;
	const pairs = api === 'v1' ? record['pair'] : params?.['symbol'];
	const kind =
		action === 'subscribe' || action === 'unsubscribe' || action === 'ping' ? action : 'other';
	return {
		kind,
		pairs: Array.isArray(pairs) ? pairs.map(String) : [],
		...(typeof reqId === 'number' ? {reqId} : {}),
		...(typeof params?.['snapshot'] === 'boolean' ? {snapshot: params['snapshot']} : {}),
	};
}

export type ScriptedConnection = Readonly<{
	/** 1 for the first accepted connection, 2 for the next, ... */
	number: number;
	path: string;
	socket: WebSocket;
	connectedAt: number;
	/** Every text message received, in order. */
	received: string[];
	/** When each message in `received` arrived. */
	receivedAt: number[];
	/** Every frame sent to the client, in order. */
	sent: string[];
	/** The close code the client sent, once the connection is closed. */
	closeCode(): number | undefined;
	isOpen(): boolean;
	requests(kind?: ClientRequest['kind']): ClientRequest[];
	send(text: string): void;
	sendBinary(data: Buffer): void;
	/** Abrupt end: the client sees 1006. */
	terminate(): void;
	close(code?: number): void;
}>;

export type RejectedPair = Readonly<{message: string; withoutSymbol?: boolean}>;

/** What the server does on its own. Tests change these fields at any time. */
export type Behaviour = {
	/** Send a status frame on connect, as Kraken does. */
	sendStatus: boolean;
	status: string;
	connectionId: string;
	version: string | undefined;
	/** Answer subscribe and unsubscribe with one ack per pair. */
	acknowledge: boolean;
	/** Pairs refused with an error ack carrying these words. */
	rejections: Map<string, RejectedPair>;
	/** Pairs answered with "Already subscribed". */
	alreadySubscribed: Set<string>;
	answerPings: boolean;
	/** Heartbeat interval once a subscription exists; undefined for none. */
	heartbeatMs: number | undefined;
	/** Send nothing at all, not even the scripted replies: a dead-but-open connection. */
	isSilent: boolean;
	/** Runs after the acks for a subscribe request have been sent. */
	afterSubscribe?: (connection: ScriptedConnection, pairs: readonly string[]) => void;
	/** Runs for every message before the automatic replies; return true to suppress them. */
	onMessage?: (connection: ScriptedConnection, request: ClientRequest, text: string) => boolean;
};

export type ScriptedServerOptions = Readonly<{
	api: ApiVersion;
	port?: number;
	behaviour?: Partial<Behaviour>;
}>;

export type ScriptedServer = Readonly<{
	api: ApiVersion;
	/** The URL for the server's API: `ws://127.0.0.1:port/` for v1, `.../v2` for v2. */
	url: string;
	port: number;
	frames: KrakenFrames;
	behaviour: Behaviour;
	connections: readonly ScriptedConnection[];
	/** The most recent accepted connection; throws if there is none. */
	latest(): ScriptedConnection;
	/** Accepted WebSocket connections so far. */
	connectionCount(): number;
	/** Upgrade requests so far, refused ones included. */
	handshakeAttempts(): number;
	/** When each upgrade request came, refused ones included. */
	handshakeTimes: readonly number[];
	/** Answer the next `count` upgrade requests with this HTTP status instead of 101. */
	refuseHandshakes(count: number, status: number): void;
	/** Sends to every open connection. */
	broadcast(text: string): void;
	/** Ends every open connection: terminate() without a code, close(code) with one. */
	dropAll(code?: number): void;
	close(): Promise<void>;
}>;

const statusTexts: Record<number, string> = {
	400: 'Bad Request',
	404: 'Not Found',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
};

/** Starts a scripted Kraken-like server on 127.0.0.1 (port 0 unless given). */
export async function startScriptedServer(options: ScriptedServerOptions): Promise<ScriptedServer> {
	const {api} = options;
	const frames = framesFor(api);
	const behaviour: Behaviour = {
		sendStatus: true,
		status: 'online',
		connectionId: bigConnectionId,
		version: undefined,
		acknowledge: true,
		rejections: new Map(),
		alreadySubscribed: new Set(),
		answerPings: true,
		heartbeatMs: undefined,
		isSilent: false,
		...options.behaviour,
	};
	const connections: ScriptedConnection[] = [];
	const handshakeTimes: number[] = [];
	const heartbeats = new Set<NodeJS.Timeout>();
	let refusals: {count: number; status: number} = {count: 0, status: 429};

	const http: Server = createServer((_request, response) => {
		response.writeHead(426).end();
	});
	const webSockets = new WebSocketServer({noServer: true});

	function accept(socket: WebSocket, request: IncomingMessage): void {
		const received: string[] = [];
		const receivedAt: number[] = [];
		const sent: string[] = [];
		let closeCode: number | undefined;
		let heartbeat: NodeJS.Timeout | undefined;
		const connection: ScriptedConnection = {
			number: connections.length + 1,
			path: request.url ?? '/',
			socket,
			connectedAt: Date.now(),
			received,
			receivedAt,
			sent,
			closeCode: () => closeCode,
			isOpen: () => socket.readyState === WebSocket.OPEN,
			requests: (kind) =>
				received
					.map((text) => parseRequest(api, text))
					.filter((request) => kind === undefined || request.kind === kind),
			send(text) {
				if (socket.readyState === WebSocket.OPEN) {
					sent.push(text);
					socket.send(text);
				}
			},
			sendBinary(data) {
				if (socket.readyState === WebSocket.OPEN) {
					socket.send(data, {binary: true});
				}
			},
			terminate: () => socket.terminate(),
			close: (code = 1000) => socket.close(code),
		};
		connections.push(connection);
		const reply = (text: string) => {
			if (!behaviour.isSilent) {
				connection.send(text);
			}
		};

		const startHeartbeat = () => {
			if (heartbeat === undefined && behaviour.heartbeatMs !== undefined) {
				heartbeat = setInterval(() => reply(frames.heartbeat), behaviour.heartbeatMs);
				heartbeats.add(heartbeat);
			}
		};

		socket.on('message', (data, isBinary) => {
			const text = isBinary ? '' : (data as Buffer).toString('utf8');
			received.push(text);
			receivedAt.push(Date.now());
			const request = parseRequest(api, text);
			if (behaviour.onMessage?.(connection, request, text) === true) {
				return;
			}

			if (request.kind === 'ping' && behaviour.answerPings) {
				reply(frames.pong(request.reqId));
			}

			if (
				(request.kind === 'subscribe' || request.kind === 'unsubscribe') &&
				behaviour.acknowledge
			) {
				for (const pair of request.pairs) {
					const rejection = behaviour.rejections.get(pair);
					if (request.kind === 'subscribe' && rejection) {
						reply(
							frames.subscriptionError(
								rejection.message,
								rejection.withoutSymbol === true ? undefined : pair,
								request.reqId,
							),
						);
					} else if (request.kind === 'subscribe' && behaviour.alreadySubscribed.has(pair)) {
						reply(frames.subscriptionError('Already subscribed', pair, request.reqId));
					} else if (request.kind === 'subscribe') {
						reply(frames.subscribed(pair, request.reqId));
					} else {
						reply(frames.unsubscribed(pair, request.reqId));
					}
				}

				if (request.kind === 'subscribe') {
					startHeartbeat();
					behaviour.afterSubscribe?.(connection, request.pairs);
				}
			}
		});
		socket.on('close', (code) => {
			closeCode = code;
			clearInterval(heartbeat);
		});
		socket.on('error', () => socket.terminate());
		if (behaviour.sendStatus) {
			reply(
				frames.status({
					status: behaviour.status,
					connectionId: behaviour.connectionId,
					...(behaviour.version === undefined ? {} : {version: behaviour.version}),
				}),
			);
		}
	}

	http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
		handshakeTimes.push(Date.now());
		if (refusals.count > 0) {
			refusals = {...refusals, count: refusals.count - 1};
			const text = statusTexts[refusals.status] ?? 'Refused';
			socket.write(`HTTP/1.1 ${refusals.status} ${text}\r\nConnection: close\r\n\r\n`);
			socket.destroy();
			return;
		}

		webSockets.handleUpgrade(request, socket, head, (webSocket) => accept(webSocket, request));
	});

	await new Promise<void>((resolve, reject) => {
		http.once('error', reject);
		http.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	const {port} = http.address() as AddressInfo;

	return {
		api,
		url: `ws://127.0.0.1:${port}${api === 'v1' ? '/' : '/v2'}`,
		port,
		frames,
		behaviour,
		connections,
		latest() {
			const connection = connections.at(-1);
			if (!connection) {
				throw new Error('no connection yet');
			}

			return connection;
		},
		connectionCount: () => connections.length,
		handshakeAttempts: () => handshakeTimes.length,
		handshakeTimes,
		refuseHandshakes(count, status) {
			refusals = {count, status};
		},
		broadcast(text) {
			for (const connection of connections) {
				connection.send(text);
			}
		},
		dropAll(code) {
			for (const connection of connections) {
				if (code === undefined) {
					connection.terminate();
				} else if (connection.isOpen()) {
					connection.close(code);
				}
			}
		},
		async close() {
			for (const timer of heartbeats) {
				clearInterval(timer);
			}

			for (const connection of connections) {
				connection.terminate();
			}

			webSockets.close();
			await new Promise<void>((resolve) => {
				http.close(() => resolve());
				http.closeAllConnections();
			});
		},
	};
}

/** A port nothing listens on: bound, read, and released again. */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const {port} = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

/** A free port whose number contains `digits`, e.g. 4290 for "429"; throws if none is free. */
export async function freePortContaining(digits: string): Promise<number> {
	const candidates = [4290, 14_290, 24_290, 34_290, 42_900, 54_290]
		.flatMap((base) => Array.from({length: 10}, (_, index) => base + index))
		.filter((port) => String(port).includes(digits));
	for (const port of candidates) {
		const server = createServer();
		const isFree = await new Promise<boolean>((resolve) => {
			server.once('error', () => resolve(false));
			server.listen(port, '127.0.0.1', () => resolve(true));
		});
		if (isFree) {
			await new Promise<void>((resolve) => server.close(() => resolve()));
			return port;
		}
	}

	throw new Error(`no free port containing ${digits}`);
}
