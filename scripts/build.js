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
 * Ink 6.8 keeps every text it ever wrapped or truncated in a cache that is never emptied, and a
 * tape draws new text with every trade and every tick of its clock: a screen left running would
 * grow without end. These edits put a BoundedCache (source/terminal/bounded-cache.ts) in its
 * place. The build stops if Ink's code no longer matches.
 */
const boundedCachePath = fileURLToPath(
	new URL('../source/terminal/bounded-cache.ts', import.meta.url),
);
const wrapTextEdits = [
	['const cache = {};', 'const cache = new BoundedCache(1000);'],
	['const cachedText = cache[cacheKey];', 'const cachedText = cache.get(cacheKey);'],
	['cache[cacheKey] = wrappedText;', 'cache.set(cacheKey, wrappedText);'],
];
const withInkWrapCacheBounded = {
	name: 'ink-wrap-cache-bounded',
	setup(build) {
		let isEdited = false;
		build.onLoad({filter: /ink[/\\]build[/\\]wrap-text\.js$/}, async ({path}) => {
			let contents = await readFile(path, 'utf8');
			for (const [before, after] of wrapTextEdits) {
				if (contents.split(before).length !== 2) {
					throw new Error(`${path} no longer has "${before}" once: revisit this edit`);
				}

				contents = contents.replace(before, after);
			}

			isEdited = true;
			const importLine = `import {BoundedCache} from ${JSON.stringify(boundedCachePath)};\n`;
			return {contents: importLine + contents, loader: 'js'};
		});
		build.onEnd(() => {
			if (!isEdited) {
				throw new Error("Ink's wrap-text.js was not bundled: revisit ink-wrap-cache-bounded");
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
	plugins: [withoutReactDevtools, withInkModulesReplaced, withInkWrapCacheBounded],
	// Bundled CommonJS packages (React, ws) call require() for Node's own modules.
	banner: {
		js: "import {createRequire as createRequireForBundle} from 'node:module'; const require = createRequireForBundle(import.meta.url);",
	},
	logLevel: 'warning',
});
