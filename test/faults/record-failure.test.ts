import {afterEach, describe, expect, test} from 'vitest';
import {startCli, type CliProcess} from '../helpers/cli.js';
import {sequences, startTerminal, stopTerminals, waitForExit} from '../helpers/terminal.js';

// A recording that cannot be written (a full disk: /dev/full answers every write with ENOSPC) is
// a fault like a dropped connection: recording stops, the user is told, the tape goes on.

const running: CliProcess[] = [];
afterEach(async () => {
	await Promise.all(running.splice(0).map(async (cli) => cli.stop('SIGKILL')));
	await stopTerminals();
});

describe('a full disk under --record', () => {
	test('--json says recording stopped and keeps streaming trades', async () => {
		const cli = startCli(['--demo', '--json', '--record', '/dev/full']);
		running.push(cli);
		await cli.waitForStderr(/--record: cannot write \/dev\/full \(ENOSPC\); recording stopped/);
		const count = cli.stdoutLines().length;
		await cli.waitForLine(() => cli.stdoutLines().length >= count + 20);
		expect(cli.stderrText().match(/recording stopped/g)).toHaveLength(1);
		expect(await cli.stop('SIGTERM')).toBe(143);
	});

	test('the screen says recording stopped, the tape goes on, and q exits 0', async () => {
		const session = startTerminal(['--demo', '--record', '/dev/full'], {columns: 160});
		await session.waitForText('recording stopped');
		const before = session.text();
		await session.waitFor(
			(lines) => lines.join('\n') !== before && /\d\d:\d\d:\d\d\.\d{3}/.test(lines.join('\n')),
		);
		session.write('q');
		expect(await waitForExit(session)).toEqual({exitCode: 0, signal: undefined});
		// Said on stderr too: held while the screen was up, then left on the shell's screen, once.
		const raw = session.raw();
		const afterScreen = raw.slice(raw.lastIndexOf(sequences.leaveAlternateScreen));
		expect(afterScreen.match(/recording stopped/g)).toHaveLength(1);
		expect(afterScreen).toContain(
			'kraken-tape: --record: cannot write /dev/full (ENOSPC); recording stopped',
		);
		expect(session.text()).toContain('recording stopped');
	});
});
