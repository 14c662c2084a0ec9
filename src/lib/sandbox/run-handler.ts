import {
	Scope,
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

/** The file name of a CommonJS handler's frames (see `moduleFormat`). */
export const COMMONJS_FILE = 'handler.js';

/** What to run: a module exporting `handler`, its event and context, and the limits. */
export interface HandlerInvocation {
	/** Module source text, an ES module or CommonJS (see `moduleFormat`); it must export
	 *  `handler`: sync or async `(event, context)`, or callback style `(event, context, callback)`
	 *  (see `prelude.ts`). */
	readonly source: string;
	readonly event: JsonValue;
	readonly context: TaskContext;
	readonly limits?: SandboxLimits;
}

/** The limits a `WarmHandler` keeps for its whole life: all but the per-call timeouts. */
export type WarmLimits = Omit<SandboxLimits, 'virtualTimeoutMs' | 'functionTimeoutMs'>;

/** What changes from one call of a `WarmHandler` to the next. */
export interface HandlerCall {
	readonly event: JsonValue;
	readonly context: TaskContext;
	/** Virtual ms after which this call times out (the Task's `TimeoutSeconds`); none if absent. */
	readonly virtualTimeoutMs?: number;
	/** Virtual ms after which Lambda stops this call (the function's timeout); none if absent. */
	readonly functionTimeoutMs?: number;
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
 * `cpuMs` of wall-clock time), so two invocations never interleave on one module. The runtime is
 * freed before it returns: this is a `WarmHandler` used once.
 */
export function runHandlerSync(
	module: QuickJSModuleLike,
	invocation: HandlerInvocation
): HandlerOutcome {
	const { virtualTimeoutMs, functionTimeoutMs, ...limits } = invocation.limits ?? {};
	const handler = new WarmHandler(invocation.source, limits);
	const outcome = handler.invoke(module, {
		event: invocation.event,
		context: invocation.context,
		virtualTimeoutMs,
		functionTimeoutMs
	});
	return handler.dispose() || outcome.discardModule ? outcome : { ...outcome, discardModule: true };
}

/**
 * One handler module kept warm across invocations, like a warm AWS Lambda execution environment:
 * the first `invoke` makes a QuickJS runtime and context on `module`, installs the prelude and
 * evaluates the module once; later calls run its exported `handler` again in that same context,
 * so module-level state persists from one call to the next.
 *
 * Fresh on every call: the CPU deadline, the virtual clock (back to 0, with every timer an
 * earlier call left pending dropped), the console capture, `event` and `context`, and `Date`.
 * The memory and stack limits are the runtime's, set once before any user code ran.
 *
 * The context is freed, and the next call starts cold, after any outcome that may leave it
 * damaged or carrying work into the next call: `cpu-timeout`, `memory`, `virtual-timeout`,
 * `function-timeout`, a promise that never settles, an `InternalError` (such as a stack
 * overflow), a failed module evaluation, jobs still queued at the end, or `discardModule`. A
 * handler that throws keeps its context, as on Lambda. A `syntax` or `no-handler` outcome is
 * remembered and returned again without evaluating anything. A call on a different `module` than
 * the warm context's frees that context and starts cold on the new one.
 *
 * Calls run synchronously and never interleave. `dispose` frees the context; the handler can
 * still be invoked afterwards (it starts cold again).
 */
export class WarmHandler {
	readonly #source: string;
	readonly #limits: ResolvedLimits;
	#env: Environment | undefined;
	#cached: HandlerFailure | undefined;

	constructor(source: string, limits: WarmLimits = {}) {
		this.#source = source;
		this.#limits = {
			cpuMs: limits.cpuMs ?? DEFAULT_LIMITS.cpuMs,
			memoryBytes: limits.memoryBytes ?? DEFAULT_LIMITS.memoryBytes,
			stackBytes: limits.stackBytes ?? DEFAULT_LIMITS.stackBytes,
			logChars: limits.logChars ?? DEFAULT_LIMITS.logChars,
			epochMs: limits.epochMs ?? DEFAULT_LIMITS.epochMs
		};
	}

	/** Whether a warm context is alive (the next call reuses it). */
	get warm(): boolean {
		return this.#env !== undefined;
	}

	/** The QuickJS module the warm context lives on, if there is one. */
	get module(): QuickJSModuleLike | undefined {
		return this.#env?.module;
	}

	/** Runs one invocation; never throws. */
	invoke(module: QuickJSModuleLike, call: HandlerCall): HandlerOutcome {
		if (this.#cached) return this.#cached;
		if (this.#env && this.#env.module !== module) this.dispose();
		if (!this.#env) makeRoom(module);
		const result = new Invocation(this.#limits, call).execute(module, this.#source, this.#env);
		this.#env = result.env;
		let { outcome } = result;
		if (!outcome.ok && (outcome.kind === 'syntax' || outcome.kind === 'no-handler')) {
			this.#cached = outcome;
		}
		if (this.#env && (!result.reusable || outcome.discardModule)) {
			if (!this.dispose()) outcome = { ...outcome, discardModule: true };
		} else if (this.#env) {
			markUsed(this, module);
		} else {
			liveOn(module)?.delete(this); // the invocation abandoned the context (a trap)
		}
		return outcome;
	}

	/**
	 * Frees the warm context and its runtime, if any; returns false if freeing failed (a leaked
	 * handle makes QuickJS abort), which means the module should be discarded. A context on a
	 * module that trapped is dropped without touching the module.
	 */
	dispose(): boolean {
		const env = this.#env;
		if (env === undefined) return true;
		this.#env = undefined;
		liveOn(env.module)?.delete(this);
		return freeEnvironment(env);
	}
}

/**
 * At most this many warm contexts live on one QuickJS module, across all invokers (about
 * 100 KiB each for a small handler). Every invoker keeps its own, smaller cap; this one bounds
 * the WebAssembly heap even when invokers are dropped without `dispose`.
 */
export const MAX_WARM_CONTEXTS_PER_MODULE = 64;

/** The warm handlers with a context on each module's memory, least recently used first. */
const live = new WeakMap<WebAssembly.Memory, Set<WarmHandler>>();

function liveOn(module: QuickJSModuleLike): Set<WarmHandler> | undefined {
	return live.get(module.getWasmMemory());
}

/** Records `handler` as the most recently used warm context on `module`. */
function markUsed(handler: WarmHandler, module: QuickJSModuleLike): void {
	const memory = module.getWasmMemory();
	let handlers = live.get(memory);
	if (!handlers) live.set(memory, (handlers = new Set()));
	handlers.delete(handler);
	handlers.add(handler);
}

/** Frees the least recently used warm contexts on `module` until a new one fits. */
function makeRoom(module: QuickJSModuleLike): void {
	const handlers = liveOn(module);
	if (!handlers) return;
	for (const oldest of handlers) {
		if (handlers.size < MAX_WARM_CONTEXTS_PER_MODULE) break;
		oldest.dispose();
	}
}

/** The limits with their defaults filled in. */
type ResolvedLimits = Required<WarmLimits>;

interface Guest {
	readonly begin: QuickJSHandle;
	readonly invoke: QuickJSHandle;
	readonly peek: QuickJSHandle;
	readonly idle: QuickJSHandle;
	readonly fire: QuickJSHandle;
	readonly describe: QuickJSHandle;
	readonly serialise: QuickJSHandle;
	readonly commonjs: QuickJSHandle;
	readonly commonjsHandler: QuickJSHandle;
}

/** A runtime and context that outlive one invocation, and the handles they keep. */
interface Environment {
	readonly module: QuickJSModuleLike;
	readonly runtime: QuickJSRuntime;
	readonly context: QuickJSContext;
	/** Handles that live as long as the context: the prelude's internals and the handler. */
	readonly scope: Scope;
	guest?: Guest;
	/** The module's `handler` export; set once the module has been evaluated. */
	handler?: QuickJSHandle;
	/** The invocation running now: the host callbacks (console, interrupts, imports) go to it. */
	current?: Invocation;
}

interface ErrorFacts {
	readonly errorType: string;
	readonly errorMessage: string;
	readonly stack: readonly string[];
	readonly fileName?: string;
	readonly lineNumber?: number;
}

type Settled = { readonly type: 'fulfilled' | 'rejected'; readonly handle: QuickJSHandle };

interface Executed {
	readonly outcome: HandlerOutcome;
	/** The environment to keep for the next call, or undefined if it was abandoned. */
	readonly env: Environment | undefined;
	/** Whether `env` may serve the next call. */
	readonly reusable: boolean;
}

const GUEST_KEYS = [
	'begin',
	'invoke',
	'peek',
	'idle',
	'fire',
	'describe',
	'serialise',
	'commonjs',
	'commonjsHandler'
] as const;
/** WebAssembly memory within this many bytes of its ceiling counts as exhausted. */
const EXHAUSTED_MARGIN_BYTES = 1024 * 1024;
const UNREADABLE: ErrorFacts = {
	errorType: 'Error',
	errorMessage: 'the sandbox could not read the thrown value',
	stack: []
};

/**
 * The WebAssembly memories of modules that trapped: their C state is unknown, so nothing on
 * them is ever freed (or called) again. Keyed on the memory, which identifies the instance
 * whatever wrapper reaches it.
 */
const trappedMemories = new WeakSet<WebAssembly.Memory>();

function hasTrapped(module: QuickJSModuleLike): boolean {
	return trappedMemories.has(module.getWasmMemory());
}

/** Frees `env`'s handles, context and runtime; false if that failed. */
function freeEnvironment(env: Environment): boolean {
	env.current = undefined;
	if (hasTrapped(env.module)) return true;
	try {
		env.scope.dispose();
		env.context.dispose();
		env.runtime.dispose();
		return true;
	} catch {
		return false;
	}
}

/** One invocation's state; `execute` is called once. */
class Invocation {
	readonly #call: HandlerCall;
	readonly #limits: ResolvedLimits;
	readonly #timeoutMs: number | undefined;
	/** Lambda's limit, when it comes before the task's own (`#timeoutMs`). */
	readonly #functionTimeoutMs: number | undefined;
	/** Whether the handler is a Lambda function (the call has a `functionTimeoutMs`). */
	readonly #isFunction: boolean;
	readonly #logs: LogRecorder;
	/** Handles of this invocation only. */
	readonly #scope = new Scope();
	#env: Environment | undefined;
	#deadline = 0;
	#clock = 0;
	#interrupted = false;
	/** Set by any outcome after which the context must not serve another call. */
	#damaged = false;
	#refusedImport: string | undefined;
	#memory: WebAssembly.Memory | undefined;
	#exhaustedAtBytes = Infinity;
	#exhaustedAtStart = false;

	constructor(limits: ResolvedLimits, call: HandlerCall) {
		this.#call = call;
		this.#limits = limits;
		this.#timeoutMs = call.virtualTimeoutMs;
		const lambda = call.functionTimeoutMs;
		this.#isFunction = lambda !== undefined;
		this.#functionTimeoutMs =
			lambda !== undefined && (this.#timeoutMs === undefined || lambda < this.#timeoutMs)
				? lambda
				: undefined;
		this.#logs = new LogRecorder(limits.logChars);
	}

	/** Runs the invocation in `env`, or in a new environment on `module` if there is none. */
	execute(module: QuickJSModuleLike, source: string, env: Environment | undefined): Executed {
		let outcome: HandlerOutcome;
		try {
			this.#memory = module.getWasmMemory();
			this.#exhaustedAtBytes = wasmMemoryCeiling(module) - EXHAUSTED_MARGIN_BYTES;
			this.#exhaustedAtStart = this.#exhausted();
			this.#deadline = Date.now() + this.#limits.cpuMs;
			outcome = this.#run(module, source, env);
		} catch (error) {
			// A host exception out of QuickJS (a WebAssembly trap, the host's own stack overflow):
			// the module's C state is unknown, so nothing is freed and the module must go.
			trappedMemories.add(module.getWasmMemory());
			if (this.#env) this.#env.current = undefined;
			return { outcome: this.#trapped(error), env: undefined, reusable: false };
		}
		const kept = this.#env;
		let reusable = false;
		try {
			if (kept) {
				kept.current = undefined;
				reusable = !this.#damaged && kept.handler !== undefined && !kept.runtime.hasPendingJob();
			}
			this.#scope.dispose();
		} catch {
			if (kept) freeEnvironment(kept);
			return { outcome: { ...outcome, discardModule: true }, env: undefined, reusable: false };
		}
		// WebAssembly memory never shrinks: a module that ran out of memory or grew to its ceiling
		// is replaced, which gives the memory back and keeps `#exhausted` meaningful next time.
		const full = (!outcome.ok && outcome.kind === 'memory') || this.#exhausted();
		return { outcome: full ? { ...outcome, discardModule: true } : outcome, env: kept, reusable };
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

	/** Called by QuickJS from time to time while guest code runs. */
	shouldInterrupt(): boolean {
		if (!this.#interrupted && Date.now() > this.#deadline) this.#interrupted = true;
		return this.#interrupted;
	}

	/** The console sink. */
	log(level: string, message: string): void {
		this.#logs.record(level, message, this.#clock);
	}

	/** The module loader refused `name`. */
	refuseImport(name: string): void {
		this.#refusedImport ??= name;
	}

	#run(module: QuickJSModuleLike, source: string, warm: Environment | undefined): HandlerOutcome {
		const env = warm ?? this.#newEnvironment(module);
		this.#env = env;
		env.current = this;
		if (!warm) {
			const installed = this.#installPrelude(env);
			if (installed) return installed;
		}
		const begun = this.#begin(env);
		if (begun) return begun;
		if (!warm) {
			const loaded = this.#loadModule(env, source);
			if (loaded) return loaded;
		}
		return this.#invoke(env);
	}

	/** A new runtime and context on `module`, with every limit set before any user code runs. */
	#newEnvironment(module: QuickJSModuleLike): Environment {
		const { memoryBytes, stackBytes } = this.#limits;
		const runtime = module.newRuntime();
		runtime.setMemoryLimit(memoryBytes);
		runtime.setMaxStackSize(stackBytes);
		const context = runtime.newContext();
		const env: Environment = { module, runtime, context, scope: new Scope(), current: this };
		runtime.setInterruptHandler(() => env.current?.shouldInterrupt() ?? false);
		runtime.setModuleLoader((name) => {
			env.current?.refuseImport(name);
			return { error: new Error(importMessage(name)) };
		});
		return env;
	}

	/** Evaluates the prelude and keeps its internals; returns a failure if that fails. */
	#installPrelude(env: Environment): HandlerFailure | undefined {
		const { context, scope } = env;
		const hostLog = scope.manage(
			context.newFunction('hostLog', (level, message) => {
				env.current?.log(context.getString(level), context.getString(message));
			})
		);
		const made = context.evalCode(PRELUDE_SOURCE, PRELUDE_FILE, { type: 'global', strict: true });
		if (made.error) return this.#fromError(this.#scope.manage(made.error), 'thrown');
		const factory = this.#scope.manage(made.value);
		const result = context.callFunction(factory, context.undefined, hostLog);
		if (result.error) return this.#fromError(this.#scope.manage(result.error), 'thrown');
		const internals = this.#scope.manage(result.value);
		const entries = GUEST_KEYS.map((key) => [key, scope.manage(context.getProp(internals, key))]);
		env.guest = Object.fromEntries(entries) as Guest;
		return undefined;
	}

	/** Resets the guest's clock and timers and hands it this invocation's settings. */
	#begin(env: Environment): HandlerFailure | undefined {
		const { context } = env;
		const guest = env.guest as Guest;
		const settings = this.#scope.manage(
			context.newString(
				JSON.stringify({
					epochMs: this.#limits.epochMs,
					timeoutMs: this.#functionTimeoutMs ?? this.#timeoutMs ?? null
				})
			)
		);
		const result = context.callFunction(guest.begin, context.undefined, settings);
		if (result.error) return this.#fromError(this.#scope.manage(result.error), 'thrown');
		result.value.dispose();
		return undefined;
	}

	/**
	 * Evaluates the handler module (after top-level await) and keeps its `handler` export in the
	 * environment; returns a failure if that fails.
	 */
	#loadModule(env: Environment, source: string): HandlerFailure | undefined {
		const { context } = env;
		if (moduleFormat(context, source) === 'commonjs') return this.#loadCommonJs(env, source);
		const result = context.evalCode(source, MODULE_FILE, { type: 'module' });
		if (result.error) return this.#moduleFailure(this.#scope.manage(result.error));
		let namespace = this.#scope.manage(result.value);
		const state = context.getPromiseState(namespace);
		if (!(state.type === 'fulfilled' && state.notAPromise)) {
			if (state.type === 'fulfilled') state.value.dispose();
			if (state.type === 'rejected') state.error.dispose();
			const settled = this.#drive(namespace);
			if ('ok' in settled) return settled;
			if (settled.type === 'rejected') return this.#moduleFailure(settled.handle);
			namespace = settled.handle;
		}
		return this.#keepHandler(env, context.getProp(namespace, 'handler'));
	}

	/**
	 * Evaluates a CommonJS handler as a script, with `module`, `exports` and `require` defined,
	 * and keeps `module.exports.handler`; returns a failure if that fails.
	 */
	#loadCommonJs(env: Environment, source: string): HandlerFailure | undefined {
		const { context } = env;
		const guest = env.guest as Guest;
		const fileName = this.#scope.manage(context.newString(COMMONJS_FILE));
		const made = context.callFunction(guest.commonjs, context.undefined, fileName);
		if (made.error) return this.#fromError(this.#scope.manage(made.error), 'thrown');
		made.value.dispose();
		const result = context.evalCode(source, COMMONJS_FILE, { type: 'global' });
		if (result.error) return this.#moduleFailure(this.#scope.manage(result.error));
		result.value.dispose();
		const handler = context.callFunction(guest.commonjsHandler, context.undefined);
		if (handler.error) return this.#moduleFailure(this.#scope.manage(handler.error));
		return this.#keepHandler(env, handler.value);
	}

	/** Keeps `handler` as the environment's handler, or fails when it is not a function. */
	#keepHandler(env: Environment, handler: QuickJSHandle): HandlerFailure | undefined {
		if (env.context.typeof(handler) !== 'function') {
			handler.dispose();
			const message = 'index.handler is undefined or not exported';
			return this.#failure('no-handler', {
				errorType: 'Runtime.HandlerNotFound',
				errorMessage: message,
				stack: [`Runtime.HandlerNotFound: ${message}`]
			});
		}
		env.handler = env.scope.manage(handler);
		return undefined;
	}

	/** Calls the handler with this invocation's event and context and serialises its result. */
	#invoke(env: Environment): HandlerOutcome {
		const { context } = env;
		const guest = env.guest as Guest;
		const event = this.#scope.manage(context.newString(JSON.stringify(this.#call.event)));
		const taskContext = this.#scope.manage(context.newString(JSON.stringify(this.#call.context)));
		const handler = env.handler as QuickJSHandle;
		const call = context.callFunction(guest.invoke, context.undefined, handler, event, taskContext);
		if (call.error) return this.#fromError(this.#scope.manage(call.error), 'thrown');
		const settled = this.#drive(this.#scope.manage(call.value));
		if ('ok' in settled) return settled;
		if (settled.type === 'rejected') return this.#fromError(settled.handle, 'thrown');
		return this.#serialise(settled.handle);
	}

	/**
	 * The event loop: run all pending jobs; if `promise` is still pending, move the virtual clock
	 * to the next timer and fire it, or, when none is left, tell the guest the loop is empty;
	 * repeat until it settles or a limit stops it.
	 */
	#drive(promise: QuickJSHandle): Settled | HandlerFailure {
		const { runtime, context } = this.#env as Environment;
		const guest = (this.#env as Environment).guest as Guest;
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
			if (!(due >= 0)) {
				// The event loop is empty: a callback handler's result may have been waiting for it.
				const idle = context.callFunction(guest.idle, context.undefined);
				if (idle.error) return this.#fromError(this.#scope.manage(idle.error), 'thrown');
				if (idle.value.consume((handle) => context.dump(handle) === true)) continue;
				return this.#neverSettled();
			}
			if (this.#functionTimeoutMs !== undefined && due > this.#functionTimeoutMs) {
				return this.#functionTimeout();
			}
			if (this.#timeoutMs !== undefined && due > this.#timeoutMs) return this.#virtualTimeout();
			this.#clock = due;
			const fired = context.callFunction(guest.fire, context.undefined);
			if (fired.error) return this.#fromError(this.#scope.manage(fired.error), 'thrown');
			fired.value.dispose();
		}
	}

	/** Turns the fulfilled value into JSON inside the guest, then parses it on the host. */
	#serialise(value: QuickJSHandle): HandlerOutcome {
		const { context } = this.#env as Environment;
		const guest = (this.#env as Environment).guest as Guest;
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
		const required =
			facts.errorType === 'Error' &&
			/^Cannot find module '.*' required from /.test(facts.errorMessage);
		if (
			required ||
			(this.#refusedImport !== undefined && facts.errorMessage.startsWith('Cannot find module'))
		) {
			// Lambda's Node.js runtime reports a module that cannot be loaded, at init, as this.
			const message = required ? facts.errorMessage : importMessage(this.#refusedImport as string);
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
		const context = this.#env?.context;
		const guest = this.#env?.guest;
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
		// QuickJS's own errors (stack overflow, out of memory, interrupted) and an error that
		// cannot even be read may leave the context half-way through something: do not reuse it.
		if (facts === UNREADABLE || facts.errorType === 'InternalError') this.#damaged = true;
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
		this.#damaged = true;
		const facts = { errorType: 'InternalError', errorMessage: 'interrupted', stack: [] };
		return this.#failure('cpu-timeout', facts, this.#limits.cpuMs);
	}

	#memoryFailure(facts: ErrorFacts): HandlerFailure {
		this.#damaged = true;
		const stated =
			facts.errorType === 'InternalError' && facts.errorMessage === 'out of memory'
				? facts
				: { errorType: 'InternalError', errorMessage: 'out of memory', stack: [] };
		return this.#failure('memory', stated, this.#limits.memoryBytes);
	}

	/** The handler's promise is still pending: its jobs and timers must not reach the next call. */
	#virtualTimeout(): HandlerFailure {
		this.#damaged = true;
		const limit = this.#timeoutMs as number;
		this.#clock = limit;
		const message = `Task timed out after ${(limit / 1000).toFixed(2)} seconds`;
		const facts = { errorType: 'Sandbox.Timedout', errorMessage: message, stack: [] };
		return this.#failure('virtual-timeout', facts, limit);
	}

	/**
	 * Lambda stopped the function at its own timeout, before the task's: the message is the one
	 * Lambda returns then, `<timestamp> <request id> Task timed out after N seconds`.
	 */
	#functionTimeout(): HandlerFailure {
		this.#damaged = true;
		const limit = this.#functionTimeoutMs as number;
		this.#clock = limit;
		const stoppedAt = new Date(this.#limits.epochMs + limit).toISOString();
		const requestId = this.#call.context.awsRequestId;
		const seconds = (limit / 1000).toFixed(2);
		const message = `${stoppedAt} ${requestId} Task timed out after ${seconds} seconds`;
		const facts = { errorType: 'Sandbox.Timedout', errorMessage: message, stack: [] };
		return this.#failure('function-timeout', facts, limit);
	}

	/** No jobs and no timers left, but the handler's promise is still pending. */
	#neverSettled(): HandlerFailure {
		this.#damaged = true;
		if (this.#isFunction) {
			// Lambda's Node.js runtime ends an invocation whose event loop is empty while the
			// handler's promise is pending, at once (aws-lambda-nodejs-runtime-interface-client,
			// Runtime.js: the 'beforeExit' listener of an async handler posts NodeJsExit).
			return this.#failure('thrown', {
				errorType: 'Runtime.NodeJsExit',
				errorMessage: NODE_JS_EXIT,
				stack: [`Runtime.NodeJsExit: ${NODE_JS_EXIT}`]
			});
		}
		// The handler of a callback task or an activity stands for a process that may answer
		// later: without an answer, the task waits for its timeout.
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

/**
 * How Node.js would load `source` as a Lambda handler file without a `package.json` "type"
 * (its module syntax detection, on by default since Node.js 22): as CommonJS when it compiles as
 * a script, as an ES module when only module syntax (`import`, `export`, top-level `await`)
 * makes it fail. A source that fails both ways is loaded as an ES module, so its syntax error is
 * reported as now. So `exports.handler = …` and `module.exports = { handler }`, as many AWS
 * examples are written, run as on Lambda.
 */
export function moduleFormat(context: QuickJSContext, source: string): 'module' | 'commonjs' {
	const script = context.evalCode(source, COMMONJS_FILE, { type: 'global', compileOnly: true });
	if (!script.error) {
		script.value.dispose();
		return 'commonjs';
	}
	script.error.dispose();
	return 'module';
}

/** Lambda's message for an async handler whose promise can never settle (`Runtime.NodeJsExit`). */
const NODE_JS_EXIT =
	'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly ' +
	'caused by a Promise that was never settled. For more information, see ' +
	'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html#nodejs-handler-sync';

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
	const where = match ? `line ${match[1]}, column ${match[2]}` : `line ${facts.lineNumber ?? '?'}`;
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
