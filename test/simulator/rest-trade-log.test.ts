import {describe, expect, test} from 'vitest';
import {sinceNanoseconds, sinceSeconds} from '../../source/simulator/rest/rest-arguments.js';
import {TradeLog} from '../../source/simulator/rest/trade-log.js';
import type {ExchangeTrade} from '../../source/simulator/market-types.js';

/** Trades with ids from `firstId`, two to a microsecond, from 1.7e15 µs on. */
function tradesFrom(firstId: number, count: number): ExchangeTrade[] {
	return Array.from({length: count}, (_, index) => ({
		side: index % 3 === 0 ? 'sell' : 'buy',
		price: 68_000 + ((firstId + index) % 100) / 10,
		volume: (index + 1) / 1e8,
		orderType: index % 2 === 0 ? 'limit' : 'market',
		timeMicros: 1_700_000_000_000_000 + Math.floor((firstId + index) / 2),
		tradeId: firstId + index,
	}));
}

describe('TradeLog', () => {
	test('hands back what was appended, field for field, after the past', () => {
		const past = tradesFrom(1, 10);
		const appended = tradesFrom(11, 5000);
		const log = new TradeLog(() => past);
		log.append(appended.slice(0, 3000));
		log.append(appended.slice(3000));
		expect(log.size).toBe(5010);
		expect(log.slice(0, log.size)).toEqual([...past, ...appended]);
		expect(log.latest(3)).toEqual(appended.slice(-3));
		expect(log.at(5010)).toBeUndefined();
	});

	test('asks for its past only when read', () => {
		let asked = 0;
		const log = new TradeLog(() => {
			asked++;
			return tradesFrom(1, 4);
		});
		log.append(tradesFrom(5, 2));
		expect(asked).toBe(0);
		expect(log.size).toBe(6);
		expect(asked).toBeGreaterThan(0);
	});

	test('keeps the last capacity trades, dropping the past first', () => {
		const log = new TradeLog(() => tradesFrom(1, 100), 1000);
		log.append(tradesFrom(101, 950));
		expect(log.size).toBe(1000);
		expect(log.at(0)?.tradeId).toBe(51);
		log.append(tradesFrom(1051, 9000));
		expect(log.size).toBe(1000);
		expect(log.at(0)?.tradeId).toBe(9051);
		expect(log.latest(1)[0]?.tradeId).toBe(10_050);
	});

	test('finds the first trade at or after a time', () => {
		const log = new TradeLog(() => tradesFrom(1, 7));
		log.append(tradesFrom(8, 9000));
		const base = 1_700_000_000_000_000;
		// Ids 2n and 2n+1 share a microsecond: the first of the two is found.
		expect(log.at(log.firstAtOrAfter(base + 3))?.tradeId).toBe(6);
		expect(log.at(log.firstAtOrAfter(base + 4000))?.tradeId).toBe(8000);
		expect(log.firstAtOrAfter(0)).toBe(0);
		expect(log.firstAtOrAfter(base + 10_000)).toBe(log.size);
	});
});

describe('rest since', () => {
	test.each([
		{text: '0', nanoseconds: 0n},
		{text: '1616663618', nanoseconds: 1_616_663_618_000_000_000n},
		{text: '1616663618.5', nanoseconds: 1_616_663_618_500_000_000n},
		{text: '1688669597.8277369', nanoseconds: 1_688_669_597_827_736_900n},
		{text: '1688669597.8277369123', nanoseconds: 1_688_669_597_827_736_912n},
		// Nineteen digits, above 2^53, every one kept.
		{text: '1688671969993150842', nanoseconds: 1_688_671_969_993_150_842n},
		{text: '1559347200000000000', nanoseconds: 1_559_347_200_000_000_000n},
	])('$text is $nanoseconds ns', ({text, nanoseconds}) => {
		expect(sinceNanoseconds(text)).toBe(nanoseconds);
	});

	test.each(['x', '-1', '1e9', '1.', '.5', '0x10'])('%s is refused', (text) => {
		expect(sinceNanoseconds(text)).toEqual({error: 'EGeneral:Invalid arguments'});
	});

	test('absent is none', () => {
		expect(sinceNanoseconds(null)).toBeUndefined();
		expect(sinceSeconds(null)).toBeUndefined();
	});

	test('ohlc since is whole seconds', () => {
		expect(sinceSeconds('1716523348')).toBe(1_716_523_348);
		expect(sinceSeconds('1716523348.9')).toBe(1_716_523_348);
		expect(sinceSeconds('soon')).toEqual({error: 'EGeneral:Invalid arguments'});
	});
});
