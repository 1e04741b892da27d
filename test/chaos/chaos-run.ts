import type {ApiVersion, Channel} from '../../source/model/types.js';
import {startExchangeServer} from '../../source/simulator/exchange-server.js';
import {listedPairs, type ListedPair} from '../../source/simulator/pair-catalog.js';
import {seededRandom} from '../../source/simulator/random.js';
import {createSimulatedMarket} from '../../source/simulator/simulated-market.js';
import {builtCommandHas, startClient, stopClient} from './client-process.js';
import {bookDifference, exchangeBooks} from './exchange-book.js';
import {ExchangeRecord} from './exchange-record.js';
import {planFaults, restFaultChooser, type PlanSettings} from './fault-plan.js';
import {startFaultProxy, type FaultKind} from './fault-proxy.js';
import {haltable} from './halting-source.js';
import {candleDifference, exchangeCandles, tickerDifference} from './market-lines.js';
import {MemorySampler, type MemoryFigures} from './memory-sampler.js';
import {compareByContent, compareByTradeId, type TradeFigures} from './trade-comparison.js';

export type ChaosSettings = Readonly<{
	api: ApiVersion;
	seed: number;
	/** v2 symbols of listed pairs. */
	pairs: readonly string[];
	/** Scales the market's order rates (SimulatedMarketOptions). */
	rateMultiplier: number;
	plan: PlanSettings;
	/** The chance that a REST request meets a fault, once the client makes REST calls… */
	restFaultShare: number;
	/** …but never more than this many times running for one pair. */
	restFaultsInARow: number;
	/**
	 * v2 trades lost in a hole the client reported pass the verdict: its guarantee holds only while
	 * REST answers within 30 s (docs/reliability.md), which endless REST faults need not allow.
	 */
	acceptsReportedHoles: boolean;
	/** The longest wait, once the faults stop, for the client to write all it owes. */
	catchUpMs: number;
	/** Each step of the run as it happens; quiet when not given. */
	log?: (message: string) => void;
}>;

/** Every channel the client has, so the faults meet all of them. */
const channels: readonly Channel[] = ['trade', 'ticker', 'ohlc', 'book'];

/** The ohlc channel's interval when none is asked for, in minutes. */
const candleInterval = 1;

/** One pair's ticker and candle lines. */
export type MarketFigures = Readonly<{
	tickers: number;
	candles: number;
	/** A line of the kind was read after the client's last reconnect (or there was none). */
	hasTickerSinceReconnect: boolean;
	hasCandleSinceReconnect: boolean;
	/** How the last ticker line differs from the last trade made, or `undefined`. */
	ticker: string | undefined;
	/** How the last candle line differs from the exchange's candle of its start, or `undefined`. */
	candle: string | undefined;
}>;

export type ChaosResult = Readonly<{
	settings: ChaosSettings;
	/** The built client has `--rest-url`: it was given the proxy's, and REST met faults. */
	hasRest: boolean;
	trades: readonly TradeFigures[];
	/** Per pair, how its last book line differs from the exchange's, or `undefined`. */
	books: ReadonlyMap<string, string | undefined>;
	/** Per pair, its ticker and candle lines. */
	markets: ReadonlyMap<string, MarketFigures>;
	faults: ReadonlyMap<FaultKind, number>;
	/** Planned faults that found no live connection to land on in time. */
	faultsMissed: number;
	handshakes: number;
	/** Reconnects the client announced on stderr. */
	reconnects: number;
	/** Trades the client said it missed (its gap lines). */
	saidMissed: number;
	bookRebuilds: number;
	memory: MemoryFigures;
	isCaughtUp: boolean;
	faultsForMs: number;
	catchUpTookMs: number;
	lines: number;
	unparsable: readonly string[];
	/** Ticker and candle lines that were not well formed, with why. */
	malformed: readonly string[];
	/** Ticker and ohlc subscriptions the client said were refused. */
	channelErrors: readonly string[];
	/** Frames the client said it could not read. */
	unrecognised: number;
	stderrTail: readonly string[];
}>;

const sleep = async (milliseconds: number) =>
	new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/** Polls `check` until it holds or `timeoutMs` passes; says which. */
