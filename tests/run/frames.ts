/** A fake `requestAnimationFrame` clock: frames run only when the test advances time. */
export class FakeFrames {
	time = 1000;
	#queue = new Map<number, (time: number) => void>();
	#next = 1;

	readonly requestAnimationFrame = (callback: (time: number) => void): number => {
		const handle = this.#next++;
		this.#queue.set(handle, callback);
		return handle;
	};

	readonly cancelAnimationFrame = (handle: number): void => {
		this.#queue.delete(handle);
	};

	/** Callbacks waiting for the next frame. */
	get pending(): number {
		return this.#queue.size;
	}

	/** Runs one frame, `ms` after the previous one. */
	frame(ms = 16): void {
		this.time += ms;
		const callbacks = [...this.#queue.values()];
		this.#queue.clear();
		for (const callback of callbacks) callback(this.time);
	}

	/** Runs frames of `step` ms for `ms` of real time, calling `each` after every frame. */
	run(ms: number, step = 16, each?: () => void): void {
		for (let spent = 0; spent < ms; spent += step) {
			this.frame(step);
			each?.();
		}
	}
}
