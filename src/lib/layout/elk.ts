import ELK from 'elkjs/lib/elk-api.js';
import type { GraphLayout } from './edge-path.js';
import { layoutDefinition, type ElkLayouter } from './layout.js';

/**
 * The one place that knows how ELK's worker is built. In the browser ELK runs in a module Worker
 * made from `elkjs/lib/elk-worker.min.js`; Vite bundles it as a worker entry through the
 * `new Worker(new URL(…, import.meta.url))` pattern (checked with Vite 8 and elkjs 0.12.1, dev
 * and build; `?worker` and `?url` work too). The app never runs `elk.bundled.js` on the main
 * thread; Node tests pass their own `elk.bundled.js` instance to `GraphLayoutService`.
 */

/** An ELK instance the service can stop. */
export type ElkInstance = ElkLayouter & { terminateWorker?(): void };

/** A browser ELK whose layouts run in a module Worker. Call only in the browser. */
export function createWorkerElk(): ElkInstance {
	return new ELK({
		workerFactory: () =>
			new Worker(new URL('elkjs/lib/elk-worker.min.js', import.meta.url), {
				type: 'module',
				name: 'elk-layout'
			})
	});
}

/**
 * Lays out definitions one after another, latest request wins: each `layout` call gets a higher
 * request id, and a result that arrives after a newer call was made resolves `undefined` (stale
 * results are dropped, never shown). ELK is created lazily on the first call.
 */
export class GraphLayoutService {
	#elk: ElkInstance | undefined;
	#latest = 0;
	readonly #createElk: () => ElkInstance;
	// A terminated worker never answers: `dispose` resolves the calls still waiting on it.
	readonly #waiting = new Set<() => void>();

	/** `createElk` defaults to `createWorkerElk` (browser only). */
	constructor(createElk: () => ElkInstance = createWorkerElk) {
		this.#createElk = createElk;
	}

	/**
	 * The layout of `definition` (any JSON), or `undefined` if a newer `layout` call (or
	 * `dispose`) superseded this one. Rejects only if ELK fails on the latest request.
	 */
	layout(definition: unknown): Promise<GraphLayout | undefined> {
		const request = ++this.#latest;
		const elk = (this.#elk ??= this.#createElk());
		return new Promise<GraphLayout | undefined>((resolve, reject) => {
			const drop = () => resolve(undefined);
			this.#waiting.add(drop);
			layoutDefinition(definition, elk)
				.then(
					(layout) => resolve(request === this.#latest ? layout : undefined),
					(error: unknown) => (request === this.#latest ? reject(error) : resolve(undefined))
				)
				.finally(() => this.#waiting.delete(drop));
		});
	}

	/** Stops the worker; a later `layout` starts a new one. Pending calls resolve `undefined`. */
	dispose(): void {
		this.#latest++;
		this.#elk?.terminateWorker?.();
		this.#elk = undefined;
		for (const drop of this.#waiting) drop();
		this.#waiting.clear();
	}
}

/** A `GraphLayoutService` backed by the browser worker. */
export function createLayoutService(): GraphLayoutService {
	return new GraphLayoutService();
}
