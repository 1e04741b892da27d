/** Lines of the client's stderr kept whole at the end, for a report of a failed run. */
const tailLength = 40;

/** A hole the client reported in a pair's v2 trades: `missing` trades after `afterTradeId`. */
export type ReportedHole = Readonly<{pair: string; afterTradeId: number; missing: number}>;

/**
 * What the client said on stderr, counted: each reconnect it announced (`…; reconnecting in
 * 1.0 s (attempt 2)`), each hole it reported (`BTC/USD: 12 trade(s) missed after trade id 345`,
 * json-mode.ts), each book rebuilt, each refusal of a ticker or ohlc subscription
 * (`BTC/USD ticker: error: …`) and each frame it could not read; and the last lines as they were.
 */
export class ClientLog {
	reconnects = 0;
	/** `Date.now()` when the last reconnect was announced; 0 before any. */
	lastReconnectAt = 0;
	/** Lines saying a ticker or ohlc subscription was refused. */
	readonly channelErrors: string[] = [];
	/** Frames the client said it ignored, unrecognised (the exchange sends none). */
	unrecognised = 0;
	/** Trades the client itself said it missed, summed over its gap lines. */
	saidMissed = 0;
	bookRebuilds = 0;
	lines = 0;
	readonly holes: ReportedHole[] = [];
	readonly tail: string[] = [];

	read(line: string): void {
		this.lines++;
		this.tail.push(line);
		if (this.tail.length > tailLength) {
			this.tail.shift();
		}

		if (/; reconnecting in /.test(line)) {
			this.reconnects++;
			this.lastReconnectAt = Date.now();
		}

		if (/^kraken-tape: \S+ (ticker|ohlc): error/.test(line)) {
			this.channelErrors.push(line);
		}

		// Said for the first five, then every hundredth, each with the count so far.
		const ignored = /ignored an unrecognised frame .*; (\d+) so far$/.exec(line);
		if (ignored) {
			this.unrecognised = Math.max(this.unrecognised, Number(ignored[1]));
		}

		const missed = /^kraken-tape: (.+): (\d+) trade\(s\) missed after trade id (\d+)/.exec(line);
		if (missed) {
			const hole = {pair: missed[1]!, missing: Number(missed[2]), afterTradeId: Number(missed[3])};
			this.saidMissed += hole.missing;
			this.holes.push(hole);
		}

		if (/ book: .*rebuilding it/.test(line)) {
			this.bookRebuilds++;
		}
	}
}
