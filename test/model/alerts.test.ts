import {describe, expect, test} from 'vitest';
import {AlertWatcher, parseAlertRule} from '../../source/model/alerts.js';
import type {AlertOperator, AlertRule, Trade} from '../../source/model/types.js';

const rule = (pair: string, operator: AlertOperator, level: number): AlertRule => ({
	pair,
	operator,
	level,
	text: `${pair}${operator}${level}`,
});

const trade = (price: number, time = price, pair = 'XBT/USD'): Trade => ({
	pair,
	side: 'buy',
	price,
	volume: 1,
	time,
	orderType: 'market',
});

/** Feeds prices one trade at a time and returns the prices that fired. */
function firedPrices(watcher: AlertWatcher, prices: readonly number[]): number[] {
	return prices.flatMap((price) => watcher.check([trade(price)]).map((event) => event.price));
}

describe('alerts', () => {
	test.each<[string, string, AlertOperator, number]>([
		['XBT/USD>=100000', 'XBT/USD', '>=', 100_000],
		['XBT/USD<=95000.5', 'XBT/USD', '<=', 95_000.5],
		['eth/usd>3000', 'eth/usd', '>', 3000],
		['DOGE/USD<0.1', 'DOGE/USD', '<', 0.1],
		['  XBT/USD  >=  100000  ', 'XBT/USD', '>=', 100_000],
	])('parses %j', (text, pair, operator, level) => {
		expect(parseAlertRule(text)).toEqual({ok: true, pair, operator, level});
	});

	test.each<[string, string]>([
		['no operator', 'XBT/USD 100000'],
		['equals sign', 'XBT/USD=100000'],
		['reversed operator', 'XBT/USD=>100000'],
		['double equals', 'XBT/USD==100000'],
		['missing price', 'XBT/USD>='],
		['letters in price', 'XBT/USD>=100k'],
		['price in exponent form', 'XBT/USD>=1e5'],
		['negative price', 'XBT/USD<-5'],
		['trailing dot', 'XBT/USD>=100.'],
		['missing pair', '>=100000'],
		['two operators', 'XBT/USD>=100<200'],
		['empty', ''],
	])('refuses %s', (_name, text) => {
		expect(parseAlertRule(text)).toEqual({
			ok: false,
			message: `alert rule "${text}" is not PAIR OPERATOR PRICE, for example 'XBT/USD>=100000' (operators >=, <=, >, <)`,
		});
	});

	test('fires once per crossing and re-arms when the price goes back', () => {
		const watcher = new AlertWatcher([rule('XBT/USD', '>=', 100)]);
		expect(firedPrices(watcher, [90, 95, 100, 101, 120, 99, 98, 105, 106])).toEqual([100, 105]);
	});

	test('an event carries the rule, price and trade time', () => {
		const above = rule('XBT/USD', '>', 100);
		const watcher = new AlertWatcher([above]);
		expect(watcher.check([trade(90, 1), trade(101, 2), trade(102, 3)])).toEqual([
			{rule: above, price: 101, time: 2},
		]);
	});

	test('fires at once when the first trade already meets the rule', () => {
		const watcher = new AlertWatcher([rule('XBT/USD', '<=', 100)]);
		expect(watcher.check([trade(80, 5)])).toEqual([
			{rule: rule('XBT/USD', '<=', 100), price: 80, time: 5},
		]);
		expect(watcher.check([trade(70, 6)])).toEqual([]);
	});

	test('rules for other pairs are ignored', () => {
		const watcher = new AlertWatcher([rule('ETH/USD', '>=', 100)]);
		expect(watcher.check([trade(150, 1), trade(200, 2)])).toEqual([]);
		expect(watcher.check([trade(150, 3, 'ETH/USD')]).map((event) => event.price)).toEqual([150]);
	});

	test('a trade for another pair does not re-arm a rule', () => {
		const watcher = new AlertWatcher([rule('XBT/USD', '>=', 100)]);
		expect(firedPrices(watcher, [100])).toEqual([100]);
		expect(watcher.check([trade(50, 2, 'ETH/USD')])).toEqual([]);
		expect(firedPrices(watcher, [101])).toEqual([]);
	});

	test.each<[AlertOperator, number, boolean]>([
		['>=', 100, true],
		['>=', 99.99, false],
		['>', 100, false],
		['>', 100.01, true],
		['<=', 100, true],
		['<=', 100.01, false],
		['<', 100, false],
		['<', 99.99, true],
	])('%s 100 at price %s fires: %s', (operator, price, fires) => {
		const watcher = new AlertWatcher([rule('XBT/USD', operator, 100)]);
		expect(firedPrices(watcher, [price])).toEqual(fires ? [price] : []);
	});

	test('each rule keeps its own state', () => {
		const high = rule('XBT/USD', '>', 100);
		const low = rule('XBT/USD', '<', 90);
		const watcher = new AlertWatcher([high, low]);
		const events = watcher.check([trade(95, 1), trade(101, 2), trade(89, 3), trade(102, 4)]);
		expect(events).toEqual([
			{rule: high, price: 101, time: 2},
			{rule: low, price: 89, time: 3},
			{rule: high, price: 102, time: 4},
		]);
	});

	test('a crossing inside one batch fires in trade order', () => {
		const watcher = new AlertWatcher([rule('XBT/USD', '>=', 100)]);
		const events = watcher.check([trade(100, 1), trade(99, 2), trade(100, 3)]);
		expect(events.map((event) => event.time)).toEqual([1, 3]);
	});

	test('a price hovering at the level fires once: re-arming needs a move 0.1% back past it', () => {
		const watcher = new AlertWatcher([rule('XBT/USD', '>=', 100_000)]);
		// Flapping by a few dollars around 100,000 is one crossing, not five.
		expect(firedPrices(watcher, [100_000, 99_995, 100_001, 99_950, 100_010, 99_901])).toEqual([
			100_000,
		]);
		// 99,899 is more than 0.1% below: the rule re-arms and the next crossing fires.
		expect(firedPrices(watcher, [99_899, 100_002])).toEqual([100_002]);
	});

	test('the dead band lies on the side the price comes back from, for every operator', () => {
		const below = new AlertWatcher([rule('XBT/USD', '<', 100)]);
		expect(firedPrices(below, [99, 100.05, 99.5, 100.2, 99.9])).toEqual([99, 99.9]);
	});

	test('no rules, no events', () => {
		expect(new AlertWatcher([]).check([trade(1)])).toEqual([]);
	});
});
