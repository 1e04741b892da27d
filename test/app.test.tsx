import {describe, expect, test, vi} from 'vitest';
import {bindStore} from '../source/store-binding.js';
import {feedOf} from './helpers/feed-of.js';
import {KrakenClient} from '../source/kraken/client.js';
import {AlertWatcher} from '../source/model/alerts.js';
import {asciiGlyphs} from '../source/model/glyphs.js';
import {
	appShownPerTest,
	createStore,
	expectNoControlCharacters,
	lines,
	series,
	seriesStore,
	tapeOf,
	trade,
	tradeRows,
} from './helpers/screen.js';
import {keys} from './helpers/keys.js';

const show = appShownPerTest();

/** Three pairs: BTC/USD with 60 trades at 101 ... 160, ETH/USD with three, SOL/USD none. */
const threePairs = (btcTrades = 60) => seriesStore(undefined, btcTrades);

const alertOn = (pair: string, price: number) => ({
	rule: {pair, operator: '>=' as const, level: price, text: `${pair}>=${price}`},
	price,
	time: new Date(2024, 0, 2, 11, 0, 0, 5).getTime(),
});

describe('app', () => {
	test('draws tabs, stats, the focused tape newest first, hints and status at 80x24', async () => {
		const frame = await show({store: threePairs()}).waitFor((frame) =>
			expect(frame).toContain('10:00:59'),
		);
		expect(lines(frame)).toEqual([
			'[1 BTC/USD 160 ▲]  2 ETH/USD 3,003 ▲   3 SOL/USD …',
			'last 160  chg +59 (+58.42%)  high 160  low 101  vwap 131  vol 30.0000',
			'trades/min 0  buy/sell █████░░░░░ 50% buy',
			'time                   price        volume     notional type',
			'10:00:59.000 S           160    0.50000000        80.00 limit',
			'10:00:58.000 B           159    0.50000000        79.50 limit',
			'10:00:57.000 S           158    0.50000000        79.00 limit',
			'10:00:56.000 B           157    0.50000000        78.50 limit',
			'10:00:55.000 S           156    0.50000000        78.00 limit',
			'10:00:54.000 B           155    0.50000000        77.50 limit',
			'10:00:53.000 S           154    0.50000000        77.00 limit',
			'10:00:52.000 B           153    0.50000000        76.50 limit',
			'10:00:51.000 S           152    0.50000000        76.00 limit',
			'10:00:50.000 B           151    0.50000000        75.50 limit',
			'10:00:49.000 S           150    0.50000000        75.00 limit',
			'10:00:48.000 B           149    0.50000000        74.50 limit',
			'10:00:47.000 S           148    0.50000000        74.00 limit',
			'10:00:46.000 B           147    0.50000000        73.50 limit',
			'10:00:45.000 S           146    0.50000000        73.00 limit',
			'10:00:44.000 B           145    0.50000000        72.50 limit',
			'10:00:43.000 S           144    0.50000000        72.00 limit',
			'10:00:42.000 B           143    0.50000000        71.50 limit',
			'q quit  ? help  space pause  ←→ pair  g grid  v view  i interval  a add',
			'closed 0 msg/s │ v2 ws.kraken.com',
		]);
	});

	test('new trades appear on the next tick', async () => {
		const store = createStore(['BTC/USD']);
		const app = show({store});
		await app.waitFor((frame) => expect(frame).toContain('waiting for BTC/USD trades'));
		store.addTrades([trade('BTC/USD', 1.5), trade('BTC/USD', 1.25, {side: 'sell'})]);
		const frame = await app.waitFor((frame) => expect(tradeRows(frame)).toHaveLength(2));
		expect(tradeRows(frame)).toEqual([
			'14:03:07.412 S          1.25    0.50000000     0.625000 limit',
			'14:03:07.412 B          1.50    0.50000000     0.750000 limit',
		]);
		expect(lines(frame)[0]).toBe('[1 BTC/USD 1.25 ▼]');
	});

	test('at 80x24 no frame is taller than the terminal, in any view', async () => {
		const pairs = ['BTC/USD', 'ETH/USD', 'SOL/USD', 'XRP/USD', 'ADA/USD', 'DOT/USD', 'LTC/USD'];
		const store = createStore(pairs, [
			...series('BTC/USD', 500),
			...series('ETH/USD', 500, 3000),
			...series('SOL/USD', 50, 150),
		]);
		store.addAlerts([alertOn('BTC/USD', 500), alertOn('ETH/USD', 3400)]);
		const app = show({store});
		const step = async (key: string | undefined, check: (frame: string) => void) => {
			if (key !== undefined) {
				await app.press(key);
			}

			await app.waitFor(check);
		};

		await step(undefined, (frame) => expect(frame).toContain('(+1 more)'));
		await step('g', (frame) => expect(frame).toContain('more pair(s): widen the terminal'));
		await step('?', (frame) => expect(frame).toContain('q Ctrl-C'));
		await step('?', (frame) => expect(frame).not.toContain('q Ctrl-C'));
		await step('g', (frame) => expect(frame).toContain('vwap'));
		await step(' ', (frame) => expect(frame).toContain('PAUSED +0'));
		await step('a', (frame) => expect(frame).toContain('add pair:'));
		await step(keys.escape, (frame) => expect(frame).not.toContain('add pair:'));
		await step('d', (frame) => expect(frame).not.toContain('ALERT'));
		expect(app.frames.length).toBeGreaterThan(5);
		for (const frame of app.frames) {
			expect(frame.split('\n').length).toBeLessThanOrEqual(24);
		}
	});

	test('at 200x60 the tape uses the room', async () => {
		const store = threePairs(100);
		const small = show({store});
		const smallRows = tradeRows(
			await small.waitFor((frame) => expect(tradeRows(frame).length).toBeGreaterThan(0)),
		);
		small.unmount();
		const large = show({store, columns: 200, rows: 60});
		const frame = await large.waitFor((frame) =>
			expect(tradeRows(frame).length).toBeGreaterThan(0),
		);
		expect(smallRows).toHaveLength(18);
		// 60 less tabs, two lines of stats, hints, status and the header.
		expect(tradeRows(frame)).toHaveLength(54);
		expect(frame.split('\n').length).toBeLessThanOrEqual(60);
	});

	test('redraws at the new size after a resize', async () => {
		const app = show({store: threePairs(100)});
		await app.waitFor((frame) => expect(tradeRows(frame)).toHaveLength(18));
		app.resize(120, 40);
		await app.waitFor((frame) => expect(tradeRows(frame)).toHaveLength(34));
		app.resize(20, 5);
		await app.waitFor((frame) => expect(frame).toBe('too small 20x5\nneed 40x8\nq quits'));
		app.resize(80, 24);
		await app.waitFor((frame) => expect(tradeRows(frame)).toHaveLength(18));
	});

	test('a terminal below 40x8 gets a short note that fits it, and q still quits', async () => {
		const app = show({store: threePairs(), columns: 20, rows: 5});
		const frame = await app.waitFor((frame) => expect(frame).toContain('too small'));
		expect(frame.split('\n')).toEqual(['too small 20x5', 'need 40x8', 'q quits']);
		for (const line of frame.split('\n')) {
			expect(line.length).toBeLessThanOrEqual(20);
		}

		await app.press('q');
		await app.exited;
	});

	test.each<[number, number]>([
		[39, 24],
		[80, 7],
	])('%ix%i is too small and 40x8 is not', async (columns, rows) => {
		const app = show({store: threePairs(), columns, rows});
		await app.waitFor((frame) => expect(frame).toContain(`too small ${columns}x${rows}`));
		app.resize(40, 8);
		await app.waitFor((frame) => expect(frame).toContain('[1 BTC/USD 160 ▲]'));
	});

	// Below about 56 columns a wrapping stats strip or tab line would take rows the layout gives
	// the tape: both keep to their height, so the smallest size accepted still shows trades.
	test('at the minimum size of 40x8 the tape still shows trades', async () => {
		const app = show({store: threePairs(), columns: 40, rows: 8});
		const frame = await app.waitFor((frame) => expect(frame).toContain('[1 BTC/USD'));
		expect(frame.split('\n').length).toBeLessThanOrEqual(8);
		expect(tradeRows(frame).length).toBeGreaterThan(0);
	});

	// The count of pairs left out is truncated to one line: wrapped at 40 columns it would be
	// drawn over the cards' bottom border.
	test('the grid in a narrow terminal keeps the count of hidden pairs off the cards', async () => {
		const app = show({store: threePairs(), columns: 40, rows: 12});
		await app.waitFor((frame) => expect(frame).toContain('[1 BTC/USD'));
		await app.press('g');
		const frame = await app.waitFor((frame) => expect(frame).toContain('more pair(s)'));
		const note = lines(frame).filter((line) => line.includes('more pair(s)'));
		expect(note).toHaveLength(1);
		expect(note[0]).not.toMatch(/[─╯╰│]/);
		expect(frame.split('\n').length).toBeLessThanOrEqual(12);
	});

	test('status bar shows simulated data, a reconnect countdown and refused pairs', async () => {
		const store = createStore(['NOPE/USD', 'BTC/USD'], [], {isSimulated: true});
		store.setChannelState('NOPE/USD', 'trade', 'error', 'Currency pair not supported NOPE/USD');
		store.connectionChanged(
			{kind: 'reconnecting', delayMs: 5000, attempt: 4, reason: 'connection refused'},
			Date.now() - 1500,
		);
		store.setUnrecognised(2);
		const frame = await show({store, columns: 160, api: 'v1', host: '127.0.0.1:1'}).waitFor(
			(frame) => expect(frame).toContain('SIMULATED'),
		);
		expect(lines(frame)[0]).toBe('[1 NOPE/USD !]  2 BTC/USD …');
		expect(lines(frame)[3]).toBe('NOPE/USD: Currency pair not supported NOPE/USD');
		expect(lines(frame).at(-1)).toBe(
			' SIMULATED  connection refused; reconnecting in 4 s (attempt 4) refused: NOPE/USD 2 bad frames 0 msg/s │ v1 127.0.0.1:1',
		);
	});

	test('marks the data stale after staleAfterMs without frames', async () => {
		const store = threePairs();
		store.setChannelState('BTC/USD', 'trade', 'subscribed');
		store.connectionChanged({kind: 'subscribed'}, Date.now() - 6000);
		store.frameReceived(Date.now() - 5000);
		const app = show({store, staleAfterMs: 4000});
		await app.waitFor((frame) => expect(frame).toMatch(/subscribed STALE [56] s 0 msg\/s/));
	});

	test('silence is not staleness while nothing is subscribed', async () => {
		const store = threePairs();
		store.setChannelState('BTC/USD', 'trade', 'error', 'Currency pair not supported BTC/USD');
		store.connectionChanged({kind: 'idle'}, Date.now() - 6000);
		store.frameReceived(Date.now() - 5000);
		const frame = await show({store, staleAfterMs: 4000}).waitFor((frame) =>
			expect(frame).toContain('connected, no pairs'),
		);
		expect(frame).not.toMatch(/STALE|s ago/);
	});

	test('counts messages per second from the frames received', async () => {
		vi.useFakeTimers({
			toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
		});
		try {
			const store = threePairs();
			const app = show({store});
			await vi.advanceTimersByTimeAsync(1000);
			for (let frame = 0; frame < 250; frame++) {
				store.frameReceived(Date.now());
			}

			await vi.advanceTimersByTimeAsync(1000);
			expect(app.frame()).toContain('closed 250 msg/s');
			await vi.advanceTimersByTimeAsync(1000);
			expect(app.frame()).toContain('closed 0 msg/s');
		} finally {
			vi.useRealTimers();
		}
	});

	test('ascii glyphs reach tabs, bars and borders', async () => {
		const app = show({store: threePairs(), display: {glyphs: asciiGlyphs}});
		const frame = await app.waitFor((frame) => expect(frame).toContain('#####-----'));
		expect(lines(frame)[0]).toBe('[1 BTC/USD 160 ^]  2 ETH/USD 3,003 ^   3 SOL/USD ...');
		expect(lines(frame).at(-1)).toBe('closed 0 msg/s | v2 ws.kraken.com');
		await app.press('g');
		await app.waitFor((frame) => expect(lines(frame)[1]).toMatch(/^\+-+\+\+-+\+$/));
	});

	test('a fixed big notional from the display marks big trades on the tape', async () => {
		const store = createStore(['BTC/USD'], [trade('BTC/USD', 100, {volume: 30})]);
		store.addTrades([trade('BTC/USD', 100)]);
		const app = show({store, display: {glyphs: asciiGlyphs, bigNotional: 3000}});
		const frame = await app.waitFor((frame) => expect(tradeRows(frame)).toHaveLength(2));
		expect(tradeRows(frame)).toEqual([
			'14:03:07.412 B           100    0.50000000        50.00 limit',
			'14:03:07.412 B           100   30.00000000     3,000.00 limit  *',
		]);
	});

	test('text from the network reaches the screen without control characters', async () => {
		const client = new KrakenClient({
			url: 'ws://127.0.0.1:9',
			api: 'v2',
			pairs: ['EVIL/USD', 'BTC/USD'],
		});
		const store = createStore(['EVIL/USD', 'BTC/USD']);
		bindStore(feedOf(client), store, new AlertWatcher([]), () => undefined);
		client.emit('subscription', {
			channel: 'trade',
			pair: 'EVIL/USD',
			state: 'error',
			message: '\u001B]0;evil\u0007bad\u001B[2J pair\u009B31m\r\n',
		});
		client.emit('notice', 'server says \u001B]8;;http://x\u0007hi\u001B]8;;\u0007 \u0007done');
		client.emit('status', {status: 'maint\u001B[31menance', isSimulated: false});
		client.emit('unrecognised', 'not json', 3);
		expect(tapeOf(store, 'EVIL/USD').channels.trade?.message).toBe('bad pair  ');
		const app = show({store, columns: 200});
		await app.waitFor((frame) => expect(frame).toContain('server says'));
		// Colour codes (if FORCE_COLOR is set) are Ink's own; anything else would be from the network.
		const frame = app.rawFrame().replaceAll(/\u001B\[[\d;]*m/g, '');
		expectNoControlCharacters(frame);
		expect(frame).toContain('EVIL/USD: bad pair');
		expect(lines(frame).at(-1)).toBe(
			'closed server maintenance refused: EVIL/USD 3 bad frames server says hi  done 0 msg/s │ v2 ws.kraken.com',
		);
		expect(lines(frame)[0]).toBe('[1 EVIL/USD !]  2 BTC/USD …');
	});
});
