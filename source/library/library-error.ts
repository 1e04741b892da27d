/**
 * A bad argument to the library: a pair that is not BASE/QUOTE, a URL that is not one, a depth
 * Kraken does not serve. Thrown at once, in the words the command uses; nothing throws later
 * from inside a feed (faults are events).
 */
export class KrakenTapeError extends Error {
	override readonly name = 'KrakenTapeError';
}
