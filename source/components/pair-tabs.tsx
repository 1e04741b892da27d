import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import {narrowTextWidth} from '../ansi/narrow-text.js';
import {useDisplay} from '../hooks/use-display.js';
import {formatPercent, formatPrice} from '../model/format.js';
import type {Glyphs} from '../model/glyphs.js';
import type {Theme} from '../model/theme.js';
import type {PairTape} from '../model/tape-store.js';

type Properties = Readonly<{
	tapes: readonly PairTape[];
	focused: string | undefined;
	width: number;
}>;

type Tab = Readonly<{
	tape: PairTape;
	label: string;
	quote: string;
	color?: string;
	/** The 24-hour change, signed, once the ticker has sent it. */
	day?: string;
	dayColor?: string;
	width: number;
}>;

/** Columns of a tab's text: counted when it is narrow, as nearly every tab is. */
const textWidth = (text: string) => narrowTextWidth(text) ?? stringWidth(text);

function tabFor(tape: PairTape, index: number, glyphs: Glyphs, theme: Theme): Tab {
	const {previous} = tape.stats.snapshot;
	// The ticker's last price stands in until a trade comes.
	const last = tape.stats.snapshot.last ?? tape.ticker?.last;
	const isUp = last !== undefined && previous !== undefined && last > previous;
	const isDown = last !== undefined && previous !== undefined && last < previous;
	const label = `${index + 1} ${tape.pair} ${tape.isAlerted ? `${glyphs.bell} ` : ''}`;
	const quote =
		tape.channels.trade?.state === 'error'
			? '!'
			: last === undefined
				? glyphs.ellipsis
				: `${formatPrice(last, tape.priceDecimals)} ${isUp ? glyphs.up : isDown ? glyphs.down : glyphs.flat}`;
	const color =
		tape.channels.trade?.state === 'error'
			? theme.stale
			: isUp
				? theme.up
				: isDown
					? theme.down
					: undefined;
	const {ticker} = tape;
	const day =
		ticker && tape.channels.trade?.state !== 'error' ? ` ${formatPercent(ticker.changePct)}` : '';
	const dayColor = ticker
		? ticker.change > 0
			? theme.up
			: ticker.change < 0
				? theme.down
				: undefined
		: undefined;
	// One cell of frame either side ("[" "]" when focused) and one of gap.
	return {tape, label, quote, color, day, dayColor, width: textWidth(label + quote + day) + 3};
}

/** The tabs that fit in `width`, as a window that always holds the focused one. */
function visibleWindow(tabs: readonly Tab[], focusIndex: number, width: number): [number, number] {
	if (tabs.reduce((sum, tab) => sum + tab.width, 0) <= width) {
		return [0, tabs.length];
	}

	let start = Math.max(0, focusIndex);
	let end = start + 1;
	let used = tabs[start]?.width ?? 0;
	// Grow to the right first, then to the left, leaving room for the "+N" markers.
	const marker = 5;
	while (end < tabs.length && used + (tabs[end]?.width ?? 0) + marker * 2 <= width) {
		used += tabs[end++]?.width ?? 0;
	}

	while (start > 0 && used + (tabs[start - 1]?.width ?? 0) + marker * 2 <= width) {
		used += tabs[--start]?.width ?? 0;
	}

	return [start, end];
}

/** The tabs' height: always one line, so the layout below never moves. */
export const pairTabsRows = 1;

/**
 * One line of tabs: number key, pair, last price and its direction against the trade before, and
 * the 24-hour change when the ticker has sent it.
 * Always one line, so the layout below never moves: pairs that do not fit are counted.
 */
export function PairTabs({tapes, focused, width}: Properties) {
	const {glyphs, theme} = useDisplay();
	const tabs = tapes.map((tape, index) => tabFor(tape, index, glyphs, theme));
	const focusIndex = Math.max(
		0,
		tapes.findIndex((tape) => tape.pair === focused),
	);
	const [start, end] = visibleWindow(tabs, focusIndex, width);
	return (
		<Box height={1} overflow="hidden" columnGap={0}>
			{start > 0 && <Text {...theme.muted}>{`+${start} `}</Text>}
			{tabs.slice(start, end).map(({tape, label, quote, color, day, dayColor}) => {
				const isFocused = tape.pair === focused;
				// Brackets mark focus without colour; black on yellow reads on dark and light themes.
				return (
					<Text
						key={tape.pair}
						bold={isFocused}
						inverse={isFocused}
						{...(tape.isAlerted ? theme.highlight : {})}
					>
						{isFocused ? '[' : ' '}
						{label}
						<Text
							color={tape.isAlerted ? undefined : color}
							{...(quote === glyphs.ellipsis ? theme.muted : {})}
						>
							{quote}
						</Text>
						{day && <Text color={tape.isAlerted ? undefined : dayColor}>{day}</Text>}
						{isFocused ? '] ' : '  '}
					</Text>
				);
			})}
			{end < tabs.length && <Text {...theme.muted}>{` +${tabs.length - end}`}</Text>}
		</Box>
	);
}
