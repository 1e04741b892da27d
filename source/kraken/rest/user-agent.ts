import {readPackageFacts} from '../../cli/package-facts.js';

/**
 * The User-Agent of every REST call: Kraken's REST docs ask each request to send one
 * (docs/kraken-protocol.md, section 10), and one that names the tool and its version tells Kraken which
 * client misbehaves, if one does. `kraken-tape/0.1.0`, or `kraken-tape/0.1.0 (library)` with a
 * comment; `kraken-tape` alone if the version is unknown.
 */
export function userAgentOf(version: string, comment?: string): string {
	const product = version === '' ? 'kraken-tape' : `kraken-tape/${version}`;
	return comment === undefined ? product : `${product} (${comment})`;
}

let packageVersion: string | undefined;

/**
 * The User-Agent with this package's own version, read once from its package.json, found up from
 * this module as the command finds it (cli/package-facts.ts): from the bundle's chunks in dist/,
 * or from the source in a test. For the library, which has no command line to read it for it.
 */
export function packageUserAgent(comment?: string): string {
	packageVersion ??= readPackageFacts().version;
	return userAgentOf(packageVersion, comment);
}
