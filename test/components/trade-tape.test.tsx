import {describe, expect, test} from 'vitest';
import {TradeTape} from '../../source/components/trade-tape.js';
import {unicodeGlyphs} from '../../source/model/glyphs.js';
import type {TapeStore} from '../../source/model/tape-store.js';
import type {Trade} from '../../source/model/types.js';
import type {Display} from '../../source/hooks/use-display.js';
import {
	asciiDisplay,
	createStore,
	localTime,
	renderFrame,
	series,
	tapeOf,
	trade,
} from '../helpers/screen.js';

/** A buy of 0.25 at 68,409.9 (14:03:07.001), then a market sell of 1.5 at 68,412.3 (.412). */
function twoTrades(): TapeStore {
	return createStore(
		['BTC/USD'],
		[
			trade('BTC/USD', 68_409.9, {time: localTime(14, 3, 7, 1), volume: 0.25}),
			trade('BTC/USD', 68_412.3, {side: 'sell', orderType: 'market', volume: 1.5}),
		],
	);
}

function tape(
	store: TapeStore,
	width: number,
	rows = 5,
	skip?: number,
	bigNotional?: number,
	display: Display = {glyphs: unicodeGlyphs},
) {
	return renderFrame(
		<TradeTape tape={tapeOf(store, 'BTC/USD')} rows={rows} width={width} skip={skip} />,
		width,
		{...display, bigNotional},
	);
}

