import {useRef} from 'react';

/**
 * Per-second rate of a growing counter, measured between renders: each call compares the
 * counter with the last sample at least a second old.
 */
export function useRate(count: number, now: number): number {
	const sample = useRef({count, time: now, rate: 0});
	const elapsed = now - sample.current.time;
	if (elapsed >= 1000) {
		sample.current = {
			count,
			time: now,
			rate: Math.round(((count - sample.current.count) * 1000) / elapsed),
		};
	}

	return sample.current.rate;
}
