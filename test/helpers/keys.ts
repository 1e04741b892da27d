/**
 * Keys as a terminal sends them (xterm's normal cursor-key mode), for the screen tests and the
 * real-terminal tests alike. Home and End also come as ESC [1~ and ESC [4~ from some terminals.
 */
export const keys = {
	right: '\u001B[C',
	left: '\u001B[D',
	up: '\u001B[A',
	down: '\u001B[B',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	homeVt: '\u001B[1~',
	end: '\u001B[F',
	endVt: '\u001B[4~',
	tab: '\t',
	shiftTab: '\u001B[Z',
	escape: '\u001B',
	enter: '\r',
	space: ' ',
	// The Backspace key sends DEL on most terminals and Ctrl-H (BS) on some.
	backspace: '\u007F',
	ctrlH: '\b',
	ctrlC: '\u0003',
} as const;