describe('trade-tape', () => {
	test('lists trades newest first with time to the millisecond, side, price, volume, notional and type', () => {
		expect(tape(twoTrades(), 100).split('\n')).toEqual([
			'time                     price          volume        notional type',
			'14:03:07.412 S        68,412.3      1.50000000      102,618.45 market',
			'14:03:07.001 B        68,409.9      0.25000000       17,102.48 limit',
		]);
	});

	test.each<[number, string[]]>([
		[
			80,
			[
				'time                   price        volume     notional type',
				'14:03:07.412 S      68,412.3    1.50000000   102,618.45 market',
				'14:03:07.001 B      68,409.9    0.25000000    17,102.48 limit',
			],
		],
		[
			60,
			[
				'time                   price        volume     notional',
				'14:03:07.412 S      68,412.3    1.50000000   102,618.45',
				'14:03:07.001 B      68,409.9    0.25000000    17,102.48',
			],
		],
		[
			50,
			[
				'time                      price           volume',
				'14:03:07.412 S         68,412.3       1.50000000',
				'14:03:07.001 B         68,409.9       0.25000000',
			],
		],
		[
			40,
			[
				'time                 price      volume',
				'14:03:07.412 S    68,412.3  1.50000000',
				'14:03:07.001 B    68,409.9  0.25000000',
			],
		],
	])('at width %i drops order type, then notional', (width, expected) => {
		const frame = tape(twoTrades(), width);
		expect(frame.split('\n')).toEqual(expected);
		for (const line of frame.split('\n')) {
			expect(line.length).toBeLessThanOrEqual(width);
		}
	});

	test('shows as many rows as it is given, header included', () => {
		const store = createStore(['BTC/USD'], series('BTC/USD', 10));
		expect(tape(store, 40, 4).split('\n')).toEqual([
			'time                 price      volume',
			'10:00:09.000 S         110  0.50000000',
			'10:00:08.000 B         109  0.50000000',
			'10:00:07.000 S         108  0.50000000',
		]);
	});

	test.each([
		[100, 8],
		[80, 7],
		[60, 7],
		[40, 5],
	])(
		'at width %i every volume has the same decimals (%i), aligned on the point',
		(width, decimals) => {
			const store = createStore(
				['BTC/USD'],
				[1199.3, 908.436_029_86, 0.000_5, 12.5].map((volume, index) =>
					trade('BTC/USD', 68_000, {volume, time: localTime(10, 0, index, 0)}),
				),
			);
			const rows = tape(store, width, 6).split('\n').slice(1);
			// The volume is the second number after the side: its point and its decimals.
			const volumes = rows.map((row) => /^\S+ [BS] +[\d,.]+ +([\d,]+)\.(\d+)/.exec(row));
			const points = volumes.map(
				(match, index) =>
					(match?.index ?? 0) +
					rows[index]!.indexOf(`${match?.[1]}.${match?.[2]}`) +
					(match?.[1]?.length ?? 0),
			);
			expect(new Set(points).size).toBe(1);
			expect(new Set(volumes.map((match) => match?.[2]?.length)).size).toBe(1);
			// The pair's eight decimals where they fit; fewer, for every row alike, where not.
			expect(volumes[0]?.[2]?.length).toBe(decimals);
		},
	);

	test('skips the newest trades it is told to', () => {
		const store = createStore(['BTC/USD'], series('BTC/USD', 10));
		expect(tape(store, 40, 3, 4).split('\n').slice(1)).toEqual([
			'10:00:05.000 S         106  0.50000000',
			'10:00:04.000 B         105  0.50000000',
		]);
	});

	test('marks where the feed was interrupted, between the trades either side', () => {
		const store = createStore(['BTC/USD'], series('BTC/USD', 3));
		store.addMarker('BTC/USD', 'reconnected after 12 s', localTime(10, 0, 14, 0));
		store.addTrades(
			series('BTC/USD', 2, 200).map((entry, index) => ({
				...entry,
				time: localTime(10, 0, 20 + index, 0),
			})),
		);
		expect(tape(store, 40, 8).split('\n').slice(1)).toEqual([
			'10:00:21.000 S         202  0.50000000',
			'10:00:20.000 B         201  0.50000000',
			'── 10:00:14 reconnected after 12 s ─────',
			'10:00:02.000 B         103  0.50000000',
			'10:00:01.000 S         102  0.50000000',
			'10:00:00.000 B         101  0.50000000',
		]);
		// Scrolled past the newer trades, the mark is the first row: it still sits in its place.
		expect(tape(store, 40, 3, 2).split('\n').slice(1)).toEqual([
			'── 10:00:14 reconnected after 12 s ─────',
			'10:00:02.000 B         103  0.50000000',
		]);
	});

	test('a mark with no trade after it yet is the newest row', () => {
		const store = createStore(['BTC/USD'], series('BTC/USD', 2));
		store.addMarker('BTC/USD', 'trade ids restarted', localTime(10, 0, 5, 0));
		expect(tape(store, 40, 3, 0, undefined, asciiDisplay).split('\n').slice(1)).toEqual([
			'-- 10:00:05 trade ids restarted --------',
			'10:00:01.000 S         102  0.50000000',
		]);
	});

	test('without a header it is only rows', () => {
		const store = createStore(['BTC/USD'], series('BTC/USD', 10));
		const frame = renderFrame(
			<TradeTape tape={tapeOf(store, 'BTC/USD')} rows={2} width={40} hasHeader={false} />,
			40,
		);
		expect(frame.split('\n')).toEqual([
			'10:00:09.000 S         110  0.50000000',
			'10:00:08.000 B         109  0.50000000',
		]);
	});

	test('waits for the first trade', () => {
		expect(tape(createStore(['BTC/USD']), 80)).toBe('waiting for BTC/USD trades');
	});

	test('a refused subscription shows why instead of trades', () => {
		const store = twoTrades();
		store.setChannelState('BTC/USD', 'trade', 'error', 'Currency pair not supported BTC/USD');
		expect(tape(store, 80)).toBe('BTC/USD: Currency pair not supported BTC/USD');
		store.setChannelState('BTC/USD', 'trade', 'error');
		expect(tape(store, 80)).toBe('BTC/USD: subscription refused');
	});

	test('a fixed big notional marks trades at or over it with *', () => {
		expect(tape(twoTrades(), 100, 5, 0, 100_000).split('\n').slice(1)).toEqual([
			'14:03:07.412 S        68,412.3      1.50000000      102,618.45 market *',
			'14:03:07.001 B        68,409.9      0.25000000       17,102.48 limit',
		]);
		expect(tape(twoTrades(), 100, 5, 0, 17_102.475).split('\n').slice(1)).toEqual([
			'14:03:07.412 S        68,412.3      1.50000000      102,618.45 market *',
			'14:03:07.001 B        68,409.9      0.25000000       17,102.48 limit  *',
		]);
	});

	test('by default a trade is big at ten times the average notional, from 20 trades', () => {
		// Nineteen trades of 50 and one of 1000: average 97.5, so big from 975.
		const small = (index: number): Trade =>
			trade('BTC/USD', 100, {volume: 0.5, time: localTime(9, 0, index, 0)});
		const store = createStore(
			['BTC/USD'],
			Array.from({length: 18}, (_, index) => small(index)),
		);
		store.addTrades([trade('BTC/USD', 100, {volume: 10, time: localTime(9, 0, 30, 0)})]);
		const rows = () => tape(store, 80, 3).split('\n').slice(1);
		expect(rows()).toEqual([
			'09:00:30.000 B           100   10.00000000     1,000.00 limit',
			'09:00:17.000 B           100    0.50000000        50.00 limit',
		]);
		store.addTrades([small(40)]);
		expect(rows()).toEqual([
			'09:00:40.000 B           100    0.50000000        50.00 limit',
			'09:00:30.000 B           100   10.00000000     1,000.00 limit  *',
		]);
	});
});
