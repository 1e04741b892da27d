// Bundles the command into dist/ with esbuild. One minified bundle starts in about half the time
// of tsc's hundreds of files (npm run bench, start-up row): Node parses one file instead of
// resolving and compiling each module, and React's development build is left out.
import {rmSync} from 'node:fs';
import {build} from 'esbuild';

rmSync('dist', {recursive: true, force: true});
await build({
	entryPoints: ['source/bin.ts'],
	outdir: 'dist',
	bundle: true,
	// Each mode is imported when chosen, so --json never loads Ink, React and Yoga.
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	minify: true,
	// Names stay readable in the rare internal-error line.
	keepNames: true,
	define: {'process.env.NODE_ENV': '"production"'},
	// Optional native add-ons of ws, and Ink's devtools (loaded only with DEV=true): not shipped.
	external: ['bufferutil', 'utf-8-validate', 'react-devtools-core'],
	// Bundled CommonJS packages (React, ws) call require() for Node's own modules.
	banner: {
		js: "import {createRequire as createRequireForBundle} from 'node:module'; const require = createRequireForBundle(import.meta.url);",
	},
	logLevel: 'warning',
});
