import {execFileSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {PtyProgram} from './pty.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * kraken-tape as a user installs it: the built package packed (`npm pack`) and installed into a
 * folder of its own, once a run, and removed when the run ends.
 */
function installPackage(): string {
	const folder = mkdtempSync(join(tmpdir(), 'kraken-tape-bench-'));
	process.on('exit', () => {
		rmSync(folder, {recursive: true, force: true});
	});
	execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', folder], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const tarball = readdirSync(folder).find((name) => name.endsWith('.tgz'))!;
	writeFileSync(join(folder, 'package.json'), JSON.stringify({name: 'bench', private: true}));
	execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', `./${tarball}`], {
		cwd: folder,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	return join(folder, 'node_modules/kraken-tape/dist/bin.js');
}

/**
 * Node's arguments for the installed command as its shebang runs it (`#!/usr/bin/env -S node
 * [flags]`): the flags of that line, then the installed file. Read from the installed file, so
 * the benchmark runs what a user runs and nothing more.
 */
export const krakenTape: readonly string[] = (() => {
	const bin = installPackage();
	const shebang = readFileSync(bin, 'utf8').split('\n', 1)[0]!;
	const [env, split, node, ...flags] = shebang.split(' ');
	if (env !== '#!/usr/bin/env' || split !== '-S' || node !== 'node') {
		throw new Error(
			`the installed command's first line is not "#!/usr/bin/env -S node …": ${shebang}`,
		);
	}

	// Without the user's config file: a theme or keys of their own would change what is measured.
	return [...flags, bin, '--no-config'];
})();
export const probePath = fileURLToPath(new URL('probe/loop-delay.js', import.meta.url));
export const baselinePath = (file: string) =>
	fileURLToPath(new URL(`baselines/${file}`, import.meta.url));

/** A trade-tape row on screen: local time with milliseconds, then B or S. */
export const tradeRow = /^\d{2}:\d{2}:\d{2}\.\d{3} [BS] /;
export const hasTradeRows = (lines: readonly string[]) => lines.some((line) => tradeRow.test(line));

/** The focused pair's trades/min figure in the stats strip, or undefined when not on screen. */
export function tradesPerMinuteOn(lines: readonly string[]): number | undefined {
	for (const line of lines) {
		const match = /trades\/min (\d+)/.exec(line);
		if (match) {
			return Number(match[1]);
		}
	}

	return undefined;
}

/**
 * Trades missing from the screen: each pair focused in turn (keys 1, 2, ...), its trades/min
 * must reach `expected` within five seconds. Every trade is stamped when sent, so the figure is
 * the pair's whole count.
 */
export async function missingTrades(
	program: PtyProgram,
	pairs: readonly string[],
	expected: number,
): Promise<number> {
	let missing = 0;
	for (const [index] of pairs.entries()) {
		program.write(String(index + 1));
		let shown: number | undefined;
		try {
			await program.whenScreen((lines) => {
				shown = tradesPerMinuteOn(lines);
				return shown === expected;
			}, 5000);
		} catch {
			missing += expected - (shown ?? 0);
		}
	}

	return missing;
}
