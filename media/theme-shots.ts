// A screenshot of each colour theme (media/theme-<name>.png), made by `npm run media` from the
// real command against the built-in simulated exchange, in a pseudo-terminal that takes 24-bit
// colour. The light theme is drawn in a light terminal, the others in the dark one.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import xtermHeadless from '@xterm/headless';
import {spawn} from 'node-pty';
import {themeNames, type ThemeName} from '../source/model/theme.js';
import {captureScreen, darkScheme, lightScheme, savePng, screenshotSvg} from './render-svg.js';

const {Terminal} = xtermHeadless;
type HeadlessTerminal = InstanceType<typeof Terminal>;

const columns = 120;
const rows = 32;
const binPath = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

const delay = async (milliseconds: number) =>
	new Promise((resolve) => {
		setTimeout(resolve, milliseconds);
	});

const flushed = async (terminal: HeadlessTerminal) =>
	new Promise<void>((resolve) => {
		terminal.write('', resolve);
	});

function screenText(terminal: HeadlessTerminal): string {
	const buffer = terminal.buffer.active;
	return Array.from({length: rows}, (_, y) => buffer.getLine(y)?.translateToString(true) ?? '').join(
		'\n',
	);
}

/** The environment a user's terminal gives, 24-bit colour on, and no user's config file read. */
function environmentFor(configHome: string): Record<string, string> {
	const environment: Record<string, string> = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (value !== undefined && !['CI', 'NODE_ENV', 'NO_COLOR', 'FORCE_COLOR'].includes(name)) {
			environment[name] = value;
		}
	}

	return {
		...environment,
		TERM: 'xterm-256color',
		COLORTERM: 'truecolor',
		XDG_CONFIG_HOME: configHome,
		XDG_STATE_HOME: configHome,
	};
}

/**
 * Runs the screen with `--theme name`, waits for a full tape, the chart and the ladder, pauses
 * it (PAUSED is drawn in the highlight colour) and saves the screen between two frames. An
 * alert would show the highlight too, but its bell is an emoji xterm.js measures narrower than
 * the program does, which skews the tab line in the image.
 */
async function shoot(name: ThemeName, configHome: string): Promise<string> {
	const terminal = new Terminal({cols: columns, rows, allowProposedApi: true, scrollback: 0});
	const child = spawn(
		process.execPath,
		[binPath, '--demo', '--theme', name, 'XBT/USD', 'ETH/USD', 'SOL/USD'],
		{name: 'xterm-256color', cols: columns, rows, env: environmentFor(configHome)},
	);
	child.onData((data) => terminal.write(data));
	const exited = new Promise<number>((resolve) => {
		child.onExit(({exitCode}) => resolve(exitCode));
	});
	try {
		const deadline = performance.now() + 15_000;
		const ready = /(?:^\d{2}:\d{2}:\d{2}\.\d{3} [BS] .*\n){10}/m;
		while (!ready.test(screenText(terminal)) || !/spread/.test(screenText(terminal))) {
			if (performance.now() > deadline) {
				throw new Error(`--theme ${name}: the screen never filled:\n${screenText(terminal)}`);
			}

			await delay(50);
		}

		await delay(2500);
		child.write(' ');
		while (!/PAUSED \+\d+/.test(screenText(terminal))) {
			await delay(50);
		}

		await delay(1000);
		await flushed(terminal);
		while (terminal.modes.synchronizedOutputMode) {
			await delay(10);
			await flushed(terminal);
		}

		const scheme = name === 'light' ? lightScheme : darkScheme;
		const file = `theme-${name}.png`;
		savePng(
			screenshotSvg(captureScreen(terminal, scheme), {columns, rows}, scheme),
			new URL(file, import.meta.url),
		);
		child.write('q');
		if ((await exited) !== 0) {
			throw new Error(`--theme ${name}: kraken-tape did not exit 0`);
		}

		return file;
	} finally {
		child.kill('SIGKILL');
		terminal.dispose();
	}
}

/** Makes every theme's screenshot; returns the files written. */
export async function makeThemeShots(): Promise<string[]> {
	const configHome = mkdtempSync(path.join(tmpdir(), 'kraken-tape-media-'));
	try {
		const files: string[] = [];
		for (const name of themeNames) {
			files.push(await shoot(name, configHome));
		}

		return files;
	} finally {
		rmSync(configHome, {recursive: true, force: true});
	}
}
