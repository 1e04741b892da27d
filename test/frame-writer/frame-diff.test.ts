import {describe, expect, test} from 'vitest';
import {diffFrame} from '../../source/frame-writer/frame-diff.js';
import {createHeadlessScreen, fullRedraw} from '../helpers/headless-screen.js';
import {
	createRandom,
	evolveFrame,
	randomLine,
	renderLine,
	type RandomLine,
} from '../helpers/random-frames.js';

const escape = '\u001B';

/**
 * Applies each frame's diff to one terminal and a full redraw to another, and compares every
 * cell after each frame; returns the bytes the diffs took.
 */
async function checkSequence(
	frames: ReadonlyArray<readonly string[]>,
	columns: number,
	rows: number,
): Promise<number> {
	const diffed = createHeadlessScreen(columns, rows);
	const redrawn = createHeadlessScreen(columns, rows);
	let bytes = 0;
	try {
		let previous: readonly string[] | undefined;
		for (const [index, frame] of frames.entries()) {
			const diff = diffFrame(previous, frame);
			bytes += diff.length;
			await diffed.write(diff);
			await redrawn.write(fullRedraw(frame));
			expect(diffed.cells(), `frame ${index}`).toEqual(redrawn.cells());
			previous = frame;
		}
	} finally {
		diffed.dispose();
		redrawn.dispose();
	}

	return bytes;
}

/** A trade-tape-like row: time dimmed, side coloured and bold, price, volume. */
function tapeRow(index: number): string {
	const isBuy = index % 3 !== 0;
	const side = isBuy
		? `${escape}[32m${escape}[1m B${escape}[22m${escape}[39m`
		: `${escape}[31m${escape}[1m S${escape}[22m${escape}[39m`;
	const price = (64_000 + ((index * 37) % 500) / 10).toFixed(1).padStart(12);
	const volume = (((index * 13) % 997) / 1000).toFixed(8).padStart(14);
	const time = `14:${String(index % 60).padStart(2, '0')}:${String((index * 7) % 60).padStart(2, '0')}.${String(index % 1000).padStart(3, '0')}`;
	return `${escape}[2m${time}${escape}[22m${side}${price}${volume}${' '.repeat(20)}${escape}[2m limit ${escape}[22m`;
}

/** A 40-row screen: header, stats, a tape of `tapeRows` rows with `newest` on top, footer. */
function tapeFrame(newest: number, counter: number): string[] {
	const tapeRows = 34;
	return [
		`${escape}[7m XBT/USD ${escape}[27m  ETH/USD   SOL/USD`,
		`last 64012.3  high 64100.0  low 63900.5  trades/min ${counter}`,
		'',
		...Array.from({length: tapeRows}, (_, row) => tapeRow(newest - row)),
		`${escape}[2mq quit  p pause  tab next pair${escape}[22m`,
		`${escape}[42m${escape}[30m online ${escape}[39m${escape}[49m ws.kraken.com  ${counter} msg/s`,
	];
}

