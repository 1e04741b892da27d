// Loaded with `node --import` into the program measured. The event loop's delay and the peak
// resident memory cannot be seen from outside the process. The first SIGUSR2 starts a fresh
// histogram (start-up's long synchronous module loading is not what is measured); the second
// writes the figures, as JSON, to the file named by KRAKEN_TAPE_BENCH_PROBE.
import {writeFileSync} from 'node:fs';
import {monitorEventLoopDelay} from 'node:perf_hooks';
import v8 from 'node:v8';

const file = process.env.KRAKEN_TAPE_BENCH_PROBE;
const histogram = monitorEventLoopDelay({resolution: 5});
let isMeasuring = false;
let rssBeforeMb = 0;
process.on('SIGUSR2', () => {
	if (!isMeasuring) {
		rssBeforeMb = process.memoryUsage.rss() / 2 ** 20;
		histogram.reset();
		histogram.enable();
		isMeasuring = true;
		return;
	}

	histogram.disable();
	const milliseconds = (nanoseconds) => Number((nanoseconds / 1e6).toFixed(2));
	writeFileSync(
		file,
		JSON.stringify({
			lagP99Ms: milliseconds(histogram.percentile(99)),
			lagMaxMs: milliseconds(histogram.max),
			lagMeanMs: milliseconds(histogram.mean),
			peakRssMb: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
			rssBeforeMb: Number(rssBeforeMb.toFixed(1)),
			heapUsedMb: Number((process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)),
			spaces: Object.fromEntries(
				v8
					.getHeapSpaceStatistics()
					.map((space) => [space.space_name, Math.round(space.space_size / 2 ** 20)]),
			),
			external: Math.round(process.memoryUsage().external / 2 ** 20),
			arrayBuffers: Math.round(process.memoryUsage().arrayBuffers / 2 ** 20),
			heapTotalMb: Number((process.memoryUsage().heapTotal / 2 ** 20).toFixed(1)),
		}),
	);
});
