import {describe, expect, test} from 'vitest';
import {requestsOf, SentRequests} from '../../source/kraken/sent-requests.js';

describe('SentRequests', () => {
	test('remembers the channel and pairs of recent requests, for errors that name only their id', () => {
		const sent = new SentRequests();
		sent.sent(
			'subscribe',
			{channel: 'book', pairs: ['BTC/USD', 'ETH/USD'], params: {depth: 25}},
			7,
		);
		expect(sent.channelOf(7)).toBe('book');
		expect(sent.pairsOf(7)).toEqual(['BTC/USD', 'ETH/USD']);
		expect(sent.channelOf(8)).toBeUndefined();
		expect(sent.channelOf(undefined)).toBeUndefined();
		expect(sent.pairsOf(undefined)).toEqual([]);
		for (let id = 100; id < 700; id++) {
			sent.sent('subscribe', {channel: 'trade', pairs: ['BTC/USD'], params: {}}, id);
		}

		expect(sent.channelOf(7)).toBeUndefined();
		expect(sent.pairsOf(7)).toEqual([]);
	});

	test('an unsubscribe is answered once per pair, by its id where the answer has one', () => {
		const sent = new SentRequests();
		sent.sent('unsubscribe', {channel: 'ohlc', pairs: ['BTC/USD', 'ETH/USD'], params: {}}, 3);
		expect(sent.answersUnsubscribe('ohlc', 'BTC/USD', 4)).toBe(false);
		expect(sent.answersUnsubscribe('trade', 'BTC/USD', 3)).toBe(false);
		expect(sent.answersUnsubscribe('ohlc', 'BTC/USD', 3)).toBe(true);
		expect(sent.answersUnsubscribe('ohlc', 'BTC/USD', 3)).toBe(false);
		// v1 acks may carry no id: any unsubscribe of ours for the pair is answered.
		expect(sent.answersUnsubscribe('ohlc', 'ETH/USD', undefined)).toBe(true);
	});

	test('request ids count up from 1 and wrap before 2^31', () => {
		const sent = new SentRequests();
		expect([sent.nextId(), sent.nextId()]).toEqual([1, 2]);
	});

	test('requests go one per channel and parameters, ticker first, then candles, trades and the book', () => {
		const entry = (channel: 'trade' | 'ticker' | 'ohlc' | 'book', pair: string, params = {}) =>
			({channel, pair, params, state: 'pending'}) as const;
		expect(
			requestsOf([
				entry('book', 'A/USD', {depth: 10}),
				entry('trade', 'A/USD'),
				entry('trade', 'B/USD'),
				entry('ohlc', 'A/USD', {interval: 1}),
				entry('ohlc', 'B/USD', {interval: 5}),
				entry('ticker', 'A/USD'),
			]),
		).toEqual([
			{channel: 'ticker', pairs: ['A/USD'], params: {}},
			{channel: 'ohlc', pairs: ['A/USD'], params: {interval: 1}},
			{channel: 'ohlc', pairs: ['B/USD'], params: {interval: 5}},
			{channel: 'trade', pairs: ['A/USD', 'B/USD'], params: {}},
			{channel: 'book', pairs: ['A/USD'], params: {depth: 10}},
		]);
	});
});
