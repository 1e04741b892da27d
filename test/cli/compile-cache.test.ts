import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import module from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import {afterEach, expect, test} from 'vitest';
import {binPath} from '../helpers/built-command.js';

const folders: string[] = [];
afterEach(() => {
	for (const folder of folders.splice(0)) {
		rmSync(folder, {recursive: true, force: true});
	}
});

/** Whether this Node can keep compiled code on disk (22.1 and later). */
const hasCompileCache =
	typeof (module as {enableCompileCache?: unknown}).enableCompileCache === 'function';

test(`the command keeps its compiled code on disk where Node can (${process.version}: ${hasCompileCache ? 'it can' : 'it cannot'})`, () => {
	const folder = mkdtempSync(join(tmpdir(), 'kraken-tape-compile-cache-'));
	folders.push(folder);
	// Node's own folder for it, under the system's temporary folder: the command asks for the
	// cache itself (NODE_COMPILE_CACHE, which would turn it on from outside, is left unset).
	const cache = join(folder, 'node-compile-cache');
	const {
		NODE_DISABLE_COMPILE_CACHE: _disabled,
		NODE_COMPILE_CACHE: _folder,
		...environment
	} = process.env;
	const run = () =>
		spawnSync(process.execPath, [binPath, '--version'], {
			encoding: 'utf8',
			env: {...environment, TMPDIR: folder},
		});
	const first = run();
	expect(first.status).toBe(0);
	if (hasCompileCache) {
		// A folder for this Node's V8, holding an entry for each file the command loaded.
		expect(readdirSync(cache).length).toBeGreaterThan(0);
		const second = run();
		expect(second.status).toBe(0);
		expect(second.stdout).toBe(first.stdout);
	} else {
		expect(existsSync(cache)).toBe(false);
	}
});
