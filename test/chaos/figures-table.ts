import type {ChaosResult} from './chaos-run.js';
import type {TradeFigures} from './trade-comparison.js';

const columns: ReadonlyArray<[heading: string, value: (pair: TradeFigures) => number]> = [
	['made', (pair) => pair.made],
	['written', (pair) => pair.written],
	['backfilled', (pair) => pair.backfilled],
	['doubled', (pair) => pair.doubled],
	['lost', (pair) => pair.lost],
	['reported', (pair) => pair.lostReported],
	['out of order', (pair) => pair.outOfOrder],
	['unknown', (pair) => pair.unknown],
];

const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;

/** A run's figures as a small plain-text table and a few lines under it. */
export function figuresTable(result: ChaosResult): string {
	const {settings} = result;
	const same = (differences: ReadonlyArray<string | undefined>) =>
		differences.every((difference) => difference === undefined) ? 'same' : 'DIFFERS';
	const markets = [...result.markets.values()];
	const rows = result.trades.map((pair): string[] => {
		const market = result.markets.get(pair.pair);
		return [
			pair.pair,
			...columns.map(([, value]) => String(value(pair))),
			same([result.books.get(pair.pair)]),
			`${market?.tickers ?? 0} ${same([market?.ticker])}`,
			`${market?.candles ?? 0} ${same([market?.candle])}`,
		];
	});
	rows.push([
		'all',
		...columns.map(([, value]) =>
			String(result.trades.reduce((sum, pair) => sum + value(pair), 0)),
		),
		same([...result.books.values()]),
		`${markets.reduce((sum, market) => sum + market.tickers, 0)} ${same(markets.map((market) => market.ticker))}`,
		`${markets.reduce((sum, market) => sum + market.candles, 0)} ${same(markets.map((market) => market.candle))}`,
	]);
	const headings = ['pair', ...columns.map(([heading]) => heading), 'book', 'tickers', 'candles'];
	const widths = headings.map((heading, index) =>
		Math.max(heading.length, ...rows.map((row) => row[index]!.length)),
	);
	const line = (cells: readonly string[]) =>
		cells
			.map((cell, index) =>
				index === 0 ? cell.padEnd(widths[index]!) : cell.padStart(widths[index]!),
			)
			.join('  ');
	const faults = [...result.faults]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([kind, count]) => `${kind} ${count}`)
		.join(', ');
	const rest = result.hasRest
		? 'REST through the proxy, with faults'
		: 'no --rest-url in this build: gaps are reported, not filled';
	const {memory} = result;
	return [
		`${settings.api}, seed ${settings.seed}: ${seconds(result.faultsForMs)} of faults, then ${result.isCaughtUp ? `caught up in ${seconds(result.catchUpTookMs)}` : `NOT caught up after ${seconds(result.catchUpTookMs)}`}; ${rest}`,
		line(headings),
		...rows.map((row) => line(row)),
		`faults: ${faults || 'none'}${result.faultsMissed > 0 ? ` (${result.faultsMissed} found no connection)` : ''}`,
		`client: ${result.reconnects} reconnects (${result.handshakes} handshakes), said ${result.saidMissed} trade(s) missed, ${result.bookRebuilds} book rebuilds, ${result.lines} lines${result.unparsable.length > 0 ? `, ${result.unparsable.length} NOT JSON` : ''}${result.malformed.length > 0 ? `, ${result.malformed.length} ticker or candle lines MALFORMED` : ''}${result.unrecognised > 0 ? `, ${result.unrecognised} frames UNREAD` : ''}`,
		`memory (RSS), medians of each third: ${memory.firstMb}, ${memory.middleMb}, ${memory.lastMb} MB; largest ${memory.maximumMb} MB (${memory.samples} samples)`,
		...result.trades.flatMap((pair) => pair.examples.map((text) => `${pair.pair} ${text}`)),
	].join('\n');
}
