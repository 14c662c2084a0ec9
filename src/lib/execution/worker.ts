/**
 * The execution worker: runs the engine and the QuickJS task handlers off the main thread.
 * Protocol in `messages.ts`; one run at a time (the client terminates the worker to cancel).
 */
import { createLambdaInvoker, type LambdaInvoker } from '../sandbox/lambda-invoker.js';
import { QUICKJS_WASM_URL } from '../sandbox/wasm-url.js';
import type { FromExecutionWorker, ToExecutionWorker } from './messages.js';
import { runRequest } from './run-request.js';

const post = (message: FromExecutionWorker) => (self as unknown as Worker).postMessage(message);

const crashed = (id: number) => (error: unknown) =>
	post({ type: 'crashed', id, message: error instanceof Error ? error.message : String(error) });

/** Warm handler contexts of the current request; freed when the next request starts. */
let invokers: LambdaInvoker[] = [];
const freshInvoker = (handlers: Readonly<Record<string, string>>) => {
	const invoker = createLambdaInvoker(handlers, { wasmUrl: QUICKJS_WASM_URL });
	invokers.push(invoker);
	return invoker;
};

self.addEventListener('message', (event: MessageEvent<ToExecutionWorker>) => {
	const message = event.data;
	const { id, request } = message;
	for (const old of invokers) old.dispose();
	invokers = [];
	if (message.type === 'run') {
		const invoke = freshInvoker(request.handlers);
		runRequest(request, invoke, (events) =>
			post({ type: 'events', id, eventsJson: JSON.stringify(events) })
		).then((outcome) => post({ type: 'done', id, outcome }), crashed(id));
		return;
	}
	// compare: the same request as written, then sequentialised (same latencies and seed), each
	// with fresh handler contexts so module state cannot leak from one run into the other.
	const collect = async (sequential: boolean) => {
		const events: unknown[] = [];
		await runRequest({ ...request, sequential }, freshInvoker(request.handlers), (batch) =>
			events.push(...batch)
		);
		return JSON.stringify(events);
	};
	collect(false)
		.then(async (asWrittenJson) =>
			post({ type: 'compared', id, asWrittenJson, sequentialJson: await collect(true) })
		)
		.catch(crashed(id));
});
