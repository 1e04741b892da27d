import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, test} from 'vitest';
import {runCli} from '../helpers/cli.js';
import {sequences, startTerminal, stopTerminals, waitForExit} from '../helpers/terminal.js';

afterEach(stopTerminals);

// A real fault nobody handles on purpose: a module preloaded into the built command throws from
// a timer once it is running, far from any try/catch.
const throwLater = fileURLToPath(new URL('../fixtures/throw-later.mjs', import.meta.url));
const injected = {NODE_OPTIONS: `--import=${throwLater}`};

describe('an uncaught error', () => {
	test('in json mode ends with one line on stderr and exit 1', async () => {
		const {code, stderr} = await runCli(['--demo', '--json'], injected);
		expect(code).toBe(1);
		const lines = stderr.trimEnd().split('\n');
		expect(lines.at(-1)).toBe('kraken-tape: internal error: injected fault');
		expect(stderr).not.toMatch(/\n\s+at /);
	});

	test('on the screen restores the terminal first, so the line stays on the shell screen', async () => {
		const session = startTerminal(['--demo'], {env: injected});
		expect(await waitForExit(session)).toEqual({exitCode: 1, signal: undefined});
		const raw = session.raw();
		expect(raw.startsWith(sequences.enterAlternateScreen)).toBe(true);
		// Left the alternate screen and showed the cursor before the message was written.
		const message = raw.indexOf('kraken-tape: internal error: injected fault');
		expect(message).toBeGreaterThan(raw.lastIndexOf(sequences.leaveAlternateScreen));
		expect(raw.lastIndexOf(sequences.leaveAlternateScreen)).toBeGreaterThan(0);
		expect(session.terminal.buffer.active.type).toBe('normal');
		expect(session.isCursorVisible()).toBe(true);
		expect(session.text()).toContain('kraken-tape: internal error: injected fault');
		expect(raw).not.toMatch(/\n\s+at /);
	});
});
