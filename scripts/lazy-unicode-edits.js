// Four modules the screen loads build Unicode machinery the moment they are imported: an
// Intl.Segmenter each (string-width, the copy of string-width wrap-ansi keeps, slice-ansi's
// tokenizer, @alcalzone/ansi-tokenize), and string-width's RGI emoji regex. The first Segmenter
// loads ICU's break rules (about 9 ms) and the emoji regex compiles every emoji sequence Unicode
// names (13 to 18 ms), about a tenth of the time to the first frame, and the screen's text
// (ASCII, box drawing, blocks, arrows) never reaches either: Ink's measuring and our frame writer
// count such text without them. Each edit puts in the declaration's place an object that makes
// the real one on first use; the module's code is otherwise untouched. scripts/build.js applies
// the edits to the bundle and vitest.config.ts to the tests (with the four modules and their
// importers inlined), so both run the same code. The build and the tests stop if a module no
// longer has the line edited, or uses the edited name other than as the edit allows.
import {readFileSync} from 'node:fs';

/**
 * Each edit: the files it applies to, the declaration it replaces, the name declared, the one
 * method the module calls on it, and what makes the real one.
 */
export const lazyUnicodeEdits = [
	{
		files: /[/\\]string-width[/\\]index\.js$/,
		declaration: 'const segmenter = new Intl.Segmenter();',
		name: 'segmenter',
		method: 'segment',
		make: 'new Intl.Segmenter()',
	},
	{
		files: /[/\\]string-width[/\\]index\.js$/,
		declaration: 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
		name: 'rgiEmojiRegex',
		method: 'test',
		make: '/^\\p{RGI_Emoji}$/v',
	},
	{
		files: /[/\\]slice-ansi[/\\]tokenize-ansi\.js$/,
		declaration:
			"const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});",
		name: 'GRAPHEME_SEGMENTER',
		method: 'segment',
		make: "new Intl.Segmenter(undefined, {granularity: 'grapheme'})",
	},
	{
		files: /[/\\]@alcalzone[/\\]ansi-tokenize[/\\]build[/\\]tokenize\.js$/,
		declaration: 'const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });',
		name: 'segmenter',
		method: 'segment',
		make: 'new Intl.Segmenter(undefined, { granularity: "grapheme" })',
	},
];

const editedFiles = (path) => lazyUnicodeEdits.filter((edit) => edit.files.test(path));
/** Any file some edit applies to: esbuild's filter, so that no other file reaches the plugin. */
const anyEditedFile = new RegExp(lazyUnicodeEdits.map((edit) => edit.files.source).join('|'));

const occurrences = (source, text) => source.split(text).length - 1;

/**
 * `source` (the file at `path`) with its declarations made lazy, and the edits applied. A file
 * must take at least one edit, and what it declares must be used only through its method.
 */
export function editLazyUnicode(path, source) {
	let edited = source;
	const applied = [];
	for (const edit of editedFiles(path)) {
		if (!edited.includes(edit.declaration)) {
			continue;
		}

		const made = `${edit.name}Made`;
		const members = [...edited.matchAll(new RegExp(`\\b${edit.name}\\.(\\w+)`, 'g'))];
		if (
			occurrences(edited, edit.declaration) !== 1 ||
			edited.includes(made) ||
			members.length === 0 ||
			members.some(([, member]) => member !== edit.method)
		) {
			throw new Error(
				`${path} no longer fits the edit of ${edit.name} (declared once, used only through .${edit.method}(), nothing named ${made}): revisit scripts/lazy-unicode-edits.js`,
			);
		}

		edited = edited.replace(
			edit.declaration,
			`let ${made}; const ${edit.name} = {${edit.method}: (text) => (${made} ??= ${edit.make}).${edit.method}(text)};`,
		);
		applied.push(edit);
	}

	if (applied.length === 0) {
		throw new Error(
			`${path} no longer has a declaration scripts/lazy-unicode-edits.js makes lazy: revisit it`,
		);
	}

	return {source: edited, applied};
}

/** Stops when an edit was applied to no file: the module it was for changed or went. */
function checkEveryEditApplied(applied) {
	for (const edit of lazyUnicodeEdits) {
		if (!applied.has(edit)) {
			throw new Error(
				`no bundled file had "${edit.declaration}": revisit scripts/lazy-unicode-edits.js`,
			);
		}
	}
}

/** The edits for esbuild: the build fails if one of them found no file. */
export function lazyUnicodeEditsForEsbuild() {
	return {
		name: 'lazy-unicode-edits',
		setup(build) {
			const applied = new Set();
			build.onStart(() => {
				applied.clear();
			});
			build.onLoad({filter: anyEditedFile}, ({path}) => {
				const result = editLazyUnicode(path, readFileSync(path, 'utf8'));
				for (const edit of result.applied) {
					applied.add(edit);
				}

				return {contents: result.source, loader: 'js'};
			});
			build.onEnd((result) => {
				if (result.errors.length === 0) {
					checkEveryEditApplied(applied);
				}
			});
		},
	};
}

/** The edits for Vite, which runs the tests: the modules must be in test.server.deps.inline. */
export function lazyUnicodeEditsForVite() {
	return {
		name: 'lazy-unicode-edits',
		enforce: 'pre',
		transform(code, id) {
			const path = id.split('?')[0] ?? id;
			return anyEditedFile.test(path)
				? {code: editLazyUnicode(path, code).source, map: null}
				: undefined;
		},
	};
}
