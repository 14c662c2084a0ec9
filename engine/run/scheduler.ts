/**
 * The discrete-event scheduler behind every execution. Each running path of a state machine (the
 * top level, a Parallel branch, a Map iteration) is a `Fiber`: an async function that runs until it
 * has to wait (for virtual time or for its children) and then hands control back. Only one fiber
 * runs at a time, and waiting fibers are resumed strictly in `(dueAt, seq)` order, so the same
 * definition, input and seed always produce the same events, and virtual time only moves when
 * every fiber is waiting.
 */

interface Item {
	readonly due: number;
	readonly seq: number;
	readonly run: () => void;
	cancelled: boolean;
}

/** A fiber's handle on its current wait, so it can be cancelled (for example on abort). */
export interface Wait {
	cancel(): void;
}

/** A running path: what the scheduler needs to know to suspend, resume or abandon it. */
export class Fiber {
	/** The wait this fiber is suspended on, if any. */
	wait: Wait | undefined;
	/** Set when the fiber was aborted: it is never resumed again. */
	aborted = false;
	/** Set when the fiber's body began to run (a spawned fiber may be aborted before it starts). */
	started = false;
}

/** Thrown out of `Scheduler.run` when a fiber crashed with an engine bug. */
export class FiberCrash extends Error {}

export class Scheduler {
	/** Virtual ms since the execution started. */
	now = 0;
	#seq = 0;
	#heap: Item[] = [];
	#fifo: Item[] = [];
	#fifoHead = 0;
	#release: (() => void) | undefined;
	#crash: unknown;

	/** Number of scheduled resumptions (including cancelled ones not yet dropped). */
	get pending(): number {
		return this.#heap.length + this.#fifo.length - this.#fifoHead;
	}

	/** Due time of the next resumption, or `undefined` when nothing is scheduled. */
	nextDue(): number | undefined {
		this.#dropCancelled();
		const f = this.#fifoHead < this.#fifo.length ? this.#fifo[this.#fifoHead] : undefined;
		const h = this.#heap[0];
		if (!f) return h?.due;
		if (!h) return f.due;
		return Math.min(f.due, h.due);
	}

	#dropCancelled(): void {
		while (this.#fifoHead < this.#fifo.length && this.#fifo[this.#fifoHead].cancelled)
			this.#fifoHead++;
		while (this.#heap.length && this.#heap[0].cancelled) this.#heapPop();
	}

	#push(due: number, run: () => void): Item {
		const item: Item = { due, seq: this.#seq++, run, cancelled: false };
		if (due <= this.now) {
			this.#fifo.push(item);
		} else {
			const h = this.#heap;
			h.push(item);
			let i = h.length - 1;
			while (i > 0) {
				const p = (i - 1) >> 1;
				if (!before(h[i], h[p])) break;
				[h[i], h[p]] = [h[p], h[i]];
				i = p;
			}
		}
		return item;
	}

	#heapPop(): Item | undefined {
		const h = this.#heap;
		const top = h[0];
		const last = h.pop();
		if (h.length && last) {
			h[0] = last;
			let i = 0;
			for (;;) {
				const l = 2 * i + 1;
				const r = l + 1;
				let m = i;
				if (l < h.length && before(h[l], h[m])) m = l;
				if (r < h.length && before(h[r], h[m])) m = r;
				if (m === i) break;
				[h[i], h[m]] = [h[m], h[i]];
				i = m;
			}
		}
		return top;
	}

