import {describe, expect, test} from 'vitest';
import {GridView} from '../../source/components/grid-view.js';
import type {PairTape, TapeStore} from '../../source/model/tape-store.js';
import {createStore, localTime, renderFrame, series, tapeOf, trade} from '../helpers/screen.js';

/** Four pairs, BTC/USD with five trades and ETH/USD with two and an alert. */
function fourPairs(): TapeStore {
	const store = createStore(
		['BTC/USD', 'ETH/USD', 'SOL/USD', 'XRP/USD'],
		[...series('BTC/USD', 5), ...series('ETH/USD', 2, 3000)],
	);
	store.addAlerts([
		{rule: {pair: 'ETH/USD', operator: '>=', level: 1, text: 'ETH/USD>=1'}, price: 1, time: 0},
	]);
	return store;
}

function grid(
	store: TapeStore,
	focused: string,
	width: number,
	height: number,
	skipFor: (tape: PairTape) => number = () => 0,
): string[] {
	const tapes = store.pairs.map((pair) => tapeOf(store, pair));
	return renderFrame(
		<GridView
			tapes={tapes}
			focused={focused}
			width={width}
			height={height}
			now={0}
			skipFor={skipFor}
		/>,
		width,
	).split('\n');
}

const top = '╭──────────────────────────────────────╮';
const bottom = '╰──────────────────────────────────────╯';
const blank = '│                                      │';
const waiting = (pair: string) => [
	`│${`${pair}`.padEnd(38)}│`,
	'│no trades yet                         │',
	`│${`waiting for ${pair.slice(2)} trades`.padEnd(38)}│`,
];

describe('grid-view', () => {
	test('shows every pair as a card with name, compact stats and a short tape', () => {
		expect(grid(fourPairs(), 'BTC/USD', 80, 12)).toEqual([
			top + top,
			'│1 BTC/USD                             ││2 ETH/USD 🔔                          │',
			'│105 +4 (+3.96%) 0/min                 ││3,002 +1 (+0.03%) 0/min               │',
			'│10:00:04.000 B        105 0.50000000  ││10:00:01.000 S      3,002 0.50000000  │',
			'│10:00:03.000 S        104 0.50000000  ││10:00:00.000 B      3,001 0.50000000  │',
			bottom + bottom,
			top + top,
			...waiting('3 SOL/USD').map((line, index) => line + (waiting('4 XRP/USD')[index] ?? '')),
			blank + blank,
			bottom + bottom,
		]);
	});

	test('each card skips what it is told to, for a paused tape', () => {
		const lines = grid(fourPairs(), 'BTC/USD', 80, 12, (tape) => (tape.pair === 'BTC/USD' ? 2 : 0));
		expect(lines.slice(3, 5)).toEqual([
			'│10:00:02.000 B        103 0.50000000  ││10:00:01.000 S      3,002 0.50000000  │',
			'│10:00:01.000 S        102 0.50000000  ││10:00:00.000 B      3,001 0.50000000  │',
		]);
	});

	test('uses more columns in a wider terminal and counts the pairs left out', () => {
		expect(grid(fourPairs(), 'SOL/USD', 120, 7)).toEqual([
			top + top + top,
			'│1 BTC/USD                             ││2 ETH/USD 🔔                          ││3 SOL/USD                             │',
			'│105 +4 (+3.96%) 0/min                 ││3,002 +1 (+0.03%) 0/min               ││no trades yet                         │',
			'│10:00:04.000 B        105 0.50000000  ││10:00:01.000 S      3,002 0.50000000  ││waiting for SOL/USD trades            │',
			'│10:00:03.000 S        104 0.50000000  ││10:00:00.000 B      3,001 0.50000000  ││                                      │',
			bottom + bottom + bottom,
			'+1 more pair(s): widen the terminal or use ←→',
		]);
	});

	test('always shows the focused pair when not all fit', () => {
		const lines = grid(fourPairs(), 'XRP/USD', 80, 6);
		expect(lines).toEqual([
			top + top,
			...waiting('3 SOL/USD').map((line, index) => line + (waiting('4 XRP/USD')[index] ?? '')),
			bottom + bottom,
			'+2 more pair(s): widen the terminal or use ←→',
		]);
		expect(grid(fourPairs(), 'BTC/USD', 80, 6)[1]).toBe(
			'│1 BTC/USD                             ││2 ETH/USD 🔔                          │',
		);
		expect(grid(fourPairs(), 'SOL/USD', 80, 6)[1]).toBe(
			'│2 ETH/USD 🔔                          ││3 SOL/USD                             │',
		);
	});

	// The count line is truncated: wrapped below 55 columns, it would overrun the height.
	test('never draws taller than its height, even when narrow', () => {
		for (const [width, height] of [
			[40, 7],
			[40, 3],
			[50, 9],
		] as const) {
			const lines = grid(fourPairs(), 'BTC/USD', width, height);
			expect(lines.length, `${width}x${height}`).toBeLessThanOrEqual(height);
		}
	});

	test('one pair takes the whole width', () => {
		const store = createStore(['BTC/USD'], series('BTC/USD', 5));
		const lines = grid(store, 'BTC/USD', 80, 6);
		expect(lines[0]).toBe(`╭${'─'.repeat(78)}╮`);
		expect(lines).toHaveLength(6);
		expect(lines.join('\n')).not.toContain('more pair(s)');
	});
});

describe('grid-view cards', () => {
	// The field report's 1,199.30 above 908.43602986: each card's volumes share their decimals
	// and line up on the point, however narrow the card.
	test.each([80, 100, 120, 160, 200])(
		'at width %i every volume of a card has the same decimals, aligned on the point',
		(width) => {
			const volumes = [1199.3, 908.436_029_86, 0.000_5, 12.5];
			const store = createStore(
				['BTC/USD', 'ETH/USD'],
				['BTC/USD', 'ETH/USD'].flatMap((pair, pairIndex) =>
					volumes.map((volume, index) =>
						trade(pair, 68_000 / (pairIndex * 19 + 1), {
							volume,
							time: localTime(10, 0, index, 0),
						}),
					),
				),
			);
			const lines = grid(store, 'BTC/USD', width, 8);
			// Each card's rows, by card: the text between one border and the next.
			const cards = [0, 1].map((card) =>
				lines.map((line) => line.split('│').filter((cell) => cell !== '')[card] ?? ''),
			);
			for (const [card, rows] of cards.entries()) {
				const shown = rows
					.map((row) => /^\S+ [BS] +[\d,.]+ +([\d,]+)\.(\d+)/.exec(row))
					.filter((match) => match !== null);
				expect(shown, `card ${card}:\n${rows.join('\n')}`).toHaveLength(4);
				// Where each point is: the match runs from the row's start to the volume's end.
				const points = shown.map((match) => match[0].length - (match[2]?.length ?? 0) - 1);
				expect(new Set(points).size, rows.join('\n')).toBe(1);
				expect(new Set(shown.map((match) => match[2]?.length)).size, rows.join('\n')).toBe(1);
				// The newest first: 12.5, 0.0005 (all its digits where they fit, else rounded alike).
				expect(Number(shown[0]?.[1]?.replaceAll(',', ''))).toBe(12);
			}
		},
	);
});
