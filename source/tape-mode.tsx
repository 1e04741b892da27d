import {render} from 'ink';
import {App} from './app.js';
import {exitCodes, untilSignal} from './exit-codes.js';
import {bindStore, createCommands, type Feed} from './feed.js';
import {DisplayContext} from './hooks/use-display.js';
import {AlertWatcher} from './model/alerts.js';
import {asciiGlyphs, unicodeGlyphs} from './model/glyphs.js';
import {TapeStore} from './model/tape-store.js';
import type {WatchOptions} from './options.js';
import {onRestoreTerminal, restoreTerminal} from './terminal-restore.js';

const enterAlternateScreen = '\u001B[?1049h\u001B[H';
const leaveAlternateScreen = '\u001B[?1049l';
const showCursor = '\u001B[?25h';
const bell = '\u0007';

/** Runs the trade tape on the terminal until q, Ctrl-C or a signal; resolves with the exit code. */
export async function runTape(options: WatchOptions, feed: Feed): Promise<number> {
	const store = new TapeStore(options.pairs, options.history, feed.isDemo);
	let resolveAlertExit: (code: number) => void = () => undefined;
	const alertExit = new Promise<number>((resolve) => {
		resolveAlertExit = resolve;
	});
	bindStore(feed.client, store, new AlertWatcher(options.alerts), () => {
		// A bell takes no room on screen, so it can go straight out between Ink's frames.
		process.stdout.write(bell);
		if (options.exitOnAlert) {
			resolveAlertExit(exitCodes.ok);
		}
	});
	feed.client.start();
	// The alternate screen keeps the tape out of the scrollback and leaves the shell as it was;
	// leaving it on process exit covers every way out, crashes included.
	onRestoreTerminal(() => process.stdout.write(`${leaveAlternateScreen}${showCursor}`));
	process.once('exit', restoreTerminal);
	process.stdout.write(enterAlternateScreen);
	const instance = render(
		<DisplayContext.Provider
			value={{
				glyphs: options.isAscii ? asciiGlyphs : unicodeGlyphs,
				bigNotional: options.bigNotional,
			}}
		>
			<App
				store={store}
				commands={createCommands(feed.client, store, options)}
				api={options.api}
				host={new URL(feed.url).host}
			/>
		</DisplayContext.Provider>,
		{exitOnCtrlC: false, patchConsole: false},
	);
	const code = await Promise.race([
		instance.waitUntilExit().then(() => exitCodes.ok),
		untilSignal(),
		alertExit,
	]);
	instance.unmount();
	instance.cleanup();
	process.off('exit', restoreTerminal);
	restoreTerminal();
	await feed.close();
	return code;
}
