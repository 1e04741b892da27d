// SGR attributes as slots, so that any sequence of SGR codes reduces to one canonical parameter
// string: two cells look the same exactly when their canonical strings are equal.

const slot = {
	bold: 0,
	dim: 1,
	italic: 2,
	underline: 3,
	blink: 4,
	inverse: 5,
	hidden: 6,
	strikethrough: 7,
	overline: 8,
	foreground: 9,
	background: 10,
	underlineColor: 11,
} as const;
const slotCount = 12;

/** Which slot a code sets; codes that switch an attribute off are in `clears`. */
const sets = new Map<number, number>([
	[1, slot.bold],
	[2, slot.dim],
	[3, slot.italic],
	[4, slot.underline],
	[21, slot.underline],
	[5, slot.blink],
	[6, slot.blink],
	[7, slot.inverse],
	[8, slot.hidden],
	[9, slot.strikethrough],
	[53, slot.overline],
]);
const clears = new Map<number, readonly number[]>([
	[22, [slot.bold, slot.dim]],
	[23, [slot.italic]],
	[24, [slot.underline]],
	[25, [slot.blink]],
	[27, [slot.inverse]],
	[28, [slot.hidden]],
	[29, [slot.strikethrough]],
	[55, [slot.overline]],
	[39, [slot.foreground]],
	[49, [slot.background]],
	[59, [slot.underlineColor]],
]);
/** Codes that take colour arguments (`5;n` or `2;r;g;b`), and the slot they set. */
const extendedColors = new Map<number, number>([
	[38, slot.foreground],
	[48, slot.background],
	[58, slot.underlineColor],
]);

function colorSlot(code: number): number | undefined {
	if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
		return slot.foreground;
	}

	if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) {
		return slot.background;
	}

	return undefined;
}

/** The SGR attributes in effect, changed by SGR parameter strings as a terminal would. */
export class SgrState {
	/** Parses a canonical string (or any SGR parameter string) applied to the default state. */
	static from(parameters: string): SgrState {
		const state = new SgrState();
		if (parameters !== '') {
			state.apply(parameters);
		}

		return state;
	}

	readonly #slots: string[] = Array.from({length: slotCount}, () => '');
	/** Codes with no slot (fonts, framing...): kept so they reach the terminal, until a reset. */
	#others: string[] = [];

	/** Applies the parameters of one `ESC [ ... m` sequence. */
	apply(parameters: string): void {
		const codes = parameters.split(';');
		for (let index = 0; index < codes.length; index++) {
			const parameter = codes[index] ?? '';
			if (parameter.includes(':')) {
				this.#applyWithSubparameters(parameter);
				continue;
			}

			const code = parameter === '' ? 0 : Number(parameter);
			if (code === 0) {
				this.#slots.fill('');
				this.#others = [];
				continue;
			}

			const extendedSlot = extendedColors.get(code);
			if (extendedSlot !== undefined) {
				const length = codes[index + 1] === '5' ? 3 : codes[index + 1] === '2' ? 5 : 0;
				if (length === 0 || index + length > codes.length) {
					// Malformed: a terminal's reading of the rest is anyone's guess, so stop here.
					return;
				}

				this.#slots[extendedSlot] = codes.slice(index, index + length).join(';');
				index += length - 1;
				continue;
			}

			const setSlot = sets.get(code) ?? colorSlot(code);
			if (setSlot !== undefined) {
				this.#slots[setSlot] = parameter;
				continue;
			}

			const clearedSlots = clears.get(code);
			if (clearedSlots) {
				for (const cleared of clearedSlots) {
					this.#slots[cleared] = '';
				}
			} else if (Number.isInteger(code) && !this.#others.includes(parameter)) {
				this.#others.push(parameter);
			}
		}
	}

	/** The canonical parameter string: '' for the default state. */
	toString(): string {
		const active = this.#slots.filter((value) => value !== '');
		return [...active, ...this.#others].join(';');
	}

	#applyWithSubparameters(parameter: string): void {
		const code = Number(parameter.slice(0, parameter.indexOf(':')));
		const extendedSlot = extendedColors.get(code);
		if (extendedSlot !== undefined) {
			this.#slots[extendedSlot] = parameter;
		} else if (code === 4) {
			// 4:0 is "no underline"; 4:1 to 4:5 are underline styles.
			this.#slots[slot.underline] = parameter === '4:0' ? '' : parameter;
		} else if (!this.#others.includes(parameter)) {
			this.#others.push(parameter);
		}
	}
}
