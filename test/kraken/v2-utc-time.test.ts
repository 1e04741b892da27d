import {describe, expect, test} from 'vitest';
import {timestamp} from '../../source/kraken/v2/in-place-checks.js';
import {readUtcTime, timeOf} from '../../source/kraken/v2/utc-time.js';
import {createRandom, type Random} from '../helpers/random-frames.js';

const accepts = (text: string) => timestamp.safeParse(text).success;
const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** A valid UTC time as Kraken writes them, with a fraction of 0 to 9 digits. */
function randomTime(random: Random): string {
	const year = random.integer(0, 9999);
	const month = random.integer(1, 12);
	const day = random.integer(1, 28);
	const clock = [23, 59, 59].map((highest) => pad(random.integer(0, highest), 2)).join(':');
	const digits = random.integer(0, 9);
	const fraction =
		digits === 0 ? '' : `.${Array.from({length: digits}, () => random.integer(0, 9)).join('')}`;
	return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${clock}${fraction}Z`;
}

describe('v2 times', () => {
	test('Kraken’s way of writing a time reads as Date.parse reads it', () => {
		expect(readUtcTime('2023-09-25T07:49:37.708706Z')).toBe(
			Date.parse('2023-09-25T07:49:37.708706Z'),
		);
		const random = createRandom(7);
		for (let run = 0; run < 20_000; run++) {
			const text = randomTime(random);
			expect(readUtcTime(text), text).toBe(Date.parse(text));
		}
	});

	test('leap days stand only in leap years, and every day of the month is checked', () => {
		for (const text of [
			'2024-02-29T00:00:00Z',
			'2000-02-29T12:00:00.5Z',
			'0000-02-29T00:00:00Z',
			'0050-03-01T00:00:00Z',
			'2023-12-31T23:59:59Z',
		]) {
			expect(readUtcTime(text), text).toBe(Date.parse(text));
		}

		for (const text of [
			'2023-02-29T00:00:00Z',
			'1900-02-29T00:00:00Z',
			'2023-04-31T00:00:00Z',
			'2023-13-01T00:00:00Z',
			'2023-00-10T00:00:00Z',
			'2023-01-00T00:00:00Z',
			'2023-01-01T24:00:00Z',
			'2023-01-01T00:60:00Z',
			'2023-01-01T00:00:60Z',
		]) {
			expect(readUtcTime(text), text).toBeUndefined();
			expect(accepts(text), text).toBe(false);
		}
	});

	test('any other way of writing it is left to Date.parse, and nothing the schema refuses is read', () => {
		// Valid times this does not read: an offset, no seconds, a fraction of ten digits (which
		// Date.parse reads another way).
		for (const text of ['2023-09-25T09:49:37.7+02:00', '2023-09-25T07:49Z']) {
			expect(readUtcTime(text), text).toBeUndefined();
			expect(timeOf(text), text).toBe(Date.parse(text));
		}

		// Broken copies of valid times: a character changed, dropped or added.
		const random = createRandom(11);
		const characters = '0123456789-:.TZz+ ';
		let read = 0;
		for (let run = 0; run < 20_000; run++) {
			const text = randomTime(random);
			const at = random.integer(0, text.length - 1);
			const character = random.pick([...characters]);
			const edit = random.integer(0, 2);
			const broken =
				edit === 0
					? text.slice(0, at) + character + text.slice(at + 1)
					: edit === 1
						? text.slice(0, at) + text.slice(at + 1)
						: text.slice(0, at) + character + text.slice(at);
			const time = readUtcTime(broken);
			if (time !== undefined) {
				read++;
				expect(accepts(broken), broken).toBe(true);
				expect(time, broken).toBe(Date.parse(broken));
			}
		}

		// Many edits leave a valid time (a digit for a digit): those are read.
		expect(read).toBeGreaterThan(1000);
	});
});
