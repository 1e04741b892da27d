import {createHeadlessTerminal, type HeadlessTerminal} from '../harness/pseudo-terminal.js';

const frameEnd = '\u001B[?2026l';

/** Each cell of the screen as its text and its look, which either can change. */
function cellsOf(terminal: HeadlessTerminal): Array<Array<{text: string; look: string}>> {
	const buffer = terminal.buffer.active;
	const rows: Array<Array<{text: string; look: string}>> = [];
	for (let y = 0; y < terminal.rows; y++) {
		const line = buffer.getLine(buffer.viewportY + y);
		const cells: Array<{text: string; look: string}> = [];
		for (let x = 0; x < terminal.cols; x++) {
			const cell = line?.getCell(x);
			if (!cell || cell.getWidth() === 0) {
				continue;
			}

			const look = [
				cell.getFgColorMode(),
				cell.getFgColor(),
				cell.getBgColorMode(),
				cell.getBgColor(),
				cell.isBold(),
				cell.isDim(),
				cell.isItalic(),
				cell.isUnderline(),
				cell.isInverse(),
			].join(',');
			cells[x] = {text: cell.getChars() || ' ', look};
		}

		rows.push(cells);
	}

	return rows;
}

/**
 * The least a terminal program could write for what its frames changed: the bytes of the
 * characters of every cell whose text or look (colour, bold, inverse ...) changed from one frame
 * to the next, over the frames that end after `from` (an offset into `output`), read by
 * replaying `output` into a headless terminal of the program's size. Not counted: the escape
 * codes that reach a cell or set its look, which any writer needs some of.
 */
export async function changedCellBytes(
	output: string,
	from: number,
	size: Readonly<{columns: number; rows: number}>,
): Promise<number> {
	const terminal = createHeadlessTerminal(size);
	const write = async (text: string) =>
		new Promise<void>((resolve) => {
			terminal.write(text, resolve);
		});
	await write(output.slice(0, from));
	let previous = cellsOf(terminal);
	let total = 0;
	let start = from;
	while (start < output.length) {
		const end = output.indexOf(frameEnd, start);
		const stop = end === -1 ? output.length : end + frameEnd.length;
		await write(output.slice(start, stop));
		start = stop;
		const now = cellsOf(terminal);
		for (const [row, cells] of now.entries()) {
			for (const [column, cell] of cells.entries()) {
				const before = previous[row]?.[column];
				if (cell && (cell.text !== before?.text || cell.look !== before.look)) {
					total += Buffer.byteLength(cell.text);
				}
			}
		}

		previous = now;
	}

	terminal.dispose();
	return total;
}
