import {
	Scope,
	shouldInterruptAfterDeadline,
	type QuickJSContext,
	type QuickJSHandle,
	type QuickJSRuntime
} from 'quickjs-emscripten-core';
import type { JsonValue } from '../../../engine/asl/types.js';
import type { TaskContext } from '../../../engine/run/task.js';
import { LogRecorder } from './log-recorder.js';
import {
	DEFAULT_LIMITS,
	type FailureKind,
	type HandlerFailure,
	type HandlerOutcome,
	type SandboxLimits
} from './outcome.js';
import { PRELUDE_FILE, PRELUDE_SOURCE } from './prelude.js';
import { wasmMemoryCeiling, type QuickJSModuleLike } from './quickjs.js';

/** The file name handler frames and syntax errors are reported against. */
export const MODULE_FILE = 'handler.mjs';

/** What to run: an ES module exporting `handler`, its event and context, and the limits. */
export interface HandlerInvocation {
	/** ES module source text; it must export `handler` (sync or async, `(event, context)`). */
	readonly source: string;
	readonly event: JsonValue;
	readonly context: TaskContext;
	readonly limits?: SandboxLimits;
}

/**
 * Runs one handler invocation in a fresh QuickJS runtime and context on `module`, with limits set
 * before any user code runs, and resolves with its outcome; it never rejects. Timers are
 * virtual: no real time passes, and `elapsedMs` is the virtual time the handler waited.
 * Everything runs synchronously (see `runHandlerSync`); the promise is for API symmetry.
 */
export async function runHandler(
	module: QuickJSModuleLike,
	invocation: HandlerInvocation
): Promise<HandlerOutcome> {
	return runHandlerSync(module, invocation);
}

/**
 * `runHandler` without the promise. It runs to completion on the calling thread (at most about
 * `cpuMs` of wall-clock time), so two invocations never interleave on one module.
 */
export function runHandlerSync(
	module: QuickJSModuleLike,
	invocation: HandlerInvocation
): HandlerOutcome {
	return new Invocation(invocation).execute(module);
}

interface Guest {
	readonly invoke: QuickJSHandle;
	readonly peek: QuickJSHandle;
	readonly fire: QuickJSHandle;
	readonly describe: QuickJSHandle;
	readonly serialise: QuickJSHandle;
}

interface ErrorFacts {
	readonly errorType: string;
	readonly errorMessage: string;
	readonly stack: readonly string[];
	readonly fileName?: string;
	readonly lineNumber?: number;
}

type Settled = { readonly type: 'fulfilled' | 'rejected'; readonly handle: QuickJSHandle };

const GUEST_KEYS = ['invoke', 'peek', 'fire', 'describe', 'serialise'] as const;
/** WebAssembly memory within this many bytes of its ceiling counts as exhausted. */
const EXHAUSTED_MARGIN_BYTES = 1024 * 1024;
const UNREADABLE: ErrorFacts = {
	errorType: 'Error',
	errorMessage: 'the sandbox could not read the thrown value',
	stack: []
};

/** One invocation's state; `execute` is called once. */
class Invocation {
	readonly #request: HandlerInvocation;
	readonly #limits: Required<Omit<SandboxLimits, 'virtualTimeoutMs'>>;
	readonly #timeoutMs: number | undefined;
	readonly #logs: LogRecorder;
	readonly #scope = new Scope();
	#deadline = 0;
	#clock = 0;
	#interrupted = false;
	#refusedImport: string | undefined;
	#runtime: QuickJSRuntime | undefined;
	#context: QuickJSContext | undefined;
	#guest: Guest | undefined;
	#memory: WebAssembly.Memory | undefined;
	#exhaustedAtBytes = Infinity;
	#exhaustedAtStart = false;

