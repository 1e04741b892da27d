import {EventEmitter} from 'node:events';
import {stripVTControlCharacters} from 'node:util';
import {render} from 'ink';
import type {ReactElement} from 'react';
import {afterEach, expect, vi} from 'vitest';
import {App} from '../../source/app.js';
import {DisplayContext, type Display} from '../../source/hooks/use-display.js';
import {parsePair} from '../../source/kraken/pair-names.js';
import {asciiGlyphs, unicodeGlyphs} from '../../source/model/glyphs.js';
import {TapeStore, type PairTape} from '../../source/model/tape-store.js';
import {
	candleIntervals,
	type ApiVersion,
	type TapeCommands,
	type Ticker,
	type Trade,
} from '../../source/model/types.js';

/** A local wall-clock time, so formatClock prints the same digits in any time zone. */
export function localTime(hours: number, minutes: number, seconds: number, ms: number): number {
	return new Date(2024, 0, 2, hours, minutes, seconds, ms).getTime();
}

/** A trade well in the past (trades/min stays 0 against the real clock) unless told otherwise. */
export function trade(
	pair: string,
	price: number,
	change: Partial<Omit<Trade, 'pair' | 'price'>> = {},
): Trade {
	return {
		pair,
		price,
		side: 'buy',
		volume: 0.5,
		time: localTime(14, 3, 7, 412),
		orderType: 'limit',
		...change,
	};
}

/** 24-hour figures for `pair`: BTC/USD's from Kraken's documented v2 frame unless told otherwise. */
export function ticker(pair: string, change: Partial<Omit<Ticker, 'pair'>> = {}): Ticker {
	return {
		pair,
		last: 65_843.7,
		bid: 65_843.7,
		bidQty: 12.316_286_29,
		ask: 65_843.8,
		askQty: 0.312_32,
		high: 66_450,
		low: 61_325.4,
		volume: 4182.594_479_76,
		vwap: 64_223.4,
		change: 4213.8,
		changePct: 6.84,
		time: localTime(18, 6, 2, 264),
		...change,
	};
}

/** `count` trades of one pair, oldest first: prices start+1 ... start+count, a second apart. */
export function series(pair: string, count: number, start = 100): Trade[] {
	return Array.from({length: count}, (_, index) =>
		trade(pair, start + index + 1, {
			side: index % 2 === 0 ? 'buy' : 'sell',
			time: localTime(10, 0, 0, 0) + index * 1000,
		}),
	);
}

export function createStore(
	pairs: readonly string[],
	trades: readonly Trade[] = [],
	options: Readonly<{capacity?: number; isSimulated?: boolean}> = {},
): TapeStore {
	const store = new TapeStore(pairs, options.capacity ?? 1000, options.isSimulated ?? false);
	if (trades.length > 0) {
		store.addTrades(trades);
	}

	return store;
}

/**
 * The store most screen tests start from: BTC/USD with `btcTrades` trades at 101, 102 ..., ETH/USD
 * with three at 3001 ... 3003, and the rest of `pairs` with none yet.
 */
export function seriesStore(
	pairs: readonly string[] = ['BTC/USD', 'ETH/USD', 'SOL/USD'],
	btcTrades = 60,
): TapeStore {
	return createStore(pairs, [...series('BTC/USD', btcTrades), ...series('ETH/USD', 3, 3000)]);
}

export type CommandCall = Readonly<
	| {name: 'addPair'; pair: string}
	| {name: 'removePair'; pair: string}
	| {name: 'clearPair'; pair: string}
	| {name: 'dismissAlerts'}
	| {name: 'reconnect'}
	| {name: 'stepCandleInterval'; step: 1 | -1}
>;

/** TapeCommands over a real store with the real pair parser, keeping every call made. */
export type RecordingCommands = TapeCommands & {readonly calls: CommandCall[]};

