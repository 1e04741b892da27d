import {Box, Text} from 'ink';
import {useDisplay} from '../hooks/use-display.js';
import {bigTradeThreshold} from '../model/big-trade.js';
import {formatBasisPoints, formatPrice} from '../model/format.js';
import {ladderOf, type LadderRow} from '../model/ladder-rows.js';
import type {PairTape} from '../model/tape-store.js';
import {paint, paintMuted} from './paint.js';

type Properties = Readonly<{
	tape: PairTape;
	width: number;
	/** Rows, the header and the spread line included. */
	height: number;
	/** When the frame is drawn, to tell which changes are recent. */
	now: number;
}>;

/** A message in place of the ladder, one line. */
function Note({text, colour}: Readonly<{text: string; colour?: string}>) {
	const {theme} = useDisplay();
	return (
		<Text {...(colour === undefined ? theme.muted : {color: colour})} wrap="truncate">
			{text}
		</Text>
	);
}

/**
 * The focused pair's order book as a depth ladder: asks above (the best just over the spread),
 * bids below, each level's price, quantity, the quantity summed from the best level out and a bar
 * of that depth, both sides on one scale. A level that just changed is marked; one worth a big
 * trade is drawn in the big-trade style (inverse unless a theme colours it) and starred, as on
 * the tape. A book that failed its check is not shown at all while it is rebuilt: the reason is.
 */
export function BookLadder({tape, width, height, now}: Properties) {
	const {glyphs, theme, bigNotional} = useDisplay();
	const status = tape.channels.book;
	if (status?.state === 'error') {
		return <Note text={`book: ${status.message ?? 'refused'}`} colour={theme.stale} />;
	}

	const health = tape.bookHealth;
	if (health?.state === 'stale') {
		return (
			<Box flexDirection="column">
				<Note text={`book STALE: ${health.reason ?? 'rebuilding'}`} colour={theme.stale} />
				<Note text="rebuilding it from a new snapshot" />
			</Box>
		);
	}

	const {book} = tape;
	if (!book) {
		return <Note text={`waiting for the ${tape.pair} book`} />;
	}

	const levels = Math.max(1, Math.floor((height - 2) / 2));
	const ladder = ladderOf(
		book,
		{levels, width},
		{
			priceDecimals: tape.priceDecimals,
			changedAt: tape.bookChangedAt,
			now,
			bigNotional: bigTradeThreshold(tape.stats.snapshot, bigNotional),
		},
	);
	const {columns} = ladder;
	const rowText = (row: LadderRow) => {
		const colour = row.side === 'ask' ? theme.sell : theme.buy;
		const mark = row.isChanged ? glyphs.bookChanged : ' ';
		const bar = paint(colour, glyphs.depthBar.repeat(row.barCells));
		const price = paint(colour, row.price);
		const text = `${mark} ${price} ${row.quantity} ${paintMuted(theme.muted, row.total)} ${bar}`;
		return row.isBig ? `${text} *` : text;
	};

	const header = `  ${'price'.padStart(columns.price)} ${'qty'.padStart(columns.quantity)} ${'total'.padStart(columns.total)}`;
	const spread = `spread ${formatPrice(ladder.spread, tape.priceDecimals)} ${glyphs.dot} ${formatBasisPoints(ladder.spread, ladder.mid)}`;
	const rule = glyphs.rule.repeat(Math.max(0, width - spread.length - 4));
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			<Text {...theme.muted} wrap="truncate">
				{header}
			</Text>
			{ladder.asks.map((row, index) => (
				// Rows are positional, as the tape's are.
				<Text
					key={`a${index}`}
					wrap="truncate"
					{...(row.isBig ? theme.bigTrade : {})}
					bold={row.isChanged}
				>
					{rowText(row)}
				</Text>
			))}
			<Text wrap="truncate">
				{`${glyphs.rule.repeat(2)} `}
				<Text bold>{spread}</Text>
				{` ${rule}`}
			</Text>
			{ladder.bids.map((row, index) => (
				<Text
					key={`b${index}`}
					wrap="truncate"
					{...(row.isBig ? theme.bigTrade : {})}
					bold={row.isChanged}
				>
					{rowText(row)}
				</Text>
			))}
		</Box>
	);
}
