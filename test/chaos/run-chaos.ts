// The long chaos run, `npm run test:chaos` (after a build): both APIs at once, each against its
// own exchange and fault proxy, for some minutes of faults. Prints each run's figures and what
// failed; exits 1 if anything did. `--minutes N`, `--seed N`, `--api v1|v2` and `--rest-share X`
// (the chance a REST call meets a fault, 0 to 1) change the run; `--short` runs the short form's
// settings instead.
import type {ApiVersion} from '../../source/model/types.js';
import {runChaos} from './chaos-run.js';
import {longMemoryLimit, longSettings, shortMemoryLimit, shortSettings} from './chaos-settings.js';
import {problemsOf} from './chaos-verdict.js';
import {figuresTable} from './figures-table.js';

function option(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? undefined : process.argv[index + 1];
}

const isShort = process.argv.includes('--short');
const minutes = Number(option('minutes') ?? 6);
const seed = Number(option('seed') ?? Date.now() % 1_000_000);
const restShare = option('rest-share');
const apis: ApiVersion[] =
	option('api') === undefined ? ['v2', 'v1'] : [option('api') as ApiVersion];

console.log(
	`chaos: ${isShort ? 'short form' : `${minutes} min of faults`}, seed ${seed} (--seed ${seed} runs it again)`,
);
const results = await Promise.allSettled(
	apis.map(async (api) =>
		runChaos({
			...(isShort ? shortSettings(api, seed) : longSettings(api, seed, minutes)),
			...(restShare === undefined ? {} : {restFaultShare: Number(restShare)}),
			log: (message) => console.log(`  ${api} ${message}`),
		}),
	),
);
let failed = 0;
for (const [index, settled] of results.entries()) {
	if (settled.status === 'rejected') {
		failed++;
		console.log(`\n${apis[index]}: the run failed: ${String(settled.reason)}`);
		continue;
	}

	const result = settled.value;
	const problems = problemsOf(result, isShort ? shortMemoryLimit : longMemoryLimit);
	failed += problems.length;
	console.log(`\n${figuresTable(result)}`);
	console.log(problems.length === 0 ? 'all held' : `FAILED:\n  ${problems.join('\n  ')}`);
	if (problems.length > 0) {
		console.log(`client's last stderr lines:\n  ${result.stderrTail.join('\n  ')}`);
	}
}

process.exit(failed > 0 ? 1 : 0);
