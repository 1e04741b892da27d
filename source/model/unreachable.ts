import type {ConnectionState} from './types.js';

/**
 * What a failed connection's reason (kraken/close-reasons.ts's words, or the socket's own)
 * means when it says the endpoint cannot be reached at all, in plain words; undefined for a
 * reason that says it was reached (a close, a refusal by the exchange, a handshake status).
 */
export function unreachableReason(reason: string): string | undefined {
	if (/host name not found|ENOTFOUND|EAI_AGAIN|getaddrinfo/i.test(reason)) {
		return 'its name could not be looked up (DNS): this machine may be offline';
	}

	if (/connection refused|ECONNREFUSED/i.test(reason)) {
		return 'the connection was refused: nothing is listening there';
	}

	if (/ENETUNREACH|EHOSTUNREACH|network is unreachable|no route to host/i.test(reason)) {
		return 'there is no route to it (network unreachable)';
	}

	if (/timed out|ETIMEDOUT/i.test(reason)) {
		return 'it did not answer in time';
	}

	if (/certificate|altnames|\bTLS\b|\bSSL\b|EPROTO|self[- ]signed|issuer/i.test(reason)) {
		return `the secure (TLS) connection failed: ${reason}; a proxy or firewall may be in the way`;
	}

	if (/HTTP 407\b/.test(reason)) {
		return 'a proxy asks for a password (HTTP 407)';
	}

	return undefined;
}

const proxyVariables = [
	'HTTPS_PROXY',
	'https_proxy',
	'HTTP_PROXY',
	'http_proxy',
	'ALL_PROXY',
	'all_proxy',
];

/**
 * Says, once a run, that the live endpoint cannot be reached, and why, before any connection
 * has opened: someone offline or behind a firewall sees what failed and that --demo works
 * offline, while the retries go on. Once a connection has opened, later failures are outages,
 * which the status bar and stderr already tell.
 */
export class UnreachableWatcher {
	readonly #host: string;
	readonly #environment: NodeJS.ProcessEnv;
	#hasConnected = false;
	#hasSaid = false;

	constructor(host: string, environment: NodeJS.ProcessEnv) {
		this.#host = host;
		this.#environment = environment;
	}

	/** The hint to give on `state`, the first time it shows the endpoint unreachable; else undefined. */
	hintFor(state: ConnectionState): string | undefined {
		if (state.kind === 'open') {
			this.#hasConnected = true;
		}

		if (this.#hasConnected || this.#hasSaid || state.kind !== 'reconnecting') {
			return undefined;
		}

		const reason = unreachableReason(state.reason);
		if (reason === undefined) {
			return undefined;
		}

		this.#hasSaid = true;
		const proxy = proxyVariables.find((name) => (this.#environment[name] ?? '') !== '');
		const proxyNote =
			proxy === undefined
				? ''
				: ` (${proxy} is set, but kraken-tape connects directly, not through a proxy)`;
		return `cannot reach ${this.#host}: ${reason}${proxyNote}. Still retrying; kraken-tape --demo shows the screen offline with simulated data`;
	}

	/** Whether a connection has opened: the screen's hint goes then. */
	get hasConnected(): boolean {
		return this.#hasConnected;
	}
}
