import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {describe, expect, test} from 'vitest';
import InkOutput from '../../source/ink-patches/ink-output.js';
import {createHeadlessScreen, fullRedraw} from '../helpers/headless-screen.js';
import {
	createRandom,
	lineWidth,
	randomLine,
	renderLine,
	styles,
	type Random,
} from '../helpers/random-frames.js';

// Ink's own Output, which the bundle replaces: the reference. Ink does not export it, so it is
// loaded from its file, next to Ink's entry point.
const inkOutputPath = pathToFileURL(
	path.join(path.dirname(createRequire(import.meta.url).resolve('ink')), 'output.js'),
);
const {default: Output} = (await import(inkOutputPath.href)) as {default: typeof InkOutput};

const escape = '\u001B';
type Transformer = (line: string, index: number) => string;
type Clip = {x1?: number; x2?: number; y1?: number; y2?: number};
type Step =
	| {kind: 'write'; x: number; y: number; text: string; transformers: Transformer[]}
	| {kind: 'clip'; clip: Clip}
	| {kind: 'unclip'};

function produce(Kind: typeof InkOutput, width: number, height: number, steps: readonly Step[]) {
	const output = new Kind({width, height});
	for (const step of steps) {
		if (step.kind === 'write') {
			output.write(step.x, step.y, step.text, {transformers: step.transformers});
		} else if (step.kind === 'clip') {
			output.clip({x1: undefined, x2: undefined, y1: undefined, y2: undefined, ...step.clip});
		} else {
			output.unclip();
		}
	}

	return output.get();
}

/** Both outputs drawn on a real terminal emulator, compared cell by cell. */
async function expectSameScreen(width: number, height: number, steps: readonly Step[]) {
	const ours = produce(InkOutput, width, height, steps);
	const inks = produce(Output, width, height, steps);
	expect(ours.height).toBe(inks.height);
	const columns = width + 10;
	const oursOnScreen = createHeadlessScreen(columns, height);
	const inksOnScreen = createHeadlessScreen(columns, height);
	try {
		await oursOnScreen.write(fullRedraw(ours.output.split('\n')));
		await inksOnScreen.write(fullRedraw(inks.output.split('\n')));
		expect(oursOnScreen.cells()).toEqual(inksOnScreen.cells());
	} finally {
		oursOnScreen.dispose();
		inksOnScreen.dispose();
	}

	return {ours: ours.output, inks: inks.output};
}

const write = (x: number, y: number, text: string, transformers: Transformer[] = []): Step => ({
	kind: 'write',
	x,
	y,
	text,
	transformers,
});
const red = (text: string) => `${escape}[31m${text}${escape}[39m`;
const dim = (text: string) => `${escape}[2m${text}${escape}[22m`;

