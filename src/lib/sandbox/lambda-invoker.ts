import type { InvokeTask, TaskRequest, TaskResult } from '../../../engine/run/task.js';
import { toTaskError } from './errors.js';
import { functionArn, resolveFunction, type ArnDefaults } from './function-names.js';
import type { SandboxLimits } from './outcome.js';
import { discardQuickJS, loadQuickJS, type QuickJSModuleLike } from './quickjs.js';
import { runHandlerSync } from './run-handler.js';

/** Options for `createLambdaInvoker`; all optional. */
export interface LambdaInvokerOptions extends ArnDefaults {
	/** Limits for every invocation; `virtualTimeoutMs` always comes from the request. */
	readonly limits?: Omit<SandboxLimits, 'virtualTimeoutMs'>;
	/** The `.wasm` URL for `loadQuickJS`: required in a Vite-built worker, omitted in Node. */
	readonly wasmUrl?: string;
	/** The WebAssembly memory ceiling in bytes for `loadQuickJS`. */
	readonly wasmMemoryBytes?: number;
	/** Supplies the QuickJS module instead of `loadQuickJS` (tests pass a leak-checking one). */
	readonly loadModule?: () => Promise<QuickJSModuleLike>;
}

/**
 * Returns an `InvokeTask` that runs Lambda handlers from `handlers` (function name or ARN →
 * ES module source) in the QuickJS sandbox, one fresh runtime and context per call. It uses no
 * DOM or main-thread API, so it runs in Node, on a page, or inside any module worker.
 *
 * - `request.functionName` is resolved with `resolveFunction`; an unknown function fails with
 *   `Lambda.ResourceNotFoundException`, a request without one (not a Lambda resource) with
 *   `States.TaskFailed`.
 * - `request.timeoutMs` becomes the virtual timeout; failures map through `errors.ts`.
 * - The result carries `elapsedMs` (virtual ms) and `logs`. The promise never rejects.
 */
export function createLambdaInvoker(
	handlers: Readonly<Record<string, string>>,
	options: LambdaInvokerOptions = {}
): InvokeTask {
	const sources = new Map(Object.entries(handlers));
	const keys = [...sources.keys()];
	const load = options.loadModule ?? (() => loadQuickJS(options.wasmUrl, options.wasmMemoryBytes));
	return async (request: TaskRequest): Promise<TaskResult> => {
		const { functionName } = request;
		if (functionName === undefined) {
			return {
				ok: false,
				Error: 'States.TaskFailed',
				Cause:
					`No handler for resource '${request.resource}': ` +
					'the playground runs Lambda functions only'
			};
		}
		const key = resolveFunction(keys, functionName);
		if (key === undefined) return notFound(request, functionName, options);
		let module: QuickJSModuleLike;
		try {
			module = await load();
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			return {
				ok: false,
				Error: 'Lambda.ServiceException',
				Cause: `The sandbox could not load QuickJS: ${reason}`
			};
		}
		const outcome = runHandlerSync(module, {
			source: sources.get(key) as string,
			event: request.payload,
			context: request.context,
			limits: { ...options.limits, virtualTimeoutMs: request.timeoutMs }
		});
		if (outcome.discardModule) discardQuickJS(module);
		const { elapsedMs, logs } = outcome;
		if (outcome.ok) return { ok: true, output: outcome.output, elapsedMs, logs };
		return { ok: false, ...toTaskError(outcome, request.context.awsRequestId), elapsedMs, logs };
	};
}

function notFound(request: TaskRequest, functionName: string, defaults: ArnDefaults): TaskResult {
	const arn = functionArn(functionName, defaults);
	return {
		ok: false,
		Error: 'Lambda.ResourceNotFoundException',
		Cause:
			`Function not found: ${arn} (Service: AWSLambda; Status Code: 404; ` +
			`Error Code: ResourceNotFoundException; Request ID: ${request.context.awsRequestId}; ` +
			'Proxy: null)'
	};
}
