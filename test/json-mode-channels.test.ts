import {spawnSync} from 'node:child_process';
import {afterEach, describe, expect, test} from 'vitest';
import {z} from 'zod';
import {candleIntervals} from '../source/model/types.js';
import {binPath} from './helpers/built-command.js';
import {isolatedDirectories} from './helpers/isolated-directories.js';
import {startCli, type CliProcess} from './helpers/cli.js';

const tickerLineSchema = z
	.object({
		type: z.literal('ticker'),
		pair: z.string(),
		last: z.number().positive(),
		bid: z.number().positive(),
		bidQty: z.number().positive(),
		ask: z.number().positive(),
		askQty: z.number().positive(),
		high: z.number().positive(),
		low: z.number().positive(),
		volume: z.number().positive(),
		vwap: z.number().positive(),
		change: z.number(),
		changePct: z.number(),
		time: z.iso.datetime(),
		simulated: z.literal(true),
	})
	.strict();

const candleLineSchema = z
	.object({
		type: z.literal('candle'),
		pair: z.string(),
		interval: z.literal([...candleIntervals]),
		start: z.iso.datetime(),
		open: z.number().positive(),
		high: z.number().positive(),
		low: z.number().positive(),
		close: z.number().positive(),
		vwap: z.number().positive(),
		volume: z.number().nonnegative(),
		trades: z.number().int().nonnegative(),
		simulated: z.literal(true),
	})
	.strict();

const levelSchema = z.tuple([z.number().positive(), z.number().positive()]);

const bookLineSchema = z
	.object({
		type: z.literal('book'),
		pair: z.string(),
		bids: z.array(levelSchema).max(10),
		asks: z.array(levelSchema).max(10),
		checksum: z
			.number()
			.int()
			.nonnegative()
			.max(2 ** 32 - 1)
			.optional(),
		time: z.iso.datetime(),
		simulated: z.literal(true),
	})
	.strict();

