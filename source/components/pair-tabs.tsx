import {Box, Text} from 'ink';
import {formatPrice} from '../model/format.js';
import type {PairTape} from '../model/tape-store.js';

type Properties = Readonly<{tapes: readonly PairTape[]; focused: string | undefined}>;

function direction(tape: PairTape): Readonly<{mark: string; color?: string}> {
	const {last, previous} = tape.stats.snapshot;
	if (last === undefined || previous === undefined || last === previous) {
		return {mark: '='};
	}

	return last > previous ? {mark: '▲', color: 'green'} : {mark: '▼', color: 'red'};
}

/** One tab per pair: number key, name, last price and its direction against the trade before. */
export function PairTabs({tapes, focused}: Properties) {
	return (
		<Box flexWrap="wrap" columnGap={1}>
			{tapes.map((tape, index) => {
				const {last} = tape.stats.snapshot;
				const {mark, color} = direction(tape);
				const isFocused = tape.pair === focused;
				return (
					<Text key={tape.pair} inverse={isFocused} bold={isFocused}>
						{` ${index + 1} ${tape.pair} `}
						{tape.subscription === 'error' ? (
							<Text color="red">! </Text>
						) : last === undefined ? (
							<Text dimColor>… </Text>
						) : (
							<Text color={color}>{`${formatPrice(last, tape.priceDecimals)} ${mark} `}</Text>
						)}
					</Text>
				);
			})}
		</Box>
	);
}
