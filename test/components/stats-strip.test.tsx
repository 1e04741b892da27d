import {describe, expect, test} from 'vitest';
import {StatsStrip} from '../../source/components/stats-strip.js';
import type {PairTape} from '../../source/model/tape-store.js';
import type {Ticker} from '../../source/model/types.js';
import {
	asciiDisplay,
	createStore,
	localTime,
	renderFrame,
	tapeOf,
	ticker,
	trade,
} from '../helpers/screen.js';

/**
 * First 100.5, high 110.5, last 105.5; volume 1 + 1 + 2 at a VWAP of 422 / 4 = 105.5; buyers
 * took 3 of 4; trades at 10:00:00, :10 and :20.
 */
function threeTrades(): PairTape {
	const store = createStore(
		['BTC/USD'],
		[
			trade('BTC/USD', 100.5, {volume: 1, time: localTime(10, 0, 0, 0)}),
			trade('BTC/USD', 110.5, {volume: 1, side: 'sell', time: localTime(10, 0, 10, 0)}),
			trade('BTC/USD', 105.5, {volume: 2, time: localTime(10, 0, 20, 0)}),
		],
	);
	return tapeOf(store, 'BTC/USD');
}

const halfMinuteIn = localTime(10, 0, 30, 0);

describe('stats-strip', () => {
	test('shows last, change, range, vwap, volume, pace and the buy share', () => {
		expect(renderFrame(<StatsStrip tape={threeTrades()} now={halfMinuteIn} />, 150)).toBe(
			'last 105.5  chg +5.0 (+4.98%)  high 110.5  low 100.5  vwap 105.5  vol 4.0000  trades/min 3  buy/sell ████████░░ 75% buy',
		);
	});

	test('wraps onto a second line in a narrower terminal when given two rows', () => {
		expect(renderFrame(<StatsStrip tape={threeTrades()} now={halfMinuteIn} rows={2} />, 100)).toBe(
			[
				'last 105.5  chg +5.0 (+4.98%)  high 110.5  low 100.5  vwap 105.5  vol 4.0000  trades/min 3',
				'buy/sell ████████░░ 75% buy',
			].join('\n'),
		);
	});

	test('a falling price shows a negative change and sellers taking more', () => {
		const store = createStore(
			['ETH/USD'],
			[
				trade('ETH/USD', 3200, {volume: 1, side: 'sell'}),
				trade('ETH/USD', 3000, {volume: 3, side: 'sell'}),
			],
		);
		expect(
			renderFrame(<StatsStrip tape={tapeOf(store, 'ETH/USD')} now={0} />, 150, asciiDisplay),
		).toBe(
			'last 3,000  chg -200 (-6.25%)  high 3,200  low 3,000  vwap 3,050  vol 4.0000  trades/min 0  buy/sell ---------- 0% buy',
		);
	});

	test('counts only trades of the last minute', () => {
		const frame = renderFrame(
			<StatsStrip tape={threeTrades()} now={localTime(10, 1, 15, 0)} />,
			150,
		);
		expect(frame).toContain('trades/min 1 ');
	});

	test('the compact variant keeps last, change and pace', () => {
		expect(renderFrame(<StatsStrip isCompact tape={threeTrades()} now={halfMinuteIn} />, 40)).toBe(
			'105.5 +5.0 (+4.98%) 3/min',
		);
	});

	test('says so when there are no trades', () => {
		const store = createStore(['XRP/USD']);
		const tape = tapeOf(store, 'XRP/USD');
		expect(renderFrame(<StatsStrip tape={tape} now={0} />)).toBe('no trades yet');
		expect(renderFrame(<StatsStrip isCompact tape={tape} now={0} />)).toBe('no trades yet');
	});
});

