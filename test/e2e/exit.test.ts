import {stripVTControlCharacters} from 'node:util';
import {afterEach, describe, expect, test} from 'vitest';
import {
	sequences,
	startTerminal,
	stopTerminals,
	waitForExit,
	type TerminalSession,
} from '../helpers/terminal.js';
import {keys} from '../helpers/keys.js';

afterEach(stopTerminals);

async function startWithTrades(): Promise<TerminalSession> {
	const session = startTerminal(['--demo']);
	await session.waitForText(/^\d{2}:\d{2}:\d{2}\.\d{3} [BS] /m);
	return session;
}

/** The terminal is as the command found it: normal screen, cursor shown, no modes left on. */
function expectRestored(session: TerminalSession): void {
	const raw = session.raw();
	expect(raw.startsWith(sequences.enterAlternateScreen)).toBe(true);
	expect(raw.lastIndexOf(sequences.leaveAlternateScreen)).toBeGreaterThan(
		raw.lastIndexOf(sequences.enterAlternateScreen),
	);
	expect(raw.lastIndexOf(sequences.showCursor)).toBeGreaterThan(
		raw.lastIndexOf(sequences.hideCursor),
	);
	// After the last frame ends, only mode changes: no text, nothing left drawn on the shell's screen.
	const afterLastFrame = raw.slice(raw.lastIndexOf('\u001B[?2026l'));
	expect(afterLastFrame).toMatch(/^(?:\u001B\[\?(?:2026l|25h|1049l))+$/);
	expect(afterLastFrame).toContain(sequences.leaveAlternateScreen);
	expect(afterLastFrame.endsWith(sequences.showCursor)).toBe(true);

	const {terminal} = session;
	expect(terminal.buffer.active.type).toBe('normal');
	expect(session.isCursorVisible()).toBe(true);
	expect(terminal.modes.synchronizedOutputMode).toBe(false);
	expect(terminal.modes.bracketedPasteMode).toBe(false);
	expect(terminal.modes.mouseTrackingMode).toBe('none');
	expect(terminal.modes.applicationCursorKeysMode).toBe(false);
	expect(stripVTControlCharacters(session.text()).trim()).toBe('');
}

describe('exit', () => {
	test('q exits 0 and restores the terminal', async () => {
		const session = await startWithTrades();
		session.write('q');
		expect(await waitForExit(session)).toEqual({exitCode: 0, signal: undefined});
		expectRestored(session);
	});

	test('ctrl-c exits 0 and restores the terminal', async () => {
		const session = await startWithTrades();
		session.write(keys.ctrlC);
		expect(await waitForExit(session)).toEqual({exitCode: 0, signal: undefined});
		expectRestored(session);
	});

	test.each([
		['SIGTERM', 143],
		['SIGINT', 130],
		['SIGHUP', 129],
	] as const)('%s exits %i and restores the terminal', async (signal, code) => {
		const session = await startWithTrades();
		session.kill(signal);
		expect(await waitForExit(session)).toEqual({exitCode: code, signal: undefined});
		expectRestored(session);
	});

	test('--exit-on-alert leaves the alert that ended it on the shell screen', async () => {
		const session = startTerminal(['--demo', '--alert', 'xbt/usd>=1', '--exit-on-alert']);
		expect(await waitForExit(session)).toEqual({exitCode: 0, signal: undefined});
		expect(session.terminal.buffer.active.type).toBe('normal');
		const shown = session.text().trim();
		expect(shown).toMatch(
			/^kraken-tape: alert BTC\/USD>=1 at [\d,]+\.\d by a trade at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \(SIMULATED\)$/,
		);
		// Written after the alternate screen was left, so it stays on the shell's screen.
		const raw = session.raw();
		expect(raw.indexOf('kraken-tape: alert')).toBeGreaterThan(
			raw.lastIndexOf(sequences.leaveAlternateScreen),
		);
	});

	test('q exits from the too-small screen', async () => {
		const session = startTerminal(['--demo'], {columns: 20, rows: 5});
		await session.waitForText('too small 20x5');
		session.write('q');
		expect(await waitForExit(session)).toEqual({exitCode: 0, signal: undefined});
		expectRestored(session);
	});
});