/** The first `count` lines of the command's output through `head`, as a user's pipe would. */
function headOf(arguments_: readonly string[], count: number): string[] {
	const quoted = arguments_.map((argument) => `'${argument}'`).join(' ');
	const result = spawnSync(
		'bash',
		['-c', `set -o pipefail; "${process.execPath}" "${binPath}" ${quoted} | head -${count}`],
		{
			encoding: 'utf8',
			timeout: 20_000,
			env: {...process.env, NO_COLOR: '1', ...isolatedDirectories()},
		},
	);
	expect(result.status).toBe(0);
	expect(result.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
	// No book failed its check on the way.
	expect(result.stderr).not.toContain('rebuilding');
	return result.stdout.trim().split('\n');
}

type Line = Readonly<{type: string; pair: string}>;
const typesOf = (lines: readonly string[]) =>
	new Set(lines.map((line) => (JSON.parse(line) as Line).type));

const running: CliProcess[] = [];
afterEach(async () => {
	await Promise.all(running.splice(0).map(async (cli) => cli.stop('SIGKILL')));
});

describe('json mode channels', () => {
	test.each([
		['v2', 'BTC/USD'],
		['v1', 'XBT/USD'],
	])(
		'--channels trade,ticker,ohlc on %s writes all three line types, named as the API names the pair',
		(api, pair) => {
			const lines = headOf(
				// The start's history comes first: 200 trades from REST.
				['--demo', '--json', '--api', api, '--channels', 'trade,ticker,ohlc', 'BTC/USD'],
				250,
			);
			expect(lines).toHaveLength(250);
			// On v2 the snapshot's 50 trades are the feed's, and not marked, where REST had them too.
			const backfilled = lines.filter((line) => line.includes('"backfilled":true')).length;
			expect(backfilled).toBeLessThanOrEqual(200);
			expect(backfilled).toBeGreaterThanOrEqual(api === 'v2' ? 150 : 200);
			expect(typesOf(lines)).toEqual(new Set(['trade', 'ticker', 'candle']));
			for (const line of lines) {
				// Each line is exactly what JSON.stringify writes: one object, nothing else.
				expect(line).toBe(JSON.stringify(JSON.parse(line)));
				const parsed = JSON.parse(line) as Line;
				expect(parsed.pair).toBe(pair);
				if (parsed.type === 'ticker') {
					const ticker = tickerLineSchema.parse(parsed);
					expect(Object.keys(ticker)).toEqual(Object.keys(tickerLineSchema.shape));
					expect(ticker.low).toBeLessThanOrEqual(ticker.high);
					expect(ticker.bid).toBeLessThan(ticker.ask);
					// Rounded to two decimals, as documented.
					expect(Math.round(ticker.changePct * 100) / 100).toBe(ticker.changePct);
				} else if (parsed.type === 'candle') {
					const candle = candleLineSchema.parse(parsed);
					expect(Object.keys(candle)).toEqual(Object.keys(candleLineSchema.shape));
					expect(candle.interval).toBe(1);
					expect(Date.parse(candle.start) % 60_000).toBe(0);
					expect(candle.low).toBeLessThanOrEqual(Math.min(candle.open, candle.close));
					expect(candle.high).toBeGreaterThanOrEqual(Math.max(candle.open, candle.close));
				}
			}
		},
	);

	test.each(['v2', 'v1'])(
		"--demo --json --channels trade,ticker,ohlc | head -50 on %s shows all three line types, the candles being the channel's own",
		(api) => {
			const lines = headOf(
				['--demo', '--json', '--api', api, '--channels', 'trade,ticker,ohlc'],
				50,
			);
			expect(lines).toHaveLength(50);
			expect(typesOf(lines)).toEqual(new Set(['trade', 'ticker', 'candle']));
			// No REST history among the candles: v2's snapshot is the last twelve minutes, v1's the
			// last candle, then updates of the candle in progress.
			const starts = lines
				.map((line) => JSON.parse(line) as Line)
				.filter((line) => line.type === 'candle')
				.map((line) => Date.parse(candleLineSchema.parse(line).start));
			const newest = Math.max(...starts);
			expect(Math.min(...starts)).toBeGreaterThanOrEqual(newest - 12 * 60_000);
		},
	);

	test('without --channels only trades are written', () => {
		const lines = headOf(['--demo', '--json', 'BTC/USD', 'ETH/USD'], 40);
		expect(typesOf(lines)).toEqual(new Set(['trade']));
	});

	test('--channels ticker,ohlc --interval 5 writes no trades and five-minute candles', async () => {
		const cli = startCli(['--demo', '--json', '--channels', 'ticker,ohlc', '--interval', '5']);
		running.push(cli);
		await cli.waitForLine((line) => line.includes('"type":"ticker"'));
		await cli.waitForLine((line) => line.includes('"type":"candle"'));
		const lines = cli.stdoutLines();
		expect(typesOf(lines)).toEqual(new Set(['ticker', 'candle']));
		const candles = lines
			.map((line) => JSON.parse(line) as Line)
			.filter((line) => line.type === 'candle')
			.map((line) => candleLineSchema.parse(line));
		// The v2 snapshot sends recent candles, every one on the five-minute grid.
		expect(candles.length).toBeGreaterThan(1);
		for (const candle of candles) {
			expect(candle.interval).toBe(5);
			expect(Date.parse(candle.start) % 300_000).toBe(0);
		}

		expect(cli.stderrText()).toContain('BTC/USD ticker: subscribed');
		expect(cli.stderrText()).toContain('BTC/USD ohlc: subscribed');
	});

	test.each(['v2', 'v1'])(
		'--channels book --depth 25 on %s writes the verified book, ten levels a side, best first',
		(api) => {
			const lines = headOf(
				['--demo', '--json', '--api', api, '--channels', 'book', '--depth', '25'],
				40,
			);
			expect(lines).toHaveLength(40);
			const books = lines.map((line) => bookLineSchema.parse(JSON.parse(line)));
			for (const book of books) {
				expect(book.bids).toHaveLength(10);
				expect(book.asks).toHaveLength(10);
				const bidPrices = book.bids.map(([price]) => price);
				const askPrices = book.asks.map(([price]) => price);
				expect(bidPrices).toEqual(bidPrices.toSorted((a, b) => b - a));
				expect(askPrices).toEqual(askPrices.toSorted((a, b) => a - b));
				expect(bidPrices[0]).toBeLessThan(askPrices[0] ?? 0);
			}

			// v2 checks every message, its snapshot too; a v1 snapshot has no checksum to write.
			const withoutChecksum = books.filter((book) => book.checksum === undefined);
			expect(withoutChecksum.length).toBe(api === 'v1' ? 2 : 0);
		},
	);
});
