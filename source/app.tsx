import {Box, Text, useStdin} from 'ink';
import {useReducer} from 'react';
import {AddPairPrompt} from './components/add-pair-prompt.js';
import {AlertBanner, alertBannerRows} from './components/alert-banner.js';
import {BookLadder} from './components/book-ladder.js';
import {CandleChart} from './components/candle-chart.js';
import {GridView} from './components/grid-view.js';
import {HelpOverlay} from './components/help-overlay.js';
import {KeyHints, keyHintsRows} from './components/key-hints.js';
import {PairTabs, pairTabsRows} from './components/pair-tabs.js';
import {isCompactStatsAt, StatsStrip, statsStripRows} from './components/stats-strip.js';
import {StatusBar, statusBarRows} from './components/status-bar.js';
import {TooSmall, minimumSize} from './components/too-small.js';
import {TradeTape} from './components/trade-tape.js';
import {UnreachableBanner, unreachableBannerRows} from './components/unreachable-banner.js';
import {firstKeyOf} from './components/key-labels.js';
import {useDisplay} from './hooks/use-display.js';
import {useClock} from './hooks/use-clock.js';
import {useRate} from './hooks/use-rate.js';
import {useStoreVersion} from './hooks/use-store-version.js';
import {useTapeKeys} from './hooks/use-tape-keys.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import type {PairTape, TapeStore} from './model/tape-store.js';
import type {TapeCommands} from './model/types.js';
import {layoutPane} from './model/pane-layout.js';
import {initialViewState, reduceView} from './model/view-state.js';

type Properties = Readonly<{
	store: TapeStore;
	commands: TapeCommands;
	api: string;
	host: string;
	/** The screen redraws at most this often, however fast trades come. */
	tickMs?: number;
	staleAfterMs?: number;
	/** After each read of keys: the screen's writer lets the frame that answers them out at once. */
	onKeysRead?: () => void;
}>;

/**
 * Tabs, the focused pair (its figures, its candle chart and its tape) or the grid, alerts, status
 * and key hints, sized to the terminal.
 */
