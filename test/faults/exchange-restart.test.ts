import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {startCli, type CliProcess} from '../helpers/cli.js';
import {freePort} from '../helpers/scripted-server.js';

// The field report's first defect: an exchange restarted under a running client numbers its
// trades afresh, and the client took every new trade for a repeat of one already seen.

const running: CliProcess[] = [];
function track<T extends CliProcess>(cli: T): T {
	running.push(cli);
	return cli;
}

afterEach(async () => {
	await Promise.all(running.splice(0).map(async (cli) => cli.stop('SIGKILL')));
});

async function serveOn(port: number, extra: readonly string[] = []): Promise<CliProcess> {
	const server = track(startCli(['serve', '--port', String(port), ...extra]));
	await server.waitForStderr(/v2 at ws:/);
	return server;
}

const pairsOf = (lines: readonly string[]) =>
	new Set(lines.map((line) => (JSON.parse(line) as {pair: string}).pair));

/** Waits until every pair has a trade line after the first `from` lines. */
async function tradesAfter(cli: CliProcess, from: number, pairs: readonly string[]) {
	await cli.waitForLine(() => {
		const seen = pairsOf(cli.stdoutLines().slice(from));
		return pairs.every((pair) => seen.has(pair));
	}, 20_000);
}

describe('a restarted exchange', () => {
	test('serve killed and started again: every v2 pair streams on, no trades counted missed', async () => {
		const port = await freePort();
		const first = await serveOn(port);
		const pairs = ['BTC/USD', 'ETH/USD', 'DOGE/USD'];
		const client = track(
			startCli(['--json', '--url', `ws://127.0.0.1:${port}/v2`, 'XBT/USD', 'ETH/USD', 'XDG/USD']),
		);
		await tradesAfter(client, 0, pairs);

		await first.stop('SIGKILL');
		await serveOn(port);
		await client.waitForStderr(/reconnecting/);
		const before = client.stdoutLines().length;
		await tradesAfter(client, before, pairs);
		// Twice over, so a pair that kept streaming did not do so on its snapshot alone.
		await tradesAfter(client, client.stdoutLines().length, pairs);
		expect(client.stderrText()).not.toMatch(/missed/);
		expect(client.stderrText()).toMatch(/numbers its trades afresh/);
	});

	test('serve --replay started again replays from its first trade, and the client follows', async () => {
		const directory = mkdtempSync(join(tmpdir(), 'kraken-tape-restart-'));
		const recording = join(directory, 'recording.ndjson');
		// 120 trades of the feed itself, which is what a recording holds (not REST's history).
		const recorder = track(
			startCli(['--demo', '--json', '--backfill', '0', '--record', recording, 'XBT/USD']),
		);
		await recorder.waitForLine(() => recorder.stdoutLines().length >= 120, 20_000);
		await recorder.stop('SIGTERM');

		const port = await freePort();
		const first = await serveOn(port, ['--replay', recording, '--speed', '20']);
		const client = track(startCli(['--json', '--url', `ws://127.0.0.1:${port}/v2`, 'XBT/USD']));
		await client.waitForLine(() => client.stdoutLines().length >= 80, 20_000);

		await first.stop('SIGKILL');
		await serveOn(port, ['--replay', recording, '--speed', '20']);
		await client.waitForStderr(/reconnecting/);
		const before = client.stdoutLines().length;
		// The replay starts over with the ids it sent before: they are new trades, not repeats.
		await client.waitForLine(() => client.stdoutLines().length >= before + 20, 20_000);
		expect(client.stderrText()).toMatch(/numbers its trades afresh/);
		expect(client.stderrText()).not.toMatch(/missed/);
	});
});
