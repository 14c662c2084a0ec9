import type { InvokeTask, TaskRequest, TaskResult } from '../../../engine/run/task.js';
import { toServiceTaskError, toTaskError } from './errors.js';
import { functionArn, resolveFunction, serviceTask, type ArnDefaults } from './function-names.js';
import type { HandlerOutcome } from './outcome.js';
import { discardQuickJS, loadQuickJS, type QuickJSModuleLike } from './quickjs.js';
import { runHandlerSync, WarmHandler, type WarmLimits } from './run-handler.js';

/** Options for `createLambdaInvoker`; all optional. */
export interface LambdaInvokerOptions extends ArnDefaults {
	/** Limits for every invocation; `virtualTimeoutMs` always comes from the request. */
	readonly limits?: WarmLimits;
	/** The `.wasm` URL for `loadQuickJS`: required in a Vite-built worker, omitted in Node. */
	readonly wasmUrl?: string;
	/** The WebAssembly memory ceiling in bytes for `loadQuickJS`. */
	readonly wasmMemoryBytes?: number;
	/** Supplies the QuickJS module instead of `loadQuickJS` (tests pass a leak-checking one). */
	readonly loadModule?: () => Promise<QuickJSModuleLike>;
	/** How many functions keep a warm context at once (least recently used goes first). */
	readonly maxWarmHandlers?: number;
}

/** An `InvokeTask` that keeps warm contexts, and frees them all on `dispose`. */
export type LambdaInvoker = InvokeTask & {
	/**
	 * Frees every warm context (and its QuickJS runtime). Later calls still work, but each one
	 * then runs in a fresh context that is freed before it returns.
	 */
	dispose(): void;
	/**
	 * Whether a handler is keyed by `resource`'s service key (`serviceTask`): the engine's
	 * `handles` option, so a Distributed Map's ItemReader reads through it.
	 */
	handles(resource: string): boolean;
};

/**
 * Lambda's longest function timeout: a function still running after 900 s is stopped, whatever
 * the task's TimeoutSeconds (AWS Lambda quotas: "Function timeout: 900 seconds (15 minutes)").
 */
export const LAMBDA_MAX_TIMEOUT_MS = 900_000;

/** The default for `LambdaInvokerOptions.maxWarmHandlers`. */
export const DEFAULT_MAX_WARM_HANDLERS = 32;

/**
 * Returns an `InvokeTask` that runs Lambda handlers from `handlers` (function name or ARN →
 * ES module source) in the QuickJS sandbox. It uses no DOM or main-thread API, so it runs in
 * Node, on a page, or inside any module worker.
 *
 * - Like a warm Lambda execution environment, each function keeps one warm QuickJS context
 *   (a `WarmHandler`): its module is evaluated on the first call, and later calls run `handler`
 *   again in the same context, so module-level state persists between calls of one function of
 *   one invoker. Each call still gets a fresh CPU deadline, virtual clock, timer queue, console
 *   capture, event and context. A context that timed out, ran out of memory or may otherwise be
 *   damaged is freed and rebuilt on the next call. At most `maxWarmHandlers` (32) functions stay
 *   warm; `dispose()` frees them all. An invoker that becomes garbage frees them too, eventually.
 * - `request.functionName` is resolved with `resolveFunction`; an unknown function fails with
 *   `Lambda.ResourceNotFoundException`. A request without one (a service integration or an
 *   activity) runs the handler keyed by its `serviceTask` key, and fails with
 *   `States.TaskFailed` when there is none.
 * - `request.timeoutMs` becomes the virtual timeout; failures map through `errors.ts`: a Lambda
 *   function's with `toTaskError` (Lambda's error payload as the cause), a service, activity or
 *   callback handler's (`.waitForTaskToken`, Lambda's included) with `toServiceTaskError` (what it
 *   throws is the error and cause). A Lambda
 *   function (not the handler of a callback task) also stops at `LAMBDA_MAX_TIMEOUT_MS`, which
 *   fails as `Lambda.Unknown`, as on AWS.
 * - The result carries `elapsedMs` (virtual ms) and `logs`. The promise never rejects.
 */
