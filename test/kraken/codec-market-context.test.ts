import {describe, expect, test} from 'vitest';
import type {FeedMessage} from '../../source/kraken/feed-message.js';
import {codecV1} from '../../source/kraken/v1/codec.js';
import {codecV2} from '../../source/kraken/v2/codec.js';
import {v1Frames, v2Frames} from '../fixtures/frames.js';

// The ticker and ohlc channels (docs/kraken-protocol.md, 8), decoded from real frames.

describe('v2 ticker', () => {
	test.each<[string, string, FeedMessage]>([
		[
			'real 2024 snapshot: no timestamp, zeros kept in the text but not in the number',
			v2Frames.tickerReal2024,
			{
				kind: 'ticker',
				ticker: {
					pair: 'BTC/USD',
					last: 65_972.9,
					bid: 65_972.8,
					bidQty: 0.1,
					ask: 65_972.9,
					askQty: 39.675_066_83,
					high: 66_450,
					low: 61_325.4,
					volume: 4216.618_293_7,
					vwap: 64_275.2,
					change: 4412.1,
					changePct: 7.17,
				},
				isSnapshot: true,
			},
		],
		[
			'real 2024 update',
			v2Frames.tickerUpdate2024,
			{
				kind: 'ticker',
				ticker: {
					pair: 'BTC/USD',
					last: 65_843.7,
					bid: 65_843.7,
					bidQty: 12.316_286_29,
					ask: 65_843.8,
					askQty: 0.312_32,
					high: 66_450,
					low: 61_325.4,
					volume: 4182.594_479_76,
					vwap: 64_223.4,
					change: 4213.8,
					changePct: 6.84,
				},
				isSnapshot: false,
			},
		],
		[
			'real 2026, with its timestamp',
			v2Frames.tickerReal2026,
			{
				kind: 'ticker',
				ticker: {
					pair: 'USDT/USD',
					last: 0.999_81,
					bid: 0.9998,
					bidQty: 44_620.686_918_83,
					ask: 0.999_81,
					askQty: 1_087_605.704_668_58,
					high: 1,
					low: 0.999_59,
					volume: 270_638_277.504_612_8,
					vwap: 0.999_83,
					change: 0.000_05,
					changePct: 0.01,
					time: Date.parse('2026-09-24T03:54:18.054886Z'),
				},
				isSnapshot: true,
			},
		],
	])('decodes %s', (_name, frame, expected) => {
		expect(codecV2.decode(frame)).toEqual(expected);
	});

	test('decodes the doc example, whose change is negative', () => {
		const message = codecV2.decode(v2Frames.tickerDoc);
		expect(message.kind === 'ticker' && message.ticker.change).toBe(-0.000_17);
		expect(message.kind === 'ticker' && message.ticker.changePct).toBe(-0.17);
	});

	test('acks name the channel, subscribing and unsubscribing', () => {
		expect(codecV2.decode(v2Frames.tickerSubscribed)).toEqual({
			kind: 'subscribed',
			channel: 'ticker',
			pair: 'BTC/USD',
			reqId: 7,
		});
		expect(codecV2.decode(v2Frames.tickerUnsubscribed)).toEqual({
			kind: 'unsubscribed',
			channel: 'ticker',
			pair: 'BTC/USD',
			reqId: 987_654_321,
		});
	});

	test.each([
		['a negative price', {bid: -1}],
		['a price as text', {last: '65972.9'}],
		['a missing figure', {vwap: undefined}],
		['no symbol', {symbol: undefined}],
	])('refuses %s without throwing', (_name, change) => {
		const entry = {...(JSON.parse(v2Frames.tickerReal2024) as {data: object[]}).data[0], ...change};
		const frame = JSON.stringify({channel: 'ticker', type: 'update', data: [entry]});
		expect(codecV2.decode(frame)).toEqual({
			kind: 'unrecognised',
			reason: expect.stringMatching(/^ticker message/),
		});
	});

	test('refuses a ticker message with no entry', () => {
		expect(codecV2.decode('{"channel":"ticker","type":"update","data":[]}').kind).toBe(
			'unrecognised',
		);
	});
});

describe('v1 ticker', () => {
	test('takes the last 24 hours of every pair, and computes the change from the price 24 h ago', () => {
		const message = codecV1.decode(v1Frames.ticker);
		expect(message.kind).toBe('ticker');
		if (message.kind !== 'ticker') {
			return;
		}

		expect(message.ticker).toMatchObject({
			pair: 'XBT/USD',
			last: 37_080.1,
			bid: 37_080.1,
			bidQty: 24.491_099_74,
			ask: 37_080.2,
			askQty: 0.494_799_77,
			high: 37_289.7,
			low: 36_658,
			volume: 1394.360_712_46,
			vwap: 37_042.4894,
		});
		// o[1] is 37160.10000: last 37080.1 is 80 below it, exactly.
		expect(message.ticker.change).toBe(-80);
		expect(message.ticker.changePct).toBeCloseTo((-80 / 37_160.1) * 100, 9);
		expect(message.ticker.time).toBeUndefined();
	});

	test('acks name the channel', () => {
		expect(codecV1.decode(v1Frames.tickerSubscribedDoc)).toEqual({
			kind: 'subscribed',
			channel: 'ticker',
			pair: 'XBT/EUR',
		});
	});

	test('refuses a ticker frame with a figure that is not a decimal', () => {
		const frame = v1Frames.ticker.replace('"37080.10000","0.01268510"', '"abc","0.01268510"');
		expect(codecV1.decode(frame).kind).toBe('unrecognised');
	});
});

