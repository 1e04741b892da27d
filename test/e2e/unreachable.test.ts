import {readFileSync} from 'node:fs';
import {createServer as createHttpsServer} from 'node:https';
import {createServer, type AddressInfo} from 'node:net';
import {afterEach, describe, expect, test} from 'vitest';
import {startCli} from '../helpers/cli.js';
import {sequences, startTerminal, stopTerminals, waitForExit} from '../helpers/terminal.js';

afterEach(stopTerminals);

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const demoHint = 'Still retrying; kraken-tape --demo shows the screen offline with simulated data';

/** A loopback port nothing listens on: taken, then given back. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

/** How often `text` occurs in `within`. */
const count = (within: string, text: string) => within.split(text).length - 1;

describe('an endpoint that cannot be reached', () => {
	test('--json says what failed and suggests --demo, once, while the retries go on', async () => {
		const port = await closedPort();
		const cli = startCli(['--json', '--url', `ws://127.0.0.1:${port}/v2`]);
		try {
			// Three attempts refused, the hint after the first and not again.
			await cli.waitForStderr(/(?:connection refused; reconnecting[^\n]*\n[^]*){3}/);
			const stderr = cli.stderrText();
			expect(count(stderr, demoHint)).toBe(1);
			expect(stderr).toContain(
				`kraken-tape: cannot reach 127.0.0.1:${port}: the connection was refused: nothing is listening there. ${demoHint}\n`,
			);
			expect(stderr.indexOf(demoHint)).toBeLessThan(
				stderr.lastIndexOf('connection refused; reconnecting'),
			);
		} finally {
			await cli.stop();
		}
	});

	test('a name that does not resolve is said as DNS', async () => {
		const cli = startCli(['--json', '--url', 'ws://kraken-tape.invalid/v2']);
		try {
			const [line] = await cli.waitForStderr(
				/^kraken-tape: cannot reach kraken-tape\.invalid: .*$/m,
			);
			expect(line).toBe(
				`kraken-tape: cannot reach kraken-tape.invalid: its name could not be looked up (DNS): this machine may be offline. ${demoHint}`,
			);
		} finally {
			await cli.stop();
		}
	});

	test('a TLS failure is said as one, with a proxy named where the environment sets one', async () => {
		const https = createHttpsServer({
			key: fixture('self-signed.key'),
			cert: fixture('self-signed.crt'),
		});
		await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
		const {port} = https.address() as AddressInfo;
		const cli = startCli(['--json', '--url', `wss://127.0.0.1:${port}/v2`], {
			HTTPS_PROXY: 'http://proxy.invalid:3128',
		});
		try {
			const [line] = await cli.waitForStderr(/^kraken-tape: cannot reach .*$/m);
			// Node 24 adds its own advice to the certificate's error (its --use-system-ca), kept.
			const nodeAdvice =
				'; if the root CA is installed locally, try running Node.js with --use-system-ca';
			expect([
				`kraken-tape: cannot reach 127.0.0.1:${port}: the secure (TLS) connection failed: self-signed certificate; a proxy or firewall may be in the way (HTTPS_PROXY is set, but kraken-tape connects directly, not through a proxy). ${demoHint}`,
				`kraken-tape: cannot reach 127.0.0.1:${port}: the secure (TLS) connection failed: self-signed certificate${nodeAdvice}; a proxy or firewall may be in the way (HTTPS_PROXY is set, but kraken-tape connects directly, not through a proxy). ${demoHint}`,
			]).toContain(line);
		} finally {
			await cli.stop();
			https.closeAllConnections();
			await new Promise<void>((resolve) => https.close(() => resolve()));
		}
	});

	test('the screen says it above the status bar, and leaves it on the shell when quit', async () => {
		const port = await closedPort();
		const session = startTerminal(['--url', `ws://127.0.0.1:${port}/v2`], {columns: 100, rows: 24});
		const lines = await session.waitForText('cannot reach');
		const banner = lines.findIndex((line) => line.startsWith('cannot reach'));
		expect(lines.slice(banner, banner + 2).join('')).toBe(
			`cannot reach 127.0.0.1:${port}: the connection was refused: nothing is listening there. Still retrying; kraken-tape --demo shows the screen offline with simulated data`,
		);
		// Just above the status bar, which counts the attempts on.
		expect(lines[banner + 3]).toMatch(/connection refused; reconnecting in \d+ s/);
		session.write('q');
		expect(await waitForExit(session)).toEqual({exitCode: 0, signal: undefined});
		const raw = session.raw();
		expect(raw.indexOf(`kraken-tape: cannot reach 127.0.0.1:${port}`)).toBeGreaterThan(
			raw.lastIndexOf(sequences.leaveAlternateScreen),
		);
	});
});
