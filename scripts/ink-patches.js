// The changes kraken-tape makes to Ink, defined once. scripts/build.js applies them to the bundle
// (inkPatchesForEsbuild) and vitest.config.ts to every test (inkPatchesForVite), so the tests run
// the Ink that ships. Why each exists, and what would let it go: source/ink-patches/README.md.
//
// Only Ink's own imports are patched (an import made by a module in ink/build): a test that loads
// Ink's output.js, measure-text.js or sanitize-ansi.js by its path gets Ink's original, to hold
// ours to its answers. Both plugins stop the run if a patch no longer fits Ink's code, before
// anything is built or tested: an edit whose text is not in its module exactly once, or a patched
// module that no Ink module imports any more.
import {readdirSync, readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const inkBuild = path.dirname(createRequire(import.meta.url).resolve('ink'));
const patchesFolder = fileURLToPath(new URL('../source/ink-patches/', import.meta.url));
const ourModule = (name) => path.join(patchesFolder, `${name}.ts`);
const narrowText = JSON.stringify(
	fileURLToPath(new URL('../source/ansi/narrow-text.ts', import.meta.url)),
);

/** Ink modules replaced whole: Ink's file in ink/build, and the module that takes its place. */
export const inkReplacements = [
	// One object per screen cell every frame: most of a frame's cost, and of a burst's garbage.
	{file: 'output.js', module: ourModule('ink-output')},
	// A cache of every text ever measured, never emptied.
	{file: 'measure-text.js', module: ourModule('ink-measure-text')},
];

/** Ink modules edited: each `before` must occur exactly once in Ink's file. */
export const inkEdits = [
	{
		// A cache of every text ever wrapped or truncated, never emptied.
		file: 'wrap-text.js',
		imports: `import {BoundedCache} from ${JSON.stringify(ourModule('bounded-cache'))};`,
		edits: [
			{before: 'const cache = {};', after: 'const cache = new BoundedCache(1000);'},
			{
				before: 'const cachedText = cache[cacheKey];',
				after: 'const cachedText = cache.get(cacheKey);',
			},
			{before: 'cache[cacheKey] = wrappedText;', after: 'cache.set(cacheKey, wrappedText);'},
		],
	},
	{
		// Every text with an escape in it tokenized twice a frame, to drop what narrow text lacks.
		file: 'sanitize-ansi.js',
		imports: `import {isNarrowText} from ${narrowText};`,
		edits: [
			{
				before: '    if (!hasAnsiControlCharacters(text)) {',
				after: '    if (isNarrowText(text) || !hasAnsiControlCharacters(text)) {',
			},
		],
	},
	{
		// Every text node measured by string-width every frame, graphemes, emoji tables and all.
		file: 'render-node-to-output.js',
		imports: `import {narrowTextWidth} from ${narrowText};`,
		edits: [
			{
				before: 'const currentWidth = widestLine(text);',
				after: 'const currentWidth = narrowTextWidth(text) ?? widestLine(text);',
			},
		],
	},
];

const patchedFiles = [...inkReplacements, ...inkEdits].map(({file}) => file);
/** A module in ink/build itself, where Ink imports the patched modules from. */
const inkBuildModule = /[/\\]ink[/\\]build[/\\][^/\\]+\.js$/;
/** What an Ink module writes to import a patched module: `./output.js` and so on. */
const patchedSpecifier = new RegExp(
	`^\\./(${patchedFiles.map((file) => file.replaceAll('.', '\\.')).join('|')})$`,
);

/** The patch for `importer` importing `specifier`, if that is Ink importing a patched module. */
function patchFor(specifier, importer) {
	if (
		importer === undefined ||
		!inkBuildModule.test(importer) ||
		!patchedSpecifier.test(specifier)
	) {
		return undefined;
	}

	const file = specifier.slice(2);
	const replacement = inkReplacements.find((patch) => patch.file === file);
	const edit = inkEdits.find((patch) => patch.file === file);
	return replacement
		? {file, module: replacement.module}
		: {file, module: path.join(path.dirname(importer), file), edit};
}

/** Ink's module with the edits applied; throws if an edit's text is not in it exactly once. */
function editedSource({file, imports, edits}, contents) {
	let edited = contents;
	for (const {before, after} of edits) {
		if (edited.split(before).length !== 2) {
			throw new Error(
				`Ink's ${file} no longer has "${before.trim()}" exactly once: revisit scripts/ink-patches.js`,
			);
		}

		edited = edited.replace(before, after);
	}

	return `${imports}\n${edited}`;
}

/** Throws unless every patch still fits the installed Ink. */
export function checkInkPatches() {
	const inkSources = readdirSync(inkBuild)
		.filter((file) => file.endsWith('.js'))
		.map((file) => readFileSync(path.join(inkBuild, file), 'utf8'));
	for (const file of patchedFiles) {
		const specifier = `'./${file}'`;
		if (!inkSources.some((source) => source.includes(` from ${specifier};`))) {
			throw new Error(`Ink no longer imports ${specifier}: revisit scripts/ink-patches.js`);
		}
	}

	for (const edit of inkEdits) {
		editedSource(edit, readFileSync(path.join(inkBuild, edit.file), 'utf8'));
	}
}

/** The patches for esbuild: the bundle fails if Ink did not import every patched module. */
export function inkPatchesForEsbuild() {
	return {
		name: 'ink-patches',
		setup(build) {
			const applied = new Set();
			build.onStart(() => {
				applied.clear();
				checkInkPatches();
			});
			build.onResolve({filter: patchedSpecifier}, ({path: specifier, importer}) => {
				const patch = patchFor(specifier, importer);
				if (patch === undefined) {
					return undefined;
				}

				applied.add(patch.file);
				return patch.edit
					? {path: patch.module, namespace: 'ink-edited', pluginData: patch.edit}
					: {path: patch.module};
			});
			build.onLoad({filter: /.*/, namespace: 'ink-edited'}, ({path: file, pluginData}) => ({
				contents: editedSource(pluginData, readFileSync(file, 'utf8')),
				loader: 'js',
				resolveDir: path.dirname(file),
			}));
			build.onEnd((result) => {
				const missed = patchedFiles.filter((file) => !applied.has(file));
				if (result.errors.length === 0 && missed.length > 0) {
					throw new Error(
						`Ink's ${missed.join(', ')} was not bundled through Ink: revisit scripts/ink-patches.js`,
					);
				}
			});
		},
	};
}

/** Ends the id of an edited Ink module, so that it is not the module of the same file unedited. */
const editedQuery = '?ink-edited';
/** Any module of Ink's or ink-testing-library's: the packages the tests inline. */
const inlinedModule = /[/\\]ink(-testing-library)?[/\\]build[/\\].+\.js$/;
const sourceMapComment = /^\/\/# sourceMappingURL=.*$/m;

/**
 * The patches for Vite, which runs the tests. Vitest hands node_modules to Node unless told to
 * inline them: Ink must be in test.server.deps.inline for these to reach it.
 *
 * Ink's modules, and ink-testing-library's, are loaded here without their source maps, which point
 * to src/ files the packages do not ship: Vite would warn about each, and a stack trace would name
 * files that are not there rather than the lines that ran.
 */
export function inkPatchesForVite() {
	return {
		name: 'ink-patches',
		enforce: 'pre',
		configResolved() {
			checkInkPatches();
		},
		resolveId(specifier, importer) {
			const patch = patchFor(specifier, importer?.split('?')[0]);
			if (patch === undefined) {
				return undefined;
			}

			return patch.edit ? patch.module + editedQuery : patch.module;
		},
		load(id) {
			const file = id.split('?')[0] ?? id;
			if (!inlinedModule.test(file)) {
				return undefined;
			}

			const code = readFileSync(file, 'utf8').replace(sourceMapComment, '');
			const edit = id.endsWith(editedQuery)
				? inkEdits.find((patch) => patch.file === path.basename(file))
				: undefined;
			return {code: edit ? editedSource(edit, code) : code, map: null};
		},
	};
}
