import {describe, expect, test} from 'vitest';
import {UnreachableWatcher, unreachableReason} from '../../source/model/unreachable.js';
import type {ConnectionState} from '../../source/model/types.js';

const failed = (reason: string): ConnectionState => ({
	kind: 'reconnecting',
	delayMs: 500,
	attempt: 1,
	reason,
});

describe('unreachable', () => {
	test.each([
		['host name not found (DNS)', /name could not be looked up \(DNS\)/],
		['connection refused', /refused/],
		['connect EHOSTUNREACH 10.0.0.1:443', /no route/],
		['connect ENETUNREACH 10.0.0.1:443', /no route/],
		['connection timed out', /did not answer in time/],
		['handshake timed out', /did not answer in time/],
		[
			'self-signed certificate',
			/secure \(TLS\) connection failed: self-signed certificate; a proxy/,
		],
		['certificate has expired', /TLS/],
		["Hostname/IP does not match certificate's altnames: Host: x", /TLS/],
		['write EPROTO 0A00010B:SSL routines:ssl3_get_record:wrong version number', /TLS/],
		['handshake refused: HTTP 407', /proxy asks for a password/],
	])('%j says the endpoint cannot be reached', (reason, words) => {
		expect(unreachableReason(reason)).toMatch(words);
	});

	test.each([
		'connection dropped (1006)',
		'server going away (1001)',
		'handshake refused: HTTP 429 too many requests',
		'handshake refused: HTTP 503',
		'stale: no trades or heartbeats for 10.0 s',
	])('%j is an outage of an endpoint that was reached', (reason) => {
		expect(unreachableReason(reason)).toBeUndefined();
	});

	test('the hint is given once, with what failed and --demo, while retries go on', () => {
		const watcher = new UnreachableWatcher('ws.kraken.com', {});
		expect(watcher.hintFor({kind: 'connecting', attempt: 1})).toBeUndefined();
		expect(watcher.hintFor(failed('host name not found (DNS)'))).toBe(
			'cannot reach ws.kraken.com: its name could not be looked up (DNS): this machine may be offline. Still retrying; kraken-tape --demo shows the screen offline with simulated data',
		);
		expect(watcher.hintFor(failed('host name not found (DNS)'))).toBeUndefined();
		expect(watcher.hintFor(failed('connection refused'))).toBeUndefined();
	});

	test('not once a connection has opened: later failures are outages', () => {
		const watcher = new UnreachableWatcher('ws.kraken.com', {});
		expect(watcher.hintFor(failed('connection dropped (1006)'))).toBeUndefined();
		watcher.hintFor({kind: 'open'});
		expect(watcher.hasConnected).toBe(true);
		expect(watcher.hintFor(failed('connection refused'))).toBeUndefined();
	});

	test('a proxy set in the environment is named: kraken-tape does not use it', () => {
		const watcher = new UnreachableWatcher('ws.kraken.com', {HTTPS_PROXY: 'http://proxy:3128'});
		expect(watcher.hintFor(failed('connection timed out'))).toContain(
			'(HTTPS_PROXY is set, but kraken-tape connects directly, not through a proxy)',
		);
	});
});
