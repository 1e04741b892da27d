import {InputError} from '../input-error.js';
import {
	flagEntries,
	type Command,
	type FlagDefinition,
	type FlagName,
	type FlagValues,
	type ListFlag,
	type StringFlag,
} from './flags.js';

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

function refusal(name: FlagName, command: Command): string {
	return command === 'serve'
		? `--${name} is not an option of serve`
		: `--${name} belongs to the serve command`;
}

/**
 * Checks every flag on its own, in the table's order: a flag of the other command is refused,
 * then each value goes through its schema, and a flag not given takes its default. Throws an
 * InputError saying what is wrong.
 */
export function readFlagValues(
	command: Command,
	rawFlags: Readonly<Record<FlagName, unknown>>,
): ParsedFlags {
	const given = new Set<FlagName>();
	for (const [name, definition] of flagEntries) {
		if (isGiven(rawFlags[name])) {
			if (definition.command !== 'both' && definition.command !== command) {
				throw new InputError(refusal(name, command));
			}

			given.add(name);
		}
	}

	const values = Object.fromEntries(
		flagEntries.map(([name, definition]) => [name, valueOf(name, definition, rawFlags[name])]),
	) as FlagValues;
	return {values, given};
}
