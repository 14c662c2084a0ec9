import type { JsonValue } from '../asl/types.js';

/**
 * The engine's only window onto task code. The engine calls `InvokeTask` for every Task state
 * attempt; an implementation runs a handler (the QuickJS sandbox in the app and the conformance
 * CLI, plain functions in unit tests) and reports the outcome. The engine never imports QuickJS.
 *
 * All times here are virtual milliseconds: the engine schedules the task's completion at
 * `now + latency + elapsedMs`, so a handler that sleeps 3 s in the sandbox takes 3 s of simulated
 * time and no wall-clock time.
 */
export interface TaskRequest {
	/** The Task state's `Resource`, as written. */
	readonly resource: string;
	/**
	 * For Lambda resources, the function to run: the resource ARN for a plain Lambda ARN, or the
	 * `FunctionName` parameter of `arn:aws:states:::lambda:invoke`. Absent for other resources.
	 */
	readonly functionName?: string;
	/** The event given to the handler (the task's effective parameters, or `Payload`). */
	readonly payload: JsonValue;
	/** Lambda-style context fields handed to the handler as its second argument. */
	readonly context: TaskContext;
	/** The state that runs this task. */
	readonly stateName: string;
	/** 0 for the first attempt, then one more per retry. */
	readonly attempt: number;
	/** The task's `TimeoutSeconds` in ms, when one applies. A handler may stop early past it. */
	readonly timeoutMs?: number;
}

/** What a handler sees as `context` (a subset of the AWS Lambda Node.js context object). */
export interface TaskContext {
	readonly functionName: string;
	readonly invokedFunctionArn: string;
	readonly awsRequestId: string;
	readonly functionVersion: string;
	readonly memoryLimitInMB: string;
}

/** One line a handler wrote to its console. */
export interface TaskLog {
	readonly level: 'log' | 'info' | 'warn' | 'error' | 'debug';
	readonly message: string;
	/** Virtual ms since the invocation started. */
	readonly atMs: number;
}

/** The outcome of one invocation. Failures use the ASL `{ Error, Cause }` names verbatim. */
export type TaskResult =
	| {
			readonly ok: true;
			readonly output: JsonValue;
			/** Virtual ms the handler itself spent (timers it awaited). Default 0. */
			readonly elapsedMs?: number;
			readonly logs?: readonly TaskLog[];
	  }
	| {
			readonly ok: false;
			readonly Error: string;
			readonly Cause: string;
			readonly elapsedMs?: number;
			readonly logs?: readonly TaskLog[];
	  };

/** Runs one task attempt. It must not throw: every failure is a `{ ok: false }` result. */
export type InvokeTask = (request: TaskRequest) => Promise<TaskResult>;
