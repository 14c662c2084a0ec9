import { describe, expect, it } from 'vitest';
import { TASK_ERRORS, toServiceTaskError, toTaskError } from '../../src/lib/sandbox/errors.js';
import type { FailureKind, HandlerFailure } from '../../src/lib/sandbox/outcome.js';

const REQUEST_ID = 'c0ffee00-0000-4000-8000-000000000000';

function failure(kind: FailureKind, fields: Partial<HandlerFailure> = {}): HandlerFailure {
	return {
		ok: false,
		kind,
		errorType: 'Error',
		errorMessage: 'message',
		stack: [],
		elapsedMs: 0,
		logs: [],
		...fields
	};
}

describe('toTaskError', () => {
	it('has exactly one row per failure kind', () => {
		expect(Object.keys(TASK_ERRORS).sort()).toEqual([
			'bad-output',
			'cpu-timeout',
			'function-timeout',
			'memory',
			'no-handler',
			'syntax',
			'thrown',
			'virtual-timeout'
		]);
	});

	it('thrown: Error is the error name, Cause the Lambda payload in AWS key order', () => {
		const stack = ['Exception: Something went wrong', '    at handler (handler.mjs:3:9)'];
		const error = toTaskError(
			failure('thrown', { errorType: 'Exception', errorMessage: 'Something went wrong', stack }),
			REQUEST_ID
		);
		expect(error.Error).toBe('Exception');
		expect(error.Cause).toBe(
			'{"errorMessage":"Something went wrong","errorType":"Exception",' +
				`"requestId":"${REQUEST_ID}","stackTrace":["Exception: Something went wrong",` +
				'"    at handler (handler.mjs:3:9)"]}'
		);
	});

	it('syntax: Runtime.UserCodeSyntaxError with the location in the message', () => {
		const message = "unexpected token in expression: ';' (line 2, column 13)";
		const error = toTaskError(
			failure('syntax', { errorType: 'SyntaxError', errorMessage: message }),
			REQUEST_ID
		);
		expect(error.Error).toBe('Runtime.UserCodeSyntaxError');
		expect(JSON.parse(error.Cause)).toEqual({
			errorMessage: `SyntaxError: ${message}`,
			errorType: 'Runtime.UserCodeSyntaxError',
			requestId: REQUEST_ID,
			stackTrace: []
		});
	});

	it('no-handler: Runtime.HandlerNotFound', () => {
		const message = 'index.handler is undefined or not exported';
		const error = toTaskError(
			failure('no-handler', { errorType: 'Runtime.HandlerNotFound', errorMessage: message }),
			REQUEST_ID
		);
		expect(error.Error).toBe('Runtime.HandlerNotFound');
		expect(JSON.parse(error.Cause)).toMatchObject({
			errorType: 'Runtime.HandlerNotFound',
			errorMessage: message
		});
	});

	it('cpu-timeout: States.Timeout naming the CPU limit', () => {
		const error = toTaskError(failure('cpu-timeout', { limit: 1000 }), REQUEST_ID);
		expect(error).toEqual({
			Error: 'States.Timeout',
			Cause: "The handler ran longer than the sandbox's CPU limit of 1000 ms (an endless loop?)"
		});
	});

	it('virtual-timeout: States.Timeout after N seconds', () => {
		const error = toTaskError(
			failure('virtual-timeout', { limit: 5000, elapsedMs: 5000 }),
			REQUEST_ID
		);
		expect(error).toEqual({ Error: 'States.Timeout', Cause: 'Task timed out after 5.00 seconds' });
	});

	it("function-timeout: Lambda.Unknown, the cause quoting Lambda's payload", () => {
		const message = `2024-01-01T00:15:00.000Z ${REQUEST_ID} Task timed out after 900.00 seconds`;
		const error = toTaskError(
			failure('function-timeout', { errorMessage: message, limit: 900000, elapsedMs: 900000 }),
			REQUEST_ID
		);
		expect(error).toEqual({
			Error: 'Lambda.Unknown',
			Cause:
				'The cause could not be determined because Lambda did not return an error type. ' +
				`Returned payload: {"errorMessage":"${message}"}`
		});
	});

	it('memory: Runtime.OutOfMemory naming the memory limit', () => {
		const error = toTaskError(
			failure('memory', {
				errorType: 'InternalError',
				errorMessage: 'out of memory',
				limit: 32 * 2 ** 20
			}),
			REQUEST_ID
		);
		expect(error.Error).toBe('Runtime.OutOfMemory');
		expect(JSON.parse(error.Cause)).toMatchObject({
			errorType: 'Runtime.OutOfMemory',
			errorMessage: "The handler ran out of memory: the sandbox's memory limit is 32 MiB"
		});
	});

	it('bad-output: Runtime.MarshalError with the serialisation error', () => {
		const error = toTaskError(
			failure('bad-output', { errorType: 'TypeError', errorMessage: 'circular reference' }),
			REQUEST_ID
		);
		expect(error.Error).toBe('Runtime.MarshalError');
		expect(JSON.parse(error.Cause)).toMatchObject({
			errorType: 'Runtime.MarshalError',
			errorMessage: 'Unable to stringify response body: TypeError: circular reference',
			requestId: REQUEST_ID
		});
	});
});

describe('toServiceTaskError', () => {
	it('thrown: the error name and message, as SendTaskFailure records its error and cause', () => {
		const error = toServiceTaskError(
			failure('thrown', { errorType: 'WorkerError', errorMessage: 'could not greet' }),
			REQUEST_ID
		);
		expect(error).toEqual({ Error: 'WorkerError', Cause: 'could not greet' });
	});

	it('other kinds: the same rows as a Lambda function', () => {
		const syntax = failure('syntax', { errorType: 'SyntaxError', errorMessage: 'bad' });
		expect(toServiceTaskError(syntax, REQUEST_ID)).toEqual(toTaskError(syntax, REQUEST_ID));
		const timeout = failure('virtual-timeout', { limit: 5000 });
		expect(toServiceTaskError(timeout, REQUEST_ID)).toEqual(toTaskError(timeout, REQUEST_ID));
	});
});
