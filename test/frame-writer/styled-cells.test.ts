import {describe, expect, test} from 'vitest';
import {defaultStyle} from '../../source/ansi/text-style.js';
import {parseLine} from '../../source/frame-writer/styled-cells.js';

const escape = '\u001B';

/** Each cell as text, with its SGR attributes in brackets when it has any; right halves as '>'. */
function describeCells(line: string, columns?: number): string {
	return parseLine(line, defaultStyle, columns)
		.cells.map((cell) => {
			if (cell.width === 0) {
				return '>';
			}

			return cell.style.sgr === '' ? cell.text : `${cell.text}[${cell.style.sgr}]`;
		})
		.join('');
}

describe('styled-cells', () => {
	test('cells carry their style; styles close where the line says', () => {
		expect(describeCells(`a${escape}[1mb${escape}[32mc${escape}[22md${escape}[39me`)).toBe(
			'ab[1]c[1;32]d[32]e',
		);
	});

	test('wide characters take two cells, combining marks join the cell before', () => {
		expect(describeCells('中e\u0301x')).toBe('中>e\u0301x');
	});

	test('control characters and escapes other than SGR draw nothing', () => {
		expect(describeCells(`a\tb${escape}[2Kc${escape}]0;title\u0007d\u0085e`)).toBe('abcde');
	});

	test('a wide character that does not fit is cut, with everything after it', () => {
		expect(describeCells('ab中c', 3)).toBe('ab');
	});

	test('a hyperlink is part of the style until it closes', () => {
		const open = `${escape}]8;;https://kraken.com${escape}\\`;
		const line = parseLine(`a${open}b${escape}]8;;${escape}\\c`, defaultStyle);
		expect(line.cells.map((cell) => cell.style.link)).toEqual(['', open, '']);
	});

	test('trailing blanks do not count towards the end of a line', () => {
		expect(parseLine(`ab  ${escape}[44m ${escape}[49m  `, defaultStyle).end).toBe(5);
	});
});