describe('InkOutput draws what Ink draws', () => {
	test('pieces side by side on a row: a trade row of several texts', async () => {
		const {ours} = await expectSameScreen(60, 3, [
			write(0, 0, dim('14:03:07.123')),
			write(12, 0, ' '),
			write(13, 0, red('S')),
			write(16, 0, '64,012.5'),
			write(30, 0, '0.01200000'),
			write(0, 2, 'footer'),
		]);
		expect(ours.split('\n')).toEqual([
			`${dim('14:03:07.123')} ${red('S')}  64,012.5      0.01200000`,
			'',
			'footer',
		]);
	});

	test('a later write over an earlier one wins, cell by cell', async () => {
		const {ours} = await expectSameScreen(30, 2, [
			write(0, 0, 'abcdefghij'),
			write(3, 0, red('XY')),
			write(0, 1, '中文中文'),
			write(1, 1, 'z'),
		]);
		expect(ours.split('\n')[0]).toContain('abc');
	});

	test('a style left open does not colour the gap before the next piece', async () => {
		await expectSameScreen(30, 1, [write(0, 0, `${escape}[44mopen`), write(10, 0, 'after')]);
	});

	test('rows clipped by a box that hides overflow, and columns clipped', async () => {
		const tall = Array.from({length: 8}, (_, index) => `row ${index}`).join('\n');
		await expectSameScreen(20, 8, [
			{kind: 'clip', clip: {y1: 2, y2: 5}},
			write(0, 0, tall),
			{kind: 'unclip'},
			{kind: 'clip', clip: {x1: 2, x2: 6, y1: 6, y2: 8}},
			write(0, 6, `${red('abcdefgh')}\n中文中文中`),
			{kind: 'unclip'},
		]);
	});

	test('transformers apply to each line before it is placed', async () => {
		const upper: Transformer = (line, index) => `${index}:${line.toUpperCase()}`;
		await expectSameScreen(20, 3, [write(2, 0, 'ab\ncd', [upper, red])]);
	});

	test('lines beyond the last row, and writes starting left of the screen, are dropped as in Ink', async () => {
		await expectSameScreen(10, 2, [write(-2, 0, 'abcdef'), write(0, 1, 'x\ny\nz')]);
	});

	test('text that turns bold off and keeps dim on stays dim, as written (Ink drops the dim)', async () => {
		const line = `${escape}[2m${escape}[1mf${escape}[22m${escape}[22m${escape}[3m${escape}[2mm${escape}[22m${escape}[23m`;
		const ours = produce(InkOutput, 10, 1, [write(0, 0, line)]);
		const asWritten = createHeadlessScreen(10, 1);
		const asJoined = createHeadlessScreen(10, 1);
		try {
			await asWritten.write(fullRedraw([line]));
			await asJoined.write(fullRedraw([ours.output]));
			expect(asJoined.cells()).toEqual(asWritten.cells());
			expect(asJoined.cells()[0]).toContain('m/1/0:-1/0:-1/di');
		} finally {
			asWritten.dispose();
			asJoined.dispose();
		}
	});

	test('lines a column clip leaves whole, as a box that hides its overflow draws every frame', async () => {
		const random = createRandom(7);
		for (let frame = 0; frame < 100; frame++) {
			const width = random.integer(5, 40);
			const height = random.integer(1, 8);
			const steps = laidOutSteps(random, width, height);
			await expectSameScreen(width, height, [
				{kind: 'clip', clip: {x1: 0, x2: width, y1: 0, y2: height}},
				...steps,
				{kind: 'unclip'},
			]);
		}
	});

	test('200 random frames of overlapping, clipped, styled and wide text', async () => {
		const random = createRandom(2026);
		for (let frame = 0; frame < 200; frame++) {
			const width = random.integer(5, 40);
			const height = random.integer(1, 8);
			await expectSameScreen(width, height, randomSteps(random, width, height));
		}
	});
});

// Ink's tokenizer loses dim where bold and dim were both on and only dim follows (one SGR 22
// ends both, and it opens neither again): the test below shows that case. The random frames
// leave dim out, so that they compare everything else with Ink.
const stylesWithoutDim = styles.filter((style) => style.open !== '2');

function randomSteps(random: Random, width: number, height: number): Step[] {
	return random.chance(0.5)
		? laidOutSteps(random, width, height)
		: piledSteps(random, width, height);
}

/** Pieces side by side with gaps, as a laid-out frame places them: the rows joined as strings. */
function laidOutSteps(random: Random, width: number, height: number): Step[] {
	const steps: Step[] = [];
	for (let y = 0; y < height; y++) {
		let x = random.integer(0, 3);
		while (x < width) {
			const line = randomLine(random, random.integer(1, 10), stylesWithoutDim);
			steps.push(write(x, y, renderLine(line)));
			x += lineWidth(line) + random.integer(0, 3);
		}
	}

	return steps;
}

/** Writes anywhere, on top of each other, some clipped. */
function piledSteps(random: Random, width: number, height: number): Step[] {
	const steps: Step[] = [];
	let depth = 0;
	for (let count = random.integer(1, 12); count > 0; count--) {
		if (random.chance(0.15)) {
			const x1 = random.integer(0, width);
			const y1 = random.integer(0, height);
			steps.push({
				kind: 'clip',
				clip: random.chance(0.5)
					? {y1, y2: random.integer(y1, height + 1)}
					: {x1, x2: random.integer(x1, width + 1), y1, y2: random.integer(y1, height + 1)},
			});
			depth++;
		} else if (depth > 0 && random.chance(0.15)) {
			steps.push({kind: 'unclip'});
			depth--;
		} else {
			const lines = Array.from({length: random.integer(1, 3)}, () =>
				renderLine(randomLine(random, Math.max(1, Math.floor(width / 2)), stylesWithoutDim)),
			);
			// Mostly side by side, as a laid-out frame is; sometimes on top of each other.
			steps.push(
				write(
					random.integer(-1, width),
					random.integer(-1, height),
					lines.join('\n'),
					random.chance(0.2) ? [red] : [],
				),
			);
		}
	}

	return steps;
}
