import {get as httpGet, type IncomingMessage} from 'node:http';
import {get as httpsGet} from 'node:https';

/** What came back from one GET: the status and the body as text, or why nothing usable came. */
export type RestReply =
	Readonly<{ok: true; status: number; body: string}> | Readonly<{ok: false; reason: string}>;

export type RestTransport = (url: URL, signal: AbortSignal) => Promise<RestReply>;

/** Kraken's largest public answers (1,000 trades, 720 candles) are well under this. */
const maximumBodyBytes = 4 * 1024 * 1024;

/**
 * One GET over Node's own http and https (already loaded for the WebSocket: the global fetch
 * would load its whole stack at start-up). Certificates are always checked. Never rejects: a
 * refused connection, an abort (the caller's timeout) or a body past 4 MB is a reason.
 */
export function restTransport(userAgent: string): RestTransport {
	return async (url, signal) =>
		new Promise<RestReply>((resolve) => {
			const get = url.protocol === 'https:' ? httpsGet : httpGet;
			const request = get(
				url,
				{headers: {'user-agent': userAgent, accept: 'application/json'}, signal},
				(response: IncomingMessage) => {
					const chunks: Buffer[] = [];
					let length = 0;
					response.on('data', (chunk: Buffer) => {
						length += chunk.length;
						if (length > maximumBodyBytes) {
							response.destroy();
							resolve({ok: false, reason: `an answer over ${maximumBodyBytes} bytes`});
							return;
						}

						chunks.push(chunk);
					});
					response.on('end', () => {
						resolve({
							ok: true,
							status: response.statusCode ?? 0,
							body: Buffer.concat(chunks).toString('utf8'),
						});
					});
					// A body cut off ends in close without end; resolving twice keeps the first.
					response.on('close', () => {
						if (!response.complete) {
							resolve({ok: false, reason: 'the answer was cut off'});
						}
					});
				},
			);
			request.on('error', (error: NodeJS.ErrnoException) => {
				resolve({
					ok: false,
					reason: signal.aborted ? 'no answer in time' : (error.code ?? error.message),
				});
			});
		});
}
