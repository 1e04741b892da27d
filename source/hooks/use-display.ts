import {createContext, useContext} from 'react';
import {unicodeGlyphs, type Glyphs} from '../model/glyphs.js';
import {defaultBindings, type KeyBindings} from '../model/key-bindings.js';
import {defaultTheme, type Theme} from '../model/theme.js';

/** How the screen draws: glyph set and what counts as a big trade. Fixed for a run. */
export type Display = Readonly<{
	glyphs: Glyphs;
	/** The colours; the terminal's defaults unless none are wanted. */
	theme?: Theme;
	/** Which keys do what; the defaults unless rebound. */
	bindings?: KeyBindings;
	/** Notional in quote currency from which a trade is big; undefined: adaptive per pair. */
	bigNotional?: number;
}>;

export const DisplayContext = createContext<Display>({glyphs: unicodeGlyphs});

export function useDisplay(): Display & Readonly<{theme: Theme; bindings: KeyBindings}> {
	const display = useContext(DisplayContext);
	return {
		...display,
		theme: display.theme ?? defaultTheme,
		bindings: display.bindings ?? defaultBindings,
	};
}