export function createLambdaInvoker(
	handlers: Readonly<Record<string, string>>,
	options: LambdaInvokerOptions = {}
): LambdaInvoker {
	const sources = new Map(Object.entries(handlers));
	const keys = [...sources.keys()];
	const load = options.loadModule ?? (() => loadQuickJS(options.wasmUrl, options.wasmMemoryBytes));
	const maxWarm = Math.max(0, options.maxWarmHandlers ?? DEFAULT_MAX_WARM_HANDLERS);
	/** Function key → its warm handler, least recently used first. */
	const warm = new Map<string, WarmHandler>();
	let disposed = false;

	const run = (module: QuickJSModuleLike, key: string, request: TaskRequest): HandlerOutcome => {
		const source = sources.get(key) as string;
		// The handler of a callback task stands for the process that answers later, which Lambda
		// does not limit; a function invocation runs at most LAMBDA_MAX_TIMEOUT_MS.
		const functionTimeoutMs =
			request.functionName !== undefined && !request.resource.endsWith('.waitForTaskToken')
				? LAMBDA_MAX_TIMEOUT_MS
				: undefined;
		const call = {
			event: request.payload,
			context: request.context,
			virtualTimeoutMs: request.timeoutMs,
			functionTimeoutMs
		};
		if (disposed || maxWarm === 0) {
			const limits = { ...options.limits, virtualTimeoutMs: request.timeoutMs, functionTimeoutMs };
			return runHandlerSync(module, { source, event: call.event, context: call.context, limits });
		}
		let handler = warm.get(key);
		if (handler) warm.delete(key);
		else handler = new WarmHandler(source, options.limits);
		warm.set(key, handler);
		for (const [oldest, evicted] of warm) {
			if (warm.size <= maxWarm) break;
			warm.delete(oldest);
			evicted.dispose();
		}
		const outcome = handler.invoke(module, call);
		if (outcome.discardModule) {
			// Every context on this module goes with it (a trapped module is not touched).
			for (const other of warm.values()) if (other.module === module) other.dispose();
		}
		return outcome;
	};

	const invoke = async (request: TaskRequest): Promise<TaskResult> => {
		const { functionName } = request;
		let key: string | undefined;
		if (functionName === undefined) {
			const service = serviceTask(request.resource);
			key = service && sources.has(service.key) ? service.key : undefined;
			if (key === undefined) {
				const what = service ? `'${service.label}'` : `resource '${request.resource}'`;
				return {
					ok: false,
					Error: 'States.TaskFailed',
					Cause:
						`No handler for ${what}: the playground cannot call AWS services. ` +
						'Add a handler for it in the Handlers tab; what it returns is the task result.'
				};
			}
		} else {
			key = resolveFunction(keys, functionName);
			if (key === undefined) return notFound(request, functionName, options);
		}
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
		const outcome = run(module, key, request);
		if (outcome.discardModule) discardQuickJS(module);
		const { elapsedMs, logs } = outcome;
		if (outcome.ok) return { ok: true, output: outcome.output, elapsedMs, logs };
		const requestId = request.context.awsRequestId;
		// A callback's handler (.waitForTaskToken, Lambda's too) stands for whoever sends the token
		// back, as for the timeouts above: what it throws is what SendTaskFailure reports.
		const error =
			functionName === undefined || request.resource.endsWith('.waitForTaskToken')
				? toServiceTaskError(outcome, requestId)
				: toTaskError(outcome, requestId);
		return { ok: false, ...error, elapsedMs, logs };
	};

	const dispose = (): void => {
		disposed = true;
		freeAll(warm);
		abandoned?.unregister(warm);
	};
	abandoned?.register(invoke, warm, warm);
	const handles = (resource: string): boolean => {
		const service = serviceTask(resource);
		return service !== undefined && sources.has(service.key);
	};
	return Object.assign(invoke, { dispose, handles });
}

/** Frees the warm contexts of invokers that became garbage without `dispose`. */
const abandoned =
	typeof FinalizationRegistry === 'function'
		? new FinalizationRegistry<Map<string, WarmHandler>>(freeAll)
		: undefined;

function freeAll(warm: Map<string, WarmHandler>): void {
	for (const handler of warm.values()) handler.dispose();
	warm.clear();
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
