import {spawnSync} from 'node:child_process';
import {appendFileSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {z} from 'zod';
import {runCli, startCli, startServe, type CliProcess} from './helpers/cli.js';
import {binPath} from './helpers/built-command.js';
import {isolatedDirectories} from './helpers/isolated-directories.js';

const tradeLineSchema = z
	.object({
		type: z.literal('trade'),
		pair: z.string(),
		side: z.enum(['buy', 'sell']),
		price: z.number().positive(),
		volume: z.number().positive(),
		time: z.iso.datetime(),
		orderType: z.enum(['market', 'limit']),
		tradeId: z.number().int().optional(),
		backfilled: z.literal(true).optional(),
		simulated: z.literal(true).optional(),
	})
	.strict();

const alertLineSchema = z
	.object({
		type: z.literal('alert'),
		pair: z.string(),
		rule: z.string(),
		price: z.number(),
		time: z.iso.datetime(),
		simulated: z.literal(true).optional(),
	})
	.strict();

const running: CliProcess[] = [];
function track<T extends CliProcess>(cli: T): T {
	running.push(cli);
	return cli;
}

afterEach(async () => {
	await Promise.all(running.splice(0).map(async (cli) => cli.stop('SIGKILL')));
});

describe('json mode', () => {
	test('streams v2 trades from a separate serve process, with key order as documented', async () => {
		const server = track(await startServe());
		const cli = track(startCli(['--json', '--url', `${server.url}/v2`, 'XBT/USD', 'eth/usd']));
		await cli.waitForLine((line) => line.includes('"ETH/USD"'));
		const lines = cli.stdoutLines();
		const trades = lines.map((line) => tradeLineSchema.parse(JSON.parse(line)));
		// Lines are written by hand, for speed: each must be exactly what JSON.stringify would write.
		for (const line of lines) {
			expect(line).toBe(JSON.stringify(JSON.parse(line)));
		}

		expect(new Set(trades.map((trade) => trade.pair))).toEqual(new Set(['BTC/USD', 'ETH/USD']));
		expect(trades.every((trade) => trade.tradeId !== undefined && trade.simulated === true)).toBe(
			true,
		);
		// Each tape starts with its latest trades from REST, marked; the feed's are not.
		const keys = ['type', 'pair', 'side', 'price', 'volume', 'time', 'orderType', 'tradeId'];
		expect(Object.keys(JSON.parse(lines[0] ?? '{}'))).toEqual([...keys, 'backfilled', 'simulated']);
		const fromFeed = lines.find((line) => !line.includes('"backfilled"'));
		expect(Object.keys(JSON.parse(fromFeed ?? '{}'))).toEqual([...keys, 'simulated']);
		expect(cli.stderrText()).toContain('the data is SIMULATED');
		expect(cli.stderrText()).toContain('BTC/USD: subscribed');
	});

	test('streams v1 trades with v1 names and no trade id', async () => {
		const server = track(await startServe());
		const cli = track(startCli(['--json', '--api', 'v1', '--url', `${server.url}/`, 'BTC/USD']));
		const line = await cli.waitForLine((text) => text.includes('"XBT/USD"'));
		const trade = tradeLineSchema.parse(JSON.parse(line));
		expect(trade.tradeId).toBeUndefined();
		expect(trade.pair).toBe('XBT/USD');
	});

	test('writes json lines when stdout is not a terminal, even without --json', async () => {
		const cli = track(startCli(['--demo', 'XBT/USD']));
		const line = await cli.waitForLine(() => true);
		expect(tradeLineSchema.parse(JSON.parse(line)).pair).toBe('BTC/USD');
		expect(cli.stderrText()).toContain('SIMULATED data from the built-in exchange, not Kraken');
	});

	test('a closed pipe ends it quietly with exit 0', () => {
		const result = spawnSync(
			'bash',
			[
				'-c',
				`set -o pipefail; "${process.execPath}" "${binPath}" --demo --json XBT/USD ETH/USD | head -3`,
			],
			{encoding: 'utf8', timeout: 15_000, env: {...process.env, ...isolatedDirectories()}},
		);
		expect(result.status).toBe(0);
		expect(result.stdout.trim().split('\n')).toHaveLength(3);
		expect(result.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
	});

	test('a subscription error names the pair and the others keep streaming', async () => {
		const cli = track(startCli(['--demo', '--json', 'XBT/USD', 'NOPE/USD']));
		await cli.waitForStderr(/NOPE\/USD: error: Currency pair not supported NOPE\/USD/);
		await cli.waitForLine((line) => line.includes('"BTC/USD"'));
	});

	test('an alert fires once and --exit-on-alert exits 0 after writing it', async () => {
		const cli = startCli(['--demo', '--json', '--alert', 'xbt/usd>=1', '--exit-on-alert']);
		expect(await cli.exited).toBe(0);
		const lines = cli.stdoutLines().map((line) => JSON.parse(line) as {type: string});
		const alerts = lines.filter((line) => line.type === 'alert');
		expect(alerts).toHaveLength(1);
		expect(lines.at(-1)).toBe(alerts[0]);
		const alert = alertLineSchema.parse(alerts[0]);
		expect(alert).toMatchObject({pair: 'BTC/USD', rule: 'BTC/USD>=1', simulated: true});
		expect(alert.price).toBeGreaterThanOrEqual(1);
	});

	test('an alert that is not met writes no alert line', async () => {
		const cli = track(startCli(['--demo', '--json', '--alert', 'XBT/USD<=1', 'XBT/USD']));
		// Wait for plenty of trades: none is at or below 1 USD.
		await cli.waitForLine((_line) => cli.stdoutLines().length >= 20);
		expect(cli.stdoutLines().some((line) => line.includes('"alert"'))).toBe(false);
	});

	test('an unreachable endpoint keeps retrying and says so; SIGTERM exits 143', async () => {
		const {createServer} = await import('node:net');
		const probe = createServer();
		await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
		const {port} = probe.address() as {port: number};
		await new Promise<void>((resolve) => probe.close(() => resolve()));
		const cli = track(startCli(['--json', '--url', `ws://127.0.0.1:${port}/v2`]));
		await cli.waitForStderr(/connection refused; reconnecting in [\d.]+ s \(attempt 2\)/);
		expect(cli.child.exitCode).toBeNull();
		expect(await cli.stop('SIGTERM')).toBe(143);
	});

	test('SIGINT exits 130', async () => {
		const cli = track(startCli(['--demo', '--json']));
		await cli.waitForLine(() => true);
		expect(await cli.stop('SIGINT')).toBe(130);
	});

	test('a recording made with --record replays through serve --replay', async () => {
		const directory = mkdtempSync(join(tmpdir(), 'kraken-tape-'));
		const file = join(directory, 'recording.ndjson');
		// A recording holds the feed's frames, not REST's history: neither tape starts with it.
		const recorder = track(
			startCli(['--demo', '--json', '--backfill', '0', '--record', file, 'XBT/USD']),
		);
		await recorder.waitForLine(() => recorder.stdoutLines().length >= 12);
		await recorder.stop('SIGINT');
		const recorded = readFileSync(file, 'utf8')
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as {frame: string; url: string; time: string});
		expect(recorded[0]?.frame).toContain('"channel":"status"');
		expect(
			recorded.every((line) => line.url.endsWith('/v2') && !Number.isNaN(Date.parse(line.time))),
		).toBe(true);
		const recordedPrices = recorder
			.stdoutLines()
			.map((line) => tradeLineSchema.parse(JSON.parse(line)).price);

		const server = track(await startServe(['--replay', file, '--speed', '20']));
		expect(server.stderrText()).toContain('SIMULATED exchange (not Kraken), replay of');
		// Replayed to a v1 client: the names are translated back.
		const client = track(
			startCli(['--json', '--backfill', '0', '--api', 'v1', '--url', `${server.url}/`, 'XBT/USD']),
		);
		await client.waitForLine(() => client.stdoutLines().length >= recordedPrices.length);
		const replayed = client.stdoutLines().map((line) => tradeLineSchema.parse(JSON.parse(line)));
		expect(replayed.every((trade) => trade.pair === 'XBT/USD')).toBe(true);
		expect(replayed.map((trade) => trade.price)).toEqual(recordedPrices);
	});

	test('serve --replay says which lines it skipped and when the replay is over', async () => {
		const directory = mkdtempSync(join(tmpdir(), 'kraken-tape-'));
		const file = join(directory, 'recording.ndjson');
		const recorder = track(startCli(['--demo', '--json', '--record', file, 'XBT/USD']));
		await recorder.waitForLine(() => recorder.stdoutLines().length >= 12);
		await recorder.stop('SIGINT');
		appendFileSync(file, 'not json at all\n{"time":"2024-01-01T00:00:00Z"}\n');

		const server = track(await startServe(['--replay', file, '--speed', '50']));
		expect(server.stderrText()).toMatch(/2 lines skipped \(not a recorded frame\)/);
		const client = track(startCli(['--json', '--url', `${server.url}/v2`, 'XBT/USD']));
		await client.waitForLine(() => client.stdoutLines().length >= 12);
		await server.waitForStderr(
			/replay finished: \d+ trades sent; the exchange stays up \(heartbeats only\) until stopped/,
		);
	});
});

describe('json mode with nothing to stream', () => {
	test('every pair refused: exits 4 with the refusals on stderr', async () => {
		const {code, stdout, stderr} = await runCli(['--demo', '--json', 'NOPE/USD', 'FAKE/EUR']);
		expect(code).toBe(4);
		expect(stdout).toBe('');
		expect(stderr).toContain('NOPE/USD: error: Currency pair not supported NOPE/USD');
		expect(stderr.trimEnd().split('\n')).toContain(
			'kraken-tape: every pair was refused (NOPE/USD, FAKE/EUR): nothing to stream',
		);
	});

	test('one pair refused among good ones keeps streaming', async () => {
		const cli = track(startCli(['--demo', '--json', 'NOPE/USD', 'XBT/USD']));
		await cli.waitForLine((line) => line.includes('"BTC/USD"'));
		expect(cli.child.exitCode).toBeNull();
		expect(await cli.stop('SIGTERM')).toBe(143);
	});
});
