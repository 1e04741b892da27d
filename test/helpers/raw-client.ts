import WebSocket from 'ws';
import type {Cleanup} from './cleanup.js';
import {eventually} from './eventually.js';

/** A plain ws client that keeps every text frame it receives. */
export type RawClient = Readonly<{
	socket: WebSocket;
	texts: string[];
	/** When each text frame arrived, parallel to `texts`. */
	times: number[];
	json(): unknown[];
	send(value: unknown): void;
	/** Waits for a frame matching `predicate` among those received at or after `from`. */
	waitFor(predicate: (text: string) => boolean, from?: number, timeoutMs?: number): Promise<string>;
}>;

export async function connectRaw(url: string, cleanup: Cleanup): Promise<RawClient> {
	const socket = new WebSocket(url, {perMessageDeflate: false});
	const texts: string[] = [];
	const times: number[] = [];
	socket.on('message', (data, isBinary) => {
		if (!isBinary) {
			texts.push((data as Buffer).toString('utf8'));
			times.push(Date.now());
		}
	});
	cleanup.add(() => socket.terminate());
	await new Promise<void>((resolve, reject) => {
		socket.once('open', () => resolve());
		socket.once('error', reject);
	});
	return {
		socket,
		texts,
		times,
		json: () => texts.map((text) => JSON.parse(text) as unknown),
		send(value) {
			socket.send(typeof value === 'string' ? value : JSON.stringify(value));
		},
		async waitFor(predicate, from = 0, timeoutMs = 10_000) {
			return eventually(() => {
				const found = texts.slice(from).find((text) => predicate(text));
				if (found === undefined) {
					throw new Error('no matching frame yet');
				}

				return found;
			}, timeoutMs);
		},
	};
}
