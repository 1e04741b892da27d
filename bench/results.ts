/** One row of the benchmark's table, as printed and as written to bench/results.json. */
export type Result = Readonly<{
	id: number;
	what: string;
	/** kraken-tape's figure (the median of the runs), in `unit`. */
	value: number;
	unit: string;
	baselines: ReadonlyArray<Readonly<{name: string; value: number; ratio: number}>>;
	target: string;
	pass: boolean;
	/** Every run's figures, for whoever wants more than the median. */
	runs: Readonly<Record<string, readonly number[]>>;
	notes?: readonly string[];
}>;

export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function round(value: number, digits = 2): number {
	return Number(value.toFixed(digits));
}

export const pause = async (milliseconds: number) =>
	new Promise((resolve) => setTimeout(resolve, milliseconds));
