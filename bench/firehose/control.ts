import {spawn, type ChildProcess} from 'node:child_process';
import {createInterface} from 'node:readline';
import type {BookCommand, FirehoseReport, SendCommand} from './server.js';

type Event = FirehoseReport['event'];
type ReportOf<E extends Event> = Extract<FirehoseReport, {event: E}>;

/** The harness's handle on a firehose server process. */
export type Firehose = Readonly<{
	url: string;
	/** Resolves with the next report of this kind not yet taken. */
	next<E extends Event>(event: E): Promise<ReportOf<E>>;
	send(command: SendCommand): Promise<ReportOf<'sent'>>;
	/** Book updates; only on a firehose started with books. */
	sendBook(command: BookCommand): Promise<ReportOf<'book-sent'>>;
	stop(): Promise<void>;
}>;

/** `books` serves the order book too; without it book subscribes go unanswered, as they always have. */
export async function startFirehose(options: Readonly<{books?: boolean}> = {}): Promise<Firehose> {
	const child: ChildProcess = spawn(
		process.execPath,
		[
			'--import',
			'tsx',
			new URL('server.ts', import.meta.url).pathname,
			...(options.books ? ['--books'] : []),
		],
		{stdio: ['pipe', 'pipe', 'inherit']},
	);
	const queued = new Map<Event, FirehoseReport[]>();
	const waiting = new Map<Event, Array<(report: FirehoseReport) => void>>();
	createInterface({input: child.stdout!}).on('line', (line) => {
		const report = JSON.parse(line) as FirehoseReport;
		const waiter = waiting.get(report.event)?.shift();
		if (waiter) {
			waiter(report);
		} else {
			queued.set(report.event, [...(queued.get(report.event) ?? []), report]);
		}
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const next = async <E extends Event>(event: E): Promise<ReportOf<E>> => {
		const ready = queued.get(event)?.shift();
		if (ready) {
			return ready as ReportOf<E>;
		}

		return new Promise((resolve, reject) => {
			waiting.set(event, [
				...(waiting.get(event) ?? []),
				resolve as (report: FirehoseReport) => void,
			]);
			void exited.then(() => reject(new Error(`the firehose exited before "${event}"`)));
		});
	};

	const {port} = await next('listening');
	const command = (value: SendCommand | BookCommand) => {
		child.stdin!.write(`${JSON.stringify(value)}\n`);
	};

	return {
		url: `ws://127.0.0.1:${port}/v2`,
		next,
		async send(value) {
			command(value);
			return next('sent');
		},
		async sendBook(value) {
			command(value);
			return next('book-sent');
		},
		async stop() {
			child.stdin!.end();
			await exited;
		},
	};
}
