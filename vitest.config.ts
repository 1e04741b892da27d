import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		testTimeout: 20_000,
		hookTimeout: 20_000,
		// Real sockets and child processes: two cores, so keep parallelism modest.
		maxWorkers: 2,
	},
});
