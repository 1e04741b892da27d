// A headless xterm to check escape output against: what a real terminal would show, cell by cell.
import xtermHeadless from '@xterm/headless';

// @xterm/headless is CommonJS: its named exports are not visible to Node's ESM loader.
const {Terminal} = xtermHeadless;

export type HeadlessScreen = Readonly<{
	write(data: string): Promise<void>;
	/** Each row as one string of cell descriptions: text, width, colours and attributes. */
	cells(): string[];
	/** Each row's text, trailing blanks trimmed. */
	text(): string[];
	dispose(): void;
}>;

export function createHeadlessScreen(columns: number, rows: number): HeadlessScreen {
	const terminal = new Terminal({cols: columns, rows, allowProposedApi: true, scrollback: 0});
	const rowIndexes = Array.from({length: rows}, (_, row) => row);
	return {
		async write(data) {
			await new Promise<void>((resolve) => {
				terminal.write(data, resolve);
			});
		},
		cells() {
			const buffer = terminal.buffer.active;
			const cell = buffer.getNullCell();
			return rowIndexes.map((row) => {
				const line = buffer.getLine(buffer.viewportY + row);
				const described: string[] = [];
				for (let column = 0; column < columns; column++) {
					line?.getCell(column, cell);
					// An erased cell holds '' where a written blank holds ' '; they look the same.
					const text = cell.getWidth() === 1 && cell.getChars() === '' ? ' ' : cell.getChars();
					const attributes = [
						cell.isBold() ? 'b' : '',
						cell.isDim() ? 'd' : '',
						cell.isItalic() ? 'i' : '',
						cell.isUnderline() ? 'u' : '',
						cell.isInverse() ? 'r' : '',
						cell.isStrikethrough() ? 's' : '',
					].join('');
					described.push(
						`${text}/${cell.getWidth()}/${cell.getFgColorMode()}:${cell.getFgColor()}/` +
							`${cell.getBgColorMode()}:${cell.getBgColor()}/${attributes}`,
					);
				}

				return `${row}: ${described.join(' ')}`;
			});
		},
		text() {
			const buffer = terminal.buffer.active;
			return rowIndexes.map(
				(row) => buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '',
			);
		},
		dispose() {
			terminal.dispose();
		},
	};
}

/** What a terminal shows after a clear and every line written whole: the reference. */
export function fullRedraw(lines: readonly string[]): string {
	return `\u001B[m\u001B[H\u001B[2J${lines.map((line, row) => `\u001B[${row + 1}H${line}`).join('')}`;
}
