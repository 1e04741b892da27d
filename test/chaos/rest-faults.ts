import {request as httpRequest, type IncomingMessage, type ServerResponse} from 'node:http';

/** What the fault proxy can make of one REST request (`GET /0/public/...`). */
export type RestFault =
	| 'rest-pass'
	| 'rest-500'
	| 'rest-502'
	| 'rest-503'
	| 'rest-too-many-requests'
	| 'rest-rate-limit'
	| 'rest-stall'
	| 'rest-cut-body'
	| 'rest-malformed-body';

export const restFaults: readonly RestFault[] = [
	'rest-pass',
	'rest-500',
	'rest-502',
	'rest-503',
	'rest-too-many-requests',
	'rest-rate-limit',
	'rest-stall',
	'rest-cut-body',
	'rest-malformed-body',
];

/** Kraken's REST errors come with HTTP 200 and the reason in `error` (docs: REST, errors). */
const krakenErrors: Partial<Record<RestFault, string>> = {
	'rest-too-many-requests': 'EGeneral:Too many requests',
	'rest-rate-limit': 'EAPI:Rate limit exceeded',
};

const httpErrors: Partial<Record<RestFault, number>> = {
	'rest-500': 500,
	'rest-502': 502,
	'rest-503': 503,
};

type Upstream = Readonly<{status: number; headers: Record<string, string>; body: Buffer}>;

/** Asks the exchange itself, on a connection of its own, and reads the whole answer. */
async function fetchUpstream(request: IncomingMessage, port: number): Promise<Upstream> {
	return new Promise((resolve, reject) => {
		const upstream = httpRequest(
			{
				host: '127.0.0.1',
				port,
				method: request.method,
				path: request.url,
				headers: {...request.headers, host: `127.0.0.1:${port}`, connection: 'close'},
				agent: false,
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('error', reject);
				response.on('end', () => {
					const headers: Record<string, string> = {};
					for (const [name, value] of Object.entries(response.headers)) {
						// The proxy's own connection and length rules apply to what it sends.
						if (
							!['connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(name)
						) {
							headers[name] = String(value);
						}
					}

					resolve({status: response.statusCode ?? 502, headers, body: Buffer.concat(chunks)});
				});
			},
		);
		upstream.on('error', reject);
		upstream.end();
	});
}

/** Bodies no client should take for trades: cut JSON, a CDN's page, JSON of the wrong shape. */
function malformedBody(upstream: Upstream, random: () => number): Upstream {
	const variants: Upstream[] = [
		{...upstream, body: upstream.body.subarray(0, Math.floor(upstream.body.length / 2))},
		{
			status: 200,
			headers: {'content-type': 'text/html'},
			body: Buffer.from('<html><body><h1>502 Bad Gateway</h1>cloudflare</body></html>'),
		},
		{
			status: 200,
			headers: {'content-type': 'application/json'},
			body: Buffer.from('{"error":[],"result":{"trades":"none","last":[1,2]}}'),
		},
	];
	return variants[Math.floor(random() * variants.length)]!;
}

export type RestAnswerOptions = Readonly<{
	upstreamPort: number;
	random: () => number;
	/** A stalled request is cut off after this long if the client has not given up first. */
	stallCapMs: number;
}>;

/** Answers one REST request as `fault` says: the exchange's answer, spoilt or withheld. */
export async function answerRest(
	request: IncomingMessage,
	response: ServerResponse,
	fault: RestFault,
	options: RestAnswerOptions,
): Promise<void> {
	const status = httpErrors[fault];
	const krakenError = krakenErrors[fault];
	if (status !== undefined) {
		response
			.writeHead(status, {'content-type': 'text/plain'})
			.end(`${status} from the fault proxy\n`);
		return;
	}

	if (krakenError !== undefined) {
		response
			.writeHead(200, {'content-type': 'application/json'})
			.end(JSON.stringify({error: [krakenError]}));
		return;
	}

	if (fault === 'rest-stall') {
		// Nothing comes back: the client's own timeout has to end it.
		const timer = setTimeout(() => response.socket?.destroy(), options.stallCapMs);
		response.on('close', () => clearTimeout(timer));
		return;
	}

	let upstream: Upstream;
	try {
		upstream = await fetchUpstream(request, options.upstreamPort);
	} catch {
		response.socket?.destroy();
		return;
	}

	if (fault === 'rest-cut-body') {
		// The length promised is the whole body's; half of it comes, then the connection ends.
		response.writeHead(upstream.status, {
			...upstream.headers,
			'content-length': String(upstream.body.length),
		});
		response.write(upstream.body.subarray(0, Math.floor(upstream.body.length / 2)), () =>
			response.socket?.destroy(),
		);
		return;
	}

	const answer =
		fault === 'rest-malformed-body' ? malformedBody(upstream, options.random) : upstream;
	response
		.writeHead(answer.status, {...answer.headers, 'content-length': String(answer.body.length)})
		.end(answer.body);
}
