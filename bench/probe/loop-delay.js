// Loaded with `node --import` into the program measured. The event loop's delay and the peak
// resident memory cannot be seen from outside the process. The first SIGUSR2 starts a fresh
// histogram (start-up's long synchronous module loading is not what is measured); the second
// writes the figures, as JSON, to the file named by KRAKEN_TAPE_BENCH_PROBE.
import {writeFileSync} from 'node:fs';
import {monitorEventLoopDelay} from 'node:perf_hooks';

const file = process.env.KRAKEN_TAPE_BENCH_PROBE;
const histogram = monitorEventLoopDelay({resolution: 5});
let isMeasuring = false;
process.on('SIGUSR2', () => {
	if (!isMeasuring) {
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
		}),
	);
});
