// Records the real command against the built-in simulated exchange in a pseudo-terminal and
// makes the media the readme shows: media/demo.cast (asciicast v2, the raw recording),
// media/screenshot.svg and .png (one screen), media/demo.svg (the recording, animated), and a
// screenshot of each colour theme, media/theme-<name>.png (theme-shots.ts).
// Run it with `npm run media` (builds first); `npm run media -- --themes` makes the theme
// screenshots alone. The data is simulated and the status bar says so.
import {existsSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import xtermHeadless from '@xterm/headless';
import {spawn} from 'node-pty';
import {animatedSvg, captureScreen, savePng, screenshotSvg, type Screen} from './render-svg.js';
import {makeThemeShots} from './theme-shots.js';

const {Terminal} = xtermHeadless;
type HeadlessTerminal = InstanceType<typeof Terminal>;

const columns = 120;
const rows = 32;
const commandArguments = ['--demo', 'XBT/USD', 'ETH/USD', 'SOL/USD'];
const mediaDirectory = new URL('./', import.meta.url);
const binPath = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
/** Seconds between the frames of the animated SVG. */
const frameInterval = 0.25;

type CastEvent = [seconds: number, kind: 'o', data: string];

const delay = async (milliseconds: number) =>
	new Promise((resolve) => {
		setTimeout(resolve, milliseconds);
	});

/** Resolves once xterm has parsed everything written to it so far. */
const flushed = async (terminal: HeadlessTerminal) =>
	new Promise<void>((resolve) => {
		terminal.write('', resolve);
	});

/** Replays the recording into a fresh terminal and takes a screen every frameInterval seconds. */
async function sampleFrames(events: readonly CastEvent[], end: number) {
	const terminal = new Terminal({cols: columns, rows, allowProposedApi: true, scrollback: 0});
	const frames: Array<{time: number; screen: Screen; key: string}> = [];
	let next = 0;
	for (let time = 0; time <= end; time += frameInterval) {
		while (next < events.length && (events[next]?.[0] ?? Infinity) <= time) {
			terminal.write(events[next]?.[2] ?? '');
			next++;
		}

		// Never take a half-drawn frame: read on until Ink's synchronized update ends.
		await flushed(terminal);
		while (terminal.modes.synchronizedOutputMode && next < events.length) {
			terminal.write(events[next]?.[2] ?? '');
			next++;
			await flushed(terminal);
		}

		if (terminal.buffer.active.type !== 'alternate') {
			continue;
		}

		const screen = captureScreen(terminal);
		const key = JSON.stringify(screen);
		// Skip the blank screen before the first frame, and screens that did not change.
		if (screen.some((runs) => runs.length > 0) && frames.at(-1)?.key !== key) {
			frames.push({time, screen, key});
		}
	}

	terminal.dispose();
	return frames;
}

async function main(): Promise<void> {
	if (!existsSync(binPath)) {
		throw new Error('dist/bin.js is missing: run npm run build first (npm run media does)');
	}

	// No user's config file: the images show the defaults.
	const configHome = mkdtempSync(path.join(tmpdir(), 'kraken-tape-media-'));
	process.once('exit', () => rmSync(configHome, {recursive: true, force: true}));
	const environment: Record<string, string | undefined> = {
		...process.env,
		XDG_CONFIG_HOME: configHome,
		XDG_STATE_HOME: configHome,
		// With CI set, Ink writes no frames until exit; NODE_ENV is left unset, as a user's.
		CI: undefined,
		NODE_ENV: undefined,
		NO_COLOR: undefined,
		FORCE_COLOR: undefined,
		TERM: 'xterm-256color',
		COLORTERM: 'truecolor',
	};
	// node-pty would pass an undefined value on as the string "undefined".
	for (const [name, value] of Object.entries(environment)) {
		if (value === undefined) {
			delete environment[name];
		}
	}

	const terminal = new Terminal({cols: columns, rows, allowProposedApi: true, scrollback: 0});
	const child = spawn(process.execPath, [binPath, ...commandArguments], {
		name: 'xterm-256color',
		cols: columns,
		rows,
		cwd: fileURLToPath(new URL('../', import.meta.url)),
		env: environment,
	});
	const startedAt = performance.now();
	const seconds = () => (performance.now() - startedAt) / 1000;
	const events: CastEvent[] = [];
	child.onData((data) => {
		events.push([Number(seconds().toFixed(6)), 'o', data]);
		terminal.write(data);
	});
	const exited = new Promise<number>((resolve) => {
		child.onExit(({exitCode}) => {
			resolve(exitCode);
		});
	});

	const screenText = () => {
		const buffer = terminal.buffer.active;
		return Array.from(
			{length: rows},
			(_, y) => buffer.getLine(y)?.translateToString(true) ?? '',
		).join('\n');
	};

	const waitForScreen = async (pattern: RegExp, timeout = 10_000) => {
		const deadline = performance.now() + timeout;
		while (!pattern.test(screenText()) || terminal.modes.synchronizedOutputMode) {
			if (performance.now() > deadline) {
				throw new Error(`the screen never showed ${String(pattern)}:\n${screenText()}`);
			}

			await delay(50);
		}
	};

	// Whatever goes wrong, the command must not outlive the script.
	process.once('exit', () => {
		child.kill('SIGKILL');
	});
	const tradeRows = /^(?:\d{2}:\d{2}:\d{2}\.\d{3} [BS] .*\n){12}/m;
	await waitForScreen(tradeRows);
	await delay(2000);
	// The screenshot: the live tape, stats and the SIMULATED mark, between two frames.
	await waitForScreen(/SIMULATED/);
	await flushed(terminal);
	while (terminal.modes.synchronizedOutputMode) {
		await delay(10);
		await flushed(terminal);
	}

	const screenshot = captureScreen(terminal);
	const screenshotPlain = screenText();

	child.write('\u001B[C');
	await waitForScreen(/\[2 ETH\/USD/);
	await delay(1200);
	child.write('g');
	await waitForScreen(/╭/);
	await delay(2000);
	child.write('g');
	await waitForScreen(/^time +price/m);
	await delay(300);
	child.write(' ');
	await waitForScreen(/PAUSED \+\d+/);
	await delay(1600);
	child.write(' ');
	await delay(700);
	const quitAt = seconds();
	child.write('q');
	const code = await exited;
	if (code !== 0) {
		throw new Error(`kraken-tape exited ${code}`);
	}

	if (!screenshotPlain.includes('SIMULATED')) {
		throw new Error('the screenshot lacks the SIMULATED mark');
	}

	const header = {
		version: 2,
		width: columns,
		height: rows,
		title: `kraken-tape ${commandArguments.join(' ')} (simulated data)`,
		env: {TERM: 'xterm-256color', SHELL: '/bin/bash'},
	};
	const cast = [JSON.stringify(header), ...events.map((event) => JSON.stringify(event))].join('\n');
	writeFileSync(new URL('demo.cast', mediaDirectory), `${cast}\n`);

	const still = screenshotSvg(screenshot, {columns, rows});
	writeFileSync(new URL('screenshot.svg', mediaDirectory), still);
	savePng(still, new URL('screenshot.png', mediaDirectory));

	const sampled = await sampleFrames(events, quitAt);
	// The animation starts at the first drawn screen and holds the last one a moment.
	const start = sampled[0]?.time ?? 0;
	const frames = sampled.map((frame) => ({...frame, time: frame.time - start}));
	writeFileSync(
		new URL('demo.svg', mediaDirectory),
		animatedSvg(frames, quitAt - start + 2, {columns, rows}),
	);
	terminal.dispose();
	const files = ['demo.cast', 'screenshot.svg', 'screenshot.png', 'demo.svg', ...(await makeThemeShots())];
	const sizes = files.map((file) => statSync(new URL(file, mediaDirectory)).size);
	process.stdout.write(
		`media: ${files.map((file, index) => `${file} ${((sizes[index] ?? 0) / 1024).toFixed(0)} KB`).join(', ')}; ${quitAt.toFixed(1)} s recorded, ${frames.length} frames animated\n`,
	);
	// The files are committed: keep each under 1 MB (a longer script makes a larger cast).
	const tooLarge = files.filter((_, index) => (sizes[index] ?? 0) >= 1024 * 1024);
	if (tooLarge.length > 0) {
		throw new Error(`over 1 MB: ${tooLarge.join(', ')}`);
	}
}

if (process.argv.includes('--themes')) {
	const files = await makeThemeShots();
	process.stdout.write(`media: ${files.join(', ')}\n`);
} else {
	await main();
}
