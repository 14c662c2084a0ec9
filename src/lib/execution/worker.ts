/**
 * The execution worker: runs the engine and the QuickJS task handlers off the main thread.
 * Protocol in `messages.ts`; one run at a time (the client terminates the worker to cancel).
 */
import { createLambdaInvoker } from '../sandbox/lambda-invoker.js';
import { QUICKJS_WASM_URL } from '../sandbox/wasm-url.js';
import type { FromExecutionWorker, ToExecutionWorker } from './messages.js';
import { runRequest } from './run-request.js';

const post = (message: FromExecutionWorker) => (self as unknown as Worker).postMessage(message);

self.addEventListener('message', (event: MessageEvent<ToExecutionWorker>) => {
	const message = event.data;
	if (message.type !== 'run') return;
	const { id, request } = message;
	const invoke = createLambdaInvoker(request.handlers, { wasmUrl: QUICKJS_WASM_URL });
	runRequest(request, invoke, (events) => post({ type: 'events', id, eventsJson: JSON.stringify(events) })).then(
		(outcome) => post({ type: 'done', id, outcome }),
		(error: unknown) => post({ type: 'crashed', id, message: error instanceof Error ? error.message : String(error) })
	);
});
