import {describe, expect, test} from 'vitest';
import {runChaos} from './chaos-run.js';
import {shortMemoryLimit, shortSettings} from './chaos-settings.js';
import {problemsOf} from './chaos-verdict.js';
import {figuresTable} from './figures-table.js';

// The short form of `npm run test:chaos`: the built command through the fault proxy, every
// WebSocket fault once (and REST faults once the command has --rest-url), both APIs at once.
// Exactness is asserted, never timings. The seed is fixed so a failure can be run again;
// CHAOS_SEED=n picks another.
const seed = Number(process.env['CHAOS_SEED'] ?? 20_240_601);

describe('chaos', () => {
	test.concurrent.each(['v2', 'v1'] as const)(
		'%s: every trade the exchange made written once and in order; each book, ticker and candle as the exchange has it; memory level',
		async (api) => {
			const result = await runChaos(shortSettings(api, seed));
			console.log(figuresTable(result));
			expect(problemsOf(result, shortMemoryLimit)).toEqual([]);
		},
		180_000,
	);
});
