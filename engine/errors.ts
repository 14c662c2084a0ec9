/**
 * Error names and the two kinds of failure the engine reports:
 * - a `Diagnostic`: a static problem in the definition text, located for an editor;
 * - an ASL `{ Error, Cause }` pair: a run-time failure, recorded in the history events.
 * An engine bug is a plain `Error` thrown to the caller and is never expected.
 */

/** ASL's predefined error names (ASL spec, Appendix A; AWS Step Functions error handling). */
export const StatesErrors = {
	ALL: 'States.ALL',
	Timeout: 'States.Timeout',
	HeartbeatTimeout: 'States.HeartbeatTimeout',
	HttpSocket: 'States.Http.Socket',
	TaskFailed: 'States.TaskFailed',
	Permissions: 'States.Permissions',
	ResultPathMatchFailure: 'States.ResultPathMatchFailure',
	ParameterPathFailure: 'States.ParameterPathFailure',
	IntrinsicFailure: 'States.IntrinsicFailure',
	QueryEvaluationError: 'States.QueryEvaluationError',
	BranchFailed: 'States.BranchFailed',
	NoChoiceMatched: 'States.NoChoiceMatched',
	ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
	ItemReaderFailed: 'States.ItemReaderFailed',
	ResultWriterFailed: 'States.ResultWriterFailed',
	DataLimitExceeded: 'States.DataLimitExceeded',
	Runtime: 'States.Runtime'
} as const;

/** A static problem found by `parseDefinition` or `validateDefinition`. */
export interface Diagnostic {
	/** Stable snake_case identifier, e.g. `unknown_next_state`. Tests assert on it. */
	readonly code: string;
	/** Human-readable text, built from the templates in `asl/messages.ts`. */
	readonly message: string;
	readonly severity: 'error' | 'warning';
	/** JSON Pointer of the offending value, e.g. `/States/Fetch/Next`. */
	readonly path: string;
	/** Source offsets (UTF-16 code units) of the offending text; `from === to` when unknown. */
	readonly from: number;
	readonly to: number;
}

/** An ASL run-time failure, exactly as AWS reports it. `Cause` may be absent, as in AWS. */
export interface StatesFailure {
	readonly Error: string;
	readonly Cause?: string;
	/**
	 * No Retry or Catch may handle it, however it is named: a state's own output or a variable over
	 * the payload limit (`States.DataLimitExceeded`, "a terminal error" in the AWS guide). A task
	 * whose result is too large fails as a task instead, which AWS catches (corpus).
	 */
	readonly terminal?: true;
}

/**
 * Thrown inside the engine to unwind a state's processing with an ASL failure; always caught by
 * the state runner and turned into events. Never escapes the public API.
 */
export class StatesError extends Error {
	readonly error: string;
	readonly cause: string | undefined;
	/** The failure came up from a branch or iteration, where it was already recorded. */
	readonly propagated: boolean;
	/** See `StatesFailure.terminal`. */
	readonly terminal: boolean;
	constructor(error: string, cause?: string, propagated = false, terminal = false) {
		super(`${error}: ${cause ?? ''}`);
		this.error = error;
		this.cause = cause;
		this.propagated = propagated;
		this.terminal = terminal;
	}
	/** The failure that unwinds from a branch or iteration, already recorded there. */
	static propagate(failure: StatesFailure): StatesError {
		return new StatesError(failure.Error, failure.Cause, true, failure.terminal);
	}
	/** The `{ Error, Cause }` pair (and `terminal`, when it is). */
	get failure(): StatesFailure {
		const failure: { Error: string; Cause?: string; terminal?: true } = { Error: this.error };
		if (this.cause !== undefined) failure.Cause = this.cause;
		if (this.terminal) failure.terminal = true;
		return failure;
	}
}
