import type {Writable} from 'node:stream';
import {exitCodes, untilSignal} from './exit-codes.js';
import type {ServeOptions} from './options.js';
import {startExchangeServer} from './simulator/exchange-server.js';
import {createReplaySource} from './simulator/replay-source.js';
import {createSimulatedMarket} from './simulator/simulated-market.js';

/**
 * `kraken-tape serve`: the simulated exchange on its own, for any Kraken client. Resolves with
 * the exit code; a recording it cannot replay is thrown as an InputError, for the command's
 * entry to say.
 */
export async function runServe(options: ServeOptions, stderr: Writable): Promise<number> {
	const source =
		options.replayFile === undefined
			? createSimulatedMarket()
			: createReplaySource(options.replayFile, options.speed);

	let server;
	try {
		server = await startExchangeServer({source, port: options.port, host: options.host});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? 'error';
		stderr.write(`kraken-tape: cannot listen on ${options.host}:${options.port} (${code})\n`);
		return exitCodes.cannotListen;
	}

	// A signal ends it with 128 + the signal's number, as it ends the tape and --json: listened for
	// before the lines that say it is up, which a caller may answer with a signal at once.
	const signalled = untilSignal();
	stderr.write(
		`kraken-tape: SIMULATED exchange (not Kraken), ${source.description}\n` +
			`kraken-tape: v1 at ${server.url}/ and v2 at ${server.url}/v2, REST at ${server.httpUrl}/0/public/; Ctrl-C stops it\n`,
	);
	source.onFinished?.((tradesSent) => {
		stderr.write(
			`kraken-tape: replay finished: ${tradesSent} trades sent; the exchange stays up (heartbeats only) until stopped\n`,
		);
	});
	const code = await signalled;
	await server.close();
	return code;
}
