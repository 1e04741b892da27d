import {readFileSync} from 'node:fs';
import {createServer, get} from 'node:https';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, expect, test} from 'vitest';
import {systemClock} from '../../source/kraken/clock.js';
import {RestClient} from '../../source/kraken/rest/rest-client.js';
import {createCleanup} from '../helpers/cleanup.js';
import {tradesBody} from '../helpers/scripted-rest.js';

// REST over https checks certificates as the feed does (docs/reliability.md, Security): a real
// TLS server on 127.0.0.1 with a self-signed certificate (a test fixture), asked by the REST
// client with its own transport, the one that ships. The same server, asked by a request that
// trusts the certificate, answers: so the refusal is the certificate's, not the server's.

const cleanup = createCleanup();
afterEach(() => cleanup.run());

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const certificate = fixture('self-signed.crt');

async function selfSignedRest(): Promise<{url: string; requests: () => number}> {
	let requests = 0;
	const server = createServer(
		{key: fixture('self-signed.key'), cert: certificate},
		(_, response) => {
			requests++;
			response
				.writeHead(200, {'content-type': 'application/json'})
				.end(tradesBody('XXBTZUSD', [], '1688669598280411234'));
		},
	);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	cleanup.add(
		async () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	);
	const {port} = server.address() as AddressInfo;
	return {url: `https://127.0.0.1:${port}`, requests: () => requests};
}

describe('REST certificates', () => {
	test('a self-signed certificate is refused: the call fails with the reason, and nothing is asked', async () => {
		const server = await selfSignedRest();
		const rest = new RestClient({
			baseUrl: server.url,
			api: 'v2',
			clock: systemClock,
			userAgent: 'kraken-tape/test',
		});
		cleanup.add(() => rest.close());

		const outcome = await rest.trades('BTC/USD');
		expect(outcome).toEqual({
			kind: 'failed',
			reason: expect.stringMatching(/DEPTH_ZERO_SELF_SIGNED_CERT|self-signed certificate/),
		});
		expect(server.requests()).toBe(0);

		// The server itself answers whoever trusts its certificate.
		const status = await new Promise<number | undefined>((resolve, reject) => {
			get(`${server.url}/0/public/Trades?pair=XBTUSD`, {ca: certificate}, (response) => {
				response.resume();
				resolve(response.statusCode);
			}).on('error', reject);
		});
		expect(status).toBe(200);
		expect(server.requests()).toBe(1);
	});
});
