import {render} from 'ink';
import {App} from './app.js';
import {exitCodes, untilSignal} from './exit-codes.js';
import {bindStore, createCommands, type Feed} from './feed.js';
import {DisplayContext} from './hooks/use-display.js';
import {AlertWatcher} from './model/alerts.js';
import {asciiGlyphs, unicodeGlyphs} from './model/glyphs.js';
import {TapeStore} from './model/tape-store.js';
import type {WatchOptions} from './options.js';
import {createFrameWriter} from './terminal/frame-writer.js';
import {onRestoreTerminal, restoreTerminal} from './terminal-restore.js';

const enterAlternateScreen = '\u001B[?1049h\u001B[H';
const leaveAlternateScreen = '\u001B[?1049l';
const showCursor = '\u001B[?25h';
const bell = '\u0007';
/**
 * Frames reach the terminal at most this often. The store publishes every 100 ms; the rest of the
 * room is for keys, so a burst of key presses still shows within 50 ms.
 */
const maxFramesPerSecond = 20;

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
	// Ink 6 rewrites the whole frame every time; in debug mode it hands each whole frame to its
	// stdout instead, and the frame writer sends the terminal only what changed (a scrolled tape
	// becomes one inserted line): about 20x fewer bytes (npm run bench).
	const frames = createFrameWriter({output: process.stdout, maxFramesPerSecond});
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
		{stdout: frames.stream, debug: true, exitOnCtrlC: false, patchConsole: false},
	);
	const code = await Promise.race([
		instance.waitUntilExit().then(() => exitCodes.ok),
		untilSignal(),
		alertExit,
	]);
	instance.unmount();
	frames.flush();
	frames.dispose();
	instance.cleanup();
	process.off('exit', restoreTerminal);
	restoreTerminal();
	await feed.close();
	return code;
}
