import meow from 'meow';
import {InputError} from '../input-error.js';
import {readPackageFacts} from './package-facts.js';
import type {FlagDefinition} from './flag-definition.js';
import {flagEntries, flagTable, type FlagName} from './flags.js';

/** The command line as typed, split: positionals, and each flag's raw value by its name. */
export type Arguments = Readonly<{
	input: readonly string[];
	/** Booleans as booleans; strings as typed (the empty string when no value followed). */
	rawFlags: Readonly<Record<FlagName, unknown>>;
	/**
	 * Boolean flags typed as `--no-X` (`--no-ascii`): false, but given, so they win over a config
	 * file's `ascii = true`. Meow reads them as false, as it reads a flag not typed at all.
	 */
	negated: ReadonlySet<FlagName>;
	/** From package.json, for --help and --version. */
	description: string | undefined;
	version: string;
}>;

// Meow reads `--no-X` as X set to false, so a flag typed `--no-X` is declared to it as X, on
// by default.
const negation = /^no-/;

function meowKey(name: string): string {
	return name
		.replace(negation, '')
		.replaceAll(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
}

type MeowFlag =
	| {type: 'boolean'; default: boolean; shortFlag?: string}
	| {type: 'string'; isMultiple?: true; default?: string[]; shortFlag?: string};

function meowFlag(name: string, definition: FlagDefinition): MeowFlag {
	const short = definition.short === undefined ? {} : {shortFlag: definition.short};
	switch (definition.kind) {
		case 'boolean': {
			return {type: 'boolean', default: negation.test(name), ...short};
		}

		case 'string': {
			return {type: 'string', ...short};
		}

		case 'list': {
			return {type: 'string', isMultiple: true, default: [], ...short};
		}
	}
}

/**
 * A `--no-X` whose X is a flag of its own (--no-config beside --config FILE): meow reads both
 * under X's key, X's value or false, so it is declared once, as X.
 */
function sharesKey(name: string): boolean {
	return negation.test(name) && name.replace(negation, '') in flagTable;
}

/** Meow's flags object, made from the flag table. */
export function meowFlags(): Record<string, MeowFlag> {
	return Object.fromEntries(
		flagEntries
			.filter(([name]) => !sharesKey(name))
			.map(([name, definition]) => [meowKey(name), meowFlag(name, definition)]),
	);
}

/** A flag's raw value from meow's, by the name it is typed with. */
function rawValue(name: string, flags: Readonly<Record<string, unknown>>): unknown {
	const value = flags[meowKey(name)];
	if (sharesKey(name)) {
		return value === false;
	}

	if (negation.test(name)) {
		return value === false;
	}

	// X read as false was typed --no-X, which is the other flag's.
	return `no-${name}` in flagTable && value === false ? undefined : value;
}

const longNames = new Set(flagEntries.map(([name]) => name));
const booleanNames = new Set(
	flagEntries.filter(([, definition]) => definition.kind === 'boolean').map(([name]) => name),
);
const shortNames = new Set(flagEntries.flatMap(([, definition]) => definition.short ?? []));

/** What the parser reads as a value rather than a flag: `--speed -1`. */
const negativeNumber = /^-(?:\d+|\d*\.\d+)(?:e[+-]?\d+)?$/i;

function isKnown(argument: string): boolean {
	const name = argument.replace(/^--?/, '').split('=')[0] ?? '';
	if (!argument.startsWith('--')) {
		// -h, or several short flags at once: -hv.
		return name !== '' && [...name].every((letter) => shortNames.has(letter));
	}

	return (
		longNames.has(name as FlagName) || booleanNames.has(name.replace(negation, '') as FlagName)
	);
}

/**
 * Refuses a flag the table does not have, named as typed (`--bogus-flag`, `-x`): meow would
 * take it quietly, or, asked to refuse it, say so in two lines and exit on its own.
 */
function checkFlagsKnown(argv: readonly string[]): void {
	const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
	const unknown = argv.slice(0, end).find(
		(argument) =>
			// A lone `-` is a positional to the parser, as it is to most commands.
			argument.startsWith('-') &&
			argument !== '-' &&
			!negativeNumber.test(argument) &&
			!isKnown(argument),
	);
	if (unknown !== undefined) {
		throw new InputError(`unknown flag ${unknown.split('=')[0]} (see kraken-tape --help)`);
	}

	// Meow would call the pair one flag given twice.
	const typed = new Set(argv.slice(0, end).map((argument) => argument.split('=')[0]));
	for (const name of flagEntries.map(([name]) => name).filter((name) => sharesKey(name))) {
		if (typed.has(`--${name}`) && typed.has(`--${name.replace(negation, '')}`)) {
			throw new InputError(`--${name.replace(negation, '')} and --${name} cannot go together`);
		}
	}
}

/** Splits the command line (without node and the script) with meow, after the unknown-flag check. */
export function readArguments(argv: readonly string[]): Arguments {
	checkFlagsKnown(argv);
	const facts = readPackageFacts();
	let cli;
	try {
		cli = meow({
			importMeta: import.meta,
			// Given, so meow neither looks for package.json nor normalizes it.
			pkg: facts,
			argv: [...argv],
			flags: meowFlags(),
			allowUnknownFlags: true,
			// Help and version are answered by the caller: meow would answer only when the flag is
			// the one argument, and exit on its own.
			autoHelp: false,
			autoVersion: false,
		});
	} catch (error) {
		// Meow's one refusal of its own, said as the rest are.
		const repeated = /^The flag (--\w+) can only be set once/.exec(
			error instanceof Error ? error.message : '',
		);
		if (repeated?.[1] !== undefined) {
			throw new InputError(`${meowName(repeated[1])} can be given only once`);
		}

		throw error;
	}

	const flags = cli.flags as Record<string, unknown>;
	const rawFlags = Object.fromEntries(
		flagEntries.map(([name]) => [name, rawValue(name, flags)]),
	) as Record<FlagName, unknown>;
	const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
	const typed = new Set(argv.slice(0, end));
	const negated = new Set(
		flagEntries
			.filter(([name, definition]) => definition.kind === 'boolean' && typed.has(`--no-${name}`))
			.map(([name]) => name),
	);
	return {
		input: cli.input,
		rawFlags,
		negated,
		description: facts.description,
		version: facts.version,
	};
}

/** Meow names flags by its camel-case keys; the user typed them kebab-case. */
function meowName(flag: string): string {
	return flag.replaceAll(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
