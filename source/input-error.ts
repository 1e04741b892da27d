/**
 * Bad input from the user: a flag, a pair, a file that cannot be read or written. Thrown where
 * it is found, caught once where the command starts, and said in one line with exit code 2.
 */
export class InputError extends Error {
	override readonly name = 'InputError';
}
