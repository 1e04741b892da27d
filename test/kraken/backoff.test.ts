import {describe, expect, test} from 'vitest';
import {
	bookRenewalDelay,
	defaultBackoffPolicy,
	nextDelay,
	type BackoffInput,
	type BackoffPolicy,
} from '../../source/kraken/backoff.js';

const input = (change: Partial<BackoffInput>): BackoffInput => ({
	failures: 1,
	isOnline: true,
	wasRateLimited: false,
	attemptTimes: [],
	now: 1_000_000_000,
	random: 0,
	...change,
});

/** mulberry32: a small seeded generator, so a failing simulation can be replayed. */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d_2b_79_f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** The most attempts that fall in any half-open window `[start, start + windowMs)`. */
function busiestWindow(times: readonly number[], windowMs: number): number {
	let busiest = 0;
	let end = 0;
	for (let start = 0; start < times.length; start++) {
		while (end < times.length && (times[end] ?? 0) < (times[start] ?? 0) + windowMs) {
			end++;
		}

		busiest = Math.max(busiest, end - start);
	}

	return busiest;
}

type Simulation = Readonly<{
	hours: number;
	seed: number;
	/** Consecutive failures counted for the attempt that just ended. */
	failuresFor: (attempt: number) => number;
	isOnline?: (attempt: number) => boolean;
	/** How long each attempt lasts before it fails. */
	lifetimeMs: (random: () => number) => number;
	policy?: BackoffPolicy;
}>;

/** Connects, fails, waits nextDelay, and again, for `hours`; returns the attempt start times. */
function simulate(simulation: Simulation): number[] {
	const random = seededRandom(simulation.seed);
	const policy = simulation.policy ?? defaultBackoffPolicy;
	const times: number[] = [];
	let now = 0;
	for (let attempt = 1; now < simulation.hours * 3_600_000; attempt++) {
		times.push(now);
		now += simulation.lifetimeMs(random);
		const delay = nextDelay(
			{
				failures: simulation.failuresFor(attempt),
				isOnline: simulation.isOnline?.(attempt) ?? true,
				wasRateLimited: false,
				attemptTimes: times,
				now,
				random: random(),
			},
			policy,
		);
		expect(delay).toBeGreaterThanOrEqual(0);
		now += delay;
	}

	return times;
}

