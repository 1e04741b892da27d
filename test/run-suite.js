// Runs the type check and the whole suite, then prints the plain closing line CI reads
// ("N passed, N failed"); Vitest's own summary is not in that form.
import {spawnSync} from 'node:child_process';
import {readFileSync, rmSync} from 'node:fs';

const resultsFile = '.vitest-results.json';
const run = (command, arguments_) => spawnSync(command, arguments_, {stdio: 'inherit'}).status ?? 1;

const typeCheck = run('npx', ['tsc', '--noEmit', '-p', '.']);
const format = run('npx', ['prettier', '--check', '--log-level', 'warn', '.']);
rmSync(resultsFile, {force: true});
const tests = run('npx', [
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${resultsFile}`,
	...process.argv.slice(2),
]);

let passed = 0;
let failed = 0;
try {
	const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
	passed = results.numPassedTests;
	failed = results.numFailedTests + (results.numTotalTestSuites > 0 ? 0 : 1);
} catch {
	failed = 1;
}

if (typeCheck !== 0) {
	console.log('type check failed');
	failed++;
}

if (format !== 0) {
	console.log('formatting check failed: run npm run format');
	failed++;
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(typeCheck || format || tests || (failed > 0 ? 1 : 0));
