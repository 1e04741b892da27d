import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {openFeed, type Feed} from '../source/feed.js';
import {parseOptions, type WatchOptions} from '../source/options.js';
import {createCleanup} from './helpers/cleanup.js';
import {eventually} from './helpers/eventually.js';
import {handedOverBeforeTheTurn, startOneReadServer} from './helpers/one-read-server.js';

const cleanup = createCleanup();
afterEach(async () => cleanup.run());

/** No config file can be there: the settings are the flags alone. */
const environment = {
	XDG_CONFIG_HOME: '/nonexistent/kraken-tape-test/config',
	XDG_STATE_HOME: '/nonexistent/kraken-tape-test/state',
};

const frames = 50;

/** The feed a run with these flags opens, against a server that writes `frames` frames in one read. */
async function openFeedOnOneRead(flags: readonly string[]): Promise<Feed> {
	const server = await startOneReadServer(frames);
	cleanup.add(server.close);
	const options = parseOptions(
		['--url', `ws://127.0.0.1:${server.port}/v2`, '--no-config', ...flags, 'BTC/USD'],
		{isTerminal: true, environment},
	) as WatchOptions;
	const feed = await openFeed(options);
	cleanup.add(async () => feed.close());
	return feed;
}

/**
 * Messages the feed's client handed over before a turn came round, for a read of `frames` (text
 * that is no Kraken frame, so each is an `unrecognised` event, wherever it was decoded).
 */
async function messagesBeforeTheTurn(flags: readonly string[]): Promise<number> {
	const feed = await openFeedOnOneRead(flags);
	return handedOverBeforeTheTurn(frames, (onMessage) => {
		feed.client.on('unrecognised', onMessage);
		feed.client.start();
	});
}

/** The client's `frame` and `unrecognised` events once every frame of a read is handled. */
async function eventsOf(flags: readonly string[]): Promise<{frames: number; unrecognised: number}> {
	const feed = await openFeedOnOneRead(flags);
	const counts = {frames: 0, unrecognised: 0};
	feed.client.on('frame', () => counts.frames++);
	feed.client.on('unrecognised', () => counts.unrecognised++);
	feed.client.start();
	await eventually(() => expect(counts.unrecognised).toBe(frames));
	return counts;
}

describe('the feed a run opens', () => {
	test("--json's frames are read on the decoding worker, their text left there; --record keeps them on this thread", async () => {
		expect(await eventsOf(['--json'])).toEqual({frames: 0, unrecognised: frames});
		const recording = join(mkdtempSync(join(tmpdir(), 'kraken-tape-feed-')), 'tape.ndjson');
		expect(await eventsOf(['--json', '--record', recording])).toEqual({
			frames,
			unrecognised: frames,
		});
		expect(await eventsOf([])).toEqual({frames, unrecognised: frames});
	});

	test("the screen's client hands over one message a turn, so keys and frames wait for one at most", async () => {
		expect(await messagesBeforeTheTurn([])).toBeLessThanOrEqual(2);
	});

	test("--json's frames, decoded on the worker thread, are handed over a whole read at once", async () => {
		expect(await messagesBeforeTheTurn(['--json'])).toBe(frames);
	});
});
