import type {Plugin} from 'vite';
import {defineConfig} from 'vitest/config';
import {inkPatchesForVite} from './scripts/ink-patches.js';
import {lazyUnicodeEditsForVite} from './scripts/lazy-unicode-edits.js';
import {meowEditForVite} from './scripts/meow-edit.js';

/**
 * The decoding worker (source/kraken/off-thread/) is found beside the bundle's chunks in dist/;
 * tests that run the client from source take it from there too, as built (npm test builds first).
 */
function builtDecodingWorker(): Plugin {
	const located = "new URL('./decoding-worker.js', import.meta.url)";
	return {
		name: 'built-decoding-worker',
		// Before TypeScript is stripped, so the code is as written.
		enforce: 'pre',
		transform(code, id) {
			if (!id.endsWith('/source/kraken/off-thread/worker-socket.ts')) {
				return undefined;
			}

			if (!code.includes(located)) {
				throw new Error(`worker-socket.ts no longer locates its worker as ${located}`);
			}

			return code.replace(located, "new URL('../../../dist/decoding-worker.js', import.meta.url)");
		},
	};
}

export default defineConfig({
	// Ink, meow and Ink's Unicode helpers as the bundle has them: the tests run the code that
	// ships (scripts/ink-patches.js, scripts/meow-edit.js, scripts/lazy-unicode-edits.js).
	plugins: [
		inkPatchesForVite(),
		meowEditForVite(),
		lazyUnicodeEditsForVite(),
		builtDecodingWorker(),
	],
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// Waits inside tests are safety limits for loaded machines, not speed checks.
		testTimeout: 60_000,
		hookTimeout: 30_000,
		// Real sockets and child processes: two cores, so keep parallelism modest.
		maxWorkers: 2,
		server: {
			deps: {
				// Vitest leaves node_modules to Node, where no plugin reaches. Ink goes through Vite so
				// that the patches apply, and so does ink-testing-library, whose import of Ink would
				// otherwise be Node's unpatched one. The modules lazy-unicode-edits.js edits go through
				// Vite too, and so do the ones that import them.
				inline: [
					'ink',
					'ink-testing-library',
					'meow',
					'string-width',
					'slice-ansi',
					'@alcalzone/ansi-tokenize',
					'wrap-ansi',
					'widest-line',
					'cli-truncate',
				],
			},
		},
	},
});
