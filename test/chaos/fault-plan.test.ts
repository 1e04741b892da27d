import {describe, expect, test} from 'vitest';
import {seededRandom} from '../../source/simulator/random.js';
import {webSocketFaults} from './fault-proxy.js';
import {planFaults, restFaultChooser} from './fault-plan.js';

describe('fault-plan', () => {
	test('every kind once, in order of time, gaps within the range', () => {
		const plan = planFaults(seededRandom(4), {
			forMs: 0,
			gapMs: [1000, 2000],
			stallMs: [3000, 5000],
			refusals: [1, 3],
			kinds: 'each-once',
		});
		expect(new Set(plan.map((fault) => fault.kind))).toEqual(new Set(webSocketFaults));
		expect(plan).toHaveLength(webSocketFaults.length);
		plan.forEach((fault, index) => {
			const gap = fault.atMs - (plan[index - 1]?.atMs ?? 0);
			expect(gap).toBeGreaterThanOrEqual(999);
			expect(gap).toBeLessThanOrEqual(2001);
			expect(fault.stallMs).toBeGreaterThanOrEqual(3000);
			expect(fault.refusals).toBeGreaterThanOrEqual(1);
		});
	});

	test('kinds at random until the time is up; the same seed, the same plan', () => {
		const settings = {
			forMs: 300_000,
			gapMs: [4000, 30_000],
			stallMs: [15_000, 25_000],
			refusals: [1, 3],
			kinds: 'random',
		} as const;
		const plan = planFaults(seededRandom(9), settings);
		expect(plan.at(-1)!.atMs).toBeLessThanOrEqual(300_000);
		expect(plan.length).toBeGreaterThan(10);
		expect(planFaults(seededRandom(9), settings)).toEqual(plan);
	});

	test('a rest fault never runs longer than allowed for one pair; pairs count apart', () => {
		const choose = restFaultChooser(seededRandom(1), 1, 1);
		const btc = '/0/public/Trades?pair=XBTUSD&since=1';
		const eth = '/0/public/Trades?pair=ETHUSD';
		const faults = [choose(btc), choose(eth), choose(btc), choose(btc), choose(eth)];
		expect(faults.map((fault) => fault === 'rest-pass')).toEqual([false, false, true, false, true]);
	});
});
