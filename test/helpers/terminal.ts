// End-to-end tests drive the built command in a real pseudo-terminal (node-pty) and read the
// screen from a headless xterm (@xterm/headless) fed with the same bytes: the screen is what a
// user's terminal would show, and the raw stream still shows every mode change. Both are npm
// packages, so `npm ci` is all a fresh machine needs (node-pty compiles with node-gyp); tmux
// would have to come from apt in .ci/run.
import {binPath} from './built-command.js';
import {isolatedDirectories} from './isolated-directories.js';
import {vi} from 'vitest';
import {
	createHeadlessTerminal,
	screenLines,
	spawnNodeInPty,
	type HeadlessTerminal,
} from '../../harness/pseudo-terminal.js';

/**
 * How long to wait for the screen or an exit. A safety limit, not a speed check (speed belongs to
 * the benchmark): a CI machine running two suites beside these terminals took 7 s to a first trade.
 */
const screenTimeoutMs = 20_000;

/** Escape sequences the end-to-end tests look for in the raw output. */
export const sequences = {
	enterAlternateScreen: '\u001B[?1049h',
	leaveAlternateScreen: '\u001B[?1049l',
	showCursor: '\u001B[?25h',
	hideCursor: '\u001B[?25l',
	bell: '\u0007',
} as const;

export type Exit = Readonly<{exitCode: number; signal: number | undefined}>;

export type TerminalOptions = Readonly<{
	columns?: number;
	rows?: number;
	/** Added to (or, when undefined, removed from) the child's environment. */
	env?: Readonly<Record<string, string | undefined>>;
}>;

export type TerminalSession = Readonly<{
	/** The headless terminal the output is fed into, for buffer and mode checks. */
	terminal: HeadlessTerminal;
	columns: () => number;
	rows: () => number;
	/** The visible screen, one string per row, trailing blanks trimmed. */
	lines: () => string[];
	/** The visible screen as one string, rows joined by newlines. */
	text: () => string;
	/** Rows of the visible screen that are the automatic continuation of the row above. */
	wrappedRows: () => number[];
	/** Everything the command wrote, escape sequences included. */
	raw: () => string;
	/** Whether the command last hid (?25l) or showed (?25h) the cursor, as the terminal saw it. */
	isCursorVisible: () => boolean;
	/**
	 * Polls until `check` stops throwing (or returns non-false) and returns its result. The
	 * screen is only read between frames: never inside Ink's synchronized update (?2026h ... l).
	 */
	waitFor: <T>(check: (lines: string[]) => T, timeout?: number) => Promise<Exclude<T, false>>;
	/** Polls until the screen shows `pattern` (no g or y flag: those make test() stateful). */
	waitForText: (pattern: string | RegExp, timeout?: number) => Promise<string[]>;
	/** Types into the terminal, as a user would: a key from `keys` or plain text. */
	write: (data: string) => void;
	/** Changes the size of both the pseudo-terminal and the headless terminal. */
	resize: (columns: number, rows: number) => void;
	kill: (signal?: NodeJS.Signals) => void;
	/** Resolves once the command has exited and everything it wrote has reached the screen. */
	exited: Promise<Exit>;
}>;

const sessions = new Set<TerminalSession>();

/** Renders the screen for failure messages. */
function describeScreen(session: TerminalSession): string {
	const width = session.columns();
	const border = `+${'-'.repeat(width)}+`;
	return [border, ...session.lines().map((line) => `|${line.padEnd(width)}|`), border].join('\n');
}

/**
 * Starts the built command in a real pseudo-terminal and feeds what it writes into a headless
 * xterm of the same size. CI is removed from the child's environment: with CI set (even empty)
 * Ink writes no frames until exit. NODE_ENV is removed, as a user's shell would not set it.
 */
