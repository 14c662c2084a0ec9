import { createLambdaInvoker, type LambdaInvoker } from './lambda-invoker.js';
import type { FromWorker, ToWorker } from './messages.js';

/** The side of a worker (or a `MessagePort`) that `serveSandbox` talks through. */
export interface SandboxPort {
	postMessage(message: FromWorker): void;
	addEventListener(type: 'message', listener: (event: { readonly data: ToWorker }) => void): void;
}

/**
 * Answers `configure` and `invoke` messages on `port` with a Lambda invoker; every `invoke` gets
 * exactly one `result`, in order. `wasmUrl` is passed to `loadQuickJS` (see `wasm-url.ts`).
 * Each `configure` frees the previous invoker's warm contexts, so new sources start cold.
 */
export function serveSandbox(port: SandboxPort, wasmUrl?: string): void {
	let invoke: LambdaInvoker = createLambdaInvoker({}, { wasmUrl });
	port.addEventListener('message', ({ data }) => {
		switch (data.type) {
			case 'configure':
				invoke.dispose();
				invoke = createLambdaInvoker(data.handlers, { wasmUrl, limits: data.limits });
				break;
			case 'invoke': {
				const { id, request } = data;
				void invoke(request).then((result) => port.postMessage({ type: 'result', id, result }));
				break;
			}
		}
	});
}