describe('stats-strip with the ticker', () => {
	/** BTC/USD with the ticker asked for, one trade seen, and `sent` figures if any came. */
	function tickerTape(sent?: Ticker, trades = [trade('BTC/USD', 65_843.7, {volume: 1})]): PairTape {
		const store = createStore(['BTC/USD'], trades);
		store.setChannelState('BTC/USD', 'ticker', 'pending');
		if (sent) {
			store.setChannelState('BTC/USD', 'ticker', 'subscribed');
			store.setTicker(sent);
		}

		return tapeOf(store, 'BTC/USD');
	}

	test('shows the 24-hour figures, the best prices and the spread, then the session pace', () => {
		expect(
			renderFrame(<StatsStrip tape={tickerTape(ticker('BTC/USD'))} now={0} rows={2} />, 120),
		).toBe(
			[
				'last 65,843.7  24h +4,213.8 (+6.84%)  high 66,450.0  low 61,325.4  vol 4,182.59  vwap 64,223.4  bid 65,843.7',
				'ask 65,843.8  spread 0.1 (0.02 bp)  trades/min 0  buy/sell ██████████ 100% buy',
			].join('\n'),
		);
	});

	test('at 80 columns the 24-hour figures and the spread come first, what does not fit is left off', () => {
		expect(
			renderFrame(<StatsStrip tape={tickerTape(ticker('BTC/USD'))} now={0} rows={2} />, 80),
		).toBe(
			[
				'last 65,843.7  24h +4,213.8 (+6.84%)  high 66,450.0  low 61,325.4  vol 4,182.59',
				'vwap 64,223.4  bid 65,843.7  ask 65,843.8  spread 0.1 (0.02 bp)  trades/min 0',
			].join('\n'),
		);
	});

	test('a fall reads without colour, and a wide spread in basis points', () => {
		const falling = ticker('BTC/USD', {change: -800, changePct: -1.2, bid: 65_000, ask: 65_100});
		const frame = renderFrame(<StatsStrip tape={tickerTape(falling)} now={0} rows={2} />, 120);
		expect(frame).toContain('24h -800.0 (-1.20%)');
		expect(frame).toContain('spread 100.0 (15.4 bp)');
	});

	test('the ticker before any trade gives the last price and its decimals', () => {
		const frame = renderFrame(
			<StatsStrip tape={tickerTape(ticker('BTC/USD'), [])} now={0} rows={2} />,
			120,
		);
		expect(frame.split('\n')[0]).toMatch(
			/^last 65,843\.7 {2}24h \+4,213\.8 \(\+6\.84%\) {2}high 66,450\.0 /,
		);
		expect(frame).not.toContain('buy/sell');
	});

	test('says it waits for the ticker, and keeps the session figures meanwhile', () => {
		expect(renderFrame(<StatsStrip tape={tickerTape()} now={0} rows={2} />, 120)).toBe(
			[
				'last 65,843.7  24h waiting for ticker  chg 0.0 (0.00%)  high 65,843.7  low 65,843.7  vwap 65,843.7  vol 1.0000',
				'trades/min 0  buy/sell ██████████ 100% buy',
			].join('\n'),
		);
		const store = createStore(['BTC/USD']);
		store.setChannelState('BTC/USD', 'ticker', 'pending');
		expect(renderFrame(<StatsStrip tape={tapeOf(store, 'BTC/USD')} now={0} />)).toBe(
			'no trades yet; waiting for ticker',
		);
	});

	test('a refused ticker says why in the exchange words', () => {
		const store = createStore(['BTC/USD'], [trade('BTC/USD', 100)]);
		store.setChannelState('BTC/USD', 'ticker', 'error', 'Currency pair not supported BTC/USD');
		expect(
			renderFrame(<StatsStrip tape={tapeOf(store, 'BTC/USD')} now={0} rows={2} />, 120),
		).toMatch(/^last 100 {2}24h ticker refused: Currency pair not supported BTC\/USD {2}chg 0 /);
	});

	test('the compact variant shows the 24-hour change in percent', () => {
		expect(
			renderFrame(<StatsStrip isCompact tape={tickerTape(ticker('BTC/USD'))} now={0} />, 40),
		).toBe('65,843.7 24h +6.84% 0/min');
	});
});
