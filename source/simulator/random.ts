/** mulberry32: a small seeded generator, so a simulated market can be replayed in tests. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d_2b_79_f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** A standard normal sample (Box-Muller). */
export function normal(random: () => number): number {
	const u = Math.max(random(), Number.EPSILON);
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A Poisson sample; fine for the small means of a market tick. */
export function poisson(random: () => number, mean: number): number {
	const limit = Math.exp(-mean);
	let count = 0;
	let product = random();
	while (product > limit) {
		count++;
		product *= random();
	}

	return count;
}
