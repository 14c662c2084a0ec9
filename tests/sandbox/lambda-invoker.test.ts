import { afterAll, describe, expect, it } from 'vitest';
import type { TaskResult } from '../../engine/run/task.js';
import { createLambdaInvoker } from '../../src/lib/sandbox/lambda-invoker.js';
import { loadQuickJS } from '../../src/lib/sandbox/quickjs.js';
import { CONTEXT, request } from './helpers.js';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:orders';

const HANDLERS = {
	orders: `export const handler = async (event) => {
		console.log('order', event.id);
		await new Promise((resolve) => setTimeout(resolve, 1200));
		return { id: event.id, status: 'shipped' };
	};`,
	'arn:aws:lambda:eu-west-1:123456789012:function:billing':
		"export const handler = () => 'billed';",
	exception: `export const handler = async () => {
		const error = new Error('Something went wrong');
		error.name = 'Exception';
		throw error;
	};`,
	custom: `class CustomError extends Error {
		constructor() { super(); this.name = 'CustomError'; }
	}
	export const handler = () => { throw new CustomError(); };`,
	syntax: 'export const handler = () => {\n  return {;\n};',
	missing: 'export const notTheHandler = () => 1;',
	sleepy: 'export const handler = () => new Promise((resolve) => setTimeout(resolve, 60000));',
	spin: 'export const handler = () => { for (;;) {} };',
	spinAsync: 'export const handler = async () => { for (;;) await null; };',
	hungry: `export const handler = () => {
		const a = [];
		for (;;) a.push(new Array(1e6).fill(1));
	};`,
	bigint: 'export const handler = () => 10n;',
	deepJson: `export const handler = () => {
		let o = {};
		for (let i = 0; i < 200000; i++) o = { o };
		return o;
	};`
};

const invoke = createLambdaInvoker(HANDLERS);

afterAll(() => invoke.dispose());

