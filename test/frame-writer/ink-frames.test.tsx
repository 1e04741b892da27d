import {EventEmitter} from 'node:events';
import {Box, render, Text} from 'ink';
import {describe, expect, test, vi} from 'vitest';
import {scanEndStyle} from '../../source/ansi/style-tracker.js';
import {defaultStyle} from '../../source/ansi/text-style.js';
import {diffFrame} from '../../source/frame-writer/frame-diff.js';
import {createFrameWriter} from '../../source/frame-writer/frame-writer.js';
import {useTerminalSize} from '../../source/hooks/use-terminal-size.js';
import {createHeadlessScreen, fullRedraw, type HeadlessScreen} from '../helpers/headless-screen.js';
import {
	appShownPerTest,
	createStore,
	FakeStdin,
	localTime,
	series,
	trade,
} from '../helpers/screen.js';

// Colour on in this file only (each test file runs in its own process): the frames should carry
// the SGR codes a real terminal gets.
vi.hoisted(() => {
	process.env.FORCE_COLOR = '1';
});

/** A terminal's stdout that feeds a headless xterm, in order. */
class TerminalOutput extends EventEmitter {
	readonly screen: HeadlessScreen;
	readonly writes: string[] = [];
	#written = Promise.resolve();

	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
		this.screen = createHeadlessScreen(columns, rows);
	}

	write(data: string) {
		this.writes.push(data);
		this.#written = this.#written.then(async () => this.screen.write(data));
		return true;
	}

	async settled(): Promise<void> {
		await this.#written;
	}
}

function Sized({label}: {readonly label: string}) {
	const {columns, rows} = useTerminalSize();
	return (
		<Box flexDirection="column" width={columns} height={rows - 1}>
			<Text color="green">{`${label} ${columns}x${rows}`}</Text>
			<Text backgroundColor="blue">{'='.repeat(columns)}</Text>
		</Box>
	);
}

const show = appShownPerTest();

describe('frame-writer with Ink', () => {
	test('Ink in debug mode draws through the writer, follows resizes, and writes nothing else', async () => {
		const output = new TerminalOutput(30, 6);
		const writer = createFrameWriter({output, maxFramesPerSecond: 20});
		const instance = render(<Sized label="first" />, {
			stdout: writer.stream,
			stdin: new FakeStdin(false) as unknown as NodeJS.ReadStream,
			debug: true,
			exitOnCtrlC: false,
			patchConsole: false,
		});
		writer.flush();
		await output.settled();
		expect(output.screen.text().slice(0, 2)).toEqual(['first 30x6', '='.repeat(30)]);

		instance.rerender(<Sized label="second" />);
		writer.flush();
		await output.settled();
		expect(output.screen.text()[0]).toBe('second 30x6');

		const writesBeforeResize = output.writes.length;
		output.columns = 20;
		output.rows = 5;
		output.emit('resize');
		// Ink's frame at the app's old size, rendered inside the emit, is held, not drawn.
		expect(output.writes).toHaveLength(writesBeforeResize);
		await vi.waitFor(async () => {
			await output.settled();
			expect(output.screen.text().slice(0, 2)).toEqual(['second 20x5', '='.repeat(20)]);
		});
		instance.unmount();
		instance.cleanup();
		writer.flush();
		writer.dispose();
		// Only frames: no show-cursor (Ink's cli-cursor writes one on unmount if isTTY).
		expect(output.writes.join('')).not.toContain('\u001B[?25h');
		for (const data of output.writes) {
			expect(data.startsWith('\u001B[?2026h')).toBe(true);
			expect(data.endsWith('\u001B[?2026l')).toBe(true);
		}

		output.screen.dispose();
	});

	test('the app at 120x40: a new trade costs a small part of a full frame', async () => {
		const store = createStore(['BTC/USD', 'ETH/USD'], series('BTC/USD', 60));
		const appScreen = show({store, columns: 120, rows: 40});
		const before = await appScreen.waitFor((frame) => expect(frame).toContain('10:00:59.000'));
		const beforeRaw = appScreen.rawFrame();
		store.addTrades([trade('BTC/USD', 161, {side: 'buy', time: localTime(10, 1, 0, 0)})]);
		await appScreen.waitFor((frame) => expect(frame).not.toBe(before));
		const afterRaw = appScreen.rawFrame();
		const previous = beforeRaw.split('\n');
		const next = afterRaw.split('\n');
		// Ink's lines open and close their styles: no line leaves one open for the next.
		expect(next.map((line) => scanEndStyle(line, defaultStyle))).toEqual(
			next.map(() => defaultStyle),
		);

		const diff = diffFrame(previous, next);
		expect(diff.length * 10).toBeLessThan(afterRaw.length);

		const diffed = createHeadlessScreen(120, 40);
		const redrawn = createHeadlessScreen(120, 40);
		await diffed.write(diffFrame(undefined, previous));
		await diffed.write(diff);
		await redrawn.write(fullRedraw(next));
		expect(diffed.cells()).toEqual(redrawn.cells());
		diffed.dispose();
		redrawn.dispose();
	});
});
