import {afterEach, beforeEach, expect, test, vi} from 'vitest';
import {
	atOnceWindowMs,
	createFrameWriter,
	type FrameWriter,
} from '../../source/frame-writer/frame-writer.js';
import {TapeStore} from '../../source/model/tape-store.js';
import {writeFirstTradesAtOnce} from '../../source/tape-mode.js';
import {FakeOutput} from '../helpers/fake-output.js';
import {trade} from '../helpers/screen.js';

let output: FakeOutput;
let writer: FrameWriter;

beforeEach(() => {
	vi.useFakeTimers();
	output = new FakeOutput();
	writer = createFrameWriter({output, maxFramesPerSecond: 20});
});

afterEach(() => {
	writer.dispose();
	vi.useRealTimers();
});

test("a tape's first trades are written at once, later trades at the frame cap", () => {
	const store = new TapeStore(['BTC/USD', 'ETH/USD'], 100, false);
	const stop = writeFirstTradesAtOnce(store, writer);
	// Start-up: the empty tape, and 10 ms later its first trades, inside the cap's 50 ms.
	writer.stream.write('connecting');
	vi.advanceTimersByTime(10);
	store.addTrades([trade('BTC/USD', 100)]);
	writer.stream.write('100');
	expect(output.writes).toHaveLength(2);

	// More trades for a tape that has some: held to the cap.
	vi.advanceTimersByTime(atOnceWindowMs + 1);
	writer.stream.write('101');
	store.addTrades([trade('BTC/USD', 102)]);
	writer.stream.write('102');
	expect(output.writes).toHaveLength(3);
	vi.advanceTimersByTime(50);
	expect(output.writes).toHaveLength(4);

	// The other pair's first trades lift the cap again; once stopped, nothing does.
	store.addTrades([trade('ETH/USD', 3000)]);
	writer.stream.write('3000');
	expect(output.writes).toHaveLength(5);
	stop();
	vi.advanceTimersByTime(atOnceWindowMs + 1);
	writer.stream.write('3001');
	store.addTrades([trade('BTC/USD', 3001)]);
	store.clearPair('ETH/USD');
	store.addTrades([trade('ETH/USD', 3002)]);
	writer.stream.write('3002');
	expect(output.writes).toHaveLength(6);
});
