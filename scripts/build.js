// Bundles the command into dist/ with esbuild. A minified bundle, split by mode, starts in about
// half the time of tsc's hundreds of files (npm run bench, start-up row): Node loads a few files
// instead of resolving and compiling each module, and React's development build is left out.
import {rmSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

/**
 * Ink imports react-devtools-core only when DEV=true. It is not a dependency, so in its place goes
 * a module that fails the way a missing package does, which Ink answers with its own hint.
 */
const withoutReactDevtools = {
	name: 'without-react-devtools',
	setup(build) {
		build.onResolve({filter: /^react-devtools-core$/}, () => ({
			path: 'stub',
			namespace: 'devtools',
		}));
		build.onLoad({filter: /.*/, namespace: 'devtools'}, () => ({
			contents:
				"throw Object.assign(new Error('react-devtools-core is not installed'), {code: 'ERR_MODULE_NOT_FOUND'});",
		}));
	},
};

/**
 * Ink modules the bundle takes from source/terminal/ instead, each held to Ink's answers by its
 * tests:
 * - Output turns a laid-out frame into lines by way of one object per cell of the screen, every
 *   frame: most of a frame's cost, and under a burst most of the heap's growth (npm run bench);
 *   ink-output.ts joins the same lines from strings.
 * - measure-text keeps every text it measured in a cache that is never emptied; a tape draws new
 *   text every frame. ink-measure-text.ts counts colour-coded ASCII and keeps nothing of it.
 * The build stops if Ink no longer imports them the way this expects.
 */
const inkReplacements = new Map(
	['output', 'measure-text'].map((name) => [
		`./${name}.js`,
		fileURLToPath(new URL(`../source/terminal/ink-${name}.ts`, import.meta.url)),
	]),
);
const inkBuild = /ink[/\\]build[/\\][^/\\]+\.js$/;
const withInkModulesReplaced = {
	name: 'ink-modules-replaced',
	setup(build) {
		const replaced = new Set();
		build.onResolve({filter: /^\.\/(output|measure-text)\.js$/}, ({path, importer}) => {
			if (!inkBuild.test(importer)) {
				return undefined;
			}

			replaced.add(path);
			return {path: inkReplacements.get(path)};
		});
		build.onEnd(() => {
			for (const path of inkReplacements.keys()) {
				if (!replaced.has(path)) {
					throw new Error(`Ink no longer imports ${path}: revisit ink-modules-replaced`);
				}
			}
		});
	},
};

/**
 * Edits to Ink modules, each with what it imports from source/terminal/:
 * - wrap-text keeps every text it ever wrapped or truncated in a cache that is never emptied, and
 *   a tape draws new text with every trade and every tick of its clock: a screen left running
 *   would grow without end. A BoundedCache takes its place.
 * - sanitize-ansi tokenizes every text with an escape in it, twice a frame (to measure and to
 *   draw), to drop all but colour codes and links. Text of printable ASCII and colour codes, as a
 *   tape's rows are, has nothing to drop and is passed on as it is.
 * The build stops if Ink's code no longer matches.
 */
const terminalModule = (name) =>
	JSON.stringify(fileURLToPath(new URL(`../source/terminal/${name}.ts`, import.meta.url)));
const inkEdits = {
	'wrap-text.js': {
		imports: `import {BoundedCache} from ${terminalModule('bounded-cache')};`,
		edits: [
			['const cache = {};', 'const cache = new BoundedCache(1000);'],
			['const cachedText = cache[cacheKey];', 'const cachedText = cache.get(cacheKey);'],
			['cache[cacheKey] = wrappedText;', 'cache.set(cacheKey, wrappedText);'],
		],
	},
	'sanitize-ansi.js': {
		imports: `import {isColouredAscii} from ${terminalModule('coloured-ascii')};`,
		edits: [
			[
				'    if (!hasAnsiControlCharacters(text)) {',
				'    if (isColouredAscii(text) || !hasAnsiControlCharacters(text)) {',
			],
		],
	},
};
const withInkEdits = {
	name: 'ink-edits',
	setup(build) {
		const edited = new Set();
		build.onLoad({filter: /ink[/\\]build[/\\](wrap-text|sanitize-ansi)\.js$/}, async ({path}) => {
			const file = path.split(/[/\\]/).at(-1);
			const {imports, edits} = inkEdits[file];
			let contents = await readFile(path, 'utf8');
			for (const [before, after] of edits) {
				if (contents.split(before).length !== 2) {
					throw new Error(`${path} no longer has "${before.trim()}" once: revisit ink-edits`);
				}

				contents = contents.replace(before, after);
			}

			edited.add(file);
			return {contents: `${imports}\n${contents}`, loader: 'js'};
		});
		build.onEnd(() => {
			for (const file of Object.keys(inkEdits)) {
				if (!edited.has(file)) {
					throw new Error(`Ink's ${file} was not bundled: revisit ink-edits`);
				}
			}
		});
	},
};

rmSync('dist', {recursive: true, force: true});
await build({
	entryPoints: ['source/bin.ts'],
	outdir: 'dist',
	bundle: true,
	// Each mode is imported when chosen, so --json never loads Ink, React and Yoga. (One file
	// with the same lazy imports started slower: Node parses all of it up front.)
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	minify: true,
	define: {
		'process.env.NODE_ENV': '"production"',
		// Yoga's Emscripten loader fetches its inlined wasm through a data: URL when fetch exists,
		// which loads Node's whole fetch stack first; without fetch it decodes the same bytes itself,
		// 40 ms sooner. Nothing else in the bundle calls the global fetch.
		fetch: 'undefined',
	},
	// Optional native add-ons of ws: not shipped, and ws runs without them.
	external: ['bufferutil', 'utf-8-validate'],
	plugins: [withoutReactDevtools, withInkModulesReplaced, withInkEdits],
	// Bundled CommonJS packages (React, ws) call require() for Node's own modules.
	banner: {
		js: "import {createRequire as createRequireForBundle} from 'node:module'; const require = createRequireForBundle(import.meta.url);",
	},
	logLevel: 'warning',
});
