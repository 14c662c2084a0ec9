/** A function that runs `wait` ms after its last call, with the latest arguments. */
export interface Debounced<A extends unknown[]> {
	(...args: A): void;
	/** Runs a pending call now (say, on `beforeunload`); does nothing if none is pending. */
	flush(): void;
	/** Drops a pending call. */
	cancel(): void;
}

/** Delays `fn` until `wait` ms have passed without another call (trailing edge only). */
export function debounce<A extends unknown[]>(
	fn: (...args: A) => void,
	wait: number
): Debounced<A> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let pending: A | undefined;
	const run = () => {
		const args = pending;
		timer = undefined;
		pending = undefined;
		if (args) fn(...args);
	};
	const debounced = (...args: A) => {
		pending = args;
		if (timer !== undefined) clearTimeout(timer);
		timer = setTimeout(run, wait);
	};
	debounced.flush = () => {
		if (timer !== undefined) clearTimeout(timer);
		run();
	};
	debounced.cancel = () => {
		if (timer !== undefined) clearTimeout(timer);
		timer = undefined;
		pending = undefined;
	};
	return debounced;
}
