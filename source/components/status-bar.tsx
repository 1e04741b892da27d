import {Box, Text} from 'ink';
import {describeState} from '../model/describe.js';
import type {FeedInfo} from '../model/tape-store.js';

type Properties = Readonly<{feed: FeedInfo; api: string; host: string; now: number}>;

/** Connection state, where the data comes from, how fresh it is; SIMULATED when it is. */
export function StatusBar({feed, api, host, now}: Properties) {
	const {state} = feed;
	const isHealthy = state.kind === 'subscribed';
	const age = feed.lastFrameAt === undefined ? undefined : Math.max(0, now - feed.lastFrameAt);
	return (
		<Box columnGap={2}>
			{feed.isSimulated && (
				<Text inverse bold>
					{' SIMULATED '}
				</Text>
			)}
			<Text color={isHealthy ? 'green' : 'yellow'} wrap="truncate">
				{describeState(state)}
			</Text>
			<Text dimColor>{`${api} ${host}`}</Text>
			{age !== undefined && (
				<Text dimColor={age < 5000}>{`last frame ${(age / 1000).toFixed(1)} s ago`}</Text>
			)}
			{feed.systemStatus !== undefined && feed.systemStatus !== 'online' && (
				<Text color="yellow">{`Kraken: ${feed.systemStatus}`}</Text>
			)}
			{feed.unrecognised > 0 && <Text color="yellow">{`${feed.unrecognised} unrecognised`}</Text>}
		</Box>
	);
}
