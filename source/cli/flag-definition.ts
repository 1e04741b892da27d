import type {FlagSchema} from './flag-schemas.js';

/**
 * The screen and --json (`kraken-tape [pairs...]`), `kraken-tape serve`, or `kraken-tape config`
 * (which takes the screen's flags too, to show what they would change).
 */
export type Command = 'watch' | 'serve' | 'config';

type FlagBase = Readonly<{
	/** The command that takes the flag ('watch' flags `config` takes too); 'both' is every command. */
	command: Command | 'both';
	/** The one-letter alias, typed `-h`. */
	short?: string;
	/** Its lines in --help, after the flag's column; none leaves it out of the help. */
	help: readonly string[];
	/**
	 * Its key in the config file, or 'not in config' for what only makes sense for one run
	 * (a file to write, an exit condition, a mode, serve's flags).
	 */
	config: string;
}>;

/** Given or not; typed `--no-X` when its name is `no-X`. */
export type BooleanFlag = FlagBase & Readonly<{kind: 'boolean'}>;

/** One value, converted by its schema; `default` when not given. */
export type StringFlag = FlagBase &
	Readonly<{kind: 'string'; argument: string; schema: FlagSchema<unknown>; default?: unknown}>;

/** Repeatable: every value converted by its schema, none by default. */
export type ListFlag = FlagBase &
	Readonly<{kind: 'list'; argument: string; schema: FlagSchema<unknown>}>;

/** One flag of the table (flags.ts): how it is typed, what it converts to, where it is said. */
export type FlagDefinition = BooleanFlag | StringFlag | ListFlag;

/** The `config` of a flag the config file has no key for. */
export const notInConfig = 'not in config';
