/**
 * npm run bench: measures kraken-tape against its baselines in one run, on this machine, and
 * prints the table; bench/results.json keeps every run's figures. Each row's runs are medians,
 * and every ratio compares figures taken minutes apart in the same run.
 *
 *   npm run bench                  every row, the default number of runs
 *   npm run bench -- --quick       fewer runs, for a first look
 *   npm run bench -- --only 1,5    some rows
 */
import {writeFileSync} from 'node:fs';
import {cpus} from 'node:os';
import {parseArgs} from 'node:util';
import {measureBandwidth} from './measures/bandwidth.js';
import {measureBookIngest} from './measures/book-ingest.js';
import {measureIdle} from './measures/idle.js';
import {measureKeyPress} from './measures/key-press.js';
import {hasPythonWebsocket, measureIngest} from './measures/ingest.js';
import {measureMemory} from './measures/memory.js';
import {measureScreenBook} from './measures/screen-book.js';
import {measureStartup} from './measures/startup.js';
import type {Result} from './results.js';
import {formatTable} from './table.js';

type Row = Readonly<{
	id: number;
	runs: number;
	quickRuns: number;
	measure: (runs: number) => Promise<Result | Result[]>;
}>;

const rows: readonly Row[] = [
	{id: 1, runs: 5, quickRuns: 2, measure: measureIngest},
	{id: 2, runs: 3, quickRuns: 1, measure: measureScreenBook},
	{id: 3, runs: 3, quickRuns: 1, measure: measureBandwidth},
	{id: 4, runs: 3, quickRuns: 1, measure: measureIdle},
	{id: 5, runs: 11, quickRuns: 5, measure: measureStartup},
	{id: 6, runs: 3, quickRuns: 1, measure: measureMemory},
	{id: 7, runs: 3, quickRuns: 1, measure: measureKeyPress},
	{id: 8, runs: 5, quickRuns: 2, measure: measureBookIngest},
];

const {values} = parseArgs({
	options: {quick: {type: 'boolean', default: false}, only: {type: 'string'}},
});
const only = values.only?.split(',').map(Number);
const chosen = rows.filter((row) => only === undefined || only.includes(row.id));
if (!hasPythonWebsocket() && chosen.some((row) => row.id === 1)) {
	console.log(
		'notice: /usr/bin/python3 cannot import websocket, so row 1 skips the Python baseline ' +
			'(apt-get install python3-websocket)',
	);
}

const results: Result[] = [];
for (const row of chosen) {
	const runs = values.quick ? row.quickRuns : row.runs;
	console.log(`row ${row.id}: ${runs} run(s)...`);
	results.push(...[await row.measure(runs)].flat());
}

const report = {
	date: new Date().toISOString(),
	machine: {cpus: cpus().length, model: cpus()[0]?.model, node: process.version},
	results,
};
writeFileSync(new URL('results.json', import.meta.url), `${JSON.stringify(report, null, '\t')}\n`);
console.log(`\n${formatTable(results)}\n\nEvery run's figures: bench/results.json`);
process.exitCode = results.every((result) => result.pass) ? 0 : 1;