function failed(result: TaskResult): { Error: string; Cause: string } {
	if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.output)}`);
	return result;
}

describe('createLambdaInvoker', () => {
	it('runs a handler and returns its output, virtual time and logs', async () => {
		const result = await invoke(request('orders', { id: 7 }));
		expect(result).toEqual({
			ok: true,
			output: { id: 7, status: 'shipped' },
			elapsedMs: 1200,
			logs: [{ level: 'log', message: 'order 7', atMs: 0 }]
		});
	});

	it('resolves ARNs, partial ARNs and bare names against the handler map', async () => {
		for (const name of [ARN, `${ARN}:$LATEST`, '123456789012:function:orders', 'function:orders']) {
			expect(await invoke(request(name, { id: 1 }))).toMatchObject({ ok: true });
		}
		expect(await invoke(request('billing'))).toMatchObject({ ok: true, output: 'billed' });
	});

	it('reports an unknown function like Lambda, with the full ARN', async () => {
		const tail =
			'(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; ' +
			`Request ID: ${CONTEXT.awsRequestId}; Proxy: null)`;
		expect(await invoke(request('nope'))).toEqual({
			ok: false,
			Error: 'Lambda.ResourceNotFoundException',
			Cause:
				'Function not found: arn:aws:lambda:us-east-1:111111111111:function:nope:$LATEST ' + tail
		});
		const arn = 'arn:aws:lambda:eu-west-1:222222222222:function:nope:prod';
		expect(failed(await invoke(request(arn))).Cause).toBe(`Function not found: ${arn} ${tail}`);
	});

	it('fails a service integration that has no handler, saying how to answer it', async () => {
		expect(await invoke(request(undefined))).toEqual({
			ok: false,
			Error: 'States.TaskFailed',
			Cause:
				"No handler for 'sqs:sendMessage': the playground cannot call AWS services. Add a " +
				'handler for it in the Handlers tab; what it returns is the task result.'
		});
	});

	it('answers a service integration or an activity with the handler keyed by its resource', async () => {
		const services = createLambdaInvoker({
			'arn:aws:states:::sqs:sendMessage': 'export const handler = (e) => ({ MessageId: e.id });',
			'arn:aws:states:us-east-1:123456789012:activity:approve':
				'export const handler = () => ({ approved: true });'
		});
		try {
			const sqs = { ...request(undefined, { id: 'm-1' }) };
			expect(await services(sqs)).toMatchObject({ ok: true, output: { MessageId: 'm-1' } });
			// The integration pattern does not change which handler answers.
			const callback = { ...sqs, resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken' };
			expect(await services(callback)).toMatchObject({ ok: true, output: { MessageId: 'm-1' } });
			const activity = {
				...sqs,
				resource: 'arn:aws:states:us-east-1:123456789012:activity:approve'
			};
			expect(await services(activity)).toMatchObject({ ok: true, output: { approved: true } });
		} finally {
			services.dispose();
		}
	});

	it('maps a thrown error to its name and a Lambda error payload', async () => {
		const result = failed(await invoke(request('exception')));
		expect(result.Error).toBe('Exception');
		const cause = JSON.parse(result.Cause) as Record<string, unknown>;
		expect(Object.keys(cause)).toEqual(['errorMessage', 'errorType', 'requestId', 'stackTrace']);
		expect(cause).toMatchObject({
			errorMessage: 'Something went wrong',
			errorType: 'Exception',
			requestId: CONTEXT.awsRequestId
		});
	});

	it('maps a class-based exception with an empty message', async () => {
		const result = failed(await invoke(request('custom')));
		expect(result.Error).toBe('CustomError');
		expect(JSON.parse(result.Cause)).toMatchObject({ errorMessage: '', errorType: 'CustomError' });
	});

	it('maps a syntax error and a missing handler to Runtime errors', async () => {
		const syntax = failed(await invoke(request('syntax')));
		expect(syntax.Error).toBe('Runtime.UserCodeSyntaxError');
		const message = JSON.parse(syntax.Cause).errorMessage;
		expect(message).toMatch(/^SyntaxError: .*\(line 2, column \d+\)$/);
		expect(failed(await invoke(request('missing'))).Error).toBe('Runtime.HandlerNotFound');
	});

	it('times out on the virtual clock after the task timeout', async () => {
		const started = performance.now();
		const result = await invoke(request('sleepy', {}, 5000));
		expect(performance.now() - started).toBeLessThan(1000);
		expect(result).toMatchObject({
			ok: false,
			Error: 'States.Timeout',
			Cause: 'Task timed out after 5.00 seconds',
			elapsedMs: 5000
		});
	});

	it('ends endless sync and async loops as States.Timeout within a few seconds', async () => {
		for (const name of ['spin', 'spinAsync']) {
			const started = performance.now();
			const result = failed(await invoke(request(name)));
			expect(performance.now() - started).toBeLessThan(3000);
			expect(result.Error).toBe('States.Timeout');
			expect(result.Cause).toContain('CPU limit of 1000 ms');
		}
	});

	it('ends unbounded allocation as Runtime.OutOfMemory and keeps working', async () => {
		expect(failed(await invoke(request('hungry'))).Error).toBe('Runtime.OutOfMemory');
		expect(await invoke(request('billing'))).toMatchObject({ ok: true, output: 'billed' });
	});

	it('maps an unserialisable result to Runtime.MarshalError', async () => {
		expect(failed(await invoke(request('bigint'))).Error).toBe('Runtime.MarshalError');
	});

	it('replaces the QuickJS module after a host-level trap', async () => {
		const before = await loadQuickJS();
		const result = failed(await invoke(request('deepJson')));
		expect(result.Error).toBe('InternalError');
		expect(JSON.parse(result.Cause).errorMessage).toBe('stack overflow');
		const after = await loadQuickJS();
		expect(after).not.toBe(before);
		expect(await invoke(request('billing'))).toMatchObject({ ok: true, output: 'billed' });
	});

	it('reports a module that cannot be loaded as Lambda.ServiceException', async () => {
		const broken = createLambdaInvoker(HANDLERS, {
			loadModule: () => Promise.reject(new Error('no wasm here'))
		});
		expect(await broken(request('orders'))).toEqual({
			ok: false,
			Error: 'Lambda.ServiceException',
			Cause: 'The sandbox could not load QuickJS: no wasm here'
		});
	});
});
