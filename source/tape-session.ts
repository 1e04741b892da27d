import {AlertCommandRunner} from './alert-commands/alert-command-runner.js';
import {shownPath} from './config/config-paths.js';
import type {Feed} from './feed.js';
import {AlertWatcher} from './model/alerts.js';
import {TapeStore} from './model/tape-store.js';
import type {AlertEvent} from './model/types.js';
import {UnreachableWatcher} from './model/unreachable.js';
import type {WatchOptions} from './options.js';
import {createScreenMessages, type ScreenMessages} from './screen-messages.js';
import {bindStore} from './store-binding.js';
import {onRestoreTerminal, restoreTerminal} from './terminal-restore.js';

const bell = '\u0007';
const enterAlternateScreen = '\u001B[?1049h\u001B[H';
const leaveAlternateScreen = '\u001B[?1049l';
const showCursor = '\u001B[?25h';

/** The screen's feed, bound to its store: everything the tape needs except Ink. */
export type TapeSession = Readonly<{
	store: TapeStore;
	/** Resolves with the alert that fired under --exit-on-alert, once its command has ended. */
	alertExit: Promise<AlertEvent>;
	/** Stderr's lines, held while the screen is up. */
	messages: ScreenMessages;
}>;

/**
 * Enters the alternate screen, binds a store to the feed and starts the connection. It runs
 * before the screen's modules (Ink, React, Yoga) are loaded, so the handshake and the first
 * trades arrive while they load and the first frame can already show trades (npm run bench,
 * start-up row).
 */
export function startTapeSession(options: WatchOptions, feed: Feed): TapeSession {
	// The alternate screen keeps the tape out of the scrollback and leaves the shell as it was.
	// Leaving it is registered before anything can fail, and runs on every way out, crashes
	// included (process exit, or restoreTerminal before a fatal error's message).
	// Keys go raw from now, not only once Ink has loaded: Ctrl-C in the first half second is a
	// key press like any other, and nothing typed early is echoed over the screen.
	const {stdin} = process;
	const isRaw = stdin.isTTY === true;
	onRestoreTerminal(() => {
		process.off('exit', restoreTerminal);
		if (isRaw) {
			stdin.setRawMode(false);
		}

		process.stdout.write(`${leaveAlternateScreen}${showCursor}`);
	});
	process.once('exit', restoreTerminal);
	if (isRaw) {
		stdin.setRawMode(true);
	}

	process.stdout.write(enterAlternateScreen);
	const store = new TapeStore(options.pairs, options.history, feed.isDemo, options.interval);
	const messages = createScreenMessages(process.stderr);
	const commands = new AlertCommandRunner({
		logPath: options.alertLog,
		shownLog: shownPath(options.alertLog, process.env),
		timeoutMs: options.alertTimeoutMs,
		environment: process.env,
		onProblem(message) {
			store.setAlertCommandProblem(message);
			messages.say(message);
		},
	});
	let resolveAlertExit: (alert: AlertEvent) => void = () => undefined;
	let hasExitAlert = false;
	const alertExit = new Promise<AlertEvent>((resolve) => {
		resolveAlertExit = resolve;
	});
	const unreachable = feed.isDemo
		? undefined
		: {
				watcher: new UnreachableWatcher(new URL(feed.url).host, process.env),
				// Left on the shell's screen only if a connection never opened.
				onHint: (hint: string) => messages.say(hint, () => store.feed.unreachable !== undefined),
			};
	bindStore(
		feed,
		store,
		new AlertWatcher(options.alerts),
		(alerts) => {
			// A bell takes no room on screen, so it can go straight out between frames.
			process.stdout.write(bell);
			for (const alert of alerts) {
				const ended = commands.run(alert, store.feed.isSimulated);
				// --exit-on-alert ends after the first alert's command, so the command is not cut short.
				if (options.exitOnAlert && !hasExitAlert) {
					hasExitAlert = true;
					void ended.then(() => resolveAlertExit(alert));
				}
			}
		},
		{unreachable, say: (line) => messages.say(line)},
	);
	feed.client.start();
	return {store, alertExit, messages};
}
