import {describe, expect, test} from 'vitest';
import {assetFor, parsePair} from '../../source/kraken/pair-names.js';
import type {ApiVersion} from '../../source/model/types.js';

const notAPair = (text: string): string =>
	`"${text}" is not a currency pair: write it as BASE/QUOTE, for example XBT/USD`;
const sameAsset = (text: string): string =>
	`"${text}" is not a currency pair: base and quote are the same`;

describe('pair-names', () => {
	test.each<[string, string, string]>([
		// input, v1 name, v2 name
		['XBT/USD', 'XBT/USD', 'BTC/USD'],
		['btc/usd', 'XBT/USD', 'BTC/USD'],
		['BTC/USD', 'XBT/USD', 'BTC/USD'],
		['xdg/usd', 'XDG/USD', 'DOGE/USD'],
		['DOGE/USD', 'XDG/USD', 'DOGE/USD'],
		['XBT/ETH', 'XBT/ETH', 'BTC/ETH'],
		['eth/xbt', 'ETH/XBT', 'ETH/BTC'],
		['eth/btc', 'ETH/XBT', 'ETH/BTC'],
		['DOGE/XBT', 'XDG/XBT', 'DOGE/BTC'],
		['1inch/eur', '1INCH/EUR', '1INCH/EUR'],
		['  sol/usd  ', 'SOL/USD', 'SOL/USD'],
	])('parses %s as %s on v1 and %s on v2', (text, v1, v2) => {
		expect(parsePair(text, 'v1')).toEqual({ok: true, pair: v1});
		expect(parsePair(text, 'v2')).toEqual({ok: true, pair: v2});
	});

	test.each<[string]>([
		['XBTUSD'],
		['XBT-USD'],
		['XBT/'],
		['/USD'],
		['XBT/USD/EUR'],
		['XB T/USD'],
		[''],
		['🚀/USD'],
		['BTC/💵'],
		['XBT\\USD'],
		['XBT/USD\n'.repeat(2)],
		['ABCDEFGHIJKLM/USD'],
		['XBT/\u001B[2J'],
	])('rejects %j', (text) => {
		for (const api of ['v1', 'v2'] as const) {
			expect(parsePair(text, api)).toEqual({ok: false, message: notAPair(text)});
		}
	});

	test('rejects a pair of one asset with itself', () => {
		expect(parsePair('XBT/XBT', 'v1')).toEqual({ok: false, message: sameAsset('XBT/XBT')});
		expect(parsePair('usd/USD', 'v2')).toEqual({ok: false, message: sameAsset('usd/USD')});
	});

	test.each<[string, ApiVersion]>([
		['XBT/BTC', 'v1'],
		['btc/xbt', 'v2'],
		['xdg/doge', 'v2'],
	])('rejects %s on %s: both names of one asset', (text, api) => {
		expect(parsePair(text, api)).toEqual({ok: false, message: sameAsset(text)});
	});

	test.each<[string]>([['ß/usd'], ['usd/bıt']])(
		'rejects %s: non-ASCII letters that upper-case into ASCII',
		(text) => {
			expect(parsePair(text, 'v2')).toEqual({ok: false, message: notAPair(text)});
		},
	);

	test.each<[ApiVersion, string, string]>([
		['v1', 'BTC', 'XBT'],
		['v1', 'DOGE', 'XDG'],
		['v1', 'XBT', 'XBT'],
		['v1', 'ETH', 'ETH'],
		['v2', 'XBT', 'BTC'],
		['v2', 'XDG', 'DOGE'],
		['v2', 'BTC', 'BTC'],
		['v2', 'USD', 'USD'],
	])('asset on %s: %s is %s', (api, asset, expected) => {
		expect(assetFor(api, asset)).toBe(expected);
	});
});
