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
	// program measured unless it has to.
	let unparsed: string[] = [];
	let parsed: Promise<void> = Promise.resolve();
	const watchers = new Set<() => void>();
	child.onData((data) => {
		bytes += Buffer.byteLength(data);
		frames += data.split(frameStart).length - 1;
		unparsed.push(data);
		if (options.record) {
			written.push(data);
		}

		for (const watcher of watchers) {
			watcher();
		}
	});
	const exited = new Promise<number>((resolve) => {
		child.onExit(({exitCode}) => resolve(exitCode));
	});

	const parse = async () => {
		const chunk = unparsed.join('');
		unparsed = [];
		parsed = parsed.then(
			async () => new Promise<void>((resolve) => terminal.write(chunk, resolve)),
		);
		await parsed;
	};

	const lines = () => screenLines(terminal);

	return {
		pid: child.pid,
		counters: () => ({bytes, frames}),
		async screen() {
			await parse();
			return lines();
		},
		async whenScreen(check, timeoutMs = 30_000) {
			return new Promise((resolve, reject) => {
				let isChecking = false;
				const timer = setTimeout(() => {
					watchers.delete(watcher);
					reject(new Error(`screen condition not met in ${timeoutMs} ms:\n${lines().join('\n')}`));
				}, timeoutMs);
				const watcher = () => {
					if (isChecking) {
						return;
					}

					isChecking = true;
					const arrivedAt = performance.now();
					void parse().then(() => {
						isChecking = false;
						if (check(lines())) {
							clearTimeout(timer);
							watchers.delete(watcher);
							resolve(arrivedAt);
						} else if (unparsed.length > 0) {
							watcher();
						}
					});
				};

				watchers.add(watcher);
				watcher();
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
