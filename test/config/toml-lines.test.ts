import {parse} from 'smol-toml';
import {describe, expect, test} from 'vitest';
import {lineOf, pathText, tomlLines} from '../../source/config/toml-lines.js';

const file = `# a comment with "quotes" and [brackets]
pairs = [
  "XBT/USD", # first
  'ETH/USD',
  "BTCUSD",
]
theme = "colour-blind" # trailing
note = """several
lines, with "quotes" and = signs"""
depth = 25
when = 1979-05-27 07:32:00Z

[keys]
quit = ["q", "ctrl+c"]
"next-pair" = "n"
page.up = "u"

[colours]
up = '#00ff00'

[[alert]]
rule = "XBT/USD>=100000"
run = 'notify-send "$KRAKEN_TAPE_PAIR"'

[[alert]]
rule = "ETH/USD<=2000"
nested = [{rule = "x", run = "y"},
  {rule = "z"}]
`;

describe('toml-lines', () => {
	test('the file is TOML the parser accepts', () => {
		expect(() => parse(file)).not.toThrow();
	});

	test.each([
		['pairs', 2],
		['pairs[0]', 3],
		['pairs[1]', 4],
		['pairs[2]', 5],
		['theme', 7],
		['note', 8],
		['depth', 10],
		['when', 11],
		['keys', 13],
		['keys.quit', 14],
		['keys.quit[1]', 14],
		['keys.next-pair', 15],
		['keys.page.up', 16],
		['colours.up', 19],
		['alert[0]', 21],
		['alert[0].rule', 22],
		['alert[0].run', 23],
		['alert[1]', 25],
		['alert[1].rule', 26],
		['alert[1].nested[1].rule', 28],
	])('%s is on line %i', (path, line) => {
		expect(tomlLines(file).get(path)).toBe(line);
	});

	test('a path not written is placed at the nearest enclosing one', () => {
		expect(lineOf(tomlLines(file), ['alert', 1, 'run'])).toBe(25);
		expect(lineOf(tomlLines(file), ['nothing'])).toBeUndefined();
	});

	test('paths are written as messages name them', () => {
		expect(pathText(['alert', 0, 'rule'])).toBe('alert[0].rule');
		expect(pathText(['pairs', 2])).toBe('pairs[2]');
	});

	test('text it cannot follow does not throw', () => {
		expect(() => tomlLines('a = [\n"unterminated')).not.toThrow();
		expect(() => tomlLines('[[[')).not.toThrow();
	});
});