async function until(check: () => boolean, timeoutMs: number, everyMs = 100): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) {
			return false;
		}

		await sleep(everyMs);
	}

	return true;
}

function listed(symbol: string): ListedPair {
	const pair = listedPairs.find((candidate) => candidate.symbol === symbol);
	if (!pair) {
		throw new Error(`${symbol} is not a listed pair`);
	}

	return pair;
}

/**
 * One chaos run: the exchange with a busy market, in this process and recorded trade by trade;
 * the fault proxy in front of it; the built client through the proxy. Faults land as planned;
 * then the faults stop and the market halts, the client is given time to write everything it
 * owes, and what it wrote is compared with what the exchange made.
 */
export async function runChaos(settings: ChaosSettings): Promise<ChaosResult> {
	const say = settings.log ?? (() => undefined);
	const pairs = settings.pairs.map((symbol) => listed(symbol));
	const market = haltable(
		createSimulatedMarket({seed: settings.seed, pairs, rateMultiplier: settings.rateMultiplier}),
	);
	const record = new ExchangeRecord(market.source);
	const exchange = await startExchangeServer({source: market.source});
	const proxy = await startFaultProxy({
		upstreamPort: exchange.port,
		random: seededRandom(settings.seed + 1),
	});
	const hasRest = builtCommandHas('--rest-url');
	if (hasRest) {
		proxy.setRestFaults(
			restFaultChooser(
				seededRandom(settings.seed + 2),
				settings.restFaultShare,
				settings.restFaultsInARow,
			),
		);
	}

	const client = startClient({
		api: settings.api,
		pairs,
		url: `ws://127.0.0.1:${proxy.port}${settings.api === 'v1' ? '/' : '/v2'}`,
		...(hasRest ? {restUrl: `http://127.0.0.1:${proxy.port}`} : {}),
		channels,
	});
	const {output, log} = client;
	const memory = new MemorySampler(client.child.pid ?? 0, 250);
	/** `until`, cut short by the client ending before it was told to, which fails the run. */
	const waitFor = async (check: () => boolean, timeoutMs: number, everyMs?: number) => {
		const held = await until(() => client.ended() !== undefined || check(), timeoutMs, everyMs);
		const ended = client.ended();
		if (ended !== undefined) {
			throw new Error(
				`the client ended by itself (${ended}); its last lines:\n${log.tail.join('\n')}`,
			);
		}

		return held;
	};

	try {
		// Longer than the client holds live trades back for a start-up history that REST faults
		// keep from coming (30 s, backfill/sequencer.ts).
		const isStreaming = await waitFor(
			() => pairs.every((pair) => (output.trades.get(pair.symbol)?.length ?? 0) > 0),
			60_000,
		);
		if (!isStreaming) {
			throw new Error(`the client wrote no trades for 60 s:\n${log.tail.join('\n')}`);
		}

		// Each API meets its own faults from the same seed.
		const planSeed = settings.seed + (settings.api === 'v1' ? 13 : 3);
		const plan = planFaults(seededRandom(planSeed), settings.plan);
		const faultsStart = Date.now();
		let faultsMissed = 0;
		for (const fault of plan) {
			await waitFor(() => Date.now() >= faultsStart + fault.atMs, Number.POSITIVE_INFINITY);
			// A client in its backoff has no connection to fault: wait for its next one, longer than
			// the longest wait of its backoff (60 s, backoff.ts).
			const hasConnection = await waitFor(() => proxy.liveConnections() > 0, 90_000, 20);
			const refusedBefore = proxy.counts().get('refused-handshake') ?? 0;
			const reached = hasConnection ? proxy.inject(fault.kind, fault) : 0;
			faultsMissed += reached === 0 ? 1 : 0;
			say(`${Math.round((Date.now() - faultsStart) / 1000)} s: ${fault.kind} (${reached})`);
			if (fault.kind === 'refused-handshake' && reached > 0) {
				// A refusal is only done once the client has come back and been refused.
				const refused = () => (proxy.counts().get('refused-handshake') ?? 0) - refusedBefore;
				await waitFor(() => refused() >= fault.refusals, 120_000);
			}
		}

		// A stall planned last runs its course before the faults stop.
		const endMs = Math.max(
			settings.plan.forMs,
			...plan.map((fault) => fault.atMs + (fault.kind === 'stall' ? fault.stallMs : 0)),
		);
		await waitFor(() => Date.now() >= faultsStart + endMs, Number.POSITIVE_INFINITY);
		const faultsForMs = Date.now() - faultsStart;
		proxy.calm();
		// The market halts once the client streams again, so that what it owes at the end is what
		// the feed itself owes: v1 cannot get back trades made while it was away, v2 only can.
		const calmAt = Date.now();
		const isStreamingAgain = await waitFor(
			() =>
				pairs.every((pair) =>
					(output.trades.get(pair.symbol) ?? []).some((trade) => trade.time >= calmAt),
				),
			settings.catchUpMs,
			250,
		);
		market.halt();
		say(`faults stopped; ${isStreamingAgain ? 'streaming again' : 'NOT streaming'}; market halted`);
		const books = await exchangeBooks(exchange.url, settings.api, pairs);
		const candles = await exchangeCandles(exchange.httpUrl, pairs, candleInterval);
		const figures = () =>
			pairs.map((pair) => {
				const made = record.tradesOf(pair.symbol);
				const written = output.trades.get(pair.symbol) ?? [];
				const holes = log.holes.filter((hole) => output.symbolOf(hole.pair) === pair.symbol);
				return settings.api === 'v1'
					? compareByContent(pair, made, written)
					: compareByTradeId(pair, made, written, holes);
			});
		const bookDifferences = () =>
			new Map(
				pairs.map((pair) => [
					pair.symbol,
					bookDifference(output.books.get(pair.symbol), books.get(pair.symbol), settings.api),
				]),
			);
		const marketFigures = () =>
			new Map(
				pairs.map((pair): [string, MarketFigures] => {
					const tickers = output.tickers.get(pair.symbol);
					const pairCandles = output.candles.get(pair.symbol);
					return [
						pair.symbol,
						{
							tickers: tickers?.count ?? 0,
							candles: pairCandles?.count ?? 0,
							hasTickerSinceReconnect: (tickers?.lastAt ?? 0) > log.lastReconnectAt,
							hasCandleSinceReconnect: (pairCandles?.lastAt ?? 0) > log.lastReconnectAt,
							ticker: tickerDifference(pair, tickers?.last, record.tradesOf(pair.symbol).at(-1)),
							candle: candleDifference(pair, pairCandles?.last, candles.get(pair.symbol)),
						},
					];
				}),
			);
		const catchUpStart = Date.now();
		const isCaughtUp = await waitFor(
			() =>
				Date.now() - output.lastLineAt > 1500 &&
				figures().every((pair) => pair.hasLast) &&
				[...bookDifferences().values()].every((difference) => difference === undefined) &&
				[...marketFigures().values()].every(
					(market) => market.ticker === undefined && market.candle === undefined,
				),
			settings.catchUpMs,
			250,
		);
		const catchUpTookMs = Date.now() - catchUpStart;
		say(isCaughtUp ? `caught up in ${catchUpTookMs} ms` : 'did not catch up');
		const memoryFigures = memory.stop();
		await stopClient(client.child, client.finished);
		return {
			settings,
			hasRest,
			trades: figures(),
			books: bookDifferences(),
			markets: marketFigures(),
			faults: new Map(proxy.counts()),
			faultsMissed,
			handshakes: proxy.handshakes(),
			reconnects: log.reconnects,
			saidMissed: log.saidMissed,
			bookRebuilds: log.bookRebuilds,
			memory: memoryFigures,
			isCaughtUp,
			faultsForMs,
			catchUpTookMs,
			lines: output.lines,
			unparsable: output.unparsable,
			malformed: output.malformed,
			channelErrors: log.channelErrors,
			unrecognised: log.unrecognised,
			stderrTail: log.tail,
		};
	} finally {
		memory.stop();
		await stopClient(client.child, client.finished);
		record.stop();
		await proxy.close();
		await exchange.close();
	}
}
