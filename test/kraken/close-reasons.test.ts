import {describe, expect, test} from 'vitest';
import {describeCloseCode, describeSocketError} from '../../source/kraken/close-reasons.js';

const systemError = (message: string, code?: string): Error & {code?: string} =>
	Object.assign(new Error(message), code === undefined ? {} : {code});

describe('close-reasons', () => {
	test.each<[number, string]>([
		[1000, 'closed by the server (1000)'],
		[1001, 'server going away (1001)'],
		[1006, 'connection dropped (1006)'],
		[1009, 'frame too large (1009)'],
		[1011, 'server error (1011)'],
		[1012, 'server restarting (1012)'],
		[1005, 'connection closed (1005)'],
		[4000, 'connection closed (4000)'],
	])('close code %i reads %j', (code, text) => {
		expect(describeCloseCode(code)).toBe(text);
	});

	test.each<[string, Error & {code?: string}, string]>([
		[
			'HTTP 429',
			systemError('Unexpected server response: 429'),
			'handshake refused: HTTP 429 too many requests',
		],
		['HTTP 503', systemError('Unexpected server response: 503'), 'handshake refused: HTTP 503'],
		[
			'refused',
			systemError('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'),
			'connection refused',
		],
		[
			'no such host',
			systemError('getaddrinfo ENOTFOUND ws.kraken.com', 'ENOTFOUND'),
			'host name not found (DNS)',
		],
		[
			'DNS retry',
			systemError('getaddrinfo EAI_AGAIN ws.kraken.com', 'EAI_AGAIN'),
			'host name not found (DNS)',
		],
		['timeout', systemError('connect ETIMEDOUT 1.2.3.4:443', 'ETIMEDOUT'), 'connection timed out'],
		['reset', systemError('read ECONNRESET', 'ECONNRESET'), 'connection reset'],
		['handshake timeout', systemError('Opening handshake has timed out'), 'handshake timed out'],
		[
			'anything else',
			systemError('Invalid WebSocket frame: RSV1 must be clear'),
			'Invalid WebSocket frame: RSV1 must be clear',
		],
	])('socket error %s', (_name, error, text) => {
		expect(describeSocketError(error)).toBe(text);
	});
});

describe('describeSocketError with text from the server', () => {
	test('strips escape sequences and control characters from an error message', () => {
		const error = new Error(
			"Hostname/IP does not match certificate's altnames: DNS:\u001B]0;evil\u0007x\u001B[2J",
		);
		const reason = describeSocketError(error);
		expect(reason).toBe("Hostname/IP does not match certificate's altnames: DNS:x");
		expect(reason).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
	});
});
