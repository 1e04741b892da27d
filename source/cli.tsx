import process from 'node:process';
import {exitWhenWritten} from './cli/exit.js';
import {exitCodes} from './exit-codes.js';
import {openFeed} from './feed.js';
import {keepThisHeapCollected} from './heap-keeper.js';
import {InputError} from './input-error.js';
import {parseOptions} from './options.js';
import {startTapeSession} from './tape-session.js';
import {restoreTerminal} from './terminal-restore.js';

/** Runs what the command line asks for; resolves with the exit code, or throws. */
async function run(argv: readonly string[]): Promise<number> {
	const options = parseOptions(argv, {
		isTerminal: process.stdout.isTTY === true,
		environment: process.env,
	});
	if (options.command === 'help' || options.command === 'version') {
		process.stdout.write(`${options.text}\n`);
		return exitCodes.ok;
	}

	// Each mode loads only what it needs: --json never loads Ink and React (start-up time).
	if (options.command === 'serve') {
		const {runServe} = await import('./serve.js');
		return runServe(options, process.stderr);
	}

	if (options.command === 'config') {
		const {runConfig} = await import('./config/config-command.js');
		return runConfig(options, process.stdout, process.env);
	}

	const feed = await openFeed(options);
	// A session of days keeps its heap near its live size (heap-keeper.ts).
	keepThisHeapCollected();
	if (options.isJson) {
		const {runJsonMode} = await import('./json-mode.js');
		return runJsonMode(options, feed, {stdout: process.stdout, stderr: process.stderr});
	}

	// The connection starts before Ink loads, so the two overlap.
	const session = startTapeSession(options, feed);
	const {runTape} = await import('./tape-mode.js');
	return runTape(options, feed, session);
}

/**
 * Says an error the program did not expect in one line, not a stack trace, after the terminal
 * is restored so the line stays on the shell's screen.
 */
function internalError(error: unknown): number {
	restoreTerminal();
	const message = error instanceof Error ? error.message : String(error);
	process.stderr.write(`kraken-tape: internal error: ${message}\n`);
	return exitCodes.failure;
}

/**
 * The command's entry: every outcome is an exit code. Bad input, wherever it was found, is
 * thrown as an InputError and said here in one line with exit code 2.
 */
async function main(argv: readonly string[]): Promise<number> {
	try {
		return await run(argv);
	} catch (error) {
		if (error instanceof InputError) {
			restoreTerminal();
			process.stderr.write(`kraken-tape: ${error.message}\n`);
			return exitCodes.badInput;
		}

		return internalError(error);
	}
}

// A fault far from main (a timer, a socket's event) ends the same way. Once on the way out,
// a further fault has nothing to add.
let hasFailed = false;
process.on('uncaughtException', (error) => {
	if (!hasFailed) {
		hasFailed = true;
		void exitWhenWritten(internalError(error));
	}
});

await exitWhenWritten(await main(process.argv.slice(2)));
