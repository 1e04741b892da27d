import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import type {PtyProgram} from './pty.js';

const binPath = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/**
 * Node's arguments for kraken-tape as `npm start` runs it: the flags in package.json's start
 * script, then the built command. Read from the script, so the benchmark cannot drift from it.
 */
export const krakenTape: readonly string[] = (() => {
	const packageJson = JSON.parse(
		readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
	) as {scripts: {start: string}};
	const [node, ...rest] = packageJson.scripts.start.split(' ');
	if (node !== 'node' || rest.at(-1) !== 'dist/bin.js') {
		throw new Error(`npm start is not "node [flags] dist/bin.js": ${packageJson.scripts.start}`);
	}

	// Without the user's config file: a theme or keys of their own would change what is measured.
	return [...rest.slice(0, -1), binPath, '--no-config'];
})();
export const probePath = fileURLToPath(new URL('probe/loop-delay.js', import.meta.url));
export const baselinePath = (file: string) =>
	fileURLToPath(new URL(`baselines/${file}`, import.meta.url));

/** A trade-tape row on screen: local time with milliseconds, then B or S. */
export const tradeRow = /^\d{2}:\d{2}:\d{2}\.\d{3} [BS] /;
export const hasTradeRows = (lines: readonly string[]) => lines.some((line) => tradeRow.test(line));

/** The focused pair's trades/min figure in the stats strip, or undefined when not on screen. */
export function tradesPerMinuteOn(lines: readonly string[]): number | undefined {
	for (const line of lines) {
		const match = /trades\/min (\d+)/.exec(line);
		if (match) {
			return Number(match[1]);
		}
	}

	return undefined;
}

/**
 * Trades missing from the screen: each pair focused in turn (keys 1, 2, ...), its trades/min
 * must reach `expected` within five seconds. Every trade is stamped when sent, so the figure is
 * the pair's whole count.
 */
export async function missingTrades(
	program: PtyProgram,
	pairs: readonly string[],
	expected: number,
): Promise<number> {
	let missing = 0;
	for (const [index] of pairs.entries()) {
		program.write(String(index + 1));
		let shown: number | undefined;
		try {
			await program.whenScreen((lines) => {
				shown = tradesPerMinuteOn(lines);
				return shown === expected;
			}, 5000);
		} catch {
			missing += expected - (shown ?? 0);
		}
	}

	return missing;
}
