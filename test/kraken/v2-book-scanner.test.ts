import {describe, expect, test} from 'vitest';
import {scanBookFrame} from '../../source/kraken/v2/book-scanner.js';
import {codecV2, decodeGenerally} from '../../source/kraken/v2/codec.js';
import {listedPair} from '../helpers/simulator.js';
import {seededRandom} from '../../source/simulator/random.js';
import {bookMessageV2, type BookLevelV2} from '../../source/simulator/wire-v2.js';
import {v2BookFrames} from '../fixtures/book-frames.js';

// The scanner is a shortcut for the general path (quote, parse, check): wherever it answers, its
// answer must be the general path's, and it must answer for frames as Kraken writes them, or it
// saves nothing.

/** A depth-1000 snapshot as the simulator writes it, trailing zeros kept. */
function deepSnapshot(): string {
	const side = (start: number, step: number): BookLevelV2[] =>
		Array.from({length: 1000}, (_, index) => [
			(start + step * index).toFixed(1),
			((index % 7) * 0.125 + 0.1).toFixed(8),
		]);
	return bookMessageV2('snapshot', listedPair('BTC/USD'), {
		bids: side(62_000, -0.5),
		asks: side(62_000.5, 0.5),
		checksum: 4_294_967_295,
		timeMicros: 1_786_000_000_123_456,
	});
}

const compactFrames = [
	v2BookFrames.btcSnapshot,
	v2BookFrames.btcUpdate1,
	v2BookFrames.btcUpdate2,
	v2BookFrames.ethUpdate,
	deepSnapshot(),
	'{"channel":"book","type":"update","data":[]}',
	'{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[],"asks":[],"checksum":0}]}',
];

/** Text put in, or put in place of, one character of a frame: JSON's punctuation and near misses. */
const pieces = [
	'0',
	'1',
	'9',
	'.',
	'-',
	'e',
	'"',
	',',
	':',
	'{',
	'}',
	'[',
	']',
	' ',
	'\\',
	'a',
	'',
];

/** A number's text replaced with another's: edges of each rule. */
const numbers = ['0', '00', '01', '0.0', '1.', '.5', '-1', '1e3', '1E-2', '4294967296', '2.50'];

function mutate(random: () => number, frame: string): string {
	const at = Math.floor(random() * frame.length);
	const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
	const kind = random();
	if (kind < 0.4) {
		return frame.slice(0, at) + pick(pieces) + frame.slice(at + 1);
	}

	if (kind < 0.6) {
		return frame.slice(0, at) + pick(pieces) + frame.slice(at);
	}

	if (kind < 0.85) {
		// A whole number, from where a run of digits starts at or after `at`.
		const match = /\d+(?:\.\d+)?/.exec(frame.slice(at));
		if (!match) {
			return frame;
		}

		const start = at + match.index;
		return frame.slice(0, start) + pick(numbers) + frame.slice(start + match[0].length);
	}

	// A key renamed, or one key made two.
	const key = pick(['price', 'qty', 'symbol', 'checksum', 'timestamp', 'bids', 'asks', 'type']);
	return random() < 0.5
		? frame.replace(`"${key}"`, `"${pick(['price', 'qty', 'data', 'extra'])}"`)
		: frame.replace(/"checksum":\d+/, (checksum) => `${checksum},${checksum}`);
}

describe('scanBookFrame, the one-pass reading of v2 book frames', () => {
	test("reads every compact frame, to the general path's answer", () => {
		for (const frame of compactFrames) {
			const messages = scanBookFrame(frame);
			expect(messages).toBeDefined();
			expect({kind: 'book', messages}).toEqual(decodeGenerally(frame));
		}
	});

	test('leaves pretty frames, channel-later frames and other channels to the general path', () => {
		expect(scanBookFrame(v2BookFrames.docsSnapshot)).toBeUndefined();
		expect(codecV2.decode(v2BookFrames.docsSnapshot).kind).toBe('book');
		const later = `{"type":"update",${v2BookFrames.btcUpdate2.slice('{"channel":"book","type":"update",'.length, -1)},"channel":"book"}`;
		expect(scanBookFrame(later)).toBeUndefined();
		expect(codecV2.decode(later)).toEqual(decodeGenerally(v2BookFrames.btcUpdate2));
		expect(scanBookFrame('{"channel":"heartbeat"}')).toBeUndefined();
	});

	test('leaves a frame without a pair name to the general path, first frame or not', () => {
		const unnamed =
			'{"channel":"book","type":"update","data":[{"symbol":"","bids":[],"asks":[],"checksum":0}]}';
		expect(scanBookFrame(unnamed)).toBeUndefined();
		expect(scanBookFrame(v2BookFrames.btcUpdate1)).toBeDefined();
		expect(scanBookFrame(unnamed)).toBeUndefined();
		expect(codecV2.decode(unnamed)).toEqual(decodeGenerally(unnamed));
	});

	test('never answers other than the general path, over 20,000 broken frames', () => {
		const random = seededRandom(7);
		const frames = compactFrames.filter((frame) => frame.length < 5000);
		let read = 0;
		let left = 0;
		let leftAndBook = 0;
		for (let index = 0; index < 20_000; index++) {
			const frame = mutate(random, frames[index % frames.length]!);
			const messages = scanBookFrame(frame);
			const general = decodeGenerally(frame);
			if (messages) {
				read++;
				expect({frame, decoded: {kind: 'book', messages}}).toEqual({frame, decoded: general});
			} else {
				left++;
				if (general.kind === 'book' && general.messages.every((message) => !message.problem)) {
					leftAndBook++;
				}
			}

			// Whatever the scanner does, the codec's answer is the general path's.
			expect(codecV2.decode(frame)).toEqual(general);
		}

		// Both kinds were tried: changes the scanner reads, and ones it leaves.
		expect(read).toBeGreaterThan(2000);
		expect(left).toBeGreaterThan(6000);
		// Some it left were sound books the general path read (a space, a leading zero): left, not lost.
		expect(leftAndBook).toBeGreaterThan(0);
	});
});
