import type {Result} from './results.js';

const number = (value: number) => value.toLocaleString('en-US', {maximumFractionDigits: 2});

/** The results as a Markdown table, which reads in a terminal and pastes into the readme. */
export function formatTable(results: readonly Result[]): string {
	const header = ['#', 'what', 'kraken-tape', 'baseline (same run)', 'ratio', 'target', 'met'];
	const lines = results.map((result) => [
		String(result.id),
		result.what,
		`${number(result.value)} ${result.unit}`,
		result.baselines.map((baseline) => `${baseline.name}: ${number(baseline.value)}`).join('; ') ||
			'none (absolute ceilings)',
		result.baselines.map((baseline) => `${number(baseline.ratio)} x`).join('; ') || '',
		result.target,
		result.pass ? 'yes' : 'NO',
	]);
	const notes = results.flatMap((result) =>
		(result.notes ?? []).map((note) => `- row ${result.id}: ${note}`),
	);
	return [
		`| ${header.join(' | ')} |`,
		`|${header.map(() => '---').join('|')}|`,
		...lines.map((cells) => `| ${cells.join(' | ')} |`),
		...(notes.length > 0 ? ['', ...notes] : []),
	].join('\n');
}
