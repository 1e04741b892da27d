import type {ConnectionState, SystemStatus} from './types.js';

/** The connection and the data's health, as the status bar reads it. */
export type FeedInfo = Readonly<{
	state: ConnectionState;
	/** When `state` began, for the reconnect countdown. */
	stateSince: number;
	/** Frames received, for messages per second. */
	frames: number;
	lastFrameAt?: number;
	systemStatus?: SystemStatus;
	/** Who sends the data: Kraken, the simulator, or another server; names its words and status. */
	source: string;
	isSimulated: boolean;
	unrecognised: number;
	missing: number;
	/** Pairs whose newer trades wait while a gap is filled from REST, with why REST failed if it did. */
	backfilling: ReadonlyMap<string, string | undefined>;
	/** The server's latest word that is not a pair's (a rate limit); gone with its connection. */
	notice?: string;
	/** Why --record stopped, if it did. */
	recordingError?: string;
	/** That the endpoint cannot be reached and why, until a connection opens (model/unreachable.ts). */
	unreachable?: string;
	/** The latest alert command that failed, until alerts are dismissed. */
	alertCommandProblem?: string;
}>;

/** Before anything is known: closed, no frames, and Kraken unless the data is simulated. */
export function initialFeedInfo(isSimulated: boolean, now: number): FeedInfo {
	return {
		state: {kind: 'closed'},
		stateSince: now,
		frames: 0,
		source: isSimulated ? 'simulator' : 'Kraken',
		isSimulated,
		unrecognised: 0,
		missing: 0,
		backfilling: new Map(),
	};
}
