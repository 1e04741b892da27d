import {Box, Text} from 'ink';
import {useDisplay} from '../hooks/use-display.js';
import {describeState} from '../model/describe.js';
import type {FeedInfo} from '../model/tape-store.js';
import type {BookHealth} from '../model/types.js';

type Properties = Readonly<{
	feed: FeedInfo;
	api: string;
	host: string;
	now: number;
	messagesPerSecond: number;
	/** Pairs whose subscription Kraken refused. */
	refusedPairs: readonly string[];
	/** Trades that arrived since the tape was paused; undefined when not paused. */
	arrivedWhilePaused?: number;
	/** Silence after which the client calls the connection stale. */
	staleAfterMs: number;
	/** Whether anything is subscribed: without a subscription, silence is expected, not stale. */
	isExpectingData?: boolean;
	/** Each book's health, for the pairs something has been said of. */
	bookHealth?: readonly BookHealth[];
}>;

function stateText(feed: FeedInfo, now: number): string {
	const {state} = feed;
	if (state.kind === 'reconnecting') {
		const left = Math.max(0, state.delayMs - (now - feed.stateSince));
		return `${state.reason}; reconnecting in ${Math.ceil(left / 1000)} s (attempt ${state.attempt})`;
	}

	return describeState(state);
}

/** The status bar's height: one line, cut from its end when narrow. */
export const statusBarRows = 1;

/**
 * Connection, source, pace and freshness of the data, at a glance. One line, most important
 * first: what does not fit the width is cut from the end (rate and host go first).
 */
export function StatusBar(properties: Properties) {
	const {
		feed,
		api,
		host,
		now,
		messagesPerSecond,
		refusedPairs,
		arrivedWhilePaused,
		staleAfterMs,
		isExpectingData = true,
		bookHealth = [],
	} = properties;
	const staleBooks = bookHealth.filter((health) => health.state === 'stale');
	const bookFailures = bookHealth.reduce((sum, health) => sum + health.failures, 0);
	const bookResyncs = bookHealth.reduce((sum, health) => sum + health.resyncs, 0);
	// A pair whose REST call failed says why: its newer trades wait on it.
	const backfilling = [...feed.backfilling].map(([pair, failure]) =>
		failure === undefined ? pair : `${pair} (${failure})`,
	);
	const {glyphs, theme} = useDisplay();
	const age =
		feed.lastFrameAt === undefined || !isExpectingData
			? undefined
			: Math.max(0, now - feed.lastFrameAt);
	const isStale = age !== undefined && age >= staleAfterMs;
	return (
		<Box columnGap={1} flexWrap="wrap" height={1} overflow="hidden">
			{feed.isSimulated && (
				<Text inverse bold>
					{' SIMULATED '}
				</Text>
			)}
			{arrivedWhilePaused !== undefined && (
				<Text bold {...theme.highlight}>{` PAUSED +${arrivedWhilePaused} `}</Text>
			)}
			{/* The age belongs to the data, not the state: "subscribed, last data 0.4 s ago". */}
			<Text wrap="truncate">
				<Text
					color={feed.state.kind === 'subscribed' ? theme.ok : theme.warning}
					bold={feed.state.kind !== 'subscribed'}
				>
					{stateText(feed, now)}
				</Text>
				{age !== undefined &&
					(isStale ? (
						<Text color={theme.stale} bold>{` STALE ${Math.floor(age / 1000)} s`}</Text>
					) : (
						<Text {...theme.muted}>{`, last data ${(age / 1000).toFixed(1)} s ago`}</Text>
					))}
			</Text>
			{feed.alertCommandProblem !== undefined && (
				<Text color={theme.warning} bold>
					{feed.alertCommandProblem}
				</Text>
			)}
			{feed.systemStatus !== undefined && feed.systemStatus !== 'online' && (
				<Text color={theme.warning} bold>{`${feed.source} ${feed.systemStatus}`}</Text>
			)}
			{refusedPairs.length > 0 && (
				<Text color={theme.stale}>{`refused: ${refusedPairs.join(', ')}`}</Text>
			)}
			{feed.unrecognised > 0 && (
				<Text color={theme.warning}>{`${feed.unrecognised} bad frames`}</Text>
			)}
			{feed.missing > 0 && <Text color={theme.warning}>{`${feed.missing} trades missed`}</Text>}
			{backfilling.length > 0 && (
				<Text color={theme.warning}>{`filling from REST: ${backfilling.join(', ')}`}</Text>
			)}
			{staleBooks.length > 0 && (
				<Text color={theme.stale} bold>
					{`BOOK STALE ${staleBooks.map((health) => health.pair).join(', ')}`}
				</Text>
			)}
			{bookFailures > 0 && (
				<Text color={theme.warning}>
					{`book: ${bookFailures} failed check${bookFailures === 1 ? '' : 's'}, ${bookResyncs} resync${bookResyncs === 1 ? '' : 's'}`}
				</Text>
			)}
			{feed.recordingError !== undefined && (
				<Text color={theme.warning}>{feed.recordingError}</Text>
			)}
			{feed.notice !== undefined && <Text color={theme.warning}>{feed.notice}</Text>}
			<Text {...theme.muted}>{`${messagesPerSecond} msg/s`}</Text>
			<Text {...theme.muted}>{`${glyphs.separator} ${api} ${host}`}</Text>
		</Box>
	);
}
