import {describe, expect, test, vi} from 'vitest';
import {createHeapKeeper, keepHeapCollected, oldSpaceBytes} from '../source/heap-keeper.js';

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
});
