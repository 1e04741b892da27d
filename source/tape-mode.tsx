import chalk from 'chalk';
import {render} from 'ink';
import {App} from './app.js';
import {exitCodes, untilSignal} from './exit-codes.js';
import {createCommands} from './commands.js';
import type {Feed} from './feed.js';
import {DisplayContext} from './hooks/use-display.js';
import {describeAlert} from './model/describe.js';
import {asciiGlyphs, unicodeGlyphs} from './model/glyphs.js';
import {resolveTheme} from './model/theme.js';
import type {AlertEvent} from './model/types.js';
import type {Versioned} from './model/versioned.js';
import type {WatchOptions} from './options.js';
import type {TapeSession} from './tape-session.js';
import {createFrameWriter, type FrameWriter} from './frame-writer/frame-writer.js';
import {restoreTerminal} from './terminal-restore.js';

/**
 * Frames reach the terminal at most this often: the store publishes at most every 100 ms, and the
 * rest of the room is for keys. The frame that answers a key skips the cap (writeAtOnce), and so
 * do the frames with a tape's first trades.
 */
export const maxFramesPerSecond = 20;

/**
 * A tape's first trades draw at once (use-store-version.ts), and they are written at once too:
 * coming just after the first frame, as they do at start-up, the cap would hold them up to 50 ms
 * behind an empty tape. Returns the function that stops it.
 */
export function writeFirstTradesAtOnce(
	store: Versioned,
	frames: Pick<FrameWriter, 'writeAtOnce'>,
): () => void {
	return store.subscribe((isFirstTrades) => {
		if (isFirstTrades) {
			frames.writeAtOnce();
		}
	});
}

/**
 * Draws the trade tape on the screen the session set up, until q, Ctrl-C or a signal; resolves
 * with the exit code, with the terminal restored.
 */
export async function runTape(
	options: WatchOptions,
	feed: Feed,
	{store, alertExit, messages}: TapeSession,
): Promise<number> {
	// Ink 6 rewrites the whole frame every time; in debug mode it hands each whole frame to its
	// stdout instead, and the frame writer sends the terminal only what changed (a scrolled tape
	// becomes one inserted line): about 20x fewer bytes (npm run bench).
	const frames = createFrameWriter({output: process.stdout, maxFramesPerSecond});
	// --no-color turns the colour library off altogether; without colours the screen still
	// needs bold, underline, dim and inverse, which every terminal but a dumb one has.
	if (options.isColourless && chalk.level === 0 && process.env['TERM'] !== 'dumb') {
		chalk.level = 1;
	}

	const unsubscribe = writeFirstTradesAtOnce(store, frames);
	const instance = render(
		<DisplayContext.Provider
			value={{
				glyphs: options.isAscii ? asciiGlyphs : unicodeGlyphs,
				bigNotional: options.bigNotional,
				// Hex colours become what this terminal shows: 24-bit, the nearest of 256, or of 16.
				theme: resolveTheme(options.theme, options.isColourless ? 0 : chalk.level),
				bindings: options.bindings,
			}}
		>
			<App
				store={store}
				commands={createCommands(feed.client, store, options.api)}
				api={options.api}
				host={new URL(feed.url).host}
				onKeysRead={frames.writeAtOnce}
			/>
		</DisplayContext.Provider>,
		{stdout: frames.stream, debug: true, exitOnCtrlC: false, patchConsole: false},
	);
	let alert: AlertEvent | undefined;
	const code = await Promise.race([
		instance.waitUntilExit().then(() => exitCodes.ok),
		untilSignal(),
		alertExit.then((event) => {
			alert = event;
			return exitCodes.ok;
		}),
	]);
	unsubscribe();
	instance.unmount();
	frames.flush();
	frames.dispose();
	instance.cleanup();
	restoreTerminal();
	messages.flush();
	if (alert) {
		// The screen is gone with the alternate screen: what ended it stays on the shell's.
		const decimals = store.tape(alert.rule.pair)?.priceDecimals ?? 2;
		process.stdout.write(
			`kraken-tape: ${describeAlert(alert, decimals, store.feed.isSimulated)}\n`,
		);
	}

	await feed.close();
	return code;
}
