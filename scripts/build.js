// Bundles the command into dist/ with esbuild. A minified bundle, split by mode, starts in about
// half the time of tsc's hundreds of files (npm run bench, start-up row): Node loads a few files
// instead of resolving and compiling each module, and React's development build is left out.
import {rmSync} from 'node:fs';
import {build} from 'esbuild';
import {inkPatchesForEsbuild} from './ink-patches.js';
import {lazyUnicodeEditsForEsbuild} from './lazy-unicode-edits.js';
import {meowEditForEsbuild} from './meow-edit.js';

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

rmSync('dist', {recursive: true, force: true});
await build({
	// The command, the library (`import … from 'kraken-tape'`), which shares its chunks, and the
	// worker that decodes --json's frames (source/kraken/off-thread/), beside them in dist/.
	entryPoints: {
		bin: 'source/bin.ts',
		index: 'source/index.ts',
		'decoding-worker': 'source/kraken/off-thread/decoding-worker.ts',
	},
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
		// ws's optional native add-ons: never loaded, even when some other package (ccxt, a dev
		// dependency) put them in node_modules. A client only masks its own few frames, so they save
		// nothing here, and loading one cost start-up time.
		'process.env.WS_NO_BUFFER_UTIL': '"1"',
		'process.env.WS_NO_UTF_8_VALIDATE': '"1"',
	},
	// Not shipped: the defines above keep ws from asking for them.
	external: ['bufferutil', 'utf-8-validate'],
	// Ink and meow as the tests run them: two of Ink's modules replaced and three edited
	// (scripts/ink-patches.js), meow's dependencies loaded as they are needed (scripts/meow-edit.js),
	// and the Unicode machinery of Ink's helpers made when first used (scripts/lazy-unicode-edits.js).
	plugins: [
		withoutReactDevtools,
		inkPatchesForEsbuild(),
		meowEditForEsbuild(),
		lazyUnicodeEditsForEsbuild(),
	],
	// Bundled CommonJS packages (React, ws) call require() for Node's own modules.
	banner: {
		js: "import {createRequire as createRequireForBundle} from 'node:module'; const require = createRequireForBundle(import.meta.url);",
	},
	logLevel: 'warning',
});
