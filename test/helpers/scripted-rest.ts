import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {Cleanup} from './cleanup.js';

/** How the server answers one request: a status and body, or a fault. */
export type RestAnswer =
	| Readonly<{status?: number; body: string}>
	/** Never answers: the client's timeout must end the call. */
	| 'stall'
	/** Sends the head and half the body, then drops the connection. */
	| Readonly<{cut: string}>;

export type ScriptedRest = Readonly<{
	url: string;
	/** Every request as received: its path with query, and its headers. */
	requests: Array<Readonly<{url: URL; headers: IncomingMessage['headers']}>>;
	answer: (url: URL) => RestAnswer;
	setAnswer(answer: (url: URL) => RestAnswer): void;
}>;

/** A REST server on 127.0.0.1 answering as a test says, recording what it was asked. */
export async function startScriptedRest(
	cleanup: Cleanup,
	answer: (url: URL) => RestAnswer,
): Promise<ScriptedRest> {
	const requests: ScriptedRest['requests'] = [];
	let current = answer;
	const open = new Set<ServerResponse>();
	const server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		requests.push({url, headers: request.headers});
		const reply = current(url);
		if (reply === 'stall') {
			open.add(response);
			return;
		}

		if ('cut' in reply) {
			response.writeHead(200, {'content-type': 'application/json', 'content-length': 10_000});
			response.write(reply.cut.slice(0, reply.cut.length / 2));
			setTimeout(() => response.socket?.destroy(), 20);
			return;
		}

		response.writeHead(reply.status ?? 200, {'content-type': 'application/json'}).end(reply.body);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	cleanup.add(
		async () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	);
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		get answer() {
			return current;
		},
		setAnswer(next) {
			current = next;
		},
	};
}

/** Kraken's Trades answer for rows of `[price, volume, time, side, type, misc, id]`. */
export function tradesBody(key: string, rows: readonly unknown[][], last: string): string {
	return `{"error":[],"result":{${JSON.stringify(key)}:${JSON.stringify(rows)},"last":"${last}"}}`;
}
