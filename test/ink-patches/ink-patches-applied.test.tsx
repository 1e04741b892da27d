// The tests run Ink as the bundle has it (vitest.config.ts applies scripts/ink-patches.js). Each
// test below fails on stock Ink: with the plugin left out, or with Ink left to Node.
import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {Box, renderToString, Text} from 'ink';
import {render} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest';
import {BoundedCache} from '../../source/ink-patches/bounded-cache.js';
import {isNarrowText, narrowTextWidth} from '../../source/ansi/narrow-text.js';
import InkOutput from '../../source/ink-patches/ink-output.js';
import measureText from '../../source/ink-patches/ink-measure-text.js';

// Ours, each wrapped in a spy that still does the work, wherever it is imported: in Ink too.
vi.mock(import('../../source/ink-patches/ink-measure-text.js'), async (importOriginal) => {
	const original = await importOriginal();
	return {default: vi.fn(original.default)};
});
vi.mock(import('../../source/ansi/narrow-text.js'), async (importOriginal) => {
	const original = await importOriginal();
	return {
		...original,
		isNarrowText: vi.fn(original.isNarrowText),
		narrowTextWidth: vi.fn(original.narrowTextWidth),
	};
});

const inkBuild = path.dirname(createRequire(import.meta.url).resolve('ink'));
const inkOriginal = async <Module,>(file: string) =>
	(await import(pathToFileURL(path.join(inkBuild, file)).href)) as Module;

const escape = '\u001B';
/** Dim, bold off, then dim again: Ink's Output drops the second dim, ours writes it as it is. */
const boldOffDimOn = `${escape}[2m${escape}[1mf${escape}[22m${escape}[22m${escape}[3m${escape}[2mm${escape}[22m${escape}[23m`;

beforeEach(() => {
	vi.clearAllMocks();
});

afterEach(() => {
	vi.restoreAllMocks();
});

describe('Ink in the tests is patched as in the bundle', () => {
	test('frames are drawn by our Output, which keeps the dim that Ink drops', () => {
		const get = vi.spyOn(InkOutput.prototype, 'get');
		expect(renderToString(<Text>{boldOffDimOn}</Text>)).toBe(boldOffDimOn);
		expect(get).toHaveBeenCalled();
	});

	test('ink-testing-library renders through the same patched Ink', () => {
		const get = vi.spyOn(InkOutput.prototype, 'get');
		const {lastFrame, unmount} = render(<Text>{boldOffDimOn}</Text>);
		expect(lastFrame()).toBe(boldOffDimOn);
		expect(get).toHaveBeenCalled();
		unmount();
	});

	test('text is measured by our measure-text', () => {
		expect(renderToString(<Text>▲ up</Text>)).toBe('▲ up');
		expect(measureText).toHaveBeenCalledWith('▲ up');
	});

	test('wrapped text is kept in a bounded cache', () => {
		const set = vi.spyOn(BoundedCache.prototype, 'set');
		expect(
			renderToString(
				<Box width={8}>
					<Text>wrapped into lines</Text>
				</Box>,
			),
		).toBe('wrapped\ninto\nlines');
		// wrap-text's key: the text, the width and the kind of wrap.
		expect(set).toHaveBeenCalledWith('wrapped into lines8wrap', 'wrapped \ninto \nlines');
	});

	test('narrow text passes sanitize-ansi by the shortcut', () => {
		const green = `${escape}[32mgreen ▲${escape}[39m`;
		expect(renderToString(<Text>{green}</Text>)).toBe(green);
		expect(isNarrowText).toHaveBeenCalledWith(green);
	});

	test('a text node is measured for layout by counting, not by widest-line', () => {
		expect(renderToString(<Text>▇▇▇ │ ─</Text>)).toBe('▇▇▇ │ ─');
		expect(narrowTextWidth).toHaveBeenCalledWith('▇▇▇ │ ─');
	});

	test("a test that loads Ink's modules by path gets Ink's own, to compare ours with", async () => {
		const {default: Output} = await inkOriginal<{default: unknown}>('output.js');
		const {default: inkMeasureText} = await inkOriginal<{default: unknown}>('measure-text.js');
		expect(Output).not.toBe(InkOutput);
		expect(inkMeasureText).not.toBe(measureText);

		const {default: sanitizeAnsi} = await inkOriginal<{default: (text: string) => string}>(
			'sanitize-ansi.js',
		);
		const {default: wrapText} = await inkOriginal<{
			default: (text: string, maxWidth: number, wrapType: string) => string;
		}>('wrap-text.js');
		const set = vi.spyOn(BoundedCache.prototype, 'set');
		expect(sanitizeAnsi(`${escape}[32mgreen${escape}[39m`)).toBe(`${escape}[32mgreen${escape}[39m`);
		expect(wrapText('wrapped into lines', 8, 'wrap')).toBe('wrapped \ninto \nlines');
		expect(isNarrowText).not.toHaveBeenCalled();
		expect(set).not.toHaveBeenCalled();
	});
});
