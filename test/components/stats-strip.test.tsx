import {describe, expect, test} from 'vitest';
import {StatsStrip} from '../../source/components/stats-strip.js';
import type {PairTape} from '../../source/model/tape-store.js';
import {
	asciiDisplay,
	createStore,
	localTime,
	renderFrame,
	tapeOf,
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
