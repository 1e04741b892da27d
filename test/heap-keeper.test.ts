import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import {describe, expect, test, vi} from 'vitest';
import {createHeapKeeper, keepHeapCollected, oldSpaceBytes} from '../source/heap-keeper.js';
import {binPath} from './helpers/built-command.js';
import {eventually} from './helpers/eventually.js';

const megabyte = 1024 * 1024;

/** An old generation the test grows, which a collection brings back to its live size. */
function fakeHeap(liveBytes: number) {
	let bytes = liveBytes;
	let collections = 0;
	return {
		grow(by: number) {
			bytes += by;
		},
		collect() {
			collections++;
			bytes = liveBytes;
		},
		bytes: () => bytes,
		collections: () => collections,
	};
}

describe('heap keeper', () => {
	test('collects once garbage has grown the old generation by the slack, and not before', () => {
		const heap = fakeHeap(10 * megabyte);
		const keeper = createHeapKeeper({
			slackBytes: 6 * megabyte,
			collect: heap.collect,
			oldGenerationBytes: heap.bytes,
		});
		heap.grow(5 * megabyte);
		expect(keeper.check()).toBe(false);
		heap.grow(megabyte);
		expect(keeper.check()).toBe(true);
		expect(heap.collections()).toBe(1);
		// Measured again from what the collection left.
		heap.grow(5 * megabyte);
		expect(keeper.check()).toBe(false);
		heap.grow(megabyte);
		expect(keeper.check()).toBe(true);
		expect(heap.collections()).toBe(2);
	});

	test('live objects that outgrow the slack are collected once, then measured from', () => {
		let bytes = 10 * megabyte;
		let collections = 0;
		const keeper = createHeapKeeper({
			slackBytes: 6 * megabyte,
			collect() {
				collections++;
			},
			oldGenerationBytes: () => bytes,
		});
		// All of it live: the collection frees nothing, and does not repeat at every check.
		bytes += 7 * megabyte;
		expect(keeper.check()).toBe(true);
		expect(keeper.check()).toBe(false);
		expect(collections).toBe(1);
	});

	test('without a collector (Node run without --expose-gc) it never collects', () => {
		const heap = fakeHeap(10 * megabyte);
		const keeper = createHeapKeeper({
			slackBytes: megabyte,
			collect: undefined,
			oldGenerationBytes: heap.bytes,
		});
		heap.grow(100 * megabyte);
		expect(keeper.check()).toBe(false);
	});

	test('keeps looking on its interval for the life of the process', () => {
		vi.useFakeTimers();
		try {
			const heap = fakeHeap(10 * megabyte);
			keepHeapCollected({
				everyMs: 2000,
				slackBytes: 6 * megabyte,
				collect: heap.collect,
				oldGenerationBytes: heap.bytes,
			});
			heap.grow(7 * megabyte);
			vi.advanceTimersByTime(1999);
			expect(heap.collections()).toBe(0);
			vi.advanceTimersByTime(1);
			expect(heap.collections()).toBe(1);
			heap.grow(7 * megabyte);
			vi.advanceTimersByTime(2000);
			expect(heap.collections()).toBe(2);
		} finally {
			vi.clearAllTimers();
			vi.useRealTimers();
		}
	});

	test('reads the old generation of this process', () => {
		expect(oldSpaceBytes()).toBeGreaterThan(megabyte);
	});

	test('the built command collects with the gc its first line gives Node, once its old generation grew', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'kraken-tape-heap-keeper-'));
		const log = join(folder, 'collections.log');
		const probe = join(folder, 'probe.mjs');
		// A heap that grows 7 MB between readings, and a collector that says when it runs: what the
		// command does with them is all the test watches.
		writeFileSync(
			probe,
			[
				"import module from 'node:module';",
				"import v8 from 'node:v8';",
				"import {appendFileSync} from 'node:fs';",
				'let used = 10e6;',
				'const real = v8.getHeapSpaceStatistics;',
				"v8.getHeapSpaceStatistics = () => real().map((space) => space.space_name === 'old_space' ? {...space, space_used_size: (used += 7 * 1024 * 1024)} : space);",
				'module.syncBuiltinESMExports();',
				'const collect = globalThis.gc;',
				`globalThis.gc = () => { appendFileSync(${JSON.stringify(log)}, 'collected\\n'); collect(); };`,
			].join('\n'),
		);
		const child = spawn(
			process.execPath,
			['--expose-gc', '--import', probe, binPath, '--no-config', '--demo', '--json', 'BTC/USD'],
			{stdio: 'ignore'},
		);
		try {
			await eventually(() => {
				expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toMatch(/^collected\n/);
			}, 8000);
		} finally {
			child.kill();
			rmSync(folder, {recursive: true, force: true});
		}
	});
});
