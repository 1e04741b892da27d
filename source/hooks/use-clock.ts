import {useEffect, useRef, useState} from 'react';

/**
 * The time of this render, for ages and countdowns. The clock renders by itself only when nothing
 * else has for `intervalMs`: a screen that redraws for trades anyway gets no extra frames from
 * the clock (the idle row of npm run bench). Its timer checks four times an interval and
 * renders nothing by itself.
 */
export function useClock(intervalMs: number): number {
	const [, setTick] = useState(0);
	const now = Date.now();
	const renderedAt = useRef(now);
	renderedAt.current = now;
	useEffect(() => {
		const timer = setInterval(() => {
			if (Date.now() - renderedAt.current >= intervalMs) {
				setTick((tick) => tick + 1);
			}
		}, intervalMs / 4);
		return () => clearInterval(timer);
	}, [intervalMs]);
	return now;
}
