import {sanitize} from '../model/sanitize.js';

/** Plain words for why a connection ended, for the status bar and stderr. */
export function describeCloseCode(code: number): string {
	switch (code) {
		case 1000: {
			return 'closed by the server (1000)';
		}

		case 1001: {
			return 'server going away (1001)';
		}

		case 1006: {
			return 'connection dropped (1006)';
		}

		case 1009: {
			return 'frame too large (1009)';
		}

		case 1011: {
			return 'server error (1011)';
		}

		case 1012: {
			return 'server restarting (1012)';
		}

		default: {
			return `connection closed (${code})`;
		}
	}
}

type SystemError = Error & {code?: string};

/** The HTTP status of a refused WebSocket handshake, if that is what the error was. */
export function handshakeStatus(error: Error): number | undefined {
	const status = /^Unexpected server response: (\d{3})$/.exec(error.message)?.[1];
	return status === undefined ? undefined : Number(status);
}

export function describeSocketError(error: SystemError): string {
	const status = handshakeStatus(error);
	if (status === 429) {
		return 'handshake refused: HTTP 429 too many requests';
	}

	if (status !== undefined) {
		return `handshake refused: HTTP ${status}`;
	}

	switch (error.code) {
		case 'ECONNREFUSED': {
			return 'connection refused';
		}

		case 'ENOTFOUND':
		case 'EAI_AGAIN': {
			return 'host name not found (DNS)';
		}

		case 'ETIMEDOUT': {
			return 'connection timed out';
		}

		case 'ECONNRESET': {
			return 'connection reset';
		}

		default: {
			// Error texts can quote the server (a TLS error names its certificate's hosts), and
			// they reach the status bar and stderr: sanitised here, where the words are made.
			return error.message === 'Opening handshake has timed out'
				? 'handshake timed out'
				: sanitize(error.message);
		}
	}
}
