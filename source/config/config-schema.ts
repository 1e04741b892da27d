import * as z from 'zod';
import {channelNames, type FlagSchema, type WrittenAlertRule} from '../cli/flag-schemas.js';
import {notInConfig, type FlagDefinition} from '../cli/flag-definition.js';
import {flagEntries, type FlagName} from '../cli/flags.js';
import {parsePair} from '../kraken/pair-names.js';
import {parseAlertRule} from '../model/alerts.js';
import {colourNameExamples} from '../model/colours.js';
import {actions, type Action} from '../model/key-bindings.js';
import {keyNameOf, keySpellingHelp} from '../model/key-spelling.js';
import {colourRoles, parseRoleValue, roleKeywords, type ColourRole} from '../model/theme.js';
import {didYouMean} from './did-you-mean.js';
import {pathText} from './toml-lines.js';

/**
 * The config file's shape, checked with zod. Every key a flag has (cli/flags.ts's `config`) is
 * converted by that flag's own schema, so a value means the same in the file as on the command
 * line; the pairs, the [[alert]] tables, [keys] and [colours] have schemas of their own here.
 * Each issue's message is the reason alone ("not BASE/QUOTE"): config-errors.ts adds the file,
 * the line, the key and the value.
 */

/** An alert from the file: its rule, and the command it runs, if it names one. */
export type FileAlert = Readonly<{rule: WrittenAlertRule; run?: string}>;

/** What a valid file says, by setting. */
export type FileSettings = Readonly<{
	/** Flag values by flag name, converted by each flag's schema, for the keys the file has. */
	flags: Partial<Record<FlagName, unknown>>;
	pairs?: readonly string[];
	alerts?: readonly FileAlert[];
	keys?: Partial<Record<Action, readonly string[]>>;
	colours?: Partial<Record<ColourRole, string>>;
}>;

type Context = z.core.$RefinementCtx;

function fail(context: Context, message: string, path: ReadonlyArray<string | number> = []) {
	context.issues.push({code: 'custom', message, input: undefined, path: [...path]});
	return z.NEVER;
}

/** A key the table does not have: said as zod's own unknown keys are (config-errors.ts). */
function unknownKey(context: Context, key: string, known: readonly string[]) {
	context.issues.push({
		code: 'custom',
		message: didYouMean(key, known),
		input: undefined,
		path: [key],
		params: {isUnknownKey: true},
	});
	return z.NEVER;
}

/** A flag schema's message names the flag first ("depth must be ..."): the line names it already. */
function reasonOf(message: string, label: string): string {
	return message.startsWith(label) ? message.slice(label.length).replace(/^:?\s*/, '') : message;
}

/** A value a flag's schema converts from its text, as meow would hand it over. */
function textValue(key: string, schema: FlagSchema<unknown>) {
	return z.unknown().transform((value, context) => {
		if (typeof value !== 'string' && typeof value !== 'number') {
			return fail(context, 'must be a number or a string');
		}

		const result = schema(key).safeParse(String(value));
		return result.success
			? result.data
			: fail(context, reasonOf(result.error.issues[0]?.message ?? 'is not valid', key));
	});
}

/** A key with a flag: true or false for a boolean, a list for a repeatable flag. */
function flagValue(key: string, definition: FlagDefinition) {
	switch (definition.kind) {
		case 'boolean': {
			return z.boolean({error: 'must be true or false'});
		}

		case 'list': {
			return z.array(textValue(key, definition.schema), {error: 'must be a list'});
		}

		case 'string': {
			return textValue(key, definition.schema);
		}
	}
}

/** `["XBT/USD", "ETH/USD"]`: each pair's form is checked here, its naming once the API is known. */
const pairList = z.array(
	z.unknown().transform((value, context) => {
		if (typeof value !== 'string') {
			return fail(context, 'not BASE/QUOTE: write it as a string, such as "XBT/USD"');
		}

		// Either API's naming tells whether it is a pair at all.
		const parsed = parsePair(value, 'v2');
		return parsed.ok
			? value
			: fail(
					context,
					parsed.message.includes('same') ? 'base and quote are the same' : 'not BASE/QUOTE',
				);
	}),
	{error: 'must be a list of pairs, such as ["XBT/USD", "ETH/USD"]'},
);

/** `["trade", "book"]`, or the flag's own form, `"trade,book"`. */
const channelsValue = z.unknown().transform((value, context) => {
	const items = typeof value === 'string' ? value.split(',').map((name) => name.trim()) : value;
	if (!Array.isArray(items)) {
		return fail(context, `must be a list of channels, such as ["trade", "book"]`);
	}

	const channels: string[] = [];
	for (const [index, item] of items.entries()) {
		const name = String(item).toLowerCase();
		if (!(channelNames as readonly string[]).includes(name)) {
			const at = typeof value === 'string' ? [] : [index];
			return fail(
				context,
				`not a channel (${channelNames.join(', ')})${didYouMean(name, channelNames)}`,
				at,
			);
		}

		channels.push(name);
	}

	return [...new Set(channels)];
});

