import {Box, Text} from 'ink';
import {useDisplay} from '../hooks/use-display.js';
import type {PairStatsSnapshot} from '../model/pair-stats.js';
import {formatPrice} from '../model/format.js';
import type {PairTape} from '../model/tape-store.js';
import {Sparkline} from './sparkline.js';
import {StatsStrip} from './stats-strip.js';
import {TradeTape, type TapeContent} from './trade-tape.js';

type Properties = Readonly<{
	tape: PairTape;
	index: number;
	width: number;
	height: number;
	isFocused: boolean;
	now: number;
	content?: TapeContent;
	skip: number;
	statsForBigTrades?: PairStatsSnapshot;
}>;

/** Best bid and ask, from the book where there is one, else from the ticker. */
function bestPrices(tape: PairTape): string | undefined {
	const bid = tape.book?.bids[0]?.[0] ?? tape.ticker?.bid;
	const ask = tape.book?.asks[0]?.[0] ?? tape.ticker?.ask;
	return bid === undefined || ask === undefined || tape.bookHealth?.state === 'stale'
		? undefined
		: `${formatPrice(bid, tape.priceDecimals)} / ${formatPrice(ask, tape.priceDecimals)}`;
}

/**
 * One pair in the grid: name with its best bid and ask, compact stats, a sparkline when candles
 * are asked for, a short tape.
 */
export function PairCard(properties: Properties) {
	const {tape, index, width, height, isFocused, now, content, skip, statsForBigTrades} = properties;
	const {glyphs, theme} = useDisplay();
	const hasSparkline = tape.channels.ohlc !== undefined;
	const best = bestPrices(tape);
	return (
		<Box
			flexDirection="column"
			width={width}
			height={height}
			borderStyle={glyphs.border}
			borderColor={tape.isAlerted ? theme.alert : isFocused ? theme.focus : undefined}
			overflow="hidden"
		>
			<Box justifyContent="space-between" height={1} overflow="hidden">
				<Text bold inverse={isFocused} wrap="truncate">
					{`${index + 1} ${tape.pair}${tape.isAlerted ? ` ${glyphs.bell}` : ''}`}
				</Text>
				{best !== undefined && <Text {...theme.muted}>{best}</Text>}
			</Box>
			<StatsStrip tape={tape} now={now} isCompact />
			{hasSparkline && <Sparkline tape={tape} width={width - 2} now={now} />}
			<TradeTape
				tape={tape}
				rows={Math.max(0, height - (hasSparkline ? 5 : 4))}
				width={width - 2}
				content={content}
				skip={skip}
				hasHeader={false}
				statsForBigTrades={statsForBigTrades}
			/>
		</Box>
	);
}
