/** The symbols the screen draws with, in Unicode and in plain ASCII for `--ascii`. */
export type Glyphs = Readonly<{
	up: string;
	down: string;
	flat: string;
	buyBar: string;
	sellBar: string;
	ellipsis: string;
	separator: string;
	border: 'round' | 'classic';
	bell: string;
	left: string;
	right: string;
	upArrow: string;
	downArrow: string;
	dot: string;
	/** Draws the line of a tape mark. */
	rule: string;
	/** A candle's wick, and its body when the close is up or down: each reads without colour. */
	candleWick: string;
	candleUp: string;
	candleDown: string;
	/** Sparkline levels, lowest first. */
	spark: readonly string[];
	/** Marks a book level that just changed; fills the ladder's depth bars. */
	bookChanged: string;
	depthBar: string;
	/** Marks a trade that came from REST history (a gap filled, or the start's history). */
	backfilled: string;
}>;

export const unicodeGlyphs: Glyphs = {
	up: '▲',
	down: '▼',
	flat: '=',
	buyBar: '█',
	sellBar: '░',
	ellipsis: '…',
	separator: '│',
	border: 'round',
	bell: '🔔',
	left: '←',
	right: '→',
	upArrow: '↑',
	downArrow: '↓',
	dot: '·',
	rule: '─',
	candleWick: '│',
	candleUp: '█',
	candleDown: '▓',
	spark: ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
	bookChanged: '•',
	depthBar: '▇',
	backfilled: '↺',
};

export const asciiGlyphs: Glyphs = {
	up: '^',
	down: 'v',
	flat: '=',
	buyBar: '#',
	sellBar: '-',
	ellipsis: '...',
	separator: '|',
	border: 'classic',
	bell: '(!)',
	left: '<-',
	right: '->',
	upArrow: 'Up',
	downArrow: 'Down',
	dot: '-',
	rule: '-',
	candleWick: '|',
	candleUp: '#',
	candleDown: '=',
	spark: ['_', '.', '-', '~', '=', '+', '*', '#'],
	bookChanged: '+',
	depthBar: '#',
	backfilled: '~',
};