export function recordingCommands(store: TapeStore, api: ApiVersion = 'v2'): RecordingCommands {
	const calls: CommandCall[] = [];
	return {
		calls,
		parsePair: (text) => parsePair(text, api),
		addPair(pair) {
			calls.push({name: 'addPair', pair});
			store.addPair(pair);
		},
		removePair(pair) {
			calls.push({name: 'removePair', pair});
			store.removePair(pair);
		},
		clearPair(pair) {
			calls.push({name: 'clearPair', pair});
			store.clearPair(pair);
		},
		dismissAlerts() {
			calls.push({name: 'dismissAlerts'});
			store.dismissAlerts();
		},
		reconnect() {
			calls.push({name: 'reconnect'});
		},
		stepCandleInterval(step) {
			calls.push({name: 'stepCandleInterval', step});
			const index = candleIntervals.indexOf(store.candleInterval);
			const next =
				candleIntervals[(index + step + candleIntervals.length) % candleIntervals.length];
			store.setCandleInterval(next ?? 1);
		},
	};
}

/**
 * ink-testing-library's stdout, but with a size that can be set and changed: its `columns` is a
 * getter fixed at 100 and it has no `rows`.
 */
class FakeStdout extends EventEmitter {
	columns: number;
	rows: number | undefined;
	readonly frames: string[] = [];
	readonly isTTY = true;

	constructor(columns: number, rows: number | undefined) {
		super();
		this.columns = columns;
		this.rows = rows;
	}

	write = (frame: string) => {
		this.frames.push(frame);
		return true;
	};
}

/**
 * ink-testing-library's stdin: a TTY that hands each write to Ink as one chunk. Not a TTY when
 * asked, for a test of what Ink does without raw mode.
 */
export class FakeStdin extends EventEmitter {
	readonly isTTY: boolean;
	#data: string | null = null;

	constructor(isTTY = true) {
		super();
		this.isTTY = isTTY;
	}

	write(data: string): void {
		this.#data = data;
		this.emit('readable');
		this.emit('data', data);
	}

