import {describe, expect, test} from 'vitest';
import {runCli, startServe} from './helpers/cli.js';

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

	// Each case is a process start: run them side by side.
	test.concurrent.each([
		[['--frobnicate'], /unknown flag --frobnicate /],
		[['-x'], /unknown flag -x /],
		// Named as typed, not as meow camel-cases it.
		[['--bogus-flag=3'], /unknown flag --bogus-flag /],
		[['XBTUSD'], /"XBTUSD" is not a currency pair/],
		[['XBT/US$'], /is not a currency pair/],
		[['XBT/XBT'], /base and quote are the same/],
		[['--url', 'http://example.com/'], /--url must be a ws:\/\/ or wss:\/\/ URL/],
		[['--url', 'not a url'], /--url must be a ws:\/\/ or wss:\/\/ URL/],
		[['--api', 'v3'], /--api must be v1 or v2/],
		[['--alert', 'XBT/USD=>100'], /alert rule "XBT\/USD=>100" is not PAIR OPERATOR PRICE/],
		[['--alert', 'XBTUSD>=100'], /"XBTUSD" is not a currency pair/],
		[['--alert', 'XBT/USD>=abc'], /is not PAIR OPERATOR PRICE/],
		[['--exit-on-alert'], /--exit-on-alert needs at least one --alert rule/],
		[['--history', 'abc'], /--history must be a number/],
		[['--history', '2.5'], /--history must be a whole number/],
		[['--history', '0'], /--history must be at least 1/],
		[['--history'], /^kraken-tape: --history needs a value/],
		[['--history='], /^kraken-tape: --history needs a value/],
		[['--record', ''], /^kraken-tape: --record needs a file name/],
		[['--speed', '2'], /--speed belongs to the serve command/],
		[['serve', '--speed', '2'], /--speed needs --replay: it sets the replay's speed/],
		[['--demo', '--url', 'ws://127.0.0.1:1/v2'], /--demo runs the built-in exchange/],
		[['--big', 'lots'], /--big must be a number/],
		[['--big', '0'], /--big must be greater than 0/],
		[['serve', '--ascii'], /--ascii is not an option of serve/],
		[['--port', '80'], /--port belongs to the serve command/],
		[['serve', '--port', '70000'], /--port must be at most 65535/],
		[['serve', '--replay', 'rec.ndjson', '--speed', '-1'], /--speed must be greater than 0/],
		[['serve', '--json'], /--json is not an option of serve/],
		[['serve', 'XBT/USD'], /serve takes no pairs/],
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
});
