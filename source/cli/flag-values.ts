import {InputError} from '../input-error.js';
import type {Command, FlagDefinition, ListFlag, StringFlag} from './flag-definition.js';
import {flagEntries, type FlagName, type FlagValues} from './flags.js';

/** Each flag's value, checked on its own, and which flags were given at all. */
export type ParsedFlags = Readonly<{values: FlagValues; given: ReadonlySet<FlagName>}>;

function isGiven(raw: unknown): boolean {
	return raw !== undefined && raw !== false && !(Array.isArray(raw) && raw.length === 0);
}

function convert(name: FlagName, definition: StringFlag | ListFlag, raw: unknown): unknown {
	const result = definition.schema(`--${name}`).safeParse(String(raw));
	if (!result.success) {
		throw new InputError(result.error.issues[0]?.message ?? `--${name} is not valid`);
	}

	return result.data;
}

function valueOf(name: FlagName, definition: FlagDefinition, raw: unknown): unknown {
	switch (definition.kind) {
		case 'boolean': {
			return raw === true;
		}

		case 'string': {
			return raw === undefined ? definition.default : convert(name, definition, raw);
		}

		case 'list': {
			return (Array.isArray(raw) ? raw : []).map((item) => convert(name, definition, item));
		}
	}
}

/** Whether `command` takes a flag of `owner`: the config command takes the screen's flags. */
export function takes(command: Command, owner: Command | 'both'): boolean {
	return owner === 'both' || owner === command || (owner === 'watch' && command === 'config');
}

function refusal(name: FlagName, command: Command, owner: Command): string {
	return owner === 'watch'
		? `--${name} is not an option of ${command}`
		: `--${name} belongs to the ${owner} command`;
}

/**
 * Checks every flag on its own, in the table's order: a flag of the other command is refused,
 * then each value goes through its schema, and a flag not given takes its default. Throws an
 * InputError saying what is wrong.
 */
export function readFlagValues(
	command: Command,
	rawFlags: Readonly<Record<FlagName, unknown>>,
	negated: ReadonlySet<FlagName> = new Set(),
): ParsedFlags {
	const given = new Set<FlagName>();
	for (const [name, definition] of flagEntries) {
		if (isGiven(rawFlags[name]) || negated.has(name)) {
			if (definition.command !== 'both' && !takes(command, definition.command)) {
				throw new InputError(refusal(name, command, definition.command));
			}

			given.add(name);
		}
	}

	const values = Object.fromEntries(
		flagEntries.map(([name, definition]) => [name, valueOf(name, definition, rawFlags[name])]),
	) as FlagValues;
	return {values, given};
}
