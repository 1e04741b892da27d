import {defineConfig} from 'vitest/config';
import {inkPatchesForVite} from './scripts/ink-patches.js';
import {meowEditForVite} from './scripts/meow-edit.js';

export default defineConfig({
	// Ink and meow as the bundle has them: the tests run the code that ships
	// (scripts/ink-patches.js, scripts/meow-edit.js).
	plugins: [inkPatchesForVite(), meowEditForVite()],
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
				// otherwise be Node's unpatched one.
				inline: ['ink', 'ink-testing-library', 'meow'],
			},
		},
	},
});
