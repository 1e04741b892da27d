import chalk from 'chalk';
import xtermHeadless, {type IBufferCell} from '@xterm/headless';
import type {ReactElement} from 'react';
import {afterEach, describe, expect, test, vi} from 'vitest';
import {AlertBanner} from '../../source/components/alert-banner.js';
import {StatusBar} from '../../source/components/status-bar.js';
import {tapeColumns} from '../../source/components/tape-columns.js';
import {TradeRow} from '../../source/components/trade-row.js';
import {DisplayContext} from '../../source/hooks/use-display.js';
import type {ColourDepth} from '../../source/model/colours.js';
import {initialFeedInfo} from '../../source/model/feed-info.js';
import {unicodeGlyphs} from '../../source/model/glyphs.js';
import {resolveTheme, themes, type ThemeSpec} from '../../source/model/theme.js';
import type {AlertEvent, Trade} from '../../source/model/types.js';
import {localTime, renderScreen, trade} from '../helpers/screen.js';

// Colour on in this file only (each test file runs in its own process); each test sets the
// depth it draws at, as a terminal's TERM and COLORTERM would.
vi.hoisted(() => {
	process.env.FORCE_COLOR = '3';
});

const {Terminal} = xtermHeadless;
const startingLevel = chalk.level;
afterEach(() => {
	chalk.level = startingLevel;
});

type CellStyle = Readonly<{fg: string; bg: string; isInverse: boolean; isDim: boolean}>;

/** A colour as the terminal holds it: `#rrggbb` (24-bit), `256:n` or `16:n`, or `default`. */
function describeColour(mode: 'fg' | 'bg', cell: IBufferCell): string {
	const isRgb = mode === 'fg' ? cell.isFgRGB() : cell.isBgRGB();
	const isPalette = mode === 'fg' ? cell.isFgPalette() : cell.isBgPalette();
	const value = mode === 'fg' ? cell.getFgColor() : cell.getBgColor();
	if (isRgb) {
		return `#${value.toString(16).padStart(6, '0')}`;
	}

	return isPalette ? `${value < 16 ? 16 : 256}:${value}` : 'default';
}

/**
 * What a real terminal (xterm, headless) shows for the first cell of `text` in the frame `tree`
 * draws: the colours as the cell holds them, not as the escape codes spell them.
 */
async function cellOf(
	tree: ReactElement,
	text: string,
	spec: ThemeSpec,
	depth: ColourDepth,
): Promise<CellStyle> {
	// Without colour the screen still draws styles: tape-mode keeps chalk at 16 colours for them.
	chalk.level = depth === 0 ? 1 : depth;
	const screen = renderScreen(
		<DisplayContext.Provider value={{glyphs: unicodeGlyphs, theme: resolveTheme(spec, depth)}}>
			{tree}
		</DisplayContext.Provider>,
		{columns: 100},
	);
	const raw = screen.rawFrame();
	screen.unmount();
	const terminal = new Terminal({cols: 100, rows: 5, allowProposedApi: true});
	await new Promise<void>((resolve) => {
		terminal.write(raw.replaceAll('\n', '\r\n'), resolve);
	});
	try {
		for (let row = 0; row < terminal.rows; row++) {
			const line = terminal.buffer.active.getLine(row);
			const column = line?.translateToString().indexOf(text) ?? -1;
			const cell = column >= 0 ? line?.getCell(column) : undefined;
			if (cell) {
				return {
					fg: describeColour('fg', cell),
					bg: describeColour('bg', cell),
					isInverse: cell.isInverse() !== 0,
					isDim: cell.isDim() !== 0,
				};
			}
		}

		throw new Error(`"${text}" is not in the frame:\n${raw}`);
	} finally {
		terminal.dispose();
	}
}

const buy: Trade = trade('BTC/USD', 68_409.9, {time: localTime(14, 3, 7, 1)});
const sell: Trade = trade('BTC/USD', 68_412.3, {side: 'sell', orderType: 'market'});
const row = (current: Trade, isBig = false) => (
	<TradeRow
		trade={current}
		previous={undefined}
		priceDecimals={1}
		volumeDecimals={8}
		isBig={isBig}
		columns={tapeColumns(100)}
	/>
);

const alert: AlertEvent = {
	rule: {pair: 'BTC/USD', operator: '>=', level: 1, text: 'BTC/USD>=1'},
	price: 2,
	time: localTime(14, 3, 7, 1),
};

