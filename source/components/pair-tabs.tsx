import {Box, Text} from 'ink';
import {useDisplay} from '../hooks/use-display.js';
import {formatPrice} from '../model/format.js';
import type {PairTape} from '../model/tape-store.js';

type Properties = Readonly<{tapes: readonly PairTape[]; focused: string | undefined}>;

/** One tab per pair: number key, name, last price and its direction against the trade before. */
export function PairTabs({tapes, focused}: Properties) {
	const {glyphs} = useDisplay();
	return (
		<Box flexWrap="wrap" columnGap={1}>
			{tapes.map((tape, index) => {
				const {last, previous} = tape.stats.snapshot;
				const isUp = last !== undefined && previous !== undefined && last > previous;
				const isDown = last !== undefined && previous !== undefined && last < previous;
				const isFocused = tape.pair === focused;
				// Brackets mark focus without colour; an alerted tab carries the bell glyph.
				return (
					<Text
						key={tape.pair}
						bold={isFocused}
						inverse={isFocused}
						// Black on yellow reads on dark and light themes alike; yellow text does not.
						color={tape.isAlerted ? 'black' : undefined}
						backgroundColor={tape.isAlerted ? 'yellow' : undefined}
					>
						{isFocused ? '[' : ' '}
						{`${index + 1} ${tape.pair} `}
						{tape.isAlerted ? `${glyphs.bell} ` : ''}
						{tape.subscription === 'error' ? (
							<Text color="red">!</Text>
						) : last === undefined ? (
							<Text dimColor>{glyphs.ellipsis}</Text>
						) : (
							<Text color={isUp ? 'green' : isDown ? 'red' : undefined}>
								{`${formatPrice(last, tape.priceDecimals)} ${isUp ? glyphs.up : isDown ? glyphs.down : glyphs.flat}`}
							</Text>
						)}
						{isFocused ? ']' : ' '}
					</Text>
				);
			})}
		</Box>
	);
}
