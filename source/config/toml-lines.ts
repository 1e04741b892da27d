/**
 * Where each key and array item of a TOML file is written, so a message about a value can name
 * its line. TOML parsers hand back values without positions (smol-toml included), so this reads
 * the file once more for its structure alone: table headers, keys, arrays and inline tables. It
 * runs only on a file the parser has accepted, and never throws: what it cannot place, a message
 * places at the nearest enclosing key it could.
 */

/** A path into the document, as a validator reports it: keys and array indexes. */
export type ValuePath = ReadonlyArray<string | number>;

/** `alert[0].rule`, `keys.quit[1]`: a path as messages write it. */
export function pathText(path: ValuePath): string {
	return path
		.map((part, index) =>
			typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`,
		)
		.join('');
}

type Token = Readonly<{
	kind: 'atom' | 'string' | 'punctuation' | 'newline';
	text: string;
	line: number;
	start: number;
	end: number;
}>;

const punctuation = new Set(['[', ']', '{', '}', ',', '=']);
const atomEnd = /[\s#"'[\]{},=]/;

/** The end of a string starting at `start` (after its opening quote), and the lines it spans. */
function stringEnd(text: string, start: number, quote: string, isEscaping: boolean): number {
	let at = start;
	while (at < text.length) {
		if (isEscaping && text[at] === '\\') {
			at += 2;
			continue;
		}

		if (text.startsWith(quote, at)) {
			// A multi-line string may end in up to two quotes of its own before the closing three.
			let end = at + quote.length;
			while (quote.length === 3 && text[end] === quote[0] && end - at < 5) {
				end++;
			}

			return end;
		}

		at++;
	}

	return text.length;
}

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let line = 1;
	let at = 0;
	const push = (kind: Token['kind'], end: number) => {
		tokens.push({kind, text: text.slice(at, end), line, start: at, end});
		line += (text.slice(at, end).match(/\n/g) ?? []).length;
		at = end;
	};

	while (at < text.length) {
		const character = text[at] ?? '';
		if (character === '\n') {
			push('newline', at + 1);
		} else if (/\s/.test(character)) {
			at++;
		} else if (character === '#') {
			const newline = text.indexOf('\n', at);
			at = newline === -1 ? text.length : newline;
		} else if (character === '"' || character === "'") {
			const quote = text.startsWith(character.repeat(3), at) ? character.repeat(3) : character;
			push('string', stringEnd(text, at + quote.length, quote, character === '"'));
		} else if (punctuation.has(character)) {
			push('punctuation', at + 1);
		} else {
			let end = at + 1;
			while (end < text.length && !atomEnd.test(text[end] ?? '')) {
				end++;
			}

			push('atom', end);
		}
	}

	return tokens;
}

/** A key's parts: bare keys split at their dots, quoted ones unquoted. */
function keyParts(tokens: readonly Token[]): string[] {
	return tokens.flatMap((token) => {
		if (token.kind === 'string') {
			return [token.text.slice(1, -1)];
		}

		return token.text.split('.').filter((part) => part !== '');
	});
}

/** Reads the structure of a file the parser accepted and says where each path was written. */
class LineReader {
	readonly lines = new Map<string, number>();
	readonly #tokens: Token[];
	#at = 0;
	#table: Array<string | number> = [];
	/** How many tables each array of tables has had so far, by its path. */
	readonly #arrayTables = new Map<string, number>();

	constructor(text: string) {
		this.#tokens = tokenize(text);
	}

	read(): void {
		while (this.#peek() !== undefined) {
			const token = this.#next();
			if (token?.kind === 'punctuation' && token.text === '[') {
				this.#header(token);
			} else if (token?.kind === 'atom' || token?.kind === 'string') {
				this.#at--;
				this.#keyValue(this.#table);
			}
		}
	}

	#peek(): Token | undefined {
		return this.#tokens[this.#at];
	}

	#next(): Token | undefined {
		return this.#tokens[this.#at++];
	}

	#record(path: ValuePath, line: number): void {
		const key = pathText(path);
		if (!this.lines.has(key)) {
			this.lines.set(key, line);
		}
	}

	#skipNewlines(): void {
		while (this.#peek()?.kind === 'newline') {
			this.#at++;
		}
	}

	/** Tokens up to (not including) punctuation `stop`, on one line. */
	#until(stop: string): Token[] {
		const taken: Token[] = [];
		for (let token = this.#peek(); token !== undefined; token = this.#peek()) {
			if (token.kind === 'newline' || (token.kind === 'punctuation' && token.text === stop)) {
				break;
			}

			taken.push(token);
			this.#at++;
		}

		return taken;
	}

	/** A header's parts, with the index of each array of tables it passes through. */
	#resolve(parts: readonly string[], isArrayTable: boolean): Array<string | number> {
		const path: Array<string | number> = [];
		for (const [index, part] of parts.entries()) {
			path.push(part);
			const count = this.#arrayTables.get(pathText(path));
			const isLast = index === parts.length - 1;
			if (count !== undefined && !(isLast && isArrayTable)) {
				path.push(count - 1);
			}
		}

		return path;
	}

	#header(open: Token): void {
		const second = this.#peek();
		const isArrayTable = second?.text === '[' && second.start === open.end;
		if (isArrayTable) {
			this.#at++;
		}

		const parts = keyParts(this.#until(']'));
		this.#at += isArrayTable ? 2 : 1;
		const path = this.#resolve(parts, isArrayTable);
		this.#record(path, open.line);
		if (isArrayTable) {
			const key = pathText(path);
			const count = (this.#arrayTables.get(key) ?? 0) + 1;
			this.#arrayTables.set(key, count);
			path.push(count - 1);
			this.#record(path, open.line);
		}

		this.#table = path;
	}

	#keyValue(table: ValuePath): void {
		const keyTokens = this.#until('=');
		const first = keyTokens[0];
		if (first === undefined || this.#next()?.text !== '=') {
			return;
		}

		const path = [...table, ...keyParts(keyTokens)];
		this.#record(path, first.line);
		this.#value(path);
	}

	#value(path: ValuePath): void {
		this.#skipNewlines();
		const token = this.#peek();
		if (token?.kind === 'punctuation' && token.text === '[') {
			this.#at++;
			this.#array(path);
		} else if (token?.kind === 'punctuation' && token.text === '{') {
			this.#at++;
			this.#inlineTable(path);
		} else {
			// A scalar: everything up to the end of the value (a date and time can hold a space).
			while (this.#peek() !== undefined && !/^[\n,\]}]$/.test(this.#peek()?.text ?? '')) {
				this.#at++;
			}
		}
	}

	#array(path: ValuePath): void {
		for (let index = 0; this.#peek() !== undefined; index++) {
			this.#skipNewlines();
			const token = this.#peek();
			if (token === undefined || token.text === ']') {
				this.#at++;
				return;
			}

			this.#record([...path, index], token.line);
			this.#value([...path, index]);
			this.#skipNewlines();
			if (this.#next()?.text !== ',') {
				return;
			}
		}
	}

	#inlineTable(path: ValuePath): void {
		while (this.#peek() !== undefined) {
			const token = this.#peek();
			if (token?.text === '}') {
				this.#at++;
				return;
			}

			this.#keyValue(path);
			if (this.#next()?.text !== ',') {
				return;
			}
		}
	}
}

/** Each path's line in `text` (1-based), for every key, table and array item found. */
export function tomlLines(text: string): ReadonlyMap<string, number> {
	const reader = new LineReader(text);
	try {
		reader.read();
	} catch {
		// Positions are a courtesy to the message: whatever was found so far still places it.
	}

	return reader.lines;
}

/** The line of `path`, or of the nearest enclosing path written in the file. */
export function lineOf(lines: ReadonlyMap<string, number>, path: ValuePath): number | undefined {
	for (let length = path.length; length > 0; length--) {
		const line = lines.get(pathText(path.slice(0, length)));
		if (line !== undefined) {
			return line;
		}
	}

	return undefined;
}
