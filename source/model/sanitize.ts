// ESC-introduced sequences (CSI, OSC, DCS and two-byte escapes) are removed whole, so no stray
// parameters are left behind; then any other C0 or C1 control character and DEL go too.
const escapeSequence =
	// eslint-disable-next-line no-control-regex
	/\u001B(?:\[[\d;?:<=>]*[ -/]*[@-~]|[\]PX^_][\s\S]*?(?:\u0007|\u001B\\|$)|[@-Z\\-_])|[\u009B][\d;?]*[ -/]*[@-~]|[\u009D\u0090\u0098\u009E\u009F][\s\S]*?(?:\u0007|\u009C|$)/g;
// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u001F\u007F-\u009F]/g;

/**
 * Makes text from the network safe to print on a terminal: no escape sequences (title changes,
 * hyperlinks, clipboard writes), no bell, no cursor movement, a single line.
 */
export function sanitize(text: string, maximumLength = 200): string {
	const clean = text.replace(escapeSequence, '').replace(controlCharacter, ' ');
	if (clean.length <= maximumLength) {
		return clean;
	}

	// By code point, so an emoji is never cut in half.
	return `${Array.from(clean)
		.slice(0, maximumLength - 1)
		.join('')}…`;
}
