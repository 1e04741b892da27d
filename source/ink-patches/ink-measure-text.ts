// Ink measures every text node it lays out, and 6.8 keeps each text's size in a cache that is
// never emptied, keyed by the text: a tape's rows and clock are new text every frame, so a screen
// left running grew without end, and in a burst every row's entry lived just long enough to reach
// V8's old generation (npm run bench, memory row). Narrow text and colour codes, which is what
// the screen's rows are (source/ansi/narrow-text.ts), are measured here by counting, with nothing
// kept; other text is
// measured by string-width, as Ink does, through a bounded cache. The bundle and the tests put
// this in place of Ink's measure-text.js (scripts/ink-patches.js);
// test/ink-patches/ink-measure-text.test.ts holds the two to the same answers.
import stringWidth from 'string-width';
import {BoundedCache} from './bounded-cache.js';
import {narrowTextWidth} from '../ansi/narrow-text.js';

type Dimensions = {width: number; height: number};

const otherTexts = new BoundedCache<string, Dimensions>(500);

export default function measureText(text: string): Dimensions {
	if (text.length === 0) {
		return {width: 0, height: 0};
	}

	const width = narrowTextWidth(text);
	return width === undefined ? measureOther(text) : {width, height: lineCount(text)};
}

function lineCount(text: string): number {
	let count = 1;
	for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
		count++;
	}

	return count;
}

function measureOther(text: string): Dimensions {
	let dimensions = otherTexts.get(text);
	if (dimensions === undefined) {
		const lines = text.split('\n');
		let widest = 0;
		for (const line of lines) {
			widest = Math.max(widest, stringWidth(line));
		}

		dimensions = {width: widest, height: lines.length};
		otherTexts.set(text, dimensions);
	}

	return dimensions;
}
