import {webSocketFaults, type WebSocketFault} from './fault-proxy.js';
import {restFaults, type RestFault} from './rest-faults.js';

export type Range = readonly [minimum: number, maximum: number];

export type PlannedFault = Readonly<{
	/** From the start of the faults. */
	atMs: number;
	kind: WebSocketFault;
	stallMs: number;
	refusals: number;
}>;

export type PlanSettings = Readonly<{
	/** Random kinds start until this long after the faults began; every kind once ignores it. */
	forMs: number;
	gapMs: Range;
	stallMs: Range;
	refusals: Range;
	/** `each-once`: every kind once, in an order the seed picks; `random`: kinds at random. */
	kinds: 'each-once' | 'random';
}>;

const within = (random: () => number, [minimum, maximum]: Range) =>
	minimum + random() * (maximum - minimum);

/** Fisher-Yates, so every order is as likely. */
function shuffle<T>(random: () => number, items: readonly T[]): T[] {
	const shuffled = [...items];
	for (let index = shuffled.length - 1; index > 0; index--) {
		const other = Math.floor(random() * (index + 1));
		[shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!];
	}

	return shuffled;
}

/** The WebSocket faults of a run and when they come, all from the seeded `random`. */
export function planFaults(random: () => number, settings: PlanSettings): PlannedFault[] {
	const plan: PlannedFault[] = [];
	const shuffled = shuffle(random, webSocketFaults);
	const isEachOnce = settings.kinds === 'each-once';
	let atMs = within(random, settings.gapMs);
	while (isEachOnce ? plan.length < shuffled.length : atMs <= settings.forMs) {
		const kind = isEachOnce
			? shuffled[plan.length]!
			: webSocketFaults[Math.floor(random() * webSocketFaults.length)]!;

		plan.push({
			atMs: Math.round(atMs),
			kind,
			stallMs: Math.round(within(random, settings.stallMs)),
			refusals: Math.round(within(random, settings.refusals)),
		});
		atMs += within(random, settings.gapMs);
	}

	return plan;
}

/**
 * A REST request meets a fault (one of the others, evenly) with the chance `share`, but never
 * more than `inARow` times running for one endpoint and pair: the short form keeps every hole
 * fillable well inside the client's 30 s hold, the long form sets no bound.
 */
export function restFaultChooser(
	random: () => number,
	share: number,
	inARow = Number.POSITIVE_INFINITY,
): (path: string) => RestFault {
	const spoilt = restFaults.filter((fault) => fault !== 'rest-pass');
	const running = new Map<string, number>();
	return (path) => {
		const url = new URL(path, 'http://localhost');
		const key = `${url.pathname} ${url.searchParams.get('pair') ?? ''}`;
		const count = running.get(key) ?? 0;
		const fault =
			count < inARow && random() < share
				? spoilt[Math.floor(random() * spoilt.length)]!
				: 'rest-pass';
		running.set(key, fault === 'rest-pass' ? 0 : count + 1);
		return fault;
	};
}
