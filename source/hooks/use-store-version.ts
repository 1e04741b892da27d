import {useEffect, useState} from 'react';
import type {TapeStore} from '../model/tape-store.js';

/**
 * How long the first change after a quiet spell waits for the changes that come with it: a trade's
 * ticker and candle come as frames of their own, each handed over in a turn of its own, and drawn
 * apart they cost two or three renders where one shows the same (npm run bench, idle row).
 */
export const gatherMs = 15;

/**
 * Re-renders when the store changes, at most once every `tickMs`, never per message: a burst of
 * ten thousand trades costs one render, not ten thousand (Ink lays out the whole tree per commit).
 * The first change after a quiet spell draws `gatherMs` later, with what came with it, and a
 * tape's first trades draw at once; a quiet store costs no timer at all.
 */
export function useStoreVersion(store: TapeStore, tickMs: number): number {
	const [version, setVersion] = useState(store.version);
	useEffect(() => {
		let timer: NodeJS.Timeout | undefined;
		let publishedAt = Number.NEGATIVE_INFINITY;
		const publish = () => {
			timer = undefined;
			publishedAt = performance.now();
			setVersion(store.version);
		};

		const unsubscribe = store.subscribe((isFirstTrades) => {
			if (isFirstTrades) {
				// A tape's first trades (the screen's first at start): drawn at the end of this turn,
				// with whatever else it brings, not on the next tick.
				clearTimeout(timer);
				timer = setTimeout(publish, 0);
				return;
			}

			timer ??= setTimeout(publish, Math.max(gatherMs, publishedAt + tickMs - performance.now()));
		});
		// Changes between the first render and this subscription.
		publish();
		return () => {
			unsubscribe();
			clearTimeout(timer);
		};
	}, [store, tickMs]);
	return version;
}
