import {describe, expect, test} from 'vitest';
import {StatusBar} from '../../source/components/status-bar.js';
import type {FeedInfo} from '../../source/model/tape-store.js';
import {asciiDisplay, renderFrame} from '../helpers/screen.js';

const now = 1_700_000_000_000;

function feed(change: Partial<FeedInfo> = {}): FeedInfo {
	return {
		state: {kind: 'subscribed'},
		stateSince: now - 60_000,
		frames: 0,
		source: 'Kraken',
		isSimulated: false,
		unrecognised: 0,
		missing: 0,
		backfilling: new Map(),
		...change,
	};
}

type BarOptions = Partial<{
	feed: FeedInfo;
	refusedPairs: string[];
	arrivedWhilePaused: number;
	messagesPerSecond: number;
	ascii: boolean;
	width: number;
}>;

function bar(options: BarOptions = {}): string {
	return renderFrame(
		<StatusBar
			feed={options.feed ?? feed()}
			api="v2"
			host="ws.kraken.com"
			now={now}
			messagesPerSecond={options.messagesPerSecond ?? 0}
			refusedPairs={options.refusedPairs ?? []}
			arrivedWhilePaused={options.arrivedWhilePaused}
			staleAfterMs={10_000}
		/>,
		options.width ?? 200,
		options.ascii ? asciiDisplay : undefined,
	);
}

const reconnecting = {
	kind: 'reconnecting',
	delayMs: 5000,
	attempt: 3,
	reason: 'connection refused',
} as const;

describe('status-bar', () => {
	test('shows the state, age of the last frame, rate, api and host', () => {
		expect(bar({feed: feed({lastFrameAt: now - 1500}), messagesPerSecond: 42})).toBe(
			'subscribed, last data 1.5 s ago 42 msg/s │ v2 ws.kraken.com',
		);
	});

	test('has no age before the first frame', () => {
		expect(bar({feed: feed({state: {kind: 'connecting', attempt: 1}})})).toBe(
			'connecting 0 msg/s │ v2 ws.kraken.com',
		);
	});

	test.each<[number, string]>([
		[9_999, ', last data 10.0 s ago'],
		[10_000, ' STALE 10 s'],
		[12_900, ' STALE 12 s'],
	])('a frame %i ms old shows %s (stale after 10 s)', (age, text) => {
		expect(bar({feed: feed({lastFrameAt: now - age})})).toBe(
			`subscribed${text} 0 msg/s │ v2 ws.kraken.com`,
		);
	});

	test.each<[number, string]>([
		[0, '5 s'],
		[1200, '4 s'],
		[4001, '1 s'],
		[5000, '0 s'],
		[9000, '0 s'],
	])('counts the reconnect down from when it began: %i ms in, %s left', (elapsed, left) => {
		expect(bar({feed: feed({state: reconnecting, stateSince: now - elapsed})})).toBe(
			`connection refused; reconnecting in ${left} (attempt 3) 0 msg/s │ v2 ws.kraken.com`,
		);
	});

	test('shows Kraken status only when not online', () => {
		expect(bar({feed: feed({systemStatus: 'online'})})).toBe(
			'subscribed 0 msg/s │ v2 ws.kraken.com',
		);
		expect(bar({feed: feed({systemStatus: 'maintenance'})})).toBe(
			'subscribed Kraken maintenance 0 msg/s │ v2 ws.kraken.com',
		);
	});

	test('lists refused pairs, bad frames, missed trades and a notice', () => {
		expect(
			bar({
				feed: feed({unrecognised: 3, missing: 7, notice: 'rate limited'}),
				refusedPairs: ['NOPE/USD', 'FOO/BAR'],
			}),
		).toBe(
			'subscribed refused: NOPE/USD, FOO/BAR 3 bad frames 7 trades missed rate limited 0 msg/s │ v2 ws.kraken.com',
		);
	});

	test('says which pairs wait on REST history, and why REST failed where it did', () => {
		const backfilling = new Map([
			['BTC/USD', undefined],
			['ETH/USD', 'HTTP 503'],
		]);
		expect(bar({feed: feed({backfilling}), width: 160})).toBe(
			'subscribed filling from REST: BTC/USD, ETH/USD (HTTP 503) 0 msg/s │ v2 ws.kraken.com',
		);
	});

	test('marks simulated data and a paused tape with the trades since', () => {
		expect(bar({feed: feed({isSimulated: true}), arrivedWhilePaused: 12})).toBe(
			' SIMULATED   PAUSED +12  subscribed 0 msg/s │ v2 ws.kraken.com',
		);
		expect(bar({arrivedWhilePaused: 0})).toBe(' PAUSED +0  subscribed 0 msg/s │ v2 ws.kraken.com');
	});

	test('ascii glyphs separate the host with |', () => {
		expect(bar({ascii: true})).toBe('subscribed 0 msg/s | v2 ws.kraken.com');
	});

	test('stays one line when it does not fit', () => {
		const frame = bar({
			feed: feed({
				state: reconnecting,
				stateSince: now,
				unrecognised: 3,
				notice: 'a long notice from the server',
			}),
			width: 60,
		});
		// Most important first: the rate is what goes when the line is full.
		expect(frame).toBe('connection refused; reconnecting in 5 s (attempt 3)');
	});
});
