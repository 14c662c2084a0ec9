import type { ExecutionOutcome, HistoryEvent } from '../../../engine/index.js';
import type { FromExecutionWorker, RunRequest, ToExecutionWorker } from './messages.js';

/** Callbacks of one run. */
export interface RunCallbacks {
	/** New events, in order (append them to what came before). */
	onevents?: (events: readonly HistoryEvent[]) => void;
}

/** The two histories of a comparison. */
export interface ComparedRuns {
	readonly asWritten: readonly HistoryEvent[];
	readonly sequential: readonly HistoryEvent[];
}

/** A run that was replaced by a newer one or cancelled. */
export class RunCancelled extends Error {}

/**
 * Runs executions in a Web Worker. The latest request wins: starting a run or a comparison (or
 * `cancel()`) stops the previous one by terminating the worker, which is recreated lazily. A
 * request that stays silent for `silenceMs` (a handler stuck outside the sandbox's own limits)
 * is stopped the same way.
 */
export class ExecutionClient {
	#worker: Worker | undefined;
	#nextId = 1;
	#current: { id: number; reject: (e: Error) => void } | undefined;
	readonly #createWorker: () => Worker;
	readonly #silenceMs: number;

	constructor(createWorker: () => Worker, silenceMs = 30_000) {
		this.#createWorker = createWorker;
		this.#silenceMs = silenceMs;
	}

	/** Runs `request`; resolves with the outcome, rejects with `RunCancelled` if replaced. */
	run(request: RunRequest, callbacks: RunCallbacks = {}): Promise<ExecutionOutcome> {
		return this.#send('run', request, (m, resolve) => {
			if (m.type === 'events') callbacks.onevents?.(JSON.parse(m.eventsJson) as HistoryEvent[]);
			else if (m.type === 'done') resolve(m.outcome);
		});
	}

	/** Runs `request` as written and sequentialised; resolves with both histories. */
	compare(request: RunRequest): Promise<ComparedRuns> {
		return this.#send('compare', request, (m, resolve) => {
			if (m.type === 'compared') {
				resolve({
					asWritten: JSON.parse(m.asWrittenJson) as HistoryEvent[],
					sequential: JSON.parse(m.sequentialJson) as HistoryEvent[]
				});
			}
		});
	}

	#send<T>(
		type: ToExecutionWorker['type'],
		request: RunRequest,
		handle: (message: FromExecutionWorker, resolve: (value: T) => void) => void
	): Promise<T> {
		this.cancel();
		const worker = (this.#worker ??= this.#createWorker());
		const id = this.#nextId++;
		return new Promise<T>((resolve, reject) => {
			let timer: ReturnType<typeof setTimeout> | undefined;
			const finish = () => {
				clearTimeout(timer);
				worker.removeEventListener('message', onMessage);
				worker.removeEventListener('error', onError);
				if (this.#current?.id === id) this.#current = undefined;
			};
			const arm = () => {
				clearTimeout(timer);
				timer = setTimeout(() => {
					finish();
					this.#kill();
					reject(
						new Error(`The run stopped responding for ${this.#silenceMs / 1000} s and was stopped.`)
					);
				}, this.#silenceMs);
			};
			const onMessage = (event: MessageEvent<FromExecutionWorker>) => {
				const m = event.data;
				if (m.id !== id) return;
				arm();
				if (m.type === 'crashed') {
					finish();
					reject(new Error(m.message));
					return;
				}
				handle(m, (value) => {
					finish();
					resolve(value);
				});
			};
			const onError = (event: ErrorEvent) => {
				finish();
				this.#kill();
				reject(new Error(event.message || 'The execution worker failed to start.'));
			};
			worker.addEventListener('message', onMessage);
			worker.addEventListener('error', onError);
			this.#current = {
				id,
				reject: (e) => {
					finish();
					reject(e);
				}
			};
			arm();
			const message: ToExecutionWorker = { type, id, request };
			worker.postMessage(message);
		});
	}

	/** Stops the running request, if any. */
	cancel(): void {
		if (!this.#current) return;
		const { reject } = this.#current;
		this.#current = undefined;
		this.#kill();
		reject(new RunCancelled('A newer run replaced this one.'));
	}

	#kill(): void {
		this.#worker?.terminate();
		this.#worker = undefined;
	}

	/** Stops everything; the client can still be used afterwards. */
	dispose(): void {
		this.cancel();
		this.#kill();
	}
}

/** The app's execution worker, built by Vite. */
export function createExecutionWorker(): Worker {
	return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
}
