import chalk from 'chalk';
import {Text} from 'ink';
import {formatClock, formatNotional, formatPrice, splitChangedDigits} from '../model/format.js';
import type {Trade} from '../model/types.js';
import {useDisplay} from '../hooks/use-display.js';
import {paint, paintMuted} from './paint.js';
import type {TapeColumns} from './tape-columns.js';

type Properties = Readonly<{
	trade: Trade;
	/** The trade before this one, for highlighting the digits that changed. */
	previous: Trade | undefined;
	priceDecimals: number;
	/** The same for every row of a tape, so the volumes' points line up. */
	volumeDecimals: number;
	isBig: boolean;
	columns: TapeColumns;
}>;

/**
 * One trade: time, side as a letter as well as a colour, price, volume, notional, order type, and
 * a mark for a big trade or one from REST history.
 */
export function TradeRow(properties: Properties) {
	const {trade, previous, priceDecimals, volumeDecimals, isBig, columns} = properties;
	const {theme, glyphs} = useDisplay();
	const isBuy = trade.side === 'buy';
	// Each column keeps at least one space before it, however long the number.
	const price = ` ${formatPrice(trade.price, priceDecimals).padStart(columns.price - 1)}`;
	const before =
		previous && ` ${formatPrice(previous.price, priceDecimals).padStart(columns.price - 1)}`;
	const {same, changed} = splitChangedDigits(price, before);
	const sideColour = isBuy ? theme.buy : theme.sell;
	// One Text of styled strings rather than a Text per column: the tape redraws every row on
	// every frame, and a component per column would be that many more objects a row for the
	// garbage collector to sweep each frame (npm run bench, memory row). The styles nest as
	// nested Texts would: colour inside bold inside underline.
	const parts = [
		isBig ? formatClock(trade.time) : paintMuted(theme.muted, formatClock(trade.time)),
		chalk.bold(paint(sideColour, ` ${isBuy ? 'B' : 'S'}`)),
		same,
		chalk.underline.bold(paint(sideColour, changed)),
		` ${formatPrice(trade.volume, volumeDecimals).padStart(columns.volume - 1)}`,
	];
	if (columns.notional > 0) {
		const notional = ` ${formatNotional(trade.price * trade.volume).padStart(columns.notional - 1)}`;
		parts.push(isBig ? chalk.bold(notional) : notional);
	}

	if (columns.orderType > 0) {
		parts.push(paintMuted(theme.muted, ` ${trade.orderType.padEnd(6)}`));
	}

	// The two free columns after the row: a big trade's star, else the mark of a trade that came
	// from REST history rather than the feed.
	if (isBig) {
		parts.push(chalk.bold(' *'));
	} else if (trade.isBackfilled) {
		parts.push(paintMuted(theme.muted, ` ${glyphs.backfilled}`));
	}

	// Joined into one flat string: the row is kept until the next frame, and a chain of `+`
	// would keep every piece with it.
	const row = parts.join('');

	return (
		<Text wrap="truncate" {...(isBig ? theme.bigTrade : {})}>
			{row}
		</Text>
	);
}
