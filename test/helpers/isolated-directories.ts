import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

let base: string | undefined;

/**
 * XDG directories of this test process's own, empty unless a test writes there: the command
 * under test reads no config file and writes no alert log of the machine's user, whatever that
 * user keeps in ~/.config. Made on first use, removed when the process ends.
 */
export function isolatedDirectories(): Readonly<{XDG_CONFIG_HOME: string; XDG_STATE_HOME: string}> {
	if (base === undefined) {
		const made = mkdtempSync(path.join(tmpdir(), 'kraken-tape-test-'));
		base = made;
		process.once('exit', () => rmSync(made, {recursive: true, force: true}));
	}

	return {
		XDG_CONFIG_HOME: path.join(base, 'config'),
		XDG_STATE_HOME: path.join(base, 'state'),
	};
}
