import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, test, vi} from 'vitest';
import {AlertCommandRunner} from '../../source/alert-commands/alert-command-runner.js';
import type {AlertEvent} from '../../source/model/types.js';

const recorder = fileURLToPath(new URL('../fixtures/record-alert.mjs', import.meta.url));
const made: string[] = [];
afterEach(() => {
	for (const directory of made.splice(0)) {
		rmSync(directory, {recursive: true, force: true});
	}
});

function temporary(): string {
	const directory = mkdtempSync(path.join(tmpdir(), 'kraken-tape-alerts-'));
	made.push(directory);
	return directory;
}

function alertFor(run: string, text = 'BTC/USD>=100'): AlertEvent {
	return {
		rule: {pair: 'BTC/USD', operator: '>=', level: 100, text, run},
		price: 100.5,
		time: Date.UTC(2024, 0, 2, 14, 3, 7, 412),
	};
}

function runner(timeoutMs = 10_000, logPath?: string) {
	const directory = temporary();
	const problems: string[] = [];
	const log = logPath ?? path.join(directory, 'state', 'kraken-tape', 'alerts.log');
	const commands = new AlertCommandRunner({
		logPath: log,
		shownLog: '~/alerts.log',
		timeoutMs,
		killGraceMs: 200,
		environment: {PATH: process.env['PATH'], SHELL: '/bin/sh', KRAKEN_TAPE_SIMULATED: 'inherited'},
		onProblem: (message) => problems.push(message),
	});
	return {commands, problems, directory, log};
}

/** Whether a process runs: a zombie no init has reaped yet (some containers' do not) does not. */
function isRunning(pid: number): boolean {
	try {
		return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return false;
	}
}

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

describe('alert-command-runner', () => {
	test("the alert's values reach the command only through its environment, never its text", async () => {
		const {commands, directory, log, problems} = runner();
		const out = path.join(directory, 'recorded.json');
		// Text a templating scheme would fill in, and a variable the shell must not expand.
		const command = `${quote(process.execPath)} ${quote(recorder)} ${quote(out)} '{pair}' '%PRICE%' '$KRAKEN_TAPE_PAIR'; true`;
		await commands.run(alertFor(command), false);
		const recorded = JSON.parse(readFileSync(out, 'utf8')) as {
			environment: Record<string, string>;
			arguments: string[];
			shell: string[];
		};
		expect(recorded.environment).toEqual({
			KRAKEN_TAPE_PAIR: 'BTC/USD',
			KRAKEN_TAPE_RULE: 'BTC/USD>=100',
			KRAKEN_TAPE_PRICE: '100.5',
			KRAKEN_TAPE_TIME: '2024-01-02T14:03:07.412Z',
		});
		expect(recorded.arguments).toEqual(['{pair}', '%PRICE%', '$KRAKEN_TAPE_PAIR']);
		// The shell was handed the command exactly as written.
		if (process.platform === 'linux') {
			expect(recorded.shell).toEqual(['/bin/sh', '-c', command]);
		}

		expect(problems).toEqual([]);
		const lines = readFileSync(log, 'utf8').split('\n');
		expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z BTC\/USD>=100 at 100\.5: running /);
		expect(lines[1]).toBe('recorded BTC/USD>=100');
		expect(lines[2]).toMatch(/^\S+Z BTC\/USD>=100: exited 0 after \d+\.\d s$/);
	});

	test('simulated data is said in the environment, and only then', async () => {
		const {commands, directory} = runner();
		const out = path.join(directory, 'recorded.json');
		await commands.run(
			alertFor(`${quote(process.execPath)} ${quote(recorder)} ${quote(out)}`),
			true,
		);
		expect(JSON.parse(readFileSync(out, 'utf8')).environment.KRAKEN_TAPE_SIMULATED).toBe('1');
	});

	test('at most one command a rule at a time: a crossing meanwhile is logged, not run', async () => {
		const {commands, directory, log} = runner();
		const count = path.join(directory, 'count');
		const command = `echo started >> ${quote(count)}; sleep 1`;
		const first = commands.run(alertFor(command), false);
		const second = commands.run(alertFor(command), false);
		// Another rule's command runs beside it.
		const other = commands.run(alertFor(`echo other >> ${quote(count)}`, 'BTC/USD>=200'), false);
		await Promise.all([first, second, other]);
		expect(readFileSync(count, 'utf8').split('\n').toSorted()).toEqual(['', 'other', 'started']);
		expect(readFileSync(log, 'utf8')).toMatch(
			/BTC\/USD>=100 crossed again at 100\.5 while its last command still runs: not run again/,
		);
		// Once it has ended, the rule's next crossing runs it again.
		await commands.run(alertFor(command), false);
		expect(readFileSync(count, 'utf8').match(/started/g)).toHaveLength(2);
	});

	test('a command still running at the timeout is stopped, with all it started, and reported', async () => {
		const {commands, directory, problems, log} = runner(300);
		const pidFile = path.join(directory, 'pid');
		const started = Date.now();
		await commands.run(alertFor(`sleep 30 & echo $! > ${quote(pidFile)}; wait`), false);
		expect(Date.now() - started).toBeLessThan(5000);
		expect(problems).toEqual([
			'alert BTC/USD>=100: its command was stopped at the 0.3 s timeout (output in ~/alerts.log)',
		]);
		expect(readFileSync(log, 'utf8')).toContain(
			'BTC/USD>=100: was stopped at the 0.3 s timeout after',
		);
		const pid = Number(readFileSync(pidFile, 'utf8'));
		await vi.waitFor(() => expect(isRunning(pid)).toBe(false));
	});

	test('a failing command is reported with its exit code; one that cannot start, with why', async () => {
		const {commands, problems} = runner();
		await commands.run(alertFor('echo failing >&2; exit 3'), false);
		expect(problems).toEqual(['alert BTC/USD>=100: its command exited 3 (output in ~/alerts.log)']);
		await commands.run(alertFor('kill -TERM $$'), false);
		expect(problems[1]).toBe(
			'alert BTC/USD>=100: its command was ended by SIGTERM (output in ~/alerts.log)',
		);
	});

	test('a shell that is not there is a command that cannot start', async () => {
		const problems: string[] = [];
		const commands = new AlertCommandRunner({
			logPath: path.join(temporary(), 'alerts.log'),
			shownLog: 'alerts.log',
			timeoutMs: 1000,
			environment: {SHELL: '/nonexistent/shell'},
			onProblem: (message) => problems.push(message),
		});
		await commands.run(alertFor('true'), false);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(/^alert BTC\/USD>=100: its command could not start \(.*ENOENT.*\)/);
	});

	test('a log that cannot be written is said once; the commands still run', async () => {
		const directory = temporary();
		const blocker = path.join(directory, 'not-a-directory');
		writeFileSync(blocker, '');
		const {commands, problems} = runner(10_000, path.join(blocker, 'alerts.log'));
		const marker = path.join(directory, 'ran');
		await commands.run(alertFor(`touch ${quote(marker)}`), false);
		await commands.run(alertFor(`touch ${quote(marker)}`), false);
		expect(existsSync(marker)).toBe(true);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(
			/^cannot write the alert log .*alerts\.log \(E[A-Z]+\): alert commands run, their output is lost$/,
		);
	});

	test('an alert without a command runs nothing', async () => {
		const {commands, log} = runner();
		const {run: _run, ...rule} = alertFor('x').rule;
		await commands.run({...alertFor('x'), rule}, false);
		expect(existsSync(log)).toBe(false);
	});
});
