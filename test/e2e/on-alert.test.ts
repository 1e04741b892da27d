import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, test} from 'vitest';
import {keys} from '../helpers/keys.js';
import {runCli, startCli} from '../helpers/cli.js';
import {sequences, startTerminal, stopTerminals, waitForExit} from '../helpers/terminal.js';

const recorder = fileURLToPath(new URL('../fixtures/record-alert.mjs', import.meta.url));
const made: string[] = [];
afterEach(async () => {
	await stopTerminals();
	for (const directory of made.splice(0)) {
		rmSync(directory, {recursive: true, force: true});
	}
});

function temporary(): string {
	const directory = mkdtempSync(path.join(tmpdir(), 'kraken-tape-on-alert-'));
	made.push(directory);
	return directory;
}

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

type Recorded = Readonly<{
	environment: Record<string, string>;
	arguments: string[];
	shell: string[];
}>;

describe('--on-alert', () => {
	test("--json: the command gets the alert line's values in its environment only, and --exit-on-alert waits for it", async () => {
		const directory = temporary();
		const out = path.join(directory, 'recorded.json');
		// It takes a second before it records: an exit that did not wait would leave no file.
		const command = `sleep 1; ${quote(process.execPath)} ${quote(recorder)} ${quote(out)} '{pair}' '$KRAKEN_TAPE_PRICE'`;
		const state = path.join(directory, 'state');
		const run = await runCli(
			['--demo', '--json', '--alert', 'xbt/usd>=1', '--exit-on-alert', '--on-alert', command],
			{XDG_STATE_HOME: state, SHELL: '/bin/sh'},
		);
		expect(run.code).toBe(0);
		expect(existsSync(out)).toBe(true);
		const alertLine = JSON.parse(run.stdout.split('\n').at(-1) ?? '{}') as Record<string, unknown>;
		expect(alertLine).toMatchObject({type: 'alert', simulated: true});
		const recorded = JSON.parse(readFileSync(out, 'utf8')) as Recorded;
		expect(recorded.environment).toEqual({
			KRAKEN_TAPE_PAIR: alertLine['pair'],
			KRAKEN_TAPE_RULE: alertLine['rule'],
			KRAKEN_TAPE_PRICE: String(alertLine['price']),
			KRAKEN_TAPE_TIME: alertLine['time'],
			KRAKEN_TAPE_SIMULATED: '1',
		});
		expect(recorded.environment['KRAKEN_TAPE_RULE']).toBe('BTC/USD>=1');
		// Nothing was written into the command's text: its arguments arrive as typed.
		expect(recorded.arguments).toEqual(['{pair}', '$KRAKEN_TAPE_PRICE']);
		if (process.platform === 'linux') {
			expect(recorded.shell).toEqual(['/bin/sh', '-c', command]);
		}

		// Its output went to the log, not to stdout.
		expect(run.stdout).not.toContain('recorded');
		const log = readFileSync(path.join(state, 'kraken-tape', 'alerts.log'), 'utf8');
		expect(log).toContain('\nrecorded BTC/USD>=1\n');
		expect(log).toMatch(/BTC\/USD>=1: exited 0 after \d+\.\d s\n$/);
	});

	test('--json: a failing command is said on stderr and the feed goes on', async () => {
		const cli = startCli(['--demo', '--json', '--alert', 'xbt/usd>=1', '--on-alert', 'exit 7'], {
			XDG_STATE_HOME: path.join(temporary(), 'state'),
		});
		try {
			await cli.waitForStderr(
				/^kraken-tape: alert BTC\/USD>=1: its command exited 7 \(output in \S+\/kraken-tape\/alerts\.log\)$/m,
			);
			const seen = cli.stdoutLines().length;
			await cli.waitForLine((line) => cli.stdoutLines().indexOf(line) > seen + 10);
		} finally {
			expect(await cli.stop()).toBe(143);
		}
	});

	test('on the screen: [[alert]] run from the config file, detached from the screen, failures on the status bar and then on stderr', async () => {
		const base = temporary();
		mkdirSync(path.join(base, 'config', 'kraken-tape'), {recursive: true});
		writeFileSync(
			path.join(base, 'config', 'kraken-tape', 'config.toml'),
			'[[alert]]\nrule = "XBT/USD>=1"\nrun = "echo NOT-ON-THE-SCREEN; read line; exit 3"\n',
		);
		const session = startTerminal(['--demo'], {
			env: {XDG_CONFIG_HOME: path.join(base, 'config'), XDG_STATE_HOME: path.join(base, 'state')},
			columns: 160,
		});
		await session.waitForText('ALERT BTC/USD>=1');
		// stdin is closed to the command, so `read` ends at once and it exits 3.
		await session.waitForText(
			/alert BTC\/USD>=1: its command exited 3 \(output in \S+alerts\.log\)/,
		);
		expect(session.raw()).not.toContain('NOT-ON-THE-SCREEN');
		expect(readFileSync(path.join(base, 'state', 'kraken-tape', 'alerts.log'), 'utf8')).toContain(
			'NOT-ON-THE-SCREEN',
		);
		// The tape goes on.
		const before = session.lines().find((line) => /^\d\d:\d\d:\d\d\.\d{3} [BS] /.test(line));
		await session.waitFor(
			(screen) => screen.find((line) => /^\d\d:\d\d:\d\d\.\d{3} [BS] /.test(line)) !== before,
		);
		// Dismissing the alerts dismisses what their command said.
		session.write('d');
		await session.waitFor((screen) => !screen.join('\n').includes('its command exited'));
		session.write('q');
		expect(await waitForExit(session)).toEqual({exitCode: 0, signal: undefined});
		// Held while the screen was up, then left on the shell's screen.
		const raw = session.raw();
		expect(raw.lastIndexOf('kraken-tape: alert BTC/USD>=1: its command exited 3')).toBeGreaterThan(
			raw.lastIndexOf(sequences.leaveAlternateScreen),
		);
		expect(session.terminal.buffer.active.type).toBe('normal');
	});

	test('on the screen, --exit-on-alert ends once the command has ended', async () => {
		const directory = temporary();
		const marker = path.join(directory, 'ended');
		const session = startTerminal(
			[
				'--demo',
				'--alert',
				'xbt/usd>=1',
				'--exit-on-alert',
				'--on-alert',
				`sleep 1; touch ${quote(marker)}`,
			],
			{env: {XDG_STATE_HOME: path.join(directory, 'state')}},
		);
		expect(await waitForExit(session)).toEqual({exitCode: 0, signal: undefined});
		expect(existsSync(marker)).toBe(true);
		expect(session.text()).toContain('kraken-tape: alert BTC/USD>=1 at');
	});

	test('Ctrl-C does not reach a running command: it has no terminal', async () => {
		const directory = temporary();
		const marker = path.join(directory, 'ended');
		const session = startTerminal(
			['--demo', '--alert', 'xbt/usd>=1', '--on-alert', `sleep 1; touch ${quote(marker)}`],
			{env: {XDG_STATE_HOME: path.join(directory, 'state')}},
		);
		await session.waitForText('ALERT BTC/USD>=1');
		session.write(keys.ctrlC);
		expect(await waitForExit(session)).toEqual({exitCode: 0, signal: undefined});
		// Left to finish on its own.
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(existsSync(marker)).toBe(true);
	});
});