describe('backoff', () => {
	test.each<[number, number, number]>([
		// failures, random, delay: 500 ms doubling, times a jitter of 0.5 to 1
		[1, 0, 250],
		[1, 0.5, 375],
		[1, 0.999, 500],
		[2, 0, 500],
		[2, 0.5, 750],
		[3, 0, 1000],
		[3, 0.999, 1999],
	])('after a random drop, failure %i with random %f waits %i ms', (failures, random, delay) => {
		expect(nextDelay(input({failures, random}))).toBe(delay);
	});

	test('quick retries stay under 5 s with jitter inside half to full of the base', () => {
		const random = seededRandom(1);
		for (let failures = 1; failures <= defaultBackoffPolicy.quickRetries; failures++) {
			const base = 500 * 2 ** (failures - 1);
			for (let index = 0; index < 200; index++) {
				const delay = nextDelay(input({failures, random: random()}));
				expect(delay).toBeGreaterThanOrEqual(base / 2);
				expect(delay).toBeLessThanOrEqual(base);
				expect(delay).toBeLessThan(5000);
			}
		}
	});

	test('jitter spreads the delay', () => {
		const delays = new Set([0, 0.25, 0.5, 0.75].map((random) => nextDelay(input({random}))));
		expect(delays.size).toBe(4);
	});

	test.each<[number, boolean, number, number]>([
		// failures, isOnline, random, delay
		[4, true, 0, 5000],
		[4, true, 0.999, 5000],
		[5, true, 0, 5000],
		[5, true, 0.999, 9995],
		[1, false, 0, 5000],
		[1, false, 0.999, 5000],
		[2, false, 0.5, 5000],
		[5, false, 0.5, 7500],
	])('failure %i with online %s and random %f waits %i ms', (failures, isOnline, random, delay) => {
		expect(nextDelay(input({failures, isOnline, random}))).toBe(delay);
	});

	test('never waits less than 5 s once quick retries are spent or while not online', () => {
		const random = seededRandom(2);
		for (let failures = 1; failures <= 40; failures++) {
			for (const isOnline of [true, false]) {
				const delay = nextDelay(input({failures, isOnline, random: random()}));
				if (!isOnline || failures > defaultBackoffPolicy.quickRetries) {
					expect(delay).toBeGreaterThanOrEqual(5000);
				}
			}
		}
	});

	test.each<[number, boolean, number, number]>([
		[1, true, 0, 15_000],
		[1, true, 0.999, 15_000],
		[1, false, 0.5, 15_000],
		[5, true, 0.999, 29_985],
		[30, true, 0.999, 59_970],
	])(
		'rate limited failure %i (online %s, random %f) waits %i ms',
		(failures, isOnline, random, delay) => {
			expect(nextDelay(input({failures, isOnline, random, wasRateLimited: true}))).toBe(delay);
		},
	);

	test('rate limited never waits less than 15 s', () => {
		const random = seededRandom(3);
		for (let failures = 1; failures <= 40; failures++) {
			const delay = nextDelay(input({failures, random: random(), wasRateLimited: true}));
			expect(delay).toBeGreaterThanOrEqual(15_000);
		}
	});

	test('grows with each failure and caps at capMs', () => {
		const delays = [4, 5, 6, 7, 8, 9, 20, 1000, 5000].map((failures) =>
			nextDelay(input({failures, random: 0.999})),
		);
		expect(delays).toEqual([5000, 9995, 19_990, 39_980, 59_970, 59_970, 59_970, 59_970, 59_970]);
	});

	test('caps at a smaller capMs too', () => {
		const policy = {...defaultBackoffPolicy, capMs: 12_000};
		expect(nextDelay(input({failures: 50, random: 0.999}), policy)).toBe(11_994);
		expect(nextDelay(input({failures: 50, random: 0}), policy)).toBe(6000);
	});

	test('with a full window waits until the oldest attempt leaves it', () => {
		const now = 1_000_000_000;
		// 60 attempts, one a second, the oldest 590 s ago: it leaves the window in 10 s.
		const attemptTimes = Array.from({length: 60}, (_, index) => now - 590_000 + index * 1000);
		expect(nextDelay(input({attemptTimes, now}))).toBe(10_000);
	});

	test('attempts older than the window do not count', () => {
		const now = 1_000_000_000;
		const old = Array.from({length: 100}, (_, index) => now - 700_000 + index);
		const recent = Array.from({length: 59}, (_, index) => now - 59_000 + index * 1000);
		expect(nextDelay(input({attemptTimes: [...old, ...recent], now}))).toBe(250);
	});

	test('with more attempts than the budget waits until enough have left', () => {
		const now = 1_000_000_000;
		// 70 attempts: after the wait, 59 remain, so the next is the 60th.
		const attemptTimes = Array.from({length: 70}, (_, index) => now - 599_000 + index * 1000);
		expect(nextDelay(input({attemptTimes, now}))).toBe(11_000);
	});

	test('the window wait wins over a longer backoff only when longer', () => {
		const now = 1_000_000_000;
		const attemptTimes = Array.from({length: 60}, (_, index) => now - 599_000 + index * 1000);
		expect(nextDelay(input({attemptTimes, now, failures: 4}))).toBe(5000);
		expect(nextDelay(input({attemptTimes, now, wasRateLimited: true}))).toBe(15_000);
	});

	test('two hours of consecutive failures stay within the window budget', () => {
		const times = simulate({
			hours: 2,
			seed: 42,
			failuresFor: (attempt) => attempt,
			lifetimeMs: (random) => Math.floor(random() * 10_000),
		});
		const busiest = busiestWindow(times, defaultBackoffPolicy.windowMs);
		expect(busiest).toBeLessThanOrEqual(defaultBackoffPolicy.maximumAttemptsPerWindow);
		expect(busiest).toBeLessThan(150);
		expect(times.length).toBeGreaterThan(100);
	});

	test('a connection that drops at once forever is held to the window budget', () => {
		// Worst case: every attempt counts as a first failure after a random drop.
		const times = simulate({hours: 2, seed: 7, failuresFor: () => 1, lifetimeMs: () => 0});
		expect(busiestWindow(times, defaultBackoffPolicy.windowMs)).toBe(
			defaultBackoffPolicy.maximumAttemptsPerWindow,
		);
		expect(times.length).toBeLessThanOrEqual(12 * 60 + 1);
	});

	test('flapping between online and maintenance stays within the budget', () => {
		const times = simulate({
			hours: 2,
			seed: 9,
			failuresFor: (attempt) => (attempt % 5) + 1,
			isOnline: (attempt) => attempt % 7 !== 0,
			lifetimeMs: (random) => Math.floor(random() * 2000),
		});
		expect(busiestWindow(times, defaultBackoffPolicy.windowMs)).toBeLessThanOrEqual(
			defaultBackoffPolicy.maximumAttemptsPerWindow,
		);
	});

	test('a smaller budget is honoured the same way', () => {
		const policy = {...defaultBackoffPolicy, maximumAttemptsPerWindow: 10, windowMs: 60_000};
		const times = simulate({hours: 1, seed: 5, failuresFor: () => 1, lifetimeMs: () => 0, policy});
		expect(busiestWindow(times, policy.windowMs)).toBe(10);
	});
});

describe('bookRenewalDelay', () => {
	test('renews at once the first time, then waits 1, 2, 4 … s up to 30 s', () => {
		const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((failingRun) => bookRenewalDelay(failingRun));
		expect(delays).toEqual([0, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
	});

	test('follows the policy given', () => {
		const policy = {...defaultBackoffPolicy, bookRenewalBaseMs: 100, bookRenewalCapMs: 250};
		expect([1, 2, 3, 4].map((failingRun) => bookRenewalDelay(failingRun, policy))).toEqual([
			0, 100, 200, 250,
		]);
	});
});