	read = (): string | null => {
		const data = this.#data;
		this.#data = null;
		return data;
	};

	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

/** Lets React run its scheduled work (passive effects run from setImmediate on Node). */
async function settle(): Promise<void> {
	await new Promise((resolve) => setImmediate(resolve));
	await new Promise((resolve) => setTimeout(resolve, 0));
}

export type Screen = Readonly<{
	/**
	 * The newest frame without colour or trailing blanks: Ink trims trailing blanks itself when
	 * there is no colour, but not inside colour codes, so this reads the same with FORCE_COLOR.
	 */
	frame(): string;
	/** The newest frame exactly as Ink wrote it. */
	rawFrame(): string;
	/** Every frame written so far. */
	frames: readonly string[];
	/**
	 * Sends one key once the screen has settled. The key handler is replaced in a passive effect
	 * after each frame is drawn, so a key sent in the same tick as a frame would reach the old
	 * handler (see the stale-handler test in app-keys-pairs); yielding first avoids that.
	 */
	press(key: string): Promise<void>;
	/** Sends keys back to back in one tick, as keys arriving faster than the screen redraws. */
	pressAtOnce(...keys: string[]): void;
	/** Polls until `check` passes on the newest frame; returns that frame. */
	waitFor(check: (frame: string) => void): Promise<string>;
	resize(columns: number, rows: number): void;
	/** Settles when Ink unmounts (q, Ctrl-C), created at render so no exit is missed. */
	exited: Promise<unknown>;
	hasExited(): boolean;
	unmount(): void;
}>;

/**
 * Renders like ink-testing-library (debug mode: every frame written whole), but through Ink's own
 * `render`, so a test can wait for exit and size the terminal.
 */
export function renderScreen(
	tree: ReactElement,
	size: Readonly<{columns?: number; rows?: number; isStdinTerminal?: boolean}> = {},
): Screen {
	const stdout = new FakeStdout(size.columns ?? 100, size.rows);
	const stdin = new FakeStdin(size.isStdinTerminal ?? true);
	const instance = render(tree, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: new FakeStdout(100, undefined) as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	// Ink resolves only a promise that exists when it unmounts: ask for it before any key.
	let hasExited = false;
	const exited = instance.waitUntilExit().finally(() => {
		hasExited = true;
	});
	const frame = () => lines(stripVTControlCharacters(stdout.frames.at(-1) ?? '')).join('\n');
	return {
		frame,
		rawFrame: () => stdout.frames.at(-1) ?? '',
		frames: stdout.frames,
		async press(key) {
			await settle();
			stdin.write(key);
		},
		pressAtOnce(...keys) {
			for (const key of keys) {
				stdin.write(key);
			}
		},
		async waitFor(check) {
			return vi.waitFor(
				() => {
					const current = frame();
					check(current);
					return current;
				},
				{timeout: 5000, interval: 5},
			);
		},
		resize(columns, rows) {
			stdout.columns = columns;
			stdout.rows = rows;
			stdout.emit('resize');
		},
		exited,
		hasExited: () => hasExited,
		unmount() {
			instance.unmount();
			instance.cleanup();
		},
	};
}

/** Draws a component once at a terminal width and returns its frame as `Screen.frame` does. */
export function renderFrame(tree: ReactElement, columns = 100, display?: Display): string {
	const screen = renderScreen(
		display ? <DisplayContext.Provider value={display}>{tree}</DisplayContext.Provider> : tree,
		{columns},
	);
	const frame = screen.frame();
	screen.unmount();
	return frame;
}

export const asciiDisplay: Display = {glyphs: asciiGlyphs};

/** A pair's tape from a store, failing the test when the pair is not there. */
export function tapeOf(store: TapeStore, pair: string): PairTape {
	const tape = store.tape(pair);
	if (!tape) {
		throw new Error(`${pair} is not in the store`);
	}

	return tape;
}

export type AppOptions = Readonly<{
	store: TapeStore;
	commands?: TapeCommands;
	columns?: number;
	rows?: number;
	display?: Display;
	api?: string;
	host?: string;
	staleAfterMs?: number;
	/** Whether stdin is a terminal keys can come from; true by default. */
	isStdinTerminal?: boolean;
}>;

/**
 * `renderApp` for a test file: each screen it shows is unmounted after its test, so a failed test
 * leaves no app running into the next.
 */
export function appShownPerTest(): (options: AppOptions) => Screen {
	let shown: Screen | undefined;
	afterEach(() => {
		shown?.unmount();
		shown = undefined;
	});
	return (options) => {
		shown?.unmount();
		shown = renderApp(options);
		return shown;
	};
}

/** The whole screen at a given terminal size, redrawing every 5 ms. */
export function renderApp(options: AppOptions): Screen {
	const commands = options.commands ?? recordingCommands(options.store);
	return renderScreen(
		<DisplayContext.Provider value={options.display ?? {glyphs: unicodeGlyphs}}>
			<App
				store={options.store}
				commands={commands}
				api={options.api ?? 'v2'}
				host={options.host ?? 'ws.kraken.com'}
				tickMs={5}
				staleAfterMs={options.staleAfterMs}
			/>
		</DisplayContext.Provider>,
		{
			columns: options.columns ?? 80,
			rows: options.rows ?? 24,
			isStdinTerminal: options.isStdinTerminal,
		},
	);
}

/** A frame's lines with trailing spaces removed, for comparing whole frames. */
export function lines(frame: string): string[] {
	return frame.split('\n').map((line) => line.trimEnd());
}

/** The trade rows of a frame (lines starting with a clock), trimmed at both ends. */
export function tradeRows(frame: string): string[] {
	return frame
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => /^\d\d:\d\d:\d\d\.\d{3} /.test(line));
}

/** The price of each trade row, as numbers, reading across then down (grid cards too). */
export function shownPrices(frame: string): number[] {
	return [...frame.matchAll(/\d\d:\d\d:\d\d\.\d{3} [BS] +([\d,.]+)/g)].map((match) =>
		Number((match[1] ?? '').replaceAll(',', '')),
	);
}

/** Fails when a frame contains C0/C1 control characters other than newline and tab. */
export function expectNoControlCharacters(frame: string): void {
	// eslint-disable-next-line no-control-regex
	expect(frame).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
}