function alertRule(text: unknown, context: Context, path: ReadonlyArray<string | number>) {
	if (typeof text !== 'string') {
		return fail(context, "must be a rule, such as 'XBT/USD>=100000'", path);
	}

	const rule = parseAlertRule(text);
	if (!rule.ok) {
		return fail(
			context,
			"not PAIR OPERATOR PRICE, such as 'XBT/USD>=100000' (operators >=, <=, >, <)",
			path,
		);
	}

	if (!parsePair(rule.pair, 'v2').ok) {
		return fail(context, `"${rule.pair}" is not BASE/QUOTE`, path);
	}

	return {pair: rule.pair, operator: rule.operator, level: rule.level};
}

const alertKeys = ['rule', 'run'];

/** `[[alert]]` tables with `rule` and an optional `run`; a bare rule string is taken too. */
const alertList = z.array(
	z.unknown().transform((value, context): FileAlert => {
		if (typeof value === 'string') {
			return {rule: alertRule(value, context, [])};
		}

		if (typeof value !== 'object' || value === null || Array.isArray(value)) {
			return fail(context, 'must be an [[alert]] table with a rule');
		}

		const table = value as Record<string, unknown>;
		const unknown = Object.keys(table).find((key) => !alertKeys.includes(key));
		if (unknown !== undefined) {
			return unknownKey(context, unknown, alertKeys);
		}

		if (table['rule'] === undefined) {
			return fail(context, 'needs a rule, such as rule = "XBT/USD>=100000"');
		}

		const rule = alertRule(table['rule'], context, ['rule']);
		const run = table['run'];
		if (run !== undefined && (typeof run !== 'string' || run.trim() === '')) {
			return fail(context, 'must be a command for your shell', ['run']);
		}

		return run === undefined ? {rule} : {rule, run};
	}),
	{error: 'must be [[alert]] tables, each with a rule'},
);

/** One key or a list of them; `[]` unbinds the action. */
const keyList = z.unknown().transform((value, context) => {
	const items = typeof value === 'string' ? [value] : value;
	if (!Array.isArray(items)) {
		return fail(context, 'must be a key or a list of keys, such as ["q", "ctrl+q"]');
	}

	const names: string[] = [];
	for (const [index, item] of items.entries()) {
		const name = typeof item === 'string' ? keyNameOf(item) : undefined;
		if (name === undefined) {
			return fail(
				context,
				`not a key: ${keySpellingHelp}`,
				typeof value === 'string' ? [] : [index],
			);
		}

		names.push(name);
	}

	return names;
});

function roleValue(role: ColourRole) {
	return z.unknown().transform((value, context) => {
		if (typeof value === 'string' && parseRoleValue(role, value) !== undefined) {
			return value;
		}

		const keywords = roleKeywords(role).join(' or ');
		const guess = typeof value === 'string' ? didYouMean(value, colourNameExamples) : '';
		return fail(
			context,
			`not a colour: a name (green, bright-green, grey), a hex value (#rrggbb) or ${keywords}${guess}`,
		);
	});
}

const table = <Shape extends z.ZodRawShape>(shape: Shape, what: string) =>
	z.strictObject(shape, {error: `must be a table: [${what}]`}).partial();

/**
 * Keys the file writes its own way rather than as the flag's text: alerts as [[alert]] tables
 * (a rule and the command it runs), channels as a TOML list.
 */
const fileForms: Partial<Record<FlagName, z.ZodType>> = {alert: alertList, channels: channelsValue};

/** The whole file: every key optional, nothing unknown. */
export const configSchema = z
	.strictObject({
		pairs: pairList,
		...Object.fromEntries(
			flagEntries
				.filter(([, definition]) => definition.config !== notInConfig)
				.map(([name, definition]) => [
					definition.config,
					fileForms[name] ?? flagValue(definition.config, definition),
				]),
		),
		keys: table(Object.fromEntries(actions.map((action) => [action, keyList])), 'keys'),
		colours: table(
			Object.fromEntries(colourRoles.map((role) => [role, roleValue(role)])),
			'colours',
		),
	})
	.partial();

/** The keys a file may have at the top, for "did you mean". */
export const topLevelKeys: readonly string[] = [
	'pairs',
	...flagEntries.map(([, definition]) => definition.config).filter((key) => key !== notInConfig),
	'keys',
	'colours',
];

/** Names a table's unknown key could have meant, by the table's path. */
export function knownKeysAt(path: ReadonlyArray<string | number>): readonly string[] {
	const at = pathText(path);
	return at === '' ? topLevelKeys : at === 'keys' ? actions : at === 'colours' ? colourRoles : [];
}

/** Flags with no key, by the key they would have: `demo = true` gets a word of its own. */
export const flagOnlyKeys: ReadonlySet<string> = new Set(
	flagEntries.filter(([, definition]) => definition.config === notInConfig).map(([name]) => name),
);

/** The parsed document's settings, by flag name where a flag has the key. */
export function fileSettingsOf(document: z.output<typeof configSchema>): FileSettings {
	const flags: Partial<Record<FlagName, unknown>> = {};
	const values = document as Record<string, unknown>;
	for (const [name, definition] of flagEntries) {
		if (
			definition.config !== notInConfig &&
			values[definition.config] !== undefined &&
			name !== 'alert'
		) {
			flags[name] = values[definition.config];
		}
	}

	return {
		flags,
		pairs: document.pairs,
		alerts: values['alert'] as readonly FileAlert[] | undefined,
		keys: document.keys as FileSettings['keys'],
		colours: document.colours as FileSettings['colours'],
	};
}