describe('frame-diff', () => {
	test('an identical frame costs nothing', () => {
		const frame = tapeFrame(100, 5);
		expect(diffFrame(frame, [...frame])).toBe('');
	});

	test('with no previous frame the screen is cleared and drawn', async () => {
		const frame = tapeFrame(100, 5);
		const diff = diffFrame(undefined, frame);
		expect(diff.startsWith(`${escape}[m${escape}[H${escape}[2J`)).toBe(true);
		await checkSequence([frame], 120, 40);
	});

	test('a tape scrolled by one row is moved by the terminal, and only the new row is written', async () => {
		const before = tapeFrame(100, 5);
		const after = tapeFrame(101, 5);
		const diff = diffFrame(before, after);
		// Region 4..37 (the tape), one line inserted at its top, then the new row.
		expect(diff).toContain(`${escape}[4;37r${escape}[4H${escape}[L${escape}[r`);
		const newRow = tapeRow(101);
		// The new row, its cursor move, and the scroll commands (about 20 bytes).
		expect(diff.length).toBeLessThan(newRow.length + 40);
		expect(diff.length * 10).toBeLessThan(after.join('\n').length);
		await checkSequence([before, after], 120, 40);
	});

	test('a tape scrolled back (rows moving up) deletes lines at the top of the region', async () => {
		const before = tapeFrame(101, 5);
		const after = tapeFrame(100, 5).map((line, row) =>
			row >= 3 && row < 37 ? (tapeFrame(101, 5)[row + 1] ?? line) : line,
		);
		after[36] = tapeRow(60);
		const diff = diffFrame(before, after);
		expect(diff).toContain(`${escape}[M`);
		expect(diff.length).toBeLessThan(tapeRow(60).length + 40);
		await checkSequence([before, after], 120, 40);
	});

	test('a scroll and a ticking counter together', async () => {
		const frames = [
			tapeFrame(100, 5),
			tapeFrame(101, 6),
			tapeFrame(103, 7),
			tapeFrame(103, 8),
			tapeFrame(98, 9),
		];
		await checkSequence(frames, 120, 40);
	});

	test('one changed character in a long line writes a short span', async () => {
		const before = [`${escape}[32m${'x'.repeat(60)}${escape}[39m counter 41 ${'y'.repeat(40)}`];
		const after = [`${escape}[32m${'x'.repeat(60)}${escape}[39m counter 42 ${'y'.repeat(40)}`];
		const diff = diffFrame(before, after);
		expect(diff).toBe(`${escape}[1;71H2`);
		await checkSequence([before, after], 120, 3);
	});

	test('between two changed stretches the cursor hops where that is fewer bytes than writing the cells again', async () => {
		const before = ['ab1cdefgh2'];
		const after = ['ab3cdefgh4'];
		// The six unchanged cells between the two digits cost six bytes written, four hopped over.
		expect(diffFrame(before, after)).toBe(`${escape}[1;3H3${escape}[6C4`);
		// One unchanged cell is one byte written, three hopped over.
		expect(diffFrame(['ab1x2'], ['ab3x4'])).toBe(`${escape}[1;3H3x4`);
		await checkSequence([before, after], 40, 3);
	});

	test('the style runs on from one row to the next, and the frame ends in the default style', async () => {
		const before = [
			`${escape}[2m12:00:01.100${escape}[22m`,
			`${escape}[2m12:00:00.900${escape}[22m`,
		];
		const after = [
			`${escape}[2m12:00:01.300${escape}[22m`,
			`${escape}[2m12:00:01.100${escape}[22m`,
		];
		// Dim is set once for both rows, and reset once at the end.
		expect(diffFrame(before, after)).toBe(
			`${escape}[1;10H${escape}[2m3${escape}[2;8H1.1${escape}[m`,
		);
		await checkSequence([before, after], 40, 3);
	});

	test('a changed character inside a style is written in that style', async () => {
		const before = [`plain ${escape}[1;31mbold red 41${escape}[0m tail`];
		const after = [`plain ${escape}[1;31mbold red 42${escape}[0m tail`];
		expect(diffFrame(before, after)).toBe(`${escape}[1;17H${escape}[1;31m2${escape}[m`);
		await checkSequence([before, after], 40, 3);
	});

	test('a shorter line is erased to its end with the style reset first', async () => {
		const before = [`${escape}[44mblue background all along${escape}[49m`];
		const after = [`${escape}[44mblue${escape}[49m`];
		expect(diffFrame(before, after)).toBe(`${escape}[1;5H${escape}[K`);
		await checkSequence([before, after, [`${escape}[44mblue back${escape}[49m`]], 40, 3);
	});

	test('lines past the end of a shorter frame are erased, and a longer frame draws its new lines', async () => {
		const long = ['one', 'two', `${escape}[41mthree${escape}[49m`, 'four'];
		const short = ['one', 'two'];
		expect(diffFrame(long, short)).toBe(`${escape}[3H${escape}[K${escape}[4H${escape}[K`);
		await checkSequence([long, short, long], 20, 6);
	});

	test('wide characters are never cut in half', async () => {
		const frames = [
			['中文中文 abc'],
			['a中文中文 abc'],
			['中x中文 abc'],
			['中文中 abc'],
			['ab中文'],
		];
		await checkSequence(frames, 20, 3);
	});

	test('a style left open by one line carries into the next', async () => {
		const frames = [
			[`${escape}[31mred starts here`, 'and goes on', `${escape}[0mplain`],
			[`${escape}[32mgreen starts here`, 'and goes on', `${escape}[0mplain`],
			[`${escape}[32mgreen starts here`, 'and goes on!', `${escape}[0mplain`],
		];
		await checkSequence(frames, 30, 4);
	});

	test('a hyperlink is opened again for a partial write inside it', () => {
		const link = (text: string) =>
			`${escape}]8;;https://kraken.com${escape}\\${text}${escape}]8;;${escape}\\`;
		const diff = diffFrame([`see ${link('kraken 1')}`], [`see ${link('kraken 2')}`]);
		expect(diff).toBe(
			`${escape}[1;12H${escape}]8;;https://kraken.com${escape}\\2${escape}]8;;${escape}\\`,
		);
	});

	test('cells past the given width are cut', () => {
		expect(diffFrame(undefined, ['abcdef中'], {columns: 6})).toContain(`${escape}[1Habcdef`);
		expect(diffFrame(undefined, ['abcde中'], {columns: 6})).not.toContain('中');
	});

	test('random frame sequences look the same diffed as redrawn whole', async () => {
		let diffBytes = 0;
		let fullBytes = 0;
		for (let seed = 1; seed <= 40; seed++) {
			const random = createRandom(seed);
			const columns = random.integer(12, 90);
			const rows = random.integer(4, 40);
			let frame: RandomLine[] = Array.from({length: random.integer(1, rows - 1)}, () =>
				randomLine(random, columns),
			);
			const frames: string[][] = [];
			for (let step = 0; step < 30; step++) {
				frames.push(frame.map((line) => renderLine(line)));
				frame = evolveFrame(random, frame, columns, rows - 1);
			}

			diffBytes += await checkSequence(frames, columns, rows);
			fullBytes += frames.reduce((sum, lines) => sum + fullRedraw(lines).length, 0);
		}

		// Not the point of this test, but a diff that wrote more than full frames would be a bug.
		expect(diffBytes).toBeLessThan(fullBytes);
	});
});
