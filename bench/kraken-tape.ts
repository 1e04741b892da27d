import {fileURLToPath} from 'node:url';

/** The built command, as npm start runs it. */
export const binPath = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
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
