import type {Feed} from './feed.js';
import {AlertWatcher} from './model/alerts.js';
import {TapeStore} from './model/tape-store.js';
import type {AlertEvent} from './model/types.js';
import type {WatchOptions} from './options.js';
import {bindStore} from './store-binding.js';
import {onRestoreTerminal, restoreTerminal} from './terminal-restore.js';

const bell = '\u0007';
const enterAlternateScreen = '\u001B[?1049h\u001B[H';
const leaveAlternateScreen = '\u001B[?1049l';
const showCursor = '\u001B[?25h';

/** The screen's feed, bound to its store: everything the tape needs except Ink. */
export type TapeSession = Readonly<{
	store: TapeStore;
	/** Resolves with the alert that fired under --exit-on-alert. */
	alertExit: Promise<AlertEvent>;
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
	let resolveAlertExit: (alert: AlertEvent) => void = () => undefined;
	const alertExit = new Promise<AlertEvent>((resolve) => {
		resolveAlertExit = resolve;
	});
	bindStore(feed, store, new AlertWatcher(options.alerts), (alerts) => {
		// A bell takes no room on screen, so it can go straight out between frames.
		process.stdout.write(bell);
		if (options.exitOnAlert && alerts[0]) {
			resolveAlertExit(alerts[0]);
		}
	});
	feed.client.start();
	return {store, alertExit};
}
