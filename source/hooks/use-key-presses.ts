import {useStdin} from 'ink';
import {useEffect, useRef} from 'react';
import {parseKeys, type KeyPress} from './key-names.js';

/**
 * Calls `handler` for every key press, one at a time, including each key of a burst read
 * together. Ink's useInput hands a burst over as one string with the flags of the whole, and its
 * parser drops some bursts entirely ("\x7f\x7f" arrives as ""), so this listens to the input
 * events Ink has already split at escape sequences and names the keys itself (key-names.ts).
 * Raw mode is on while this is active; without a terminal on stdin it is inactive.
 */
export function useKeyPresses(
	handler: (press: KeyPress) => void,
	/** Called after the last key of each read, burst or single key. */
	onReadEnd?: () => void,
): void {
	const {setRawMode, isRawModeSupported, internal_eventEmitter: events} = useStdin();
	const isActive = isRawModeSupported === true;
	// The newest handler, read at each event: Ink's event comes between renders.
	const latest = useRef({handler, onReadEnd});
	latest.current = {handler, onReadEnd};

	useEffect(() => {
		if (!isActive) {
			return;
		}

		setRawMode(true);
		const listener = (event: string) => {
			for (const press of parseKeys(event)) {
				latest.current.handler(press);
			}

			latest.current.onReadEnd?.();
		};

		events.on('input', listener);
		return () => {
			events.off('input', listener);
			setRawMode(false);
		};
	}, [isActive, setRawMode, events]);
}
