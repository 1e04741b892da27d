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
};
