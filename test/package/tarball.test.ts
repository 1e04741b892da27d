import {execFile, execFileSync, spawnSync} from 'node:child_process';
import {promisify} from 'node:util';
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {startExchangeServer, type ExchangeServer} from '../../source/simulator/exchange-server.js';
import {createSimulatedMarket} from '../../source/simulator/simulated-market.js';

// The package as a user gets it: `npm pack`, installed into an empty folder with no network
// (the tarball must need nothing from the registry), run as the command and imported as a
// library, its types checked by tsc in a new TypeScript project.

const root = resolve(import.meta.dirname, '../..');
const folder = mkdtempSync(join(tmpdir(), 'kraken-tape-package-'));
let server: ExchangeServer;

const run = (command: string, arguments_: string[], input?: string) =>
	spawnSync(command, arguments_, {cwd: folder, encoding: 'utf8', timeout: 60_000, input});

beforeAll(async () => {
	// The build is the suite's own (npm test builds first): pack's prepare would rebuild dist/
	// while other test files run from it.
	execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', folder], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const tarball = readdirSync(folder).find((name) => name.endsWith('.tgz'))!;
	writeFileSync(
		join(folder, 'package.json'),
		JSON.stringify({name: 'a-new-project', private: true, type: 'module'}),
	);
	execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', `./${tarball}`], {
		cwd: folder,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	server = await startExchangeServer({
		source: createSimulatedMarket({seed: 3, rateMultiplier: 10}),
	});
}, 120_000);

afterAll(async () => {
	await server?.close();
	rmSync(folder, {recursive: true, force: true});
});

describe('the package', () => {
	test('installs nothing but itself', () => {
		expect(
			readdirSync(join(folder, 'node_modules')).filter((name) => !name.startsWith('.')),
		).toEqual(['kraken-tape']);
	});

	test('runs as the command: --version, and --demo --json', () => {
		const bin = join(folder, 'node_modules/.bin/kraken-tape');
		expect(run(bin, ['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
		const result = run('bash', ['-c', `set -o pipefail; "${bin}" --demo --json XBT/USD | head -3`]);
		expect(result.status).toBe(0);
		const lines = result.stdout
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as {type: string});
		expect(lines.map((line) => line.type)).toEqual(['trade', 'trade', 'trade']);
	});

	test('the installed command runs with the flags its shebang gives (the young generation capped, the heap keeper able to collect), no flag asked', () => {
		const bin = join(folder, 'node_modules/kraken-tape/dist/bin.js');
		const shebang = readFileSync(bin, 'utf8').split('\n')[0]!;
		expect(shebang).toBe('#!/usr/bin/env -S node --max-semi-space-size=8 --expose-gc');
		// The same line, run as the command is (through the .bin link), gives Node the flags.
		const probe = join(folder, 'node_modules/.bin/shebang-probe');
		writeFileSync(
			probe,
			`${shebang}\nconsole.log(JSON.stringify([process.execArgv, typeof globalThis.gc]));\n`,
			{mode: 0o755},
		);
		expect(JSON.parse(run(probe, []).stdout)).toEqual([
			['--max-semi-space-size=8', '--expose-gc'],
			'function',
		]);
		rmSync(probe);
	});

	test('imports as a library in plain JavaScript and streams trades from serve', async () => {
		const script = `
			import {watchTrades} from 'kraken-tape';
			let count = 0;
			for await (const trade of watchTrades(['XBT/USD'], {url: '${server.url}/v2'})) {
				if (!(trade.time instanceof Date)) throw new Error('time is not a Date');
				if (++count === 5) break;
			}
			console.log('read', count);
		`;
		writeFileSync(join(folder, 'watch.mjs'), script);
		// Not spawnSync: the exchange runs in this process, and must answer meanwhile.
		const result = await promisify(execFile)(process.execPath, ['watch.mjs'], {
			cwd: folder,
			timeout: 30_000,
		});
		expect(result.stderr).toBe('');
		expect(result.stdout.trim()).toBe('read 5');
	});

	test('its types check in a new TypeScript project, and a wrong use does not', () => {
		const tsconfig = {
			compilerOptions: {
				target: 'ES2023',
				module: 'NodeNext',
				moduleResolution: 'NodeNext',
				strict: true,
				noEmit: true,
				types: ['node'],
				typeRoots: [join(root, 'node_modules/@types')],
			},
			include: ['*.ts'],
		};
		writeFileSync(join(folder, 'tsconfig.json'), JSON.stringify(tsconfig));
		writeFileSync(
			join(folder, 'watch.ts'),
			`import {watchTrades, waitForPrice, type TradeEvent} from 'kraken-tape';
for await (const trade of watchTrades(['XBT/USD'])) {
	const price: number = trade.price;
	const when: Date = trade.time;
	const id: number | undefined = trade.tradeId;
	console.log(price, when, id satisfies TradeEvent['tradeId']);
	break;
}
const alert = await waitForPrice('XBT/USD >= 100000', {signal: AbortSignal.timeout(1000)});
console.log(alert.rule);
`,
		);
		const tsc = join(root, 'node_modules/typescript/bin/tsc');
		const good = run(process.execPath, [tsc, '-p', '.']);
		expect(good.stdout).toBe('');
		expect(good.status).toBe(0);

		writeFileSync(
			join(folder, 'wrong.ts'),
			`import {watchTrades} from 'kraken-tape';\nfor await (const trade of watchTrades('XBT/USD')) {\n\tconst side: number = trade.side;\n\tconsole.log(side);\n}\n`,
		);
		const wrong = run(process.execPath, [tsc, '-p', '.']);
		expect(wrong.stdout).toContain("Type 'string' is not assignable to type 'number'");
		rmSync(join(folder, 'wrong.ts'));
	});
});
