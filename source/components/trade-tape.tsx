import {Box, Text} from 'ink';
import type {PairTape} from '../model/tape-store.js';
import {TradeRow} from './trade-row.js';

type Properties = Readonly<{tape: PairTape; rows: number}>;

/** The focused pair's most recent trades, newest on top. */
export function TradeTape({tape, rows}: Properties) {
	if (tape.subscription === 'error') {
		return <Text color="red">{`${tape.pair}: ${tape.error ?? 'subscription refused'}`}</Text>;
	}

	const trades = tape.trades.newest(Math.max(0, rows));
	if (trades.length === 0) {
		return <Text dimColor>{`waiting for ${tape.pair} trades…`}</Text>;
	}

	return (
		<Box flexDirection="column">
			{trades.map((trade, index) => (
				// Rows are positional: the tape scrolls, so identity by index keeps Ink's work small.
				// eslint-disable-next-line react/no-array-index-key
				<TradeRow key={index} trade={trade} priceDecimals={tape.priceDecimals} />
			))}
		</Box>
	);
}
