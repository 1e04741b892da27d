import {render} from 'ink';
import {App} from './app.js';
import {exitCodes, untilSignal} from './exit-codes.js';
import {bindStore, type Feed} from './feed.js';
import {TapeStore} from './model/tape-store.js';
import type {WatchOptions} from './options.js';

const enterAlternateScreen = '\u001B[?1049h\u001B[H';
const leaveAlternateScreen = '\u001B[?1049l';

/** Runs the trade tape on the terminal until q, Ctrl-C or a signal; resolves with the exit code. */
export async function runTape(options: WatchOptions, feed: Feed): Promise<number> {
	const store = new TapeStore(options.pairs, options.history, feed.isDemo);
	bindStore(feed.client, store);
	feed.client.start();
	// The alternate screen keeps the tape out of the scrollback and leaves the shell as it was;
	// leaving it on process exit covers every way out, crashes included.
	const restoreTerminal = () => process.stdout.write(`${leaveAlternateScreen}\u001B[?25h`);
	process.once('exit', restoreTerminal);
	process.stdout.write(enterAlternateScreen);
	const instance = render(<App store={store} api={options.api} host={new URL(feed.url).host} />, {
		exitOnCtrlC: false,
		patchConsole: false,
	});
	const code = await Promise.race([
		instance.waitUntilExit().then(() => exitCodes.ok),
		untilSignal(),
	]);
	instance.unmount();
	instance.cleanup();
	process.off('exit', restoreTerminal);
	restoreTerminal();
	await feed.close();
	return code;
}
