import {describe, expect, test} from 'vitest';
import {PairTabs} from '../../source/components/pair-tabs.js';
import type {TapeStore} from '../../source/model/tape-store.js';
import {asciiDisplay, createStore, renderFrame, tapeOf, ticker, trade} from '../helpers/screen.js';

/** Up, down, flat, no trades yet, refused; SOL/USD alerted. */
function marketStore(): TapeStore {
	const store = createStore(
		['BTC/USD', 'ETH/USD', 'SOL/USD', 'XRP/USD', 'NOPE/USD'],
		[
			trade('BTC/USD', 68_000.5),
			trade('BTC/USD', 68_001.5),
			trade('ETH/USD', 3500.25),
			trade('ETH/USD', 3499.75),
			trade('SOL/USD', 150),
			trade('SOL/USD', 150),
		],
	);
	store.setChannelState('NOPE/USD', 'trade', 'error', 'Currency pair not supported NOPE/USD');
	store.addAlerts([
		{
			rule: {pair: 'SOL/USD', operator: '>=', level: 150, text: 'SOL/USD>=150'},
			price: 150,
			time: 0,
		},
	]);
	return store;
}

function tabs(store: TapeStore, focused: string | undefined, ascii = false, width = 100): string {
	const tapes = store.pairs.map((pair) => tapeOf(store, pair));
	return renderFrame(
		<PairTabs tapes={tapes} focused={focused} width={width} />,
		width,
		ascii ? asciiDisplay : undefined,
	);
}

describe('pair-tabs', () => {
	test('shows each pair with its last price and direction, the focused one in brackets', () => {
		expect(tabs(marketStore(), 'ETH/USD')).toBe(
			' 1 BTC/USD 68,001.5 ▲  [2 ETH/USD 3,499.75 ▼]  3 SOL/USD 🔔 150 =   4 XRP/USD …   5 NOPE/USD !',
		);
	});

	test('ascii glyphs mark direction with ^ and v', () => {
		expect(tabs(marketStore(), 'BTC/USD', true)).toBe(
			'[1 BTC/USD 68,001.5 ^]  2 ETH/USD 3,499.75 v   3 SOL/USD (!) 150 =   4 XRP/USD ...   5 NOPE/USD !',
		);
	});

	test('a single trade is flat and no focus draws no brackets', () => {
		const store = createStore(['BTC/USD'], [trade('BTC/USD', 68_000.5)]);
		expect(tabs(store, undefined)).toBe(' 1 BTC/USD 68,000.5 =');
	});

	test('a refused pair shows ! even when it has a price', () => {
		const store = createStore(['BTC/USD'], [trade('BTC/USD', 1), trade('BTC/USD', 2)]);
		store.setChannelState('BTC/USD', 'trade', 'error', 'refused');
		expect(tabs(store, 'BTC/USD')).toBe('[1 BTC/USD !]');
	});

	test('tabs that do not fit stay on one line and are counted on each side', () => {
		const pairs = ['BTC/USD', 'ETH/USD', 'SOL/USD', 'XRP/USD', 'ADA/USD', 'DOT/USD'];
		const store = createStore(pairs);
		expect(tabs(store, 'BTC/USD', false, 40)).toBe('[1 BTC/USD …]  2 ETH/USD …   +4');
		expect(tabs(store, 'XRP/USD', false, 40)).toBe('+3 [4 XRP/USD …]  5 ADA/USD …   +1');
		expect(tabs(store, 'DOT/USD', false, 40)).toBe('+4  5 ADA/USD …  [6 DOT/USD …]');
	});

	test('each pair with a ticker shows its 24-hour change, signed so it reads without colour', () => {
		const store = marketStore();
		store.setTicker(ticker('BTC/USD', {change: 4213.8, changePct: 6.84}));
		store.setTicker(ticker('ETH/USD', {change: -42.5, changePct: -1.2}));
		store.setTicker(ticker('XRP/USD', {last: 0.5123, change: 0, changePct: 0}));
		store.setTicker(ticker('NOPE/USD', {change: 1, changePct: 1}));
		expect(tabs(store, 'ETH/USD', true, 140)).toBe(
			' 1 BTC/USD 68,001.5 ^ +6.84%  [2 ETH/USD 3,499.75 v -1.20%]  3 SOL/USD (!) 150 =   4 XRP/USD 0.5123 = 0.00%   5 NOPE/USD !',
		);
	});
});