export function App({
	store,
	commands,
	api,
	host,
	tickMs = 100,
	staleAfterMs = 10_000,
	onKeysRead,
}: Properties) {
	useStoreVersion(store, tickMs);
	// Ages, rates and trades/min read to the second; a reconnect countdown reads to a tenth.
	const now = useClock(store.feed.state.kind === 'reconnecting' ? 250 : 1000);
	const {columns, rows} = useTerminalSize();
	const {isRawModeSupported} = useStdin();
	const [view, dispatch] = useReducer(reduceView, initialViewState);
	const {theme, bindings, glyphs} = useDisplay();
	const addKey = firstKeyOf('add-pair', bindings, glyphs);
	const resumeKey = firstKeyOf('pause', bindings, glyphs);
	const messagesPerSecond = useRate(store.feed.frames, now);
	const tapes = store.pairs.map((pair) => store.tape(pair)).filter((tape) => tape !== undefined);
	const focused = tapes[Math.min(view.focus, tapes.length - 1)];
	const {pause} = view;
	const arrived = (tape: PairTape) =>
		pause ? Math.max(0, tape.stats.snapshot.tradeCount - (pause.counts.get(tape.pair) ?? 0)) : 0;
	// While paused every pair shows its tape as it was at the pause; the focused one scrolls.
	const contentFor = (tape: PairTape) => pause?.frozen.get(tape.pair) ?? tape;
	const skipFor = (tape: PairTape) => (tape === focused ? (pause?.scroll ?? 0) : 0);
	const emptyTextFor = (tape: PairTape) =>
		pause?.frozen.has(tape.pair) === true
			? `${tape.pair} cleared while paused; ${arrived(tape)} trades since${resumeKey === undefined ? '' : ` (${resumeKey} resumes)`}`
			: undefined;

	// Every part but the middle has the height its component gives, so the middle gets exactly
	// the rest. The frame fills the screen: the frame writer, not Ink's log-update, draws it, so a
	// full-height frame is safe.
	const isCompactStats = isCompactStatsAt(columns);
	const statsRows = statsStripRows(columns);
	const middleRows =
		rows -
		(pairTabsRows +
			alertBannerRows(store.alerts) +
			unreachableBannerRows(store.feed.unreachable, columns) +
			keyHintsRows +
			statusBarRows);
	// The chart and the ladder are the focused pair's, there when their channels are asked for.
	const pane = layoutPane(
		{rows: Math.max(1, middleRows - statsRows), columns},
		{hasChart: focused?.channels.ohlc !== undefined, hasBook: focused?.channels.book !== undefined},
		view.pane,
	);
	const tapeRows = pane.tapeColumns > 0 ? pane.lowerRows : 0;
	const pageRows = Math.max(1, tapeRows - 1);
	const scrollMaximum = focused ? Math.max(0, contentFor(focused).trades.size - pageRows) : 0;
	useTapeKeys({view, dispatch, commands, tapes, focused, pageRows, scrollMaximum, onKeysRead});

	if (columns < minimumSize.columns || rows < minimumSize.rows) {
		return <TooSmall columns={columns} rows={rows} />;
	}

	const arrivedWhilePaused = pause
		? tapes.reduce((sum, tape) => sum + arrived(tape), 0)
		: undefined;
	return (
		<Box flexDirection="column" height={rows} width={columns}>
			<PairTabs tapes={tapes} focused={focused?.pair} width={columns} />
			{/* Clipped rows only: every line is built to fit the width, and clipping columns too made
			    Ink slice every line of every frame (npm run bench, idle row). */}
			<Box flexDirection="column" flexGrow={1} overflowY="hidden">
				{view.isHelpOpen ? (
					<HelpOverlay />
				) : tapes.length === 0 ? (
					<Text {...theme.muted}>
						{addKey === undefined ? 'no pairs' : `no pairs: press ${addKey} to add one`}
					</Text>
				) : view.mode === 'grid' ? (
					<GridView
						tapes={tapes}
						focused={focused?.pair}
						width={columns}
						height={middleRows}
						now={now}
						skipFor={skipFor}
						contentFor={contentFor}
						statsAtPause={pause?.statsAtPause}
					/>
				) : (
					focused && (
						<Box flexDirection="column">
							<StatsStrip tape={focused} now={now} rows={statsRows} isCompact={isCompactStats} />
							{pane.chartRows > 0 && (
								<CandleChart
									tape={focused}
									interval={store.candleInterval}
									width={columns}
									height={pane.chartRows}
									now={now}
								/>
							)}
							{pane.lowerRows > 0 && (
								<Box columnGap={1} height={pane.lowerRows}>
									{pane.tapeColumns > 0 && (
										<Box width={pane.tapeColumns} flexDirection="column">
											<TradeTape
												tape={focused}
												rows={tapeRows}
												width={pane.tapeColumns}
												content={contentFor(focused)}
												skip={skipFor(focused)}
												emptyText={emptyTextFor(focused)}
												statsForBigTrades={pause?.statsAtPause?.get(focused.pair)}
											/>
										</Box>
									)}
									{pane.ladderColumns > 0 && (
										<BookLadder
											tape={focused}
											width={pane.ladderColumns}
											height={pane.lowerRows}
											now={Date.now()}
										/>
									)}
								</Box>
							)}
						</Box>
					)
				)}
			</Box>
			<AlertBanner
				alerts={store.alerts}
				decimalsFor={(pair) => store.tape(pair)?.priceDecimals ?? 2}
			/>
			<UnreachableBanner hint={store.feed.unreachable} columns={columns} />
			{view.prompt ? (
				<AddPairPrompt prompt={view.prompt} />
			) : (
				<KeyHints
					width={columns}
					hintsFor={tapes.length === 0 ? 'no-pairs' : pause ? 'paused' : 'tape'}
					hasKeys={isRawModeSupported === true}
				/>
			)}
			<StatusBar
				feed={store.feed}
				api={api}
				host={host}
				now={now}
				messagesPerSecond={messagesPerSecond}
				refusedPairs={tapes
					.filter((tape) => tape.channels.trade?.state === 'error')
					.map((tape) => tape.pair)}
				arrivedWhilePaused={arrivedWhilePaused}
				staleAfterMs={staleAfterMs}
				bookHealth={tapes.flatMap((tape) => (tape.bookHealth ? [tape.bookHealth] : []))}
				isExpectingData={tapes.some((tape) =>
					Object.values(tape.channels).some((status) => status.state === 'subscribed'),
				)}
			/>
		</Box>
	);
}
