import type { JsonValue } from '../../../engine/asl/types.js';
import type { TaskLog } from '../../../engine/run/task.js';

/**
 * Why an invocation failed:
 * - `thrown`: the handler threw or rejected (also a failed `import`, a host-level stack overflow
 *   and a promise that never settles; see `errorType`);
 * - `syntax`: the module does not parse;
 * - `no-handler`: the module has no callable `handler` export;
 * - `cpu-timeout`: the wall-clock CPU budget ran out (an endless loop);
 * - `memory`: QuickJS ran out of memory;
 * - `bad-output`: the result cannot be turned into JSON (BigInt, a cycle, a throwing `toJSON`);
 * - `virtual-timeout`: the virtual clock would pass `virtualTimeoutMs` (the task's timeout);
 * - `function-timeout`: the virtual clock would pass `functionTimeoutMs` (Lambda's), first.
 */
export type FailureKind =
	| 'thrown'
	| 'syntax'
	| 'no-handler'
	| 'cpu-timeout'
	| 'memory'
	| 'bad-output'
	| 'virtual-timeout'
	| 'function-timeout';

/** A handler that returned: `output` is its JSON result (`undefined` becomes `null`). */
export interface HandlerSuccess {
	readonly ok: true;
	readonly output: JsonValue;
	/** Virtual ms the handler spent waiting on timers. */
	readonly elapsedMs: number;
	readonly logs: readonly TaskLog[];
	/** See `HandlerFailure.discardModule`. */
	readonly discardModule?: boolean;
}

/** A handler that failed; `errorType`, `errorMessage` and `stack` are raw facts, not ASL names. */
export interface HandlerFailure {
	readonly ok: false;
	readonly kind: FailureKind;
	/** The error's `name` (or Lambda's `typeof` convention for a thrown non-Error). */
	readonly errorType: string;
	readonly errorMessage: string;
	/** Node-style stack lines: `Name: message`, then `    at …` frames. May be empty. */
	readonly stack: readonly string[];
	/** Virtual ms when the invocation stopped. */
	readonly elapsedMs: number;
	readonly logs: readonly TaskLog[];
	/** The limit that was hit: ms for the two timeouts, bytes for `memory`. */
	readonly limit?: number;
	/**
	 * True when the caller should drop the QuickJS module (`discardQuickJS`) and load a fresh one:
	 * it trapped (for example the host's own stack overflowed inside QuickJS) or could not free
	 * the runtime, so its C state is unknown; or it ran out of memory or grew to its memory
	 * ceiling, and WebAssembly memory never shrinks. Only after a trap is the module unsafe.
	 */
	readonly discardModule?: boolean;
}

/** The result of one `runHandler` call. It never throws; every failure is a `HandlerFailure`. */
export type HandlerOutcome = HandlerSuccess | HandlerFailure;

/** Resource limits for one invocation. All optional; see `DEFAULT_LIMITS`. */
export interface SandboxLimits {
	/** Wall-clock ms of interpreter time allowed, checked by QuickJS's interrupt handler. */
	readonly cpuMs?: number;
	/** Bytes given to QuickJS's `setMemoryLimit` (see README: this build counts allocations). */
	readonly memoryBytes?: number;
	/** Bytes of interpreter stack given to `setMaxStackSize`. */
	readonly stackBytes?: number;
	/** Virtual ms after which the task times out (the Task's `TimeoutSeconds`); none if absent. */
	readonly virtualTimeoutMs?: number;
	/**
	 * Virtual ms after which Lambda stops the function (its own timeout, at most 900 s); none if
	 * absent. When it comes before `virtualTimeoutMs`, the outcome is `function-timeout`.
	 */
	readonly functionTimeoutMs?: number;
	/** UTF-16 code units of console output kept before a single truncation line. */
	readonly logChars?: number;
	/** What `Date.now()` returns in the guest at virtual time 0, in ms since the Unix epoch. */
	readonly epochMs?: number;
}

/**
 * The defaults for `SandboxLimits`: 1000 ms of CPU, 32 MiB for QuickJS's memory counter, 96 KiB
 * of interpreter stack (from 128 KiB on, the host's own stack can overflow first in a Chromium
 * worker), 64 Ki characters of console output, and a clock starting at 2024-01-01T00:00:00Z.
 * There is no virtual timeout by default.
 */
export const DEFAULT_LIMITS = {
	cpuMs: 1000,
	memoryBytes: 32 * 1024 * 1024,
	stackBytes: 96 * 1024,
	logChars: 64 * 1024,
	epochMs: 1_704_067_200_000
} as const;
