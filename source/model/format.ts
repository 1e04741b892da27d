/** Local wall-clock time with milliseconds: `14:03:07.412`. */
export function formatClock(time: number): string {
	const date = new Date(time);
	const pad = (value: number, width = 2) => String(value).padStart(width, '0');
	return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

export function formatPrice(price: number, decimals: number): string {
	return price.toLocaleString('en-US', {
		minimumFractionDigits: decimals,
		maximumFractionDigits: decimals,
	});
}

/** Volumes to eight significant places at most, without trailing noise. */
export function formatVolume(volume: number): string {
	return volume >= 1000
		? volume.toLocaleString('en-US', {maximumFractionDigits: 2})
		: volume.toFixed(8).replace(/\.?0+$/, '');
}
