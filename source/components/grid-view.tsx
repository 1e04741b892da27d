import {Box, Text} from 'ink';
import {useDisplay} from '../hooks/use-display.js';
import type {PairStatsSnapshot} from '../model/pair-stats.js';
import type {PairTape} from '../model/tape-store.js';
import {PairCard} from './pair-card.js';
import type {TapeContent} from './trade-tape.js';

type Properties = Readonly<{
	tapes: readonly PairTape[];
	focused: string | undefined;
	width: number;
	height: number;
	now: number;
	skipFor: (tape: PairTape) => number;
	/** What each card's tape shows; the pair's live trades by default. */
	contentFor?: (tape: PairTape) => TapeContent;
	statsAtPause?: ReadonlyMap<string, PairStatsSnapshot>;
}>;

const cardMinimumWidth = 38;
const cardMinimumHeight = 6;

/** Every pair side by side or stacked, as many as fit; the rest are counted. */
export function GridView(properties: Properties) {
	const {tapes, focused, width, height, now, skipFor, contentFor, statsAtPause} = properties;
	const {glyphs, theme} = useDisplay();
	const columns = Math.max(1, Math.min(tapes.length, Math.floor(width / cardMinimumWidth)));
	const neededRows = Math.ceil(tapes.length / columns);
	const fittingRows = Math.max(1, Math.floor(height / cardMinimumHeight));
	const gridRows = Math.min(neededRows, fittingRows);
	const hidden = Math.max(0, tapes.length - gridRows * columns);
	const cardHeight = Math.floor((height - (hidden > 0 ? 1 : 0)) / gridRows);
	const cardWidth = Math.floor(width / columns);
	// Keep the focused pair on screen even when not all fit.
	const focusIndex = Math.max(
		0,
		tapes.findIndex((tape) => tape.pair === focused),
	);
	const start = Math.max(
		0,
		Math.min(focusIndex - gridRows * columns + 1, tapes.length - gridRows * columns),
	);
	const shown = tapes.slice(start, start + gridRows * columns);
	return (
		<Box flexDirection="column">
			<Box flexWrap="wrap" width={width}>
				{shown.map((tape) => (
					<PairCard
						key={tape.pair}
						tape={tape}
						index={tapes.indexOf(tape)}
						width={cardWidth}
						height={cardHeight}
						isFocused={tape.pair === focused}
						now={now}
						content={contentFor?.(tape)}
						skip={skipFor(tape)}
						statsForBigTrades={statsAtPause?.get(tape.pair)}
					/>
				))}
			</Box>
			{hidden > 0 && (
				<Text
					{...theme.muted}
					wrap="truncate"
				>{`+${hidden} more pair(s): widen the terminal or use ${glyphs.left}${glyphs.right}`}</Text>
			)}
		</Box>
	);
}
