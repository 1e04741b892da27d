import {EventEmitter} from 'node:events';

/** A terminal's stdout, as far as the frame writer uses it: its size, its writes, its resizes. */
export class FakeOutput extends EventEmitter {
	columns = 40;
	rows = 10;
	readonly writes: string[] = [];

	write(data: string) {
		this.writes.push(data);
		return true;
	}

	resize(columns: number, rows: number) {
		this.columns = columns;
		this.rows = rows;
		this.emit('resize');
	}
}