describe('themes as the terminal shows them', () => {
	test('colour-blind: buys in sky blue and sells in orange, 24-bit where the terminal takes it', async () => {
		const spec = themes['colour-blind'];
		expect((await cellOf(row(buy), 'B', spec, 3)).fg).toBe('#56b4e9');
		expect((await cellOf(row(sell), 'S', spec, 3)).fg).toBe('#e69f00');
	});

	test('the same hex values as the nearest of 256 on a 256-colour terminal', async () => {
		const spec = themes['colour-blind'];
		expect((await cellOf(row(buy), 'B', spec, 2)).fg).toBe('256:74');
		expect((await cellOf(row(sell), 'S', spec, 2)).fg).toBe('256:178');
	});

	test('and as the nearest of the 16 elsewhere', async () => {
		const spec = themes['colour-blind'];
		expect((await cellOf(row(buy), 'B', spec, 1)).fg).toBe('16:6');
		expect((await cellOf(row(sell), 'S', spec, 1)).fg).toBe('16:3');
	});

	test("the default theme is the terminal's own green and red at every depth", async () => {
		for (const depth of [1, 2, 3] as const) {
			expect((await cellOf(row(buy), 'B', themes.default, depth)).fg).toBe('16:2');
			expect((await cellOf(row(sell), 'S', themes.default, depth)).fg).toBe('16:1');
		}
	});

	test('[colours] set as hex: up, highlight, muted and big trade, at 24 bits and 256', async () => {
		const spec: ThemeSpec = {
			...themes.default,
			buy: '#0072b2',
			highlight: '#cc79a7',
			muted: '#808080',
			'big-trade': '#f0e442',
		};
		expect((await cellOf(row(buy), 'B', spec, 3)).fg).toBe('#0072b2');
		expect((await cellOf(row(buy), 'B', spec, 2)).fg).toBe('256:25');
		// The time column is muted.
		expect(await cellOf(row(buy), '14:03', spec, 3)).toMatchObject({fg: '#808080', isDim: false});
		expect((await cellOf(row(buy), '14:03', spec, 2)).fg).toBe('256:244');
		// A big trade's row on its colour, with black text that reads on it.
		expect(await cellOf(row(buy, true), '14:03', spec, 3)).toEqual({
			fg: '16:0',
			bg: '#f0e442',
			isInverse: false,
			isDim: false,
		});
		const banner = <AlertBanner alerts={[alert]} decimalsFor={() => 1} />;
		expect(await cellOf(banner, 'ALERT', spec, 3)).toMatchObject({fg: '16:0', bg: '#cc79a7'});
		expect(await cellOf(banner, 'ALERT', spec, 2)).toMatchObject({fg: '16:0', bg: '256:175'});
	});

	test('light and high-contrast draw their own colours', async () => {
		expect((await cellOf(row(buy), 'B', themes.light, 3)).fg).toBe('#1a7f37');
		expect((await cellOf(row(sell), 'S', themes['high-contrast'], 3)).fg).toBe('16:9');
		// High contrast dims nothing.
		expect((await cellOf(row(buy), '14:03', themes['high-contrast'], 3)).isDim).toBe(false);
	});

	test('without colour (depth 0, NO_COLOR) no theme colours anything: inverse and dim remain', async () => {
		const spec: ThemeSpec = {...themes['colour-blind'], highlight: '#cc79a7', muted: '#808080'};
		const colourless = async (tree: ReactElement, text: string) => cellOf(tree, text, spec, 0);

		expect(await colourless(row(buy), 'B')).toMatchObject({fg: 'default', bg: 'default'});
		expect(await colourless(row(buy), '14:03')).toMatchObject({fg: 'default', isDim: true});
		expect(await colourless(row(buy, true), '14:03')).toMatchObject({
			fg: 'default',
			isInverse: true,
		});
		expect(
			await colourless(<AlertBanner alerts={[alert]} decimalsFor={() => 1} />, 'ALERT'),
		).toMatchObject({
			fg: 'default',
			bg: 'default',
			isInverse: true,
		});
	});

	test("the status bar's states follow the theme", async () => {
		const feed = {...initialFeedInfo(false, 0), state: {kind: 'subscribed'} as const};
		const bar = (
			<StatusBar
				feed={feed}
				api="v2"
				host="ws.kraken.com"
				now={0}
				messagesPerSecond={0}
				refusedPairs={['ETH/USD']}
				staleAfterMs={10_000}
			/>
		);
		expect((await cellOf(bar, 'subscribed', themes['colour-blind'], 3)).fg).toBe('#56b4e9');
		expect((await cellOf(bar, 'refused', themes['colour-blind'], 3)).fg).toBe('#d55e00');
	});
});
