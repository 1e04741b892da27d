import process from 'node:process';
import meow from 'meow';
import {exitCodes} from './exit-codes.js';
import {openFeed, StartupError} from './feed.js';
import {parseOptions, type RawFlags} from './options.js';
import {startTapeSession} from './tape-session.js';
import {restoreTerminal} from './terminal-restore.js';

const flags = {
	api: {type: 'string'},
	url: {type: 'string'},
	demo: {type: 'boolean', default: false},
	json: {type: 'boolean', default: false},
	alert: {type: 'string', isMultiple: true, default: [] as string[]},
	exitOnAlert: {type: 'boolean', default: false},
	history: {type: 'string'},
	record: {type: 'string'},
	big: {type: 'string'},
	ascii: {type: 'boolean', default: false},
	// Read by the colour library itself (supports-color looks for --no-color in argv).
	color: {type: 'boolean', default: true},
	port: {type: 'string'},
	host: {type: 'string'},
	replay: {type: 'string'},
	speed: {type: 'string'},
	help: {type: 'boolean', shortFlag: 'h', default: false},
	version: {type: 'boolean', shortFlag: 'v', default: false},
} as const;

const cli = meow(
	`
	Usage
	  $ kraken-tape [pairs...]        live trade tape (JSON lines when stdout is not a terminal)
	  $ kraken-tape serve             run the simulated Kraken exchange

	Options
	  --api v1|v2         Kraken WebSocket API version (default v2, or as --url's path says)
	  --url URL           feed URL (default wss://ws.kraken.com/v2, v1: wss://ws.kraken.com/)
	  --demo              use the built-in simulated exchange (offline; data is SIMULATED)
	  --json              write one JSON object per line to stdout
	  --alert RULE        alert when a trade crosses a level, e.g. 'XBT/USD>=100000' (repeatable)
	  --exit-on-alert     exit 0 after the first alert fires
	  --history N         trades kept per pair (default 1000)
	  --record FILE       append every received frame to FILE as NDJSON
	  --big N             highlight trades worth at least N in the quote currency
	                      (default: ten times the pair's average trade)
	  --ascii             draw with ASCII only
	  --no-color          no colours (also NO_COLOR=1); FORCE_COLOR=1 forces them

	Options for serve
	  --port N            port to listen on (default 8787)
	  --host HOST         address to listen on (default 127.0.0.1)
	  --replay FILE       replay a --record file instead of simulating
	  --speed X           replay speed multiplier (default 1)

	Pairs are BASE/QUOTE in any case; XBT and BTC, XDG and DOGE are the same asset.
	Default pairs: XBT/USD XRP/USD.

	Examples
	  $ kraken-tape --demo
	  $ kraken-tape --json XBT/USD ETH/USD | head
	  $ kraken-tape --json --alert 'XBT/USD>=100000' --exit-on-alert
`,
	{
		importMeta: import.meta,
		allowUnknownFlags: true,
		// meow helps only when --help is the one argument; `serve --help` must not start a server.
		autoHelp: false,
		autoVersion: false,
		flags,
	},
);

// meow's own unknown-flag message takes two lines; this says it in one.
const knownFlags = new Set([...Object.keys(flags), 'exit-on-alert', 'h', 'v']);

/** Whether a command-line argument is the flag meow named `flag` (kebab or camel case). */
function isSpelling(argument: string, flag: string): boolean {
	const name = argument.replace(/^--?(no-)?/, '').split('=')[0] ?? '';
	return (
		argument.startsWith('-') &&
		(name === flag ||
			name.replaceAll(/-(\w)/g, (_, letter: string) => letter.toUpperCase()) === flag)
	);
}

function fail(message: string, code: number): never {
	process.stderr.write(`kraken-tape: ${message}\n`);
	process.exit(code);
}

async function main(): Promise<number> {
	const unknown = Object.keys(cli.unnormalizedFlags).filter((flag) => !knownFlags.has(flag));
	if (unknown.length > 0) {
		// Named as typed: meow also lists --bogus-flag as bogusFlag.
		const typed = process.argv
			.slice(2)
			.find((argument) => unknown.some((flag) => isSpelling(argument, flag)));
		fail(
			`unknown flag ${typed?.split('=')[0] ?? `--${unknown[0]}`} (see kraken-tape --help)`,
			exitCodes.badInput,
		);
	}

	if (cli.flags.help || cli.flags.version) {
		process.stdout.write(`${cli.flags.help ? cli.help.trim() : cli.pkg.version}\n`);
		return exitCodes.ok;
	}

	const result = parseOptions(
		cli.input,
		cli.flags as RawFlags,
		process.stdout.isTTY === true,
		process.env,
	);
	if (!result.ok) {
		fail(result.message, exitCodes.badInput);
	}

	const {options} = result;
	// Each mode loads only what it needs: --json never loads Ink and React (start-up time).
	if (options.command === 'serve') {
		const {runServe} = await import('./serve.js');
		return runServe(options, process.stderr);
	}

	let feed;
	try {
		feed = await openFeed(options);
	} catch (error) {
		if (error instanceof StartupError) {
			fail(error.message, exitCodes.badInput);
		}

		throw error;
	}

	if (options.isJson) {
		const {runJsonMode} = await import('./json-mode.js');
		return runJsonMode(options, feed, {stdout: process.stdout, stderr: process.stderr});
	}

	// The connection starts before Ink loads, so the two overlap.
	const session = startTapeSession(options, feed);
	const {runTape} = await import('./tape-mode.js');
	return runTape(options, feed, session);
}

// A bug or an unexpected fault anywhere still ends with one line, not a stack trace, written
// after the terminal is restored so it stays on the shell's screen.
process.on('uncaughtException', (error) => {
	restoreTerminal();
	fail(`internal error: ${error.message}`, exitCodes.failure);
});

try {
	process.exitCode = await main();
	// Anything still pending (a socket mid-close) must not hold the exit.
	process.exit();
} catch (error) {
	restoreTerminal();
	fail(
		`internal error: ${error instanceof Error ? error.message : String(error)}`,
		exitCodes.failure,
	);
}
