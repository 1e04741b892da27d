import {createServer, type IncomingMessage} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import {answerRest, type RestFault} from './rest-faults.js';
import {WebSocketTunnel, type TunnelFault} from './websocket-tunnel.js';

/** Faults of the WebSocket side: a tunnel's, or the next handshakes refused. */
export type WebSocketFault = TunnelFault | 'refused-handshake';

export type FaultKind = WebSocketFault | RestFault;

export const webSocketFaults: readonly WebSocketFault[] = [
	'clean-close',
	'abrupt-drop',
	'cut-mid-frame',
	'stall',
	'refused-handshake',
];

export type FaultProxyOptions = Readonly<{
	/** The exchange's port: WebSocket and REST both. */
	upstreamPort: number;
	/** Seeded, so a run's cuts and refusals can be made again. */
	random: () => number;
	/** A stalled REST request is cut off after this long if the client has not given up. */
	restStallCapMs?: number;
}>;

export type InjectSettings = Readonly<{
	/** How long a stall holds every byte back. */
	stallMs?: number;
	/** How many handshakes a refusal refuses after dropping the connections there are. */
	refusals?: number;
}>;

export type FaultProxy = Readonly<{
	port: number;
	/**
	 * Applies `fault` to every live WebSocket connection (handshake through, not stalled or
	 * ending) and returns how many it reached; a refusal drops them all and refuses the next
	 * handshakes, and counts each handshake it refuses.
	 */
	inject(fault: WebSocketFault, settings?: InjectSettings): number;
	/** Live WebSocket connections, as `inject` would reach them. */
	liveConnections(): number;
	/**
	 * Picks each REST request's fault from now on, from its path and query
	 * (`/0/public/Trades?pair=…`); every request passes when `undefined`.
	 */
	setRestFaults(choose: ((path: string) => RestFault) | undefined): void;
	/** No more faults: stalls end, refusals and REST faults stop. */
	calm(): void;
	/** Faults injected so far, by kind; `rest-pass` counts REST requests passed untouched. */
	counts(): ReadonlyMap<FaultKind, number>;
	/** WebSocket handshakes asked for, refused or not. */
	handshakes(): number;
	close(): Promise<void>;
}>;

/** The upgrade request as it came, to send on to the exchange byte for byte. */
function requestBytes(request: IncomingMessage, head: Buffer): Buffer {
	const lines = [`${request.method} ${request.url} HTTP/${request.httpVersion}`];
	for (let index = 0; index < request.rawHeaders.length; index += 2) {
		lines.push(`${request.rawHeaders[index]}: ${request.rawHeaders[index + 1]}`);
	}

	return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), head]);
}

/**
 * A TCP proxy on 127.0.0.1 in front of the exchange's one port. Node's HTTP parser reads each
 * connection's first request: an `Upgrade: websocket` becomes a byte tunnel to the exchange
 * (websocket-tunnel.ts), anything else a REST request answered through rest-faults.ts.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
	const {upstreamPort, random} = options;
	const tunnels = new Set<WebSocketTunnel>();
	const sockets = new Set<Socket>();
	const counts = new Map<FaultKind, number>();
	let refusalsLeft = 0;
	let handshakes = 0;
	let chooseRestFault: ((path: string) => RestFault) | undefined;
	const count = (kind: FaultKind) => counts.set(kind, (counts.get(kind) ?? 0) + 1);
	const live = () => [...tunnels].filter((tunnel) => tunnel.isLive && !tunnel.isStalled);

	const server = createServer((request, response) => {
		const path = request.url ?? '/';
		const isPublic = request.method === 'GET' && path.startsWith('/0/public/');
		const fault = isPublic ? (chooseRestFault?.(path) ?? 'rest-pass') : 'rest-pass';
		count(fault);
		void answerRest(request, response, fault, {
			upstreamPort,
			random,
			stallCapMs: options.restStallCapMs ?? 60_000,
		});
	});
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
		handshakes++;
		socket.on('error', () => socket.destroy());
		if (request.headers.upgrade?.toLowerCase() !== 'websocket') {
			socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
			return;
		}

		if (refusalsLeft > 0) {
			refusalsLeft--;
			count('refused-handshake');
			if (random() < 0.5) {
				socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
			} else {
				socket.destroy();
			}

			return;
		}

		const tunnel = new WebSocketTunnel({
			client: socket,
			request: requestBytes(request, head),
			upstreamPort,
			random,
			onClose: (closed) => tunnels.delete(closed),
		});
		tunnels.add(tunnel);
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});

	return {
		port: (server.address() as AddressInfo).port,
		inject(fault, settings = {}) {
			const reached = live();
			if (fault === 'refused-handshake') {
				refusalsLeft = settings.refusals ?? 1;
				for (const tunnel of reached) {
					tunnel.apply('abrupt-drop');
				}

				return reached.length;
			}

			for (const tunnel of reached) {
				tunnel.apply(fault, settings.stallMs);
			}

			if (reached.length > 0) {
				count(fault);
			}

			return reached.length;
		},
		liveConnections: () => live().length,
		setRestFaults(choose) {
			chooseRestFault = choose;
		},
		calm() {
			refusalsLeft = 0;
			chooseRestFault = undefined;
			for (const tunnel of tunnels) {
				tunnel.endStall();
			}
		},
		counts: () => counts,
		handshakes: () => handshakes,
		async close() {
			for (const tunnel of tunnels) {
				tunnel.apply('abrupt-drop');
			}

			for (const socket of sockets) {
				socket.destroy();
			}

			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
