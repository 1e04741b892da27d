// Bundles the command into dist/ with esbuild. A minified bundle, split by mode, starts in about
// half the time of tsc's hundreds of files (npm run bench, start-up row): Node loads a few files
// instead of resolving and compiling each module, and React's development build is left out.
import {rmSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
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
 * Ink 6.8 rebuilds every frame from scratch: each line of text is tokenized into styled
 * characters again (its caches live for one frame), each row is filled cell by cell with new
 * blank cells first, and each row is joined back into a string. That was most of a frame's cost,
 * which the idle row of npm run bench pays once a second. These edits to Ink's Output remember
 * each row's string by what was written into it (positions and text), so an unchanged row is not
 * joined again; reuse the last frame's tokenized lines; and make the blank cells one shared
 * object instead of thousands of new ones. The caches are bounded. The build stops if Ink's code
 * no longer matches.
 */
const inkOutputSource = /ink[/\\]build[/\\]output\.js$/;
const inkOutputEdits = [
	['    caches = new OutputCaches();', '    caches = nextFrameCaches();'],
	// Every blank cell of every frame was a new object; they are only read, so one serves all.
	[
		"                row.push({\n                    type: 'char',\n                    value: ' ',\n                    fullWidth: false,\n                    styles: [],\n                });",
		'                row.push(blankOutputCell);',
	],
	[
		'        const clips = [];',
		"        const clips = [];\n        const rowKeys = new Array(this.height).fill('');",
	],
	[
		'                    const characters = this.caches.getStyledChars(line);',
		'                    const characters = this.caches.getStyledChars(line);\n                    rowKeys[y + offsetY] += `${x}\\u0000${line}\\u0001`;',
	],
	['            .map(line => {', '            .map((line, rowIndex) => {'],
	[
		'            return styledCharsToString(lineWithoutEmptyItems).trimEnd();',
		'            return keptRow(`${this.width}\\u0002${rowKeys[rowIndex]}`, () => styledCharsToString(lineWithoutEmptyItems).trimEnd());',
	],
];
const inkOutputHelpers = `
const blankOutputCell = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([])});

// Lines tokenized for a frame are reused by the next one, when frames are far apart (an idle
// screen draws about once a second). At ten frames a second, in a burst, every line is new, and
// keeping them for the next frame kept them just long enough for the garbage collector to move
// them to the old generation: the heap grew (npm run bench, memory row).
const noLines = new Map();
let lastFrameLines = noLines;
let lastFrameAt = Number.NEGATIVE_INFINITY;
let isSlowFrame = true;
function nextFrameCaches() {
	const previous = lastFrameLines;
	const caches = new OutputCaches();
	const now = performance.now();
	isSlowFrame = now - lastFrameAt >= 250;
	lastFrameLines = isSlowFrame ? caches.styledChars : noLines;
	lastFrameAt = now;
	const tokenize = caches.getStyledChars.bind(caches);
	caches.getStyledChars = (line) => {
		const kept = previous.get(line);
		if (kept === undefined) {
			return tokenize(line);
		}

		caches.styledChars.set(line, kept);
		return kept;
	};
	return caches;
}

// Rows are remembered on the same terms, and for the same reason, as tokenized lines.
let keptRows = new Map();
function keptRow(key, make) {
	if (!isSlowFrame) {
		return make();
	}

	let row = keptRows.get(key);
	if (row === undefined) {
		if (keptRows.size > 200) {
			keptRows = new Map();
		}

		row = make();
		keptRows.set(key, row);
	}

	return row;
}
`;
const withInkFramesKept = {
	name: 'ink-frames-kept',
	setup(build) {
		build.onLoad({filter: inkOutputSource}, async ({path}) => {
			let contents = await readFile(path, 'utf8');
			for (const [before, after] of inkOutputEdits) {
				if (contents.split(before).length !== 2) {
					throw new Error(`${path} no longer has "${before.trim()}" once: revisit this edit`);
				}

				contents = contents.replace(before, after);
			}

			return {contents: contents + inkOutputHelpers, loader: 'js'};
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
	plugins: [withoutReactDevtools, withInkFramesKept],
	// Bundled CommonJS packages (React, ws) call require() for Node's own modules.
	banner: {
		js: "import {createRequire as createRequireForBundle} from 'node:module'; const require = createRequireForBundle(import.meta.url);",
	},
	logLevel: 'warning',
});
