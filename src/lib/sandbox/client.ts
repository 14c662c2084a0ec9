import type { TaskRequest, TaskResult } from '../../../engine/run/task.js';
import type { FromWorker, ToWorker } from './messages.js';
import type { SandboxLimits } from './outcome.js';

/** The part of a `Worker` the client uses (tests pass a fake). */
export interface WorkerLike {
	postMessage(message: ToWorker): void;
	terminate(): void;
	addEventListener(type: 'message', listener: (event: { readonly data: FromWorker }) => void): void;
	addEventListener(type: 'error', listener: (event: unknown) => void): void;
}

/** Options for `SandboxClient`; all optional. */
export interface SandboxClientOptions {
	/**
	 * Ms the worker may stay silent while calls are pending before it is terminated and every
	 * pending call fails with `States.Timeout`. Each `result` restarts the budget. Default 10 000
	 * (the first call also loads the `.wasm` file).
	 */
	readonly silenceMs?: number;
	readonly limits?: Omit<SandboxLimits, 'virtualTimeoutMs'>;
	/** Starts a worker; defaults to the module worker in `worker.ts`. */
	readonly createWorker?: () => WorkerLike;
}

type Resolve = (result: TaskResult) => void;

const DEFAULT_SILENCE_MS = 10_000;

/**
 * A thin client for the sandbox worker. `invoke` has the `InvokeTask` contract (it never
 * rejects). The worker starts lazily on the first call and is recreated lazily after it is
 * killed; the current handlers are sent to every new worker before any call.
 */
export class SandboxClient {
	#worker: WorkerLike | null = null;
	#nextId = 1;
	readonly #pending = new Map<number, Resolve>();
	#handlers: Readonly<Record<string, string>>;
	#timer: ReturnType<typeof setTimeout> | undefined;
	readonly #silenceMs: number;
	readonly #limits: SandboxClientOptions['limits'];
	readonly #createWorker: () => WorkerLike;

	constructor(handlers: Readonly<Record<string, string>> = {}, options: SandboxClientOptions = {}) {
		this.#handlers = { ...handlers };
		this.#silenceMs = options.silenceMs ?? DEFAULT_SILENCE_MS;
		this.#limits = options.limits;
		this.#createWorker = options.createWorker ?? startWorker;
	}

	/** Replaces the handler sources for all later calls. */
	setHandlers(handlers: Readonly<Record<string, string>>): void {
		this.#handlers = { ...handlers };
		this.#worker?.postMessage(this.#configure());
	}

	/** Runs one task attempt in the worker; resolves with its result, never rejects. */
	readonly invoke = (request: TaskRequest): Promise<TaskResult> =>
		new Promise<TaskResult>((resolve) => {
			const id = this.#nextId++;
			this.#pending.set(id, resolve);
			this.#ensureWorker().postMessage({ type: 'invoke', id, request });
			if (this.#pending.size === 1) this.#arm();
		});

	/**
	 * Fails every pending call with `Error` `Sandbox.Cancelled` and kills the worker that was
	 * running them, so a new run never waits behind an abandoned one (latest run wins). A no-op
	 * when no call is pending.
	 */
	cancelPending(cause = 'The run that made this call was replaced'): void {
		if (this.#pending.size > 0) this.#kill('Sandbox.Cancelled', cause);
	}

	/** Kills the worker and fails pending calls; the client stays usable. */
	dispose(): void {
		this.#kill('Sandbox.Cancelled', 'The sandbox was shut down');
	}

	#ensureWorker(): WorkerLike {
		if (this.#worker) return this.#worker;
		const worker = this.#createWorker();
		worker.addEventListener('message', ({ data }) => {
			if (worker !== this.#worker || data.type !== 'result') return;
			const resolve = this.#pending.get(data.id);
			if (!resolve) return;
			this.#pending.delete(data.id);
			this.#arm();
			resolve(data.result);
		});
		worker.addEventListener('error', () => {
			if (worker !== this.#worker) return;
			this.#kill('Lambda.ServiceException', 'The sandbox worker failed to start or crashed');
		});
		worker.postMessage(this.#configure());
		this.#worker = worker;
		return worker;
	}

	#configure(): ToWorker {
		return { type: 'configure', handlers: this.#handlers, limits: this.#limits };
	}

	/** (Re)starts the silence budget while calls are pending. */
	#arm(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		if (this.#pending.size === 0) return;
		this.#timer = setTimeout(() => {
			const cause = `The sandbox worker was silent for ${this.#silenceMs} ms and was restarted`;
			this.#kill('States.Timeout', cause);
		}, this.#silenceMs);
	}

	#kill(error: string, cause: string): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#worker?.terminate();
		this.#worker = null;
		const pending = [...this.#pending.values()];
		this.#pending.clear();
		for (const resolve of pending) resolve({ ok: false, Error: error, Cause: cause });
	}
}

function startWorker(): WorkerLike {
	return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }) as WorkerLike;
}
