import {readFileSync} from 'node:fs';
import {createHeadlessTerminal, screenLines, spawnNodeInPty} from '../harness/pseudo-terminal.js';

/** A program running in a real pseudo-terminal, with what it wrote counted and readable. */
export type PtyProgram = Readonly<{
	pid: number;
	/** Bytes and frames (synchronized-output blocks) written so far. */
	counters(): Counters;
	/** The screen as a terminal shows it, after everything written so far. */
	screen(): Promise<string[]>;
	/** Resolves with the time (performance.now) of the first output after which `check` holds. */
	whenScreen(check: (lines: string[]) => boolean, timeoutMs?: number): Promise<number>;
	write(keys: string): void;
	signal(name: NodeJS.Signals): void;
	/** Everything written so far, where started with `record`. */
	recorded(): string;
	exited: Promise<number>;
	stop(): Promise<void>;
}>;

export type Counters = Readonly<{bytes: number; frames: number}>;

const frameStart = '\u001B[?2026h';

export function spawnInPty(
	arguments_: readonly string[],
	options: Readonly<{
		columns: number;
		rows: number;
		env?: Record<string, string>;
		/** Keeps everything written, for reading frame by frame afterwards. */
		record?: boolean;
	}>,
): PtyProgram {
	// The programs compared run as a user's shell would start them.
	const terminal = createHeadlessTerminal(options);
	const child = spawnNodeInPty(arguments_, options, options.env);
	let bytes = 0;
	let frames = 0;
	const written: string[] = [];
	// Parsing waits until someone reads the screen, so the harness spends no CPU beside the
	// program measured unless it has to. Each chunk keeps the time it arrived, and while someone
	// waits for the screen, chunks are parsed one at a time and each is checked: output that came
	// while the harness was still parsing earlier output is timed from its arrival, not from the
	// end of that parse.
	let unparsed: Array<{data: string; arrivedAt: number}> = [];
	/** Each says whether its wait is over, given the screen after a chunk that arrived then. */
	const watchers = new Set<(lines: string[], arrivedAt: number) => boolean>();
	const lines = () => screenLines(terminal);
	const feed = async (data: string) =>
		new Promise<void>((resolve) => {
			terminal.write(data, resolve);
		});
	let draining: Promise<void> | undefined;
	const drain = async () => {
		while (unparsed.length > 0) {
			if (watchers.size === 0) {
				const chunk = unparsed.map((each) => each.data).join('');
				unparsed = [];
				await feed(chunk);
				continue;
			}

			const next = unparsed.shift()!;
			await feed(next.data);
			const screen = lines();
			for (const watcher of watchers) {
				if (watcher(screen, next.arrivedAt)) {
					watchers.delete(watcher);
				}
			}
		}
	};

	/** Everything that arrived so far, parsed, one drain at a time. */
	const parse = async () => {
		draining ??= drain().finally(() => {
			draining = undefined;
		});
		await draining;
	};

	child.onData((data) => {
		const arrivedAt = performance.now();
		bytes += Buffer.byteLength(data);
		frames += data.split(frameStart).length - 1;
		unparsed.push({data, arrivedAt});
		if (options.record) {
			written.push(data);
		}

		if (watchers.size > 0) {
			void parse();
		}
	});
	const exited = new Promise<number>((resolve) => {
		child.onExit(({exitCode}) => resolve(exitCode));
	});

	return {
		pid: child.pid,
		counters: () => ({bytes, frames}),
		async screen() {
			await parse();
			return lines();
		},
		async whenScreen(check, timeoutMs = 30_000) {
			const calledAt = performance.now();
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => {
					watchers.delete(watcher);
					reject(new Error(`screen condition not met in ${timeoutMs} ms:\n${lines().join('\n')}`));
				}, timeoutMs);
				const watcher = (screen: string[], arrivedAt: number) => {
					if (!check(screen)) {
						return false;
					}

					clearTimeout(timer);
					// Output that came before the call counts from the call.
					resolve(Math.max(arrivedAt, calledAt));
					return true;
				};

				// With nothing left to parse the screen is up to date: it may hold already.
				if (unparsed.length === 0 && draining === undefined && watcher(lines(), calledAt)) {
					return;
				}

				watchers.add(watcher);
				void parse();
			});
		},
		write: (keys) => child.write(keys),
		recorded: () => written.join(''),
		signal: (name) => child.kill(name),
		exited,
		async stop() {
			child.kill('SIGTERM');
			await exited;
			terminal.dispose();
		},
	};
}

/** CPU time (user + system) a process has used, in milliseconds, from /proc. */
export function cpuMilliseconds(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after the command name, which may hold spaces, so split after its closing bracket.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const ticksPerSecond = 100;
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** Resident memory of a process now, in megabytes, from /proc. */
export function residentMegabytes(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kilobytes = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
	return Number(kilobytes) / 1024;
}
