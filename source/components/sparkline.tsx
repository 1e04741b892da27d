import {Text} from 'ink';
import {useDisplay} from '../hooks/use-display.js';
import {sparkline} from '../model/chart-layout.js';
import type {PairTape} from '../model/tape-store.js';

type Properties = Readonly<{tape: PairTape; width: number; now: number}>;

/** One line of the pair's recent closes, a candle a cell, or why there are none. */
export function Sparkline({tape, width, now}: Properties) {
	const {glyphs, theme} = useDisplay();
	const status = tape.channels.ohlc;
	if (status?.state === 'error') {
		return (
			<Text color={theme.stale} wrap="truncate">
				{`candles: ${status.message ?? 'refused'}`}
			</Text>
		);
	}

	const line = sparkline(tape.candles.newest(width), width, now, glyphs.spark);
	const latest = tape.candles.latest;
	if (line === '' || !latest) {
		return (
			<Text {...theme.muted} wrap="truncate">
				waiting for candles
			</Text>
		);
	}

	const colour =
		latest.close > latest.open ? theme.up : latest.close < latest.open ? theme.down : undefined;
	return (
		<Text color={colour} wrap="truncate">
			{line}
		</Text>
	);
}
