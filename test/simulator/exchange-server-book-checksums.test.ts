import {afterEach, describe, expect, test} from 'vitest';
import type {ApiVersion} from '../../source/model/types.js';
import {BookChecker, repeatedPrices} from '../helpers/book-checker.js';
import {createCleanup} from '../helpers/cleanup.js';
import {eventually} from '../helpers/eventually.js';
import type {RawClient} from '../helpers/raw-client.js';
import {simulatorHarness} from '../helpers/simulator.js';

// The simulated exchange's book (source/simulator/channel-book.ts) read by an independent
// checker (test/helpers/book-checker.ts) that keeps each book from the wire text alone and
// recomputes every checksum: thousands of messages at every depth on both APIs.

const cleanup = createCleanup();
afterEach(() => cleanup.run());

const {simulate, connect} = simulatorHarness(cleanup);

/** A pair for each depth: busy ones, and DOGE/USD for v1's nine-decimal prices. */
const depths = [
	{symbol: 'BTC/USD', v1Name: 'XBT/USD', depth: 10},
	{symbol: 'ETH/USD', v1Name: 'ETH/USD', depth: 25},
	{symbol: 'SOL/USD', v1Name: 'SOL/USD', depth: 100},
	{symbol: 'BTC/EUR', v1Name: 'XBT/EUR', depth: 500},
	{symbol: 'DOGE/USD', v1Name: 'XDG/USD', depth: 1000},
] as const;

const nameOf = (api: ApiVersion, entry: (typeof depths)[number]) =>
	api === 'v1' ? entry.v1Name : entry.symbol;

function subscribeBook(client: RawClient, api: ApiVersion, pair: string, depth: number): void {
	client.send(
		api === 'v1'
			? {event: 'subscribe', pair: [pair], subscription: {name: 'book', depth}}
			: {method: 'subscribe', params: {channel: 'book', symbol: [pair], depth}},
	);
}

/** A checker fed every frame the client has received so far, and each one after. */
function checkFrames(client: RawClient, api: ApiVersion, depthOf: (pair: string) => number) {
	const checker = new BookChecker(api, depthOf);
	for (const text of client.texts) {
		checker.feed(text);
	}

	client.socket.on('message', (data, isBinary) => {
		if (!isBinary) {
			checker.feed((data as Buffer).toString('utf8'));
		}
	});
	return checker;
}

type Run = Readonly<{api: ApiVersion; checker: BookChecker}>;

/** Both APIs at once on one exchange, so the run takes the time of one. */
async function runBoth(minimumPerDepth: number): Promise<Run[]> {
	const {server} = await simulate({seed: 11, rateMultiplier: 100, tickMs: 5});
	const runs = await Promise.all(
		(['v1', 'v2'] as const).map(async (api) => {
			const client = await connect(server, api);
			const depthOf = (pair: string) =>
				depths.find((entry) => nameOf(api, entry) === pair)?.depth ?? Number.NaN;
			const checker = checkFrames(client, api, depthOf);
			for (const entry of depths) {
				subscribeBook(client, api, nameOf(api, entry), entry.depth);
			}

			return {api, checker};
		}),
	);
	await eventually(() => {
		for (const {api, checker} of runs) {
			for (const entry of depths) {
				const pair = nameOf(api, entry);
				const count = checker.messages.filter((message) => message.pair === pair).length;
				expect(count).toBeGreaterThan(minimumPerDepth);
			}
		}
	}, 20_000);
	return runs;
}

describe("the simulated exchange's book read from the wire text alone", () => {
	test('every checksum of a long run matches, at every depth, on both APIs', async () => {
		for (const {api, checker} of await runBoth(600)) {
			expect(checker.failures).toEqual([]);
			const updates = checker.messages.filter((message) => message.kind === 'update');
			// v2 checks its snapshots too; v1 sends them without a checksum.
			expect(checker.verified).toBe(updates.length + (api === 'v2' ? depths.length : 0));
			expect(checker.verified).toBeGreaterThan(2000);
			for (const entry of depths) {
				const pair = nameOf(api, entry);
				const [snapshot, ...rest] = checker.messages.filter((message) => message.pair === pair);
				// The snapshot fills the window; the window stays full, as the book is deeper.
				expect(snapshot?.kind).toBe('snapshot');
				expect(snapshot?.asks).toHaveLength(entry.depth);
				expect(snapshot?.bids).toHaveLength(entry.depth);
				expect(rest.every((message) => message.kind === 'update')).toBe(true);
				const book = checker.book(pair);
				expect(book.asks).toHaveLength(entry.depth);
				expect(book.bids).toHaveLength(entry.depth);
				expect(Number(book.bids[0]?.[0])).toBeLessThan(Number(book.asks[0]?.[0]));
			}

			// A level taken and placed again in one move comes twice, deleted then placed.
			expect(updates.some((message) => repeatedPrices(message) > 0)).toBe(true);
			if (api === 'v1') {
				// Levels entering the window are marked, and both sides changing makes two maps.
				expect(updates.some((message) => message.republished > 0)).toBe(true);
				expect(updates.some((message) => message.maps === 2)).toBe(true);
			}
		}
	});
});
