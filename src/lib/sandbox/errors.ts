import type { FailureKind, HandlerFailure } from './outcome.js';

/** The ASL error a failed Lambda task reports. */
export interface TaskError {
	readonly Error: string;
	readonly Cause: string;
}

type Row = (failure: HandlerFailure, requestId: string) => TaskError;

/**
 * The one table from a sandbox failure to the ASL `{ Error, Cause }` of a Lambda task. Rows that
 * AWS reports from the Lambda function itself carry a Lambda error payload as `Cause`: JSON text
 * with exactly the keys `errorMessage`, `errorType`, `requestId`, `stackTrace`, in that order.
 * The two timeouts are Step Functions' own `States.Timeout`, with a plain-text `Cause`.
 *
 * | kind              | Error                         | Cause                                   |
 * | ----------------- | ----------------------------- | --------------------------------------- |
 * | `thrown`          | the error's name (errorType)  | payload with the error's message        |
 * | `syntax`          | `Runtime.UserCodeSyntaxError` | payload, `SyntaxError: … (line, col)`   |
 * | `no-handler`      | `Runtime.HandlerNotFound`     | payload, `index.handler is undefined …` |
 * | `cpu-timeout`     | `States.Timeout`              | text: ran past the CPU limit of N ms    |
 * | `virtual-timeout` | `States.Timeout`              | text: `Task timed out after N seconds`  |
 * | `function-timeout`| `Lambda.Unknown`              | text: the cause could not be determined |
 * | `memory`          | `Runtime.OutOfMemory`         | payload naming the memory limit         |
 * | `bad-output`      | `Runtime.MarshalError`        | payload, `Unable to stringify …`        |
 */
export const TASK_ERRORS: { readonly [kind in FailureKind]: Row } = {
	thrown: (f, id) => lambdaError(f.errorType, f.errorMessage, id, f.stack),
	syntax: (f, id) =>
		lambdaError('Runtime.UserCodeSyntaxError', `SyntaxError: ${f.errorMessage}`, id, f.stack),
	'no-handler': (f, id) => lambdaError('Runtime.HandlerNotFound', f.errorMessage, id, f.stack),
	'cpu-timeout': (f) => ({
		Error: 'States.Timeout',
		Cause:
			`The handler ran longer than the sandbox's CPU limit of ${f.limit ?? '?'} ms ` +
			'(an endless loop?)'
	}),
	'virtual-timeout': (f) => ({
		Error: 'States.Timeout',
		Cause: `Task timed out after ${seconds(f.limit ?? f.elapsedMs)} seconds`
	}),
	// AWS guide, bp-lambda-serviceexception.html: "Unhandled errors in Lambda are reported as
	// Lambda.Unknown in the error output. These include out-of-memory errors and function
	// timeouts." Lambda's payload for a timeout has no errorType, hence Step Functions' wording.
	'function-timeout': (f) => ({
		Error: 'Lambda.Unknown',
		Cause:
			'The cause could not be determined because Lambda did not return an error type. ' +
			`Returned payload: ${JSON.stringify({ errorMessage: f.errorMessage })}`
	}),
	memory: (f, id) =>
		lambdaError(
			'Runtime.OutOfMemory',
			`The handler ran out of memory: the sandbox's memory limit is ${mebibytes(f.limit)}`,
			id,
			f.stack
		),
	'bad-output': (f, id) =>
		lambdaError(
			'Runtime.MarshalError',
			`Unable to stringify response body: ${f.errorType}: ${f.errorMessage}`,
			id,
			f.stack
		)
};

/**
 * Maps a failure to the ASL error of a Lambda task; `requestId` is the invocation's
 * `context.awsRequestId`.
 */
export function toTaskError(failure: HandlerFailure, requestId: string): TaskError {
	return TASK_ERRORS[failure.kind](failure, requestId);
}

/**
 * Maps a failure of a handler that stands for something other than a Lambda function (a service
 * integration, an activity worker, the process that answers a callback's task token) to the ASL
 * error of its task. What such a handler throws is what the service or worker reports: an activity
 * worker or a callback's owner calls SendTaskFailure with an `error` and a `cause` (AWS API
 * reference, SendTaskFailure), and AWS records exactly those two strings, not a Lambda error
 * payload. So a thrown error gives `Error` = its name and `Cause` = its message. The other
 * failures (the handler does not parse, runs out of memory…) are the sandbox's, and keep the rows
 * of `TASK_ERRORS`.
 */
export function toServiceTaskError(failure: HandlerFailure, requestId: string): TaskError {
	if (failure.kind === 'thrown') return { Error: failure.errorType, Cause: failure.errorMessage };
	return toTaskError(failure, requestId);
}

/** `Error` = `errorType`; `Cause` = the Lambda error payload, as AWS records it. */
function lambdaError(
	errorType: string,
	errorMessage: string,
	requestId: string,
	stackTrace: readonly string[]
): TaskError {
	const payload = { errorMessage, errorType, requestId, stackTrace };
	return { Error: errorType, Cause: JSON.stringify(payload) };
}

function seconds(ms: number): string {
	return (ms / 1000).toFixed(2);
}

function mebibytes(bytes: number | undefined): string {
	if (bytes === undefined) return 'unknown';
	return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
}
