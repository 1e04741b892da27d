import {getHeapSpaceStatistics} from 'node:v8';

/*
 * Under a steady feed, objects that outlive two scavenges (a frame's tree, a batch of trades on
 * its way to the store) are promoted to V8's old generation and die there soon after. V8 leaves
 * them until the heap nears limits set for far larger programs, so the resident size crept up by
 * about 1.4 MB every 100,000 trades, all of it garbage: with a full collection before each
 * reading it stayed flat (npm run bench, memory row). This collects the old generation when
 * garbage has grown it by a few megabytes since the last collection, which costs a few
 * milliseconds every several seconds under a firehose and nothing on a quiet feed.
 */

type HeapKeeperOptions = Readonly<{
	/** How often the old generation's size is read. */
	everyMs: number;
	/** Growth since the last collection that makes the next one. */
	slackBytes: number;
	/** V8's full collection: `globalThis.gc`, there when Node runs with --expose-gc. */
	collect: (() => void) | undefined;
	/** Bytes in the old generation, live or not. */
	oldGenerationBytes?: () => number;
}>;

export function oldSpaceBytes(): number {
	return (
		getHeapSpaceStatistics().find((space) => space.space_name === 'old_space')?.space_used_size ?? 0
	);
}

/** The policy alone: call `check` now and then; it collects when the slack is used up. */
export function createHeapKeeper({
	slackBytes,
	collect,
	oldGenerationBytes = oldSpaceBytes,
}: Omit<HeapKeeperOptions, 'everyMs'>): {check(): boolean} {
	let liveBytes = oldGenerationBytes();
	return {
		check() {
			if (collect === undefined || oldGenerationBytes() - liveBytes < slackBytes) {
				return false;
			}

			collect();
			liveBytes = oldGenerationBytes();
			return true;
		},
	};
}

/** Keeps the heap collected for the life of the process; a timer that never holds it open. */
export function keepHeapCollected(options: HeapKeeperOptions): void {
	if (options.collect === undefined) {
		return;
	}

	const keeper = createHeapKeeper(options);
	setInterval(() => keeper.check(), options.everyMs).unref();
}

/**
 * The command's keeping, for the heap of the thread that calls it (the main thread's, and the
 * decoding worker's own): a full collection once garbage has grown the old generation by 6 MB.
 */
export function keepThisHeapCollected(): void {
	keepHeapCollected({everyMs: 2000, slackBytes: 6 * 1024 * 1024, collect: globalThis.gc});
}
