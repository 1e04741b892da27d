// The part of running a program in a real pseudo-terminal that the end-to-end tests and the
// benchmark share: the environment a user's shell would give it, the pty itself, and a headless
// xterm to read the screen from. Free of vitest, so that bench/ can use it too.
import process from 'node:process';
import xtermHeadless from '@xterm/headless';
import {spawn, type IPty} from 'node-pty';

// @xterm/headless is CommonJS: its named exports are not visible to Node's ESM loader.
const {Terminal} = xtermHeadless;
export type HeadlessTerminal = InstanceType<typeof Terminal>;

/**
 * The child's environment: the harness's own, with CI and NODE_ENV removed (with CI set, even
 * empty, Ink writes no frames until exit; a user's shell sets neither) and TERM set as xterm's.
 * `overrides` adds variables, or removes them where the value is undefined.
 */
export function terminalEnvironment(
	overrides: Readonly<Record<string, string | undefined>> = {},
): Record<string, string> {
	const merged: Record<string, string | undefined> = {
		...process.env,
		CI: undefined,
		NODE_ENV: undefined,
		TERM: 'xterm-256color',
		...overrides,
	};
	const environment: Record<string, string> = {};
	for (const [name, value] of Object.entries(merged)) {
		if (value !== undefined) {
			environment[name] = value;
		}
	}

	return environment;
}

/** Node running `arguments_` in a pseudo-terminal of the given size. */
export function spawnNodeInPty(
	arguments_: readonly string[],
	size: Readonly<{columns: number; rows: number}>,
	overrides?: Readonly<Record<string, string | undefined>>,
): IPty {
	return spawn(process.execPath, [...arguments_], {
		name: 'xterm-256color',
		cols: size.columns,
		rows: size.rows,
		cwd: process.cwd(),
		env: terminalEnvironment(overrides),
	});
}

export function createHeadlessTerminal(
	size: Readonly<{columns: number; rows: number}>,
): HeadlessTerminal {
	return new Terminal({cols: size.columns, rows: size.rows, allowProposedApi: true, scrollback: 0});
}

/** The visible screen, one string per row, trailing blanks trimmed. */
export function screenLines(terminal: HeadlessTerminal): string[] {
	const buffer = terminal.buffer.active;
	return Array.from(
		{length: terminal.rows},
		(_, y) => buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '',
	);
}