describe('v2 ohlc', () => {
	test('a snapshot is its candles, each starting at interval_begin', () => {
		expect(codecV2.decode(v2Frames.ohlcSnapshot)).toEqual({
			kind: 'candles',
			candles: [
				{
					pair: 'BTC/USD',
					interval: 1,
					start: Date.parse('2026-10-06T17:57:00Z'),
					open: 85_702.8,
					high: 85_702.8,
					low: 85_697.9,
					close: 85_697.9,
					vwap: 85_700,
					volume: 0.693_679_51,
					trades: 36,
				},
				{
					pair: 'BTC/USD',
					interval: 1,
					start: Date.parse('2026-10-06T17:58:00Z'),
					open: 85_697.9,
					high: 85_697.9,
					low: 85_686,
					close: 85_690.7,
					vwap: 85_687.5,
					volume: 0.087_678_12,
					trades: 40,
				},
			],
			isSnapshot: true,
		});
	});

	test('updates re-send the candle in progress, with the same start', () => {
		const first = codecV2.decode(v2Frames.ohlcUpdate);
		const later = codecV2.decode(v2Frames.ohlcUpdateLater);
		expect(first.kind === 'candles' && first.candles[0]?.start).toBe(
			Date.parse('2026-10-06T18:06:00Z'),
		);
		expect(later.kind === 'candles' && later.candles[0]).toMatchObject({
			start: Date.parse('2026-10-06T18:06:00Z'),
			close: 85_754.7,
			trades: 12,
			volume: 0.517_077_22,
		});
		expect(first.kind === 'candles' && first.isSnapshot).toBe(false);
	});

	test('the ack names the channel and its interval despite its warning', () => {
		expect(codecV2.decode(v2Frames.ohlcSubscribed)).toEqual({
			kind: 'subscribed',
			channel: 'ohlc',
			pair: 'BTC/USD',
			interval: 1,
		});
	});

	test('refuses a row without interval_begin', () => {
		const frame = v2Frames.ohlcUpdate.replace(
			'"interval_begin":"2026-10-06T18:06:00.000000000Z",',
			'',
		);
		expect(codecV2.decode(frame).kind).toBe('unrecognised');
	});
});

describe('v1 ohlc', () => {
	test('the start is the end less the interval; the first time is the last update', () => {
		expect(codecV1.decode(v1Frames.ohlc)).toEqual({
			kind: 'candles',
			candles: [
				{
					pair: 'XBT/USD',
					interval: 1,
					// etime 1699797240 less one minute.
					start: 1_699_797_180_000,
					open: 37_080.2,
					high: 37_080.2,
					low: 37_080.2,
					close: 37_080.2,
					vwap: 37_080.2,
					volume: 0.010_323_69,
					trades: 2,
				},
			],
			isSnapshot: false,
		});
	});

	test('the interval comes from the channel name', () => {
		const frame = v1Frames.ohlc.replace('"ohlc-1"', '"ohlc-5"');
		const message = codecV1.decode(frame);
		expect(message.kind === 'candles' && message.candles[0]).toMatchObject({
			interval: 5,
			start: 1_699_797_240_000 - 5 * 60_000,
		});
	});

	test('the ack names the channel and its interval', () => {
		expect(codecV1.decode(v1Frames.ohlcSubscribed)).toEqual({
			kind: 'subscribed',
			channel: 'ohlc',
			pair: 'TBTC/EUR',
			reqId: 1_687_892_776_395,
			interval: 1,
		});
	});
});

describe('encoding', () => {
	test('v2 asks for candles by interval, and unsubscribes them by interval', () => {
		const request = {
			channel: 'ohlc',
			pairs: ['BTC/USD'],
			params: {interval: 5, snapshot: true},
		} as const;
		expect(codecV2.encodeSubscribe(request, 4)).toBe(
			'{"method":"subscribe","params":{"channel":"ohlc","symbol":["BTC/USD"],"interval":5,"snapshot":true},"req_id":4}',
		);
		expect(codecV2.encodeUnsubscribe(request, 5)).toBe(
			'{"method":"unsubscribe","params":{"channel":"ohlc","symbol":["BTC/USD"],"interval":5},"req_id":5}',
		);
	});

	test('v1 names the interval in the subscription, and takes no snapshot flag', () => {
		const request = {
			channel: 'ohlc',
			pairs: ['XBT/EUR'],
			params: {interval: 5, snapshot: true},
		} as const;
		expect(codecV1.encodeSubscribe(request, 1)).toBe(
			'{"event":"subscribe","pair":["XBT/EUR"],"subscription":{"interval":5,"name":"ohlc"},"reqid":1}',
		);
		expect(
			codecV1.encodeSubscribe({channel: 'ticker', pairs: ['XBT/USD'], params: {snapshot: true}}, 2),
		).toBe('{"event":"subscribe","pair":["XBT/USD"],"subscription":{"name":"ticker"},"reqid":2}');
	});
});