	#pop(): Item | undefined {
		this.#dropCancelled();
		const f = this.#fifoHead < this.#fifo.length ? this.#fifo[this.#fifoHead] : undefined;
		const h = this.#heap[0];
		if (f && (!h || before(f, h))) {
			this.#fifoHead++;
			if (this.#fifoHead > 1024 && this.#fifoHead * 2 > this.#fifo.length) {
				this.#fifo = this.#fifo.slice(this.#fifoHead);
				this.#fifoHead = 0;
			}
			return f;
		}
		return h ? this.#heapPop() : undefined;
	}

	/** Hands control back to the scheduler loop. Called exactly once per turn of a fiber. */
	#yield(): void {
		const r = this.#release;
		this.#release = undefined;
		r?.();
	}

	/**
	 * Starts `body` as a new fiber at the current time (after already scheduled work). With a
	 * `fiber`, its `wait` is the pending start until the body runs, so cancelling it (an abort
	 * before the fiber had its turn) means the body never runs.
	 */
	spawn(body: () => Promise<void>, fiber?: Fiber): void {
		const item = this.#push(this.now, () => {
			if (fiber) {
				fiber.wait = undefined;
				fiber.started = true;
			}
			body().then(
				() => this.#yield(),
				(e: unknown) => {
					this.#crash ??= e;
					this.#yield();
				}
			);
		});
		if (fiber) fiber.wait = { cancel: () => (item.cancelled = true) };
	}

	/** Suspends `fiber` until virtual time `due` (ms). Resolves in `(due, seq)` order. */
	sleepUntil(fiber: Fiber, due: number): Promise<void> {
		return new Promise<void>((resolve) => {
			// Conditionals, not Math.max: keeps times small integers for V8 (a float here
			// deoptimises the hot paths for the rest of the run).
			const item = this.#push(due > this.now ? due : this.now, () => {
				fiber.wait = undefined;
				resolve();
			});
			fiber.wait = { cancel: () => (item.cancelled = true) };
			this.#yield();
		});
	}

	/** Lets other fibers due now run first (a zero-time step). */
	yieldNow(fiber: Fiber): Promise<void> {
		return this.sleepUntil(fiber, this.now);
	}

	/**
	 * Suspends `fiber` until `wake` is called (by another fiber). The returned `wake` schedules the
	 * resumption at the then-current time; calling it more than once has no further effect.
	 */
	suspend<T>(fiber: Fiber): { promise: Promise<T>; wake: (value: T) => void } {
		let wakeFn!: (value: T) => void;
		const promise = new Promise<T>((resolve) => {
			let woken = false;
			let item: Item | undefined;
			wakeFn = (value: T) => {
				if (woken) return;
				woken = true;
				item = this.#push(this.now, () => {
					fiber.wait = undefined;
					resolve(value);
				});
			};
			fiber.wait = {
				cancel: () => {
					woken = true;
					if (item) item.cancelled = true;
				}
			};
		});
		return {
			promise: promise.then((v) => v),
			wake: wakeFn
		};
	}

	/** Gives control back while waiting on a `suspend` promise. */
	park<T>(promise: Promise<T>): Promise<T> {
		this.#yield();
		return promise;
	}

	/** Cancels every pending resumption (the execution has ended). */
	clear(): void {
		for (const i of this.#heap) i.cancelled = true;
		for (let k = this.#fifoHead; k < this.#fifo.length; k++) this.#fifo[k].cancelled = true;
		this.#heap = [];
		this.#fifo = [];
		this.#fifoHead = 0;
	}

	/**
	 * Runs the next due resumption until its fiber yields again. Returns false when nothing is
	 * left. `limit` (virtual ms): a resumption due later is not run; `onLimit` is called instead.
	 */
	async step(limit?: number, onLimit?: () => void): Promise<boolean> {
		const item = this.#pop();
		if (!item) return false;
		if (limit !== undefined && item.due > limit) {
			this.now = limit;
			onLimit?.();
			return this.pending > 0;
		}
		if (item.due > this.now) this.now = item.due;
		const yielded = new Promise<void>((r) => (this.#release = r));
		item.run();
		await yielded;
		if (this.#crash !== undefined) {
			const e = this.#crash;
			this.#crash = undefined;
			throw e instanceof Error ? e : new FiberCrash(String(e));
		}
		return true;
	}
}

function before(a: Item, b: Item): boolean {
	return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}
