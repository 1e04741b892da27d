/** Things to close after each test, closed in reverse order of opening. */
export type Cleanup = Readonly<{
	add(close: () => unknown): void;
	run(): Promise<void>;
}>;

export function createCleanup(): Cleanup {
	const closers: Array<() => unknown> = [];
	return {
		add(close) {
			closers.push(close);
		},
		async run() {
			const pending = closers.splice(0).reverse();
			for (const close of pending) {
				await close();
			}
		},
	};
}
