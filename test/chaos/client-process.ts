import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {createInterface} from 'node:readline';
import type {ApiVersion, Channel} from '../../source/model/types.js';
import type {ListedPair} from '../../source/simulator/pair-catalog.js';
import {binPath} from '../helpers/built-command.js';
import {ClientLog} from './client-log.js';
import {ClientOutput} from './client-output.js';

export type ClientProcess = Readonly<{
	child: ChildProcess;
	output: ClientOutput;
	log: ClientLog;
	/** Resolves once the process has exited and both its streams are read to the end. */
	finished: Promise<unknown>;
	/** How it ended, once it has: `code 1`, `signal SIGTERM`. */
	ended(): string | undefined;
}>;

let helpText: string | undefined;

/** Whether the built command takes a flag, from its `--help`. */
export function builtCommandHas(flag: string): boolean {
	helpText ??= spawnSync(process.execPath, [binPath, '--help'], {encoding: 'utf8'}).stdout;
	return helpText.includes(flag);
}

export type ClientSettings = Readonly<{
	api: ApiVersion;
	pairs: readonly ListedPair[];
	/** The feed, `ws://host:port/v2` (or `/` for v1). */
	url: string;
	/** REST's base, when the built command takes `--rest-url`. */
	restUrl?: string;
	channels: readonly Channel[];
}>;

/** The built command, in --json mode; its output read as it comes. */
export function startClient(settings: ClientSettings): ClientProcess {
	const {api, pairs, restUrl} = settings;
	const child = spawn(
		process.execPath,
		[
			binPath,
			// The run's own settings, whatever a config file on this machine says.
			'--no-config',
			'--json',
			'--api',
			api,
			'--url',
			settings.url,
			...(restUrl === undefined ? [] : ['--rest-url', restUrl]),
			'--channels',
			settings.channels.join(','),
			...pairs.map((pair) => (api === 'v1' ? pair.v1Name : pair.symbol)),
		],
		{stdio: ['ignore', 'pipe', 'pipe']},
	);
	const output = new ClientOutput(pairs);
	const log = new ClientLog();
	/** How the client ended, once it has: `code 1`, `signal SIGKILL`. */
	let ended: string | undefined;
	child.once('exit', (code, signal) => {
		ended = code === null ? `signal ${signal}` : `code ${code}`;
	});
	const stdout = createInterface({input: child.stdout!});
	const stderr = createInterface({input: child.stderr!});
	stdout.on('line', (line) => output.read(line));
	stderr.on('line', (line) => log.read(line));
	const finished = Promise.all([
		new Promise((resolve) => stdout.once('close', resolve)),
		new Promise((resolve) => stderr.once('close', resolve)),
		new Promise((resolve) => child.once('exit', resolve)),
	]);
	return {child, output, log, finished, ended: () => ended};
}

/** Ends the client with SIGTERM (a user's Ctrl-C), then SIGKILL if it will not go. */
export async function stopClient(child: ChildProcess, finished: Promise<unknown>): Promise<void> {
	if (child.exitCode === null && child.signalCode === null) {
		child.kill('SIGTERM');
	}

	const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
	await finished;
	clearTimeout(timer);
}
