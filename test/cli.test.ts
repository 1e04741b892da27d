import {describe, expect, test} from 'vitest';
import {runCli, startCli, startServe} from './helpers/cli.js';
import {startScriptedServer} from './helpers/scripted-server.js';
import {pause} from './helpers/eventually.js';

describe('cli', () => {
	test('help names every flag', async () => {
		const {code, stdout} = await runCli(['--help']);
		expect(code).toBe(0);
		for (const flag of [
			'--api',
			'--url',
			'--demo',
			'--json',
			'--alert',
			'--exit-on-alert',
			'--history',
			'--record',
			'--port',
			'--host',
			'--replay',
			'--speed',
			'--big',
			'--ascii',
			'--no-color',
		]) {
			expect(stdout).toContain(flag);
		}
	});

	test.each([['--version'], ['-v']])('%s prints the package version', async (flag) => {
		const {code, stdout} = await runCli([flag]);
		expect(code).toBe(0);
		expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
	});

	test.each([[['-h']], [['serve', '--help']], [['serve', '-h']], [['XBT/USD', '--help']]])(
		'%j prints the help and starts nothing',
		async (arguments_) => {
			const {code, stdout, stderr} = await runCli(arguments_);
			expect(code).toBe(0);
			expect(stdout).toContain('Usage');
			expect(stdout).toContain('--replay FILE');
			expect(stderr).toBe('');
		},
	);

	test('--api takes any case, as pair names do', async () => {
		const {code, stdout} = await runCli([
			'--api',
			'V1',
			'--demo',
			'--json',
			'XBT/USD',
			'--alert',
			'xbt/usd>=1',
			'--exit-on-alert',
		]);
		expect(code).toBe(0);
		expect(stdout).toContain('"pair":"XBT/USD"');
	});

	// What a process adds to parseOptions's own tests (test/options.test.ts): the flags as the
	// shell hands them over, one line on stderr, nothing on stdout, exit 2. Each case is a
	// process start: run them side by side.
	test.concurrent.each([
		[['--frobnicate'], /unknown flag --frobnicate /],
		[['-x'], /unknown flag -x /],
		// Named as typed, not as meow camel-cases it.
		[['--bogus-flag=3'], /unknown flag --bogus-flag /],
		[['XBTUSD'], /"XBTUSD" is not a currency pair/],
		[['--alert', 'XBT/USD=>100'], /alert rule "XBT\/USD=>100" is not PAIR OPERATOR PRICE/],
		[['--history', 'abc'], /--history must be a number/],
		[['--history'], /^kraken-tape: --history needs a value/],
		// Meow's own refusal once ended in a stack trace.
		[['--history', '1', '--history', '2'], /^kraken-tape: --history can be given only once$/],
		[['--exit-on-alert'], /--exit-on-alert needs at least one --alert rule/],
		[['--port', '80'], /--port belongs to the serve command/],
		[['serve', '--ascii'], /--ascii is not an option of serve/],
		[['serve', '--replay', 'rec.ndjson', '--speed', '-1'], /--speed must be greater than 0/],
		[
			['serve', '--replay', '/nonexistent/recording.ndjson'],
			/cannot read recording \/nonexistent\/recording.ndjson: ENOENT/,
		],
		[
			['--demo', '--json', '--record', '/nonexistent/dir/file'],
			/--record: cannot write \/nonexistent\/dir\/file \(ENOENT\)/,
		],
	])('bad input %j is one clear line and exit 2', async (arguments_, message) => {
		const {code, stdout, stderr} = await runCli(arguments_);
		expect(code).toBe(2);
		expect(stdout).toBe('');
		const lines = stderr.trimEnd().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/^kraken-tape: /);
		expect(lines[0]).toMatch(message);
		expect(stderr).not.toMatch(/\n\s+at /);
	});

	test.each([
		['SIGTERM', 143],
		['SIGINT', 130],
		['SIGHUP', 129],
	] as const)('serve ends on %s with %i, the same rule as the tape', async (signal, code) => {
		const server = await startServe();
		expect(await server.stop(signal)).toBe(code);
	});

	test('--json --exit-on-alert says closed once', async () => {
		const {code, stderr} = await runCli([
			'--demo',
			'--json',
			'--alert',
			'xbt/usd>=1',
			'--exit-on-alert',
		]);
		expect(code).toBe(0);
		expect(stderr.match(/kraken-tape: closed/g)).toHaveLength(1);
	});

	test('a port in use is one clear line and exit 3', async () => {
		const {createServer} = await import('node:net');
		const blocker = createServer();
		await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
		const {port} = blocker.address() as {port: number};
		try {
			const {code, stderr} = await runCli(['serve', '--port', String(port)]);
			expect(code).toBe(3);
			expect(stderr.trim()).toBe(`kraken-tape: cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
		} finally {
			blocker.close();
		}
	});

	// A pipe holds only so much: what a slow reader has not taken yet waits in the process, and
	// leaving at once (process.exit right after main) dropped it.
	test('the way out waits for a slow reader to take every line already written', async () => {
		const trades = 20_000;
		const server = await startScriptedServer({
			api: 'v2',
			behaviour: {
				afterSubscribe(connection) {
					for (let first = 1; first <= trades; first += 100) {
						const frame = Array.from({length: 100}, (_, index) => ({
							price: '50000.1',
							volume: '0.5',
							side: 'buy' as const,
							tradeId: first + index,
						}));
						connection.send(server.frames.trades('BTC/USD', frame));
					}

					// Said on stderr once every trade before it has been handled.
					connection.send(server.frames.status({status: 'maintenance'}));
				},
			},
		});
		try {
			const cli = startCli(['--json', '--url', server.url, 'BTC/USD']);
			cli.child.stdout.pause();
			await cli.waitForStderr(/system status: maintenance/);
			cli.child.kill('SIGTERM');
			await cli.waitForStderr(/closed/);
			// The command has decided to exit, and its reader is still busy.
			await pause(500);
			cli.child.stdout.resume();
			expect(await cli.exited).toBe(143);
			const lines = cli.stdoutLines();
			expect(lines).toHaveLength(trades);
			expect(JSON.parse(lines.at(-1) ?? '')).toMatchObject({type: 'trade', tradeId: trades});
		} finally {
			await server.close();
		}
	});
});
