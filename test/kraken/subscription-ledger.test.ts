import {describe, expect, test} from 'vitest';
import {SubscriptionLedger} from '../../source/kraken/subscription-ledger.js';

const trade = {snapshot: true} as const;

describe('subscription-ledger', () => {
	const pendingPairs = (ledger: SubscriptionLedger) =>
		ledger.pending().map((entry) => `${entry.channel} ${entry.pair}`);

	test('what is wanted is pending, once per channel and pair, with its parameters', () => {
		const ledger = new SubscriptionLedger();
		expect(ledger.want('trade', 'BTC/USD', trade)).toBe(true);
		expect(ledger.want('trade', 'ETH/USD', trade)).toBe(true);
		expect(ledger.want('trade', 'BTC/USD', trade)).toBe(false);
		expect(ledger.want('ohlc', 'BTC/USD', {interval: 5})).toBe(true);
		expect(pendingPairs(ledger)).toEqual(['trade BTC/USD', 'trade ETH/USD', 'ohlc BTC/USD']);
		expect(ledger.get('ohlc', 'BTC/USD')?.params).toEqual({interval: 5});
		expect(ledger.isWanting()).toBe(true);
	});

	test('an ack, a refusal and the exchange ending one each have their state', () => {
		const ledger = new SubscriptionLedger();
		for (const pair of ['A/USD', 'B/USD', 'C/USD']) {
			ledger.want('trade', pair, trade);
		}

		expect(ledger.acknowledge('trade', 'A/USD', 1000)).toMatchObject({
			state: 'subscribed',
			acknowledgedAt: 1000,
		});
		expect(ledger.refuse('trade', 'B/USD', 'Currency pair not supported B/USD')).toMatchObject({
			state: 'error',
			message: 'Currency pair not supported B/USD',
		});
		expect(ledger.end('trade', 'C/USD', 'unsubscribed by the exchange')).toMatchObject({
			state: 'unsubscribed',
		});
		expect(ledger.pending()).toEqual([]);
		// Unknown ones are not invented.
		expect(ledger.acknowledge('trade', 'Z/USD', 1)).toBeUndefined();
	});

	test('a lost connection makes the acknowledged pending again, and leaves refusals be', () => {
		const ledger = new SubscriptionLedger();
		ledger.want('trade', 'A/USD', trade);
		ledger.want('trade', 'B/USD', trade);
		ledger.acknowledge('trade', 'A/USD', 1000);
		ledger.refuse('trade', 'B/USD', 'no');
		expect(ledger.connectionLost().map((entry) => entry.pair)).toEqual(['A/USD']);
		expect(ledger.get('trade', 'A/USD')).toMatchObject({
			state: 'pending',
			acknowledgedAt: undefined,
		});
		expect(ledger.get('trade', 'B/USD')?.state).toBe('error');
		expect(pendingPairs(ledger)).toEqual(['trade A/USD']);
	});

	test('a refused pair can be wanted again', () => {
		const ledger = new SubscriptionLedger();
		ledger.want('trade', 'A/USD', trade);
		ledger.refuse('trade', 'A/USD', 'no');
		expect(ledger.isWanting()).toBe(false);
		expect(ledger.want('trade', 'A/USD', trade)).toBe(true);
		expect(ledger.get('trade', 'A/USD')?.state).toBe('pending');
	});

	test('removing returns what it was, so only an acknowledged one is unsubscribed there', () => {
		const ledger = new SubscriptionLedger();
		ledger.want('trade', 'A/USD', trade);
		ledger.acknowledge('trade', 'A/USD', 1);
		expect(ledger.remove('trade', 'A/USD')?.state).toBe('subscribed');
		expect(ledger.remove('trade', 'A/USD')).toBeUndefined();
		expect(ledger.all()).toEqual([]);
	});
});
