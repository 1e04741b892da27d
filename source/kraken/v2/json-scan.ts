/*
 * Reading JSON text in place, one character code at a time, keeping each number's text as written
 * (book-scanner.ts reads v2 book frames with it).
 */

const quote = 0x22;
export const comma = 0x2c;
const colon = 0x3a;
export const openBrace = 0x7b;
export const closeBrace = 0x7d;
export const openBracket = 0x5b;
export const closeBracket = 0x5d;
const backslash = 0x5c;
export const zero = 0x30;
export const nine = 0x39;
const point = 0x2e;

/** Thrown inside a scan to give up; its caller catches it once, at the top. */
export const giveUp = Symbol('give up');

/**
 * A cursor over JSON text as a compact writer writes it: no whitespace, strings without escapes,
 * numbers as plain decimals. Whatever is not that, it gives up on (throws `giveUp`), for its
 * caller to leave the text to JSON.parse.
 */
export class JsonScan {
	index: number;
	readonly text: string;

	constructor(text: string, index: number) {
		this.text = text;
		this.index = index;
	}

	expect(code: number): void {
		if (this.text.charCodeAt(this.index) !== code) {
			throw giveUp;
		}

		this.index++;
	}

	/** True, and past it, when the next character is `code`. */
	take(code: number): boolean {
		if (this.text.charCodeAt(this.index) === code) {
			this.index++;
			return true;
		}

		return false;
	}

	/** A string without escapes: its text. */
	string(): string {
		this.expect(quote);
		const start = this.index;
		const end = this.text.indexOf('"', start);
		if (end < 0) {
			throw giveUp;
		}

		const value = this.text.slice(start, end);
		// A backslash or a control character would need JSON's reading of it.
		for (let index = 0; index < value.length; index++) {
			const code = value.charCodeAt(index);
			if (code === backslash || code < 0x20) {
				throw giveUp;
			}
		}

		this.index = end + 1;
		return value;
	}

	/** A key and its colon. */
	key(): string {
		const key = this.string();
		this.expect(colon);
		return key;
	}

	/**
	 * A plain decimal's text: digits, perhaps a point and more digits, and nothing JSON would read
	 * differently (no sign, no exponent, no leading zero before more digits), followed by what may
	 * follow a value (a comma or a closing brace or bracket).
	 */
	decimal(): string {
		const {text} = this;
		const start = this.index;
		let index = start;
		while (isDigit(text.charCodeAt(index))) {
			index++;
		}

		const whole = index - start;
		if (whole === 0 || (whole > 1 && text.charCodeAt(start) === zero)) {
			throw giveUp;
		}

		if (text.charCodeAt(index) === point) {
			index++;
			const fraction = index;
			while (isDigit(text.charCodeAt(index))) {
				index++;
			}

			if (index === fraction) {
				throw giveUp;
			}
		}

		const next = text.charCodeAt(index);
		if (next !== comma && next !== closeBrace && next !== closeBracket) {
			throw giveUp;
		}

		this.index = index;
		return text.slice(start, index);
	}
}

const isDigit = (code: number) => code >= zero && code <= nine;
