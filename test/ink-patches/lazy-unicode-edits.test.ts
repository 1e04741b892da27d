// The edits that make Ink's Unicode helpers build their Segmenters and string-width's emoji regex
// on first use (scripts/lazy-unicode-edits.js). vitest.config.ts applies them, so the modules
// imported here are the edited ones, as in the bundle.
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, test} from 'vitest';
import {editLazyUnicode, lazyUnicodeEdits} from '../../scripts/lazy-unicode-edits.js';

const installed = (file: string) =>
	fileURLToPath(new URL(`../../node_modules/${file}`, import.meta.url));
/** Each edited module as npm installed it; wrap-ansi keeps a string-width of its own. */
const editedFiles = [
	'string-width/index.js',
	'wrap-ansi/node_modules/string-width/index.js',
	'slice-ansi/tokenize-ansi.js',
	'@alcalzone/ansi-tokenize/build/tokenize.js',
].map((file) => installed(file));

const RealSegmenter = Intl.Segmenter;
const setSegmenter = (value: typeof Intl.Segmenter) => {
	Object.defineProperty(Intl, 'Segmenter', {value, writable: true, configurable: true});
};

afterEach(() => {
	setSegmenter(RealSegmenter);
});

describe('the lazy Unicode edits', () => {
	test('fit every module they are for, and each edit fits one at least', () => {
		const applied = new Set<unknown>();
		for (const file of editedFiles) {
			const {source, applied: edits} = editLazyUnicode(file, readFileSync(file, 'utf8'));
			expect(edits.length, file).toBeGreaterThan(0);
			for (const edit of edits) {
				expect(source).not.toContain(edit.declaration);
				applied.add(edit);
			}

			expect(source).not.toMatch(/(?:const|let|var) \w+ = new Intl\.Segmenter\(/);
		}

		expect(applied.size).toBe(lazyUnicodeEdits.length);
	});

	test('refuse a module without the declaration, or one that uses the name otherwise', () => {
		const file = editedFiles[0]!;
		const source = readFileSync(file, 'utf8');
		expect(() =>
			editLazyUnicode(
				file,
				source
					.replace('const segmenter = new Intl.Segmenter();', '')
					.replace('const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', ''),
			),
		).toThrow(/scripts\/lazy-unicode-edits\.js/);
		expect(() =>
			editLazyUnicode(file, `${source}\nexport const locale = segmenter.resolvedOptions();`),
		).toThrow(/only through \.segment\(\)/);
	});

	test('the edited modules make no Segmenter when imported, one when first used, same answers', async () => {
		let made = 0;
		setSegmenter(
			class extends RealSegmenter {
				constructor(...arguments_: ConstructorParameters<typeof RealSegmenter>) {
					super(...arguments_);
					made++;
				}
			},
		);
		const {default: stringWidth} = await import('string-width');
		const {default: wrapAnsi} = await import('wrap-ansi');
		const {default: sliceAnsi} = await import('slice-ansi');
		const {tokenize} = await import('@alcalzone/ansi-tokenize');
		expect(made).toBe(0);

		expect(stringWidth('abc')).toBe(3);
		expect(made).toBe(0);
		expect(stringWidth('古a')).toBe(3);
		expect(stringWidth('👍')).toBe(2);
		expect(stringWidth('👨‍👩‍👧')).toBe(2);
		expect(stringWidth('e\u0301')).toBe(1);
		expect(made).toBe(1);
		expect(wrapAnsi('古古古', 4, {hard: true})).toBe('古古\n古');
		expect(sliceAnsi('古古古', 2, 4)).toBe('古');
		expect(tokenize('👍a').map((token) => token.type === 'char' && token.fullWidth)).toEqual([
			true,
			false,
		]);
		expect(made).toBe(4);
	});
});
