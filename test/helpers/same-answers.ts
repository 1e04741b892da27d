import {expect} from 'vitest';
import {seededRandom} from '../../source/simulator/random.js';

/**
 * An in-place check held to its schema: over `count` frames, each a real frame with one thing
 * broken, both give the same answer, and both kinds of change were tried (ones that keep a frame
 * valid and ones that break it), so the run is no trivial agreement.
 */
export function expectSameAnswers<Frame>(
	options: Readonly<{
		frames: readonly Frame[];
		count: number;
		seed: number;
		mutate(random: () => number, frame: Frame): Frame;
		isAccepted(frame: Frame): boolean;
		isValid(frame: Frame): boolean;
		atLeast: Readonly<{accepted: number; refused: number}>;
	}>,
): void {
	const random = seededRandom(options.seed);
	let acceptedByBoth = 0;
	let refusedByBoth = 0;
	for (let index = 0; index < options.count; index++) {
		const frame = options.mutate(random, options.frames[index % options.frames.length]!);
		const isAccepted = options.isAccepted(frame);
		const isValid = options.isValid(frame);
		expect({frame, isAccepted}).toEqual({frame, isAccepted: isValid});
		if (isValid) {
			acceptedByBoth++;
		} else {
			refusedByBoth++;
		}
	}

	expect(acceptedByBoth).toBeGreaterThan(options.atLeast.accepted);
	expect(refusedByBoth).toBeGreaterThan(options.atLeast.refused);
}
