import type { TaskRequest, TaskResult } from '../../../engine/run/task.js';
import type { SandboxLimits } from './outcome.js';

/**
 * Every message between `SandboxClient` and the sandbox worker, keyed on `type`.
 * - `configure` (client → worker): the handler sources (function name or ARN → ES module text)
 *   and limits for all later invocations; sent before the first `invoke` of each worker.
 * - `invoke` (client → worker): run one task attempt; `id` is the client's request id.
 * - `result` (worker → client): the `TaskResult` for request `id`.
 */
export type SandboxMessage =
	| {
			readonly type: 'configure';
			readonly handlers: Readonly<Record<string, string>>;
			readonly limits?: Omit<SandboxLimits, 'virtualTimeoutMs'>;
	  }
	| { readonly type: 'invoke'; readonly id: number; readonly request: TaskRequest }
	| { readonly type: 'result'; readonly id: number; readonly result: TaskResult };

/** Messages the client posts to the worker. */
export type ToWorker = Extract<SandboxMessage, { type: 'configure' | 'invoke' }>;

/** Messages the worker posts to the client. */
export type FromWorker = Extract<SandboxMessage, { type: 'result' }>;
