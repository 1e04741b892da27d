import {useEffect, useState} from 'react';
import type {TapeStore} from '../model/tape-store.js';

/**
 * Re-renders on a fixed tick when the store has changed, never per message: a burst of ten
 * thousand trades costs one render, not ten thousand (Ink lays out the whole tree per commit).
 */
export function useStoreVersion(store: TapeStore, tickMs: number): number {
	const [version, setVersion] = useState(store.version);
	useEffect(() => {
		const timer = setInterval(() => setVersion(store.version), tickMs);
		return () => clearInterval(timer);
	}, [store, tickMs]);
	return version;
}
