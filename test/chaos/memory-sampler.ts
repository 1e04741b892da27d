import {readFileSync} from 'node:fs';

export type MemoryFigures = Readonly<{
	samples: number;
	/** Medians of the first, middle and last thirds of the samples, and the largest, in MB. */
	firstMb: number;
	middleMb: number;
	lastMb: number;
	maximumMb: number;
}>;

/** A process's resident set in kB, from /proc (Linux); `undefined` once it is gone. */
function residentKb(pid: number): number | undefined {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
		return match ? Number(match[1]) : undefined;
	} catch {
		return undefined;
	}
}

const median = (values: readonly number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** Samples a child's resident memory at an interval until stopped. */
export class MemorySampler {
	readonly #samplesKb: number[] = [];
	readonly #timer: NodeJS.Timeout;

	constructor(pid: number, everyMs: number) {
		this.#timer = setInterval(() => {
			const kb = residentKb(pid);
			if (kb !== undefined) {
				this.#samplesKb.push(kb);
			}
		}, everyMs);
	}

	/** Stops sampling and sums up what was seen. */
	stop(): MemoryFigures {
		clearInterval(this.#timer);
		const samples = this.#samplesKb;
		const third = Math.floor(samples.length / 3);
		const megabytes = (kb: number) => Math.round(kb / 102.4) / 10;
		return {
			samples: samples.length,
			firstMb: megabytes(median(samples.slice(0, third))),
			middleMb: megabytes(median(samples.slice(third, 2 * third))),
			lastMb: megabytes(median(samples.slice(2 * third))),
			maximumMb: megabytes(Math.max(0, ...samples)),
		};
	}
}