export function startTerminal(
	arguments_: readonly string[],
	options: TerminalOptions = {},
): TerminalSession {
	const columns = options.columns ?? 100;
	const rows = options.rows ?? 30;
	const terminal = createHeadlessTerminal({columns, rows});
	let isCursorVisible = true;
	// Watch ?25h / ?25l as the terminal parses them; returning false lets xterm handle them too.
	for (const final of ['h', 'l'] as const) {
		terminal.parser.registerCsiHandler({prefix: '?', final}, (parameters) => {
			if (parameters.includes(25)) {
				isCursorVisible = final === 'h';
			}

			return false;
		});
	}

	// XDG directories of the test's own: no user's config file is read.
	const child = spawnNodeInPty(
		[binPath, ...arguments_],
		{columns, rows},
		{
			...isolatedDirectories(),
			...options.env,
		},
	);
	let raw = '';
	let exit: Exit | undefined;
	child.onData((data) => {
		raw += data;
		terminal.write(data);
	});
	const exited = new Promise<Exit>((resolve) => {
		child.onExit(({exitCode, signal}) => {
			exit = {exitCode, signal: signal || undefined};
			// xterm parses writes asynchronously: an empty write calls back once all before it are in.
			terminal.write('', () => resolve({exitCode, signal: signal || undefined}));
		});
	});

	const lines = () => screenLines(terminal);

	const session: TerminalSession = {
		terminal,
		columns: () => terminal.cols,
		rows: () => terminal.rows,
		lines,
		text: () => lines().join('\n'),
		wrappedRows() {
			const buffer = terminal.buffer.active;
			return Array.from({length: terminal.rows}, (_, y) => y).filter(
				(y) => buffer.getLine(buffer.viewportY + y)?.isWrapped === true,
			);
		},
		raw: () => raw,
		isCursorVisible: () => isCursorVisible,
		async waitFor(check, timeout = screenTimeoutMs) {
			return vi.waitFor(
				() => {
					if (terminal.modes.synchronizedOutputMode) {
						throw new Error(`a frame is being drawn\n${describeScreen(session)}`);
					}

					let result;
					try {
						result = check(lines());
					} catch (error) {
						const message = error instanceof Error ? error.message : String(error);
						throw new Error(`${message}\n${describeScreen(session)}`);
					}

					if (result === false) {
						throw new Error(`condition not met yet\n${describeScreen(session)}`);
					}

					return result as Exclude<typeof result, false>;
				},
				{timeout, interval: 50},
			);
		},
		async waitForText(pattern, timeout) {
			return session.waitFor((screen) => {
				const text = screen.join('\n');
				const isFound = typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
				if (!isFound) {
					throw new Error(`screen does not show ${String(pattern)} yet`);
				}

				return screen;
			}, timeout);
		},
		write(data) {
			if (exit === undefined) {
				child.write(data);
			}
		},
		resize(newColumns, newRows) {
			// A real terminal changes its grid first, then the program hears SIGWINCH.
			terminal.resize(newColumns, newRows);
			if (exit === undefined) {
				child.resize(newColumns, newRows);
			}
		},
		kill(signal = 'SIGTERM') {
			if (exit === undefined) {
				child.kill(signal);
			}
		},
		exited,
	};
	sessions.add(session);
	return session;
}

/** Ends every command still running and frees every headless terminal; call it from afterEach. */
export async function stopTerminals(): Promise<void> {
	const stopping = [...sessions];
	sessions.clear();
	for (const session of stopping) {
		session.kill('SIGKILL');
	}

	await Promise.all(stopping.map(async (session) => session.exited));
	for (const session of stopping) {
		session.terminal.dispose();
	}
}

/** Waits for the exit, failing with the screen when it does not come in time. */
export async function waitForExit(
	session: TerminalSession,
	timeout = screenTimeoutMs,
): Promise<Exit> {
	let timer: NodeJS.Timeout | undefined;
	const timedOut = new Promise<never>((_, reject) => {
		timer = setTimeout(() => {
			reject(new Error(`no exit within ${timeout} ms\n${describeScreen(session)}`));
		}, timeout);
	});
	try {
		return await Promise.race([session.exited, timedOut]);
	} finally {
		clearTimeout(timer);
	}
}
