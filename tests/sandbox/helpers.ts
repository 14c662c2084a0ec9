import type { QuickJSRuntime, QuickJSWASMModule, RuntimeOptions } from 'quickjs-emscripten-core';
import type { JsonValue } from '../../engine/asl/types.js';
import type { TaskContext, TaskRequest } from '../../engine/run/task.js';
import type {
	HandlerFailure,
	HandlerOutcome,
	SandboxLimits
} from '../../src/lib/sandbox/outcome.js';
import { loadQuickJS } from '../../src/lib/sandbox/quickjs.js';
import { runHandler } from '../../src/lib/sandbox/run-handler.js';

/** A Lambda-style context for tests. */
export const CONTEXT: TaskContext = {
	functionName: 'fn',
	invokedFunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:fn',
	awsRequestId: '5f1c0d1e-0000-4000-8000-000000000001',
	functionVersion: '$LATEST',
	memoryLimitInMB: '128'
};

/**
 * A QuickJS module that remembers the runtimes it made, so a test can assert they were all
 * freed. (`TestQuickJSWASMModule` cannot: in 0.32.0 `newRuntime` ignores the `ownedLifetimes`
 * it uses for tracking.) A handle leaked inside a runtime makes freeing it abort, which
 * `runHandler` reports as `discardModule`.
 */
export class TrackingModule {
	readonly #parent: QuickJSWASMModule;
	#runtimes: QuickJSRuntime[] = [];
	#created = 0;

	constructor(parent: QuickJSWASMModule) {
		this.#parent = parent;
	}

	newRuntime(options?: RuntimeOptions): QuickJSRuntime {
		// Keep only live runtimes, so tracking itself does not hold on to memory.
		this.#runtimes = this.#runtimes.filter((runtime) => runtime.alive);
		const runtime = this.#parent.newRuntime(options);
		this.#runtimes.push(runtime);
		this.#created++;
		return runtime;
	}

	getWasmMemory(): WebAssembly.Memory {
		return this.#parent.getWasmMemory();
	}

	/** How many runtimes were made since the last `assertAllFreed`. */
	get created(): number {
		return this.#created;
	}

	/** How many runtimes made since the last `assertAllFreed` are still alive. */
	get alive(): number {
		return this.#runtimes.filter((runtime) => runtime.alive).length;
	}

	/** Throws if a runtime made since the last call is still alive. */
	assertAllFreed(): void {
		const alive = this.alive;
		this.#runtimes = [];
		this.#created = 0;
		if (alive > 0) throw new Error(`${alive} QuickJS runtime(s) were not freed`);
	}
}

/** The shared QuickJS module, wrapped in a `TrackingModule`. */
export async function testModule(): Promise<TrackingModule> {
	return new TrackingModule(await loadQuickJS());
}

/** Runs `source` with `event` on `module`. */
export function run(
	module: TrackingModule,
	source: string,
	event: JsonValue = {},
	limits?: SandboxLimits
): Promise<HandlerOutcome> {
	return runHandler(module, { source, event, context: CONTEXT, limits });
}

/** Narrows an outcome to a failure, failing the test if it succeeded. */
export function failure(outcome: HandlerOutcome): HandlerFailure {
	if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome.output)}`);
	return outcome;
}

/** A task request for `functionName` with `payload`. */
export function request(
	functionName: string | undefined,
	payload: JsonValue = {},
	timeoutMs?: number
): TaskRequest {
	return {
		resource:
			functionName === undefined
				? 'arn:aws:states:::sqs:sendMessage'
				: 'arn:aws:states:::lambda:invoke',
		functionName,
		payload,
		context: CONTEXT,
		stateName: 'Task',
		attempt: 0,
		timeoutMs
	};
}