	constructor(request: HandlerInvocation) {
		this.#request = request;
		const limits = request.limits ?? {};
		this.#limits = {
			cpuMs: limits.cpuMs ?? DEFAULT_LIMITS.cpuMs,
			memoryBytes: limits.memoryBytes ?? DEFAULT_LIMITS.memoryBytes,
			stackBytes: limits.stackBytes ?? DEFAULT_LIMITS.stackBytes,
			logChars: limits.logChars ?? DEFAULT_LIMITS.logChars,
			epochMs: limits.epochMs ?? DEFAULT_LIMITS.epochMs
		};
		this.#timeoutMs = limits.virtualTimeoutMs;
		this.#logs = new LogRecorder(this.#limits.logChars);
	}

	execute(module: QuickJSModuleLike): HandlerOutcome {
		let outcome: HandlerOutcome;
		try {
			this.#memory = module.getWasmMemory();
			this.#exhaustedAtBytes = wasmMemoryCeiling(module) - EXHAUSTED_MARGIN_BYTES;
			this.#exhaustedAtStart = this.#exhausted();
			outcome = this.#run(module);
		} catch (error) {
			// A host exception out of QuickJS (a WebAssembly trap, the host's own stack overflow):
			// the module's C state is unknown, so nothing is freed and the module must go.
			return this.#trapped(error);
		}
		try {
			this.#scope.dispose();
			this.#context?.dispose();
			this.#runtime?.dispose();
		} catch {
			return { ...outcome, discardModule: true };
		}
		// WebAssembly memory never shrinks: a module that ran out of memory or grew to its ceiling
		// is replaced, which gives the memory back and keeps `#exhausted` meaningful next time.
		const full = (!outcome.ok && outcome.kind === 'memory') || this.#exhausted();
		return full ? { ...outcome, discardModule: true } : outcome;
	}

	/** Whether the module's WebAssembly memory has (nearly) reached its ceiling. */
	#exhausted(): boolean {
		return (this.#memory?.buffer.byteLength ?? 0) >= this.#exhaustedAtBytes;
	}

	/**
	 * Whether a failure with these facts is QuickJS running out of memory. It reports
	 * `InternalError: out of memory` when it can, but when the heap is truly full it cannot even
	 * allocate that error and throws `null` (or the error cannot be read back): then the memory
	 * filling up during this invocation is the evidence.
	 */
	#outOfMemory(facts: ErrorFacts): boolean {
		if (facts.errorType === 'InternalError' && facts.errorMessage === 'out of memory') return true;
		if (!this.#exhausted()) return false;
		const unexplained =
			facts === UNREADABLE || (facts.errorType === 'object' && facts.errorMessage === 'null');
		return !this.#exhaustedAtStart || unexplained;
	}

	#run(module: QuickJSModuleLike): HandlerOutcome {
		const { cpuMs, memoryBytes, stackBytes } = this.#limits;
		this.#deadline = Date.now() + cpuMs;
		const runtime = (this.#runtime = module.newRuntime());
		runtime.setMemoryLimit(memoryBytes);
		runtime.setMaxStackSize(stackBytes);
		const pastDeadline = shouldInterruptAfterDeadline(this.#deadline);
		runtime.setInterruptHandler((rt) => {
			if (!this.#interrupted && pastDeadline(rt)) this.#interrupted = true;
			return this.#interrupted;
		});
		runtime.setModuleLoader((name) => {
			this.#refusedImport ??= name;
			return { error: new Error(importMessage(name)) };
		});
		const context = (this.#context = runtime.newContext());

		const installed = this.#installPrelude(context);
		if (installed) return installed;
		const guest = this.#guest as Guest;

		const namespace = this.#loadModule(context);
		if ('ok' in namespace) return namespace;
		const handler = this.#scope.manage(context.getProp(namespace, 'handler'));
		if (context.typeof(handler) !== 'function') {
			const message = 'index.handler is undefined or not exported';
			return this.#failure('no-handler', {
				errorType: 'Runtime.HandlerNotFound',
				errorMessage: message,
				stack: [`Runtime.HandlerNotFound: ${message}`]
			});
		}

		const event = this.#scope.manage(context.newString(JSON.stringify(this.#request.event)));
		const taskContext = this.#scope.manage(
			context.newString(JSON.stringify(this.#request.context))
		);
		const call = context.callFunction(guest.invoke, context.undefined, handler, event, taskContext);
		if (call.error) return this.#fromError(this.#scope.manage(call.error), 'thrown');
		const settled = this.#drive(this.#scope.manage(call.value));
		if ('ok' in settled) return settled;
		if (settled.type === 'rejected') return this.#fromError(settled.handle, 'thrown');
		return this.#serialise(settled.handle);
	}

	/** Evaluates the prelude and keeps its internals; returns a failure if that fails. */
	#installPrelude(context: QuickJSContext): HandlerFailure | undefined {
		const scope = this.#scope;
		const hostLog = scope.manage(
			context.newFunction('hostLog', (level, message) => {
				this.#logs.record(context.getString(level), context.getString(message), this.#clock);
			})
		);
		const made = context.evalCode(PRELUDE_SOURCE, PRELUDE_FILE, { type: 'global', strict: true });
		if (made.error) return this.#fromError(scope.manage(made.error), 'thrown');
		const factory = scope.manage(made.value);
		const settings = scope.manage(
			context.newString(
				JSON.stringify({ epochMs: this.#limits.epochMs, timeoutMs: this.#timeoutMs ?? null })
			)
		);
		const result = context.callFunction(factory, context.undefined, hostLog, settings);
		if (result.error) return this.#fromError(scope.manage(result.error), 'thrown');
		const internals = scope.manage(result.value);
		const entries = GUEST_KEYS.map((key) => [key, scope.manage(context.getProp(internals, key))]);
		this.#guest = Object.fromEntries(entries) as Guest;
		return undefined;
	}

	/** Evaluates the handler module and returns its namespace (after top-level await). */
	#loadModule(context: QuickJSContext): QuickJSHandle | HandlerFailure {
		const result = context.evalCode(this.#request.source, MODULE_FILE, { type: 'module' });
		if (result.error) return this.#moduleFailure(this.#scope.manage(result.error));
		const value = this.#scope.manage(result.value);
		const state = context.getPromiseState(value);
		if (state.type === 'fulfilled' && state.notAPromise) return value;
		if (state.type === 'fulfilled') state.value.dispose();
		if (state.type === 'rejected') state.error.dispose();
		const settled = this.#drive(value);
		if ('ok' in settled) return settled;
		if (settled.type === 'rejected') return this.#moduleFailure(settled.handle);
		return settled.handle;
	}

	/**
	 * The event loop: run all pending jobs; if `promise` is still pending, move the virtual clock
	 * to the next timer and fire it; repeat until it settles or a limit stops it.
	 */
	#drive(promise: QuickJSHandle): Settled | HandlerFailure {
		const runtime = this.#runtime as QuickJSRuntime;
		const context = this.#context as QuickJSContext;
		const guest = this.#guest as Guest;
		for (;;) {
			const jobs = runtime.executePendingJobs();
			if (jobs.error) return this.#fromError(this.#scope.manage(jobs.error), 'thrown');
			if (this.#interrupted) return this.#cpuTimeout();
			const state = context.getPromiseState(promise);
			if (state.type === 'rejected') {
				return { type: 'rejected', handle: this.#scope.manage(state.error) };
			}
			if (state.type === 'fulfilled') {
				const handle = state.notAPromise ? state.value : this.#scope.manage(state.value);
				return { type: 'fulfilled', handle };
			}
			if (Date.now() > this.#deadline) return this.#cpuTimeout();
			const peeked = context.callFunction(guest.peek, context.undefined);
			if (peeked.error) return this.#fromError(this.#scope.manage(peeked.error), 'thrown');
			const due = peeked.value.consume((handle) => context.getNumber(handle));
			if (!(due >= 0)) return this.#neverSettled();
			if (this.#timeoutMs !== undefined && due > this.#timeoutMs) return this.#virtualTimeout();
			this.#clock = due;
			const fired = context.callFunction(guest.fire, context.undefined);
			if (fired.error) return this.#fromError(this.#scope.manage(fired.error), 'thrown');
			fired.value.dispose();
		}
	}

	/** Turns the fulfilled value into JSON inside the guest, then parses it on the host. */
	#serialise(value: QuickJSHandle): HandlerOutcome {
		const context = this.#context as QuickJSContext;
		const guest = this.#guest as Guest;
		const result = context.callFunction(guest.serialise, context.undefined, value);
		if (result.error) return this.#fromError(this.#scope.manage(result.error), 'bad-output');
		const text = this.#scope.manage(result.value);
		let output: JsonValue;
		try {
			if (context.typeof(text) !== 'string') throw new TypeError('the result is not JSON text');
			output = JSON.parse(context.getString(text)) as JsonValue;
		} catch (error) {
			return this.#failure('bad-output', hostErrorFacts(error));
		}
		return { ok: true, output, elapsedMs: this.#clock, logs: this.#logs.lines };
	}

	/** A failed module evaluation: syntax error, refused import, or a top-level throw. */
	#moduleFailure(error: QuickJSHandle): HandlerFailure {
		if (this.#interrupted) return this.#cpuTimeout();
		const facts = this.#describe(error);
		if (this.#interrupted) return this.#cpuTimeout();
		if (this.#outOfMemory(facts)) return this.#memoryFailure(facts);
		if (this.#refusedImport !== undefined && facts.errorMessage.startsWith('Cannot find module')) {
			const message = importMessage(this.#refusedImport);
			return this.#failure('thrown', {
				errorType: 'Runtime.ImportModuleError',
				errorMessage: message,
				stack: [`Runtime.ImportModuleError: ${message}`]
			});
		}
		if (
			facts.errorType === 'SyntaxError' &&
			facts.fileName === MODULE_FILE &&
			facts.lineNumber !== undefined
		) {
			return this.#failure('syntax', syntaxFacts(facts));
		}
		return this.#failure('thrown', facts);
	}

	/** A guest error value as an outcome of `kind`, unless the CPU or memory limit caused it. */
	#fromError(error: QuickJSHandle, kind: FailureKind): HandlerFailure {
		if (this.#interrupted) return this.#cpuTimeout();
		const facts = this.#describe(error);
		if (this.#interrupted) return this.#cpuTimeout();
		if (this.#outOfMemory(facts)) return this.#memoryFailure(facts);
		return this.#failure(kind, facts);
	}

	/** Reads a thrown value through the guest's `describe`; never runs user code on the host. */
	#describe(error: QuickJSHandle): ErrorFacts {
		const context = this.#context;
		const guest = this.#guest;
		if (!context || !guest) return UNREADABLE;
		const result = context.callFunction(guest.describe, context.undefined, error);
		if (result.error) {
			result.error.dispose();
			return UNREADABLE;
		}
		try {
			const text = result.value.consume((handle) =>
				context.typeof(handle) === 'string' ? context.getString(handle) : ''
			);
			return JSON.parse(text) as ErrorFacts;
		} catch {
			return UNREADABLE;
		}
	}

	#failure(kind: FailureKind, facts: ErrorFacts, limit?: number): HandlerFailure {
		return {
			ok: false,
			kind,
			errorType: facts.errorType,
			errorMessage: facts.errorMessage,
			stack: facts.stack,
			elapsedMs: this.#clock,
			logs: this.#logs.lines,
			...(limit === undefined ? {} : { limit })
		};
	}

	#cpuTimeout(): HandlerFailure {
		const facts = { errorType: 'InternalError', errorMessage: 'interrupted', stack: [] };
		return this.#failure('cpu-timeout', facts, this.#limits.cpuMs);
	}

	#memoryFailure(facts: ErrorFacts): HandlerFailure {
		const stated =
			facts.errorType === 'InternalError' && facts.errorMessage === 'out of memory'
				? facts
				: { errorType: 'InternalError', errorMessage: 'out of memory', stack: [] };
		return this.#failure('memory', stated, this.#limits.memoryBytes);
	}

	#virtualTimeout(): HandlerFailure {
		const limit = this.#timeoutMs as number;
		this.#clock = limit;
		const message = `Task timed out after ${(limit / 1000).toFixed(2)} seconds`;
		const facts = { errorType: 'Sandbox.Timedout', errorMessage: message, stack: [] };
		return this.#failure('virtual-timeout', facts, limit);
	}

	/** No jobs and no timers left, but the handler's promise is still pending. */
	#neverSettled(): HandlerFailure {
		if (this.#timeoutMs !== undefined) return this.#virtualTimeout();
		const message =
			"the handler's promise never settled: nothing was left to run (no pending jobs or timers)";
		return this.#failure('thrown', {
			errorType: 'Sandbox.PromiseNeverSettled',
			errorMessage: message,
			stack: [`Sandbox.PromiseNeverSettled: ${message}`]
		});
	}

	#trapped(error: unknown): HandlerFailure {
		const facts: ErrorFacts = isHostStackOverflow(error)
			? { errorType: 'InternalError', errorMessage: 'stack overflow', stack: [] }
			: {
					errorType: 'Runtime.ExitError',
					errorMessage: `Runtime exited with error: ${hostErrorFacts(error).errorMessage}`,
					stack: []
				};
		return { ...this.#failure('thrown', facts), discardModule: true };
	}
}

function importMessage(name: string): string {
	return (
		`Cannot find module '${name}' imported from ${MODULE_FILE}: ` +
		'the sandbox has no modules, so a handler must be one self-contained file'
	);
}

/** Adds `(line L, column C)` from the first `handler.mjs:L:C` frame (or `lineNumber`). */
function syntaxFacts(facts: ErrorFacts): ErrorFacts {
	const frame = facts.stack.find((line) => line.includes(`${MODULE_FILE}:`)) ?? '';
	const match = new RegExp(`${MODULE_FILE.replace('.', '\\.')}:(\\d+):(\\d+)`).exec(frame);
	const where = match
		? `line ${match[1]}, column ${match[2]}`
		: `line ${facts.lineNumber ?? '?'}`;
	const errorMessage = `${facts.errorMessage} (${where})`;
	const frames = facts.stack.slice(1);
	return { ...facts, errorMessage, stack: [`SyntaxError: ${errorMessage}`, ...frames] };
}

function isHostStackOverflow(error: unknown): boolean {
	if (!(error instanceof Error)) return false;
	return (
		(error instanceof RangeError && /call stack/i.test(error.message)) ||
		(error.name === 'InternalError' && /recursion/i.test(error.message))
	);
}

function hostErrorFacts(error: unknown): ErrorFacts {
	if (error instanceof Error) {
		return { errorType: error.name, errorMessage: error.message, stack: [] };
	}
	return { errorType: typeof error, errorMessage: String(error), stack: [] };
}
