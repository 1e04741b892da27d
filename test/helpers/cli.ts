import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {binPath} from './built-command.js';
import {isolatedDirectories} from './isolated-directories.js';
import {vi} from 'vitest';

export type CliProcess = Readonly<{
	child: ChildProcessWithoutNullStreams;
	stdoutLines: () => string[];
	stderrText: () => string;
	exited: Promise<number | null>;
	/** Waits until a stdout line satisfies the predicate and returns it. */
	waitForLine(predicate: (line: string) => boolean, timeout?: number): Promise<string>;
	waitForStderr(pattern: RegExp, timeout?: number): Promise<RegExpExecArray>;
	stop(signal?: NodeJS.Signals): Promise<number | null>;
}>;

/**
 * `env` adds variables to the child's environment, beside NO_COLOR and XDG directories of the
 * test's own (no user's config file is read).
 */
export function startCli(
	arguments_: readonly string[],
	env: Readonly<Record<string, string>> = {},
): CliProcess {
	const environment: NodeJS.ProcessEnv = {
		...process.env,
		NO_COLOR: '1',
		...isolatedDirectories(),
		...env,
	};
	delete environment['NODE_ENV'];
	const child = spawn(process.execPath, [binPath, ...arguments_], {env: environment});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	const exited = new Promise<number | null>((resolve) =>
		child.on('close', (code) => resolve(code)),
	);
	const stdoutLines = () => stdout.split('\n').filter((line) => line.length > 0);
	return {
		child,
		stdoutLines,
		stderrText: () => stderr,
		exited,
		async waitForLine(predicate, timeout = 10_000) {
			return vi.waitFor(
				() => {
					const line = stdoutLines().find(predicate);
					if (line === undefined) {
						throw new Error(`no matching line yet; stderr: ${stderr.slice(-500)}`);
					}

					return line;
				},
				{timeout, interval: 50},
			);
		},
		async waitForStderr(pattern, timeout = 10_000) {
			return vi.waitFor(
				() => {
					const match = pattern.exec(stderr);
					if (!match) {
						throw new Error(`stderr has no ${pattern} yet: ${stderr.slice(-500)}`);
					}

					return match;
				},
				{timeout, interval: 50},
			);
		},
		async stop(signal = 'SIGTERM') {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill(signal);
			}

			return exited;
		},
	};
}

/** Runs the command to its end and returns what it said. */
export async function runCli(
	arguments_: readonly string[],
	env: Readonly<Record<string, string>> = {},
): Promise<Readonly<{code: number | null; stdout: string; stderr: string}>> {
	const cli = startCli(arguments_, env);
	const code = await cli.exited;
	return {code, stdout: cli.stdoutLines().join('\n'), stderr: cli.stderrText()};
}

/** `kraken-tape serve` on a free port; resolves once it listens, with its base URL. */
export async function startServe(
	extra: readonly string[] = [],
): Promise<CliProcess & {url: string}> {
	const cli = startCli(['serve', '--port', '0', ...extra]);
	const match = await cli.waitForStderr(/v1 at (ws:\/\/[\d.:]+)\//);
	return {...cli, url: match[1] ?? ''};
}
