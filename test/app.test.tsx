import {render} from 'ink-testing-library';
import {describe, expect, test, vi} from 'vitest';
import {App} from '../source/app.js';
import {TapeStore} from '../source/model/tape-store.js';
import type {Trade} from '../source/model/types.js';

function trade(pair: string, price: number, side: Trade['side'] = 'buy'): Trade {
	return {
		pair,
		side,
		price,
		volume: 0.5,
		time: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
		orderType: 'limit',
	};
}

describe('app', () => {
	test('shows tabs with last prices and the focused pair newest first', async () => {
		const store = new TapeStore(['BTC/USD', 'ETH/USD'], 100, false);
		store.addTrades([
			trade('BTC/USD', 68_000.5),
			trade('BTC/USD', 68_001.5, 'sell'),
			trade('ETH/USD', 3500.25),
		]);
		const {lastFrame, unmount} = render(
			<App store={store} api="v2" host="ws.kraken.com" tickMs={10} />,
		);
		await vi.waitFor(() => {
			const frame = lastFrame() ?? '';
			expect(frame).toContain('1 BTC/USD 68,001.5 ▲');
			expect(frame).toContain('2 ETH/USD 3,500.25 =');
		});
		const rows = (lastFrame() ?? '')
			.split('\n')
			.filter((line) => /\d\d:\d\d:\d\d\.\d{3}/.test(line));
		expect(rows[0]).toMatch(/ S +68,001\.5 +0\.5 limit/);
		expect(rows[1]).toMatch(/ B +68,000\.5 +0\.5 limit/);
		unmount();
	});

	test('right arrow focuses the next pair and a number key jumps back', async () => {
		const store = new TapeStore(['BTC/USD', 'ETH/USD'], 100, false);
		store.addTrades([trade('BTC/USD', 68_000.5), trade('ETH/USD', 3500.25)]);
		const {lastFrame, stdin, unmount} = render(<App store={store} api="v2" host="h" tickMs={10} />);
		await vi.waitFor(() => expect(lastFrame()).toMatch(/B +68,000\.5/));
		stdin.write('\u001B[C');
		await vi.waitFor(() => expect(lastFrame()).toMatch(/B +3,500\.25/));
		stdin.write('1');
		await vi.waitFor(() => expect(lastFrame()).toMatch(/B +68,000\.5/));
		unmount();
	});

	test('new trades appear on the next tick without any per-trade render', async () => {
		const store = new TapeStore(['BTC/USD'], 100, false);
		const {lastFrame, unmount} = render(<App store={store} api="v2" host="h" tickMs={10} />);
		await vi.waitFor(() => expect(lastFrame()).toContain('waiting for BTC/USD trades'));
		store.addTrades([trade('BTC/USD', 1.5)]);
		await vi.waitFor(() => expect(lastFrame()).toMatch(/B +1\.5 /));
		unmount();
	});

	test('status bar marks simulated data and a failed subscription shows its message', async () => {
		const store = new TapeStore(['NOPE/USD'], 100, true);
		store.setSubscription('NOPE/USD', 'error', 'Currency pair not supported NOPE/USD');
		store.updateFeed({
			state: {kind: 'reconnecting', delayMs: 5000, attempt: 4, reason: 'connection refused'},
		});
		const {lastFrame, unmount} = render(
			<App store={store} api="v1" host="127.0.0.1:1" tickMs={10} />,
		);
		await vi.waitFor(() => {
			const frame = lastFrame() ?? '';
			expect(frame).toContain('SIMULATED');
			expect(frame).toContain('connection refused; reconnecting in 5.0 s (attempt 4)');
			expect(frame).toContain('NOPE/USD: Currency pair not supported NOPE/USD');
		});
		unmount();
	});
});
