import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// Waits inside tests are safety limits for loaded machines, not speed checks.
		testTimeout: 60_000,
		hookTimeout: 30_000,
		// Real sockets and child processes: two cores, so keep parallelism modest.
		maxWorkers: 2,
	},
});
