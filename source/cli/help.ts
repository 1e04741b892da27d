import type {Command, FlagDefinition} from './flag-definition.js';
import {defaultPairs, flagEntries} from './flags.js';

const indent = '  ';
/** Where a flag's help starts, counted from its `--`. */
const helpColumn = 20;

function flagLines(name: string, definition: FlagDefinition): string[] {
	const label = `--${name}${definition.kind === 'boolean' ? '' : ` ${definition.argument}`}`;
	const width = Math.max(helpColumn, label.length + 2);
	return definition.help.map(
		(line, index) => `${indent}${indent}${(index === 0 ? label : '').padEnd(width)}${line}`,
	);
}

/**
 * The help lines of the flags `command` owns; flags every command takes are listed with the
 * tape's, and config's own list holds only what the tape's does not.
 */
function optionLines(command: Command): string[] {
	return flagEntries
		.filter(([, definition]) =>
			command === 'watch'
				? definition.command === 'watch' || definition.command === 'both'
				: definition.command === command,
		)
		.flatMap(([name, definition]) => flagLines(name, definition));
}

/** The text `--help` prints, for either command; `description` is the package's. */
export function helpText(description: string | undefined): string {
	return [
		...(description === undefined ? [] : [description, '']),
		`${indent}Usage`,
		`${indent}  $ kraken-tape [pairs...]        live trade tape (JSON lines when stdout is not a terminal)`,
		`${indent}  $ kraken-tape serve             run the simulated Kraken exchange`,
		`${indent}  $ kraken-tape config            each setting in effect and where it came from`,
		'',
		`${indent}Options`,
		...optionLines('watch'),
		'',
		`${indent}Options for serve`,
		...optionLines('serve'),
		'',
		`${indent}Options for config`,
		...optionLines('config'),
		'',
		`${indent}Pairs are BASE/QUOTE in any case; XBT and BTC, XDG and DOGE are the same asset.`,
		`${indent}Default pairs: ${defaultPairs.join(' ')}.`,
		`${indent}Settings are read from ~/.config/kraken-tape/config.toml ($XDG_CONFIG_HOME); flags win.`,
		`${indent}config takes the tape's pairs and flags too, to show what they would change.`,
		'',
		`${indent}Examples`,
		`${indent}  $ kraken-tape --demo`,
		`${indent}  $ kraken-tape --json XBT/USD ETH/USD | head`,
		`${indent}  $ kraken-tape --json --channels trade,ticker,ohlc --interval 5 XBT/USD`,
		`${indent}  $ kraken-tape --json --alert 'XBT/USD>=100000' --exit-on-alert`,
		`${indent}  $ kraken-tape config --init`,
	].join('\n');
}
