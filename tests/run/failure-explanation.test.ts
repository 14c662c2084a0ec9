import { describe, expect, it } from 'vitest';
import type { StateMachineDefinition } from '../../engine/index.js';
import { createLambdaInvoker } from '../../src/lib/sandbox/lambda-invoker.js';
import { failureExplanation } from '../../src/lib/run/visits.js';
import { history, invoker, lambda, thrown, ZERO_TIME_LOOP } from './histories.js';

/** One Task state `Work` running `fn`, in a machine with `extra` fields. */
function oneTask(fn: string, task: object = {}, extra: object = {}) {
	return {
		StartAt: 'Work',
		States: { Work: { Type: 'Task', Resource: lambda(fn), End: true, ...task } },
		...extra
	};
}

const sandbox = (handlers: Record<string, string>, limits = {}) =>
	createLambdaInvoker(handlers, { limits });

async function explain(
	definition: object,
	options: Parameters<typeof history>[2] = {},
	input = {}
) {
	const events = await history(definition, input, options);
	return failureExplanation(events, definition as StateMachineDefinition);
}

describe('failureExplanation', () => {
	it('is undefined for a run that succeeded or still runs', async () => {
		const events = await history(ZERO_TIME_LOOP);
		expect(failureExplanation(events)).toBeUndefined();
		expect(failureExplanation(events.slice(0, 5))).toBeUndefined();
	});

	it('States.Timeout: a task past its TimeoutSeconds', async () => {
		const x = await explain(oneTask('sleepy', { TimeoutSeconds: 2 }), {
			invokeTask: sandbox({
				sleepy: 'export const handler = () => new Promise((r) => setTimeout(r, 60000));'
			})
		});
		expect(x).toMatchObject({
			status: 'FAILED',
			stateName: 'Work',
			error: 'States.Timeout',
			title: '"Work" timed out'
		});
		expect(x?.explanation).toBe(
			`"Work" ran longer than its TimeoutSeconds (2 s) (or the sandbox's CPU limit — an endless loop?).`
		);
	});

	it('States.HeartbeatTimeout: an activity whose worker outlasts HeartbeatSeconds', async () => {
		const activity = 'arn:aws:states:us-east-1:123456789012:activity:review';
		const x = await explain(
			{
				StartAt: 'Review',
				States: {
					Review: {
						Type: 'Task',
						Resource: activity,
						TimeoutSeconds: 60,
						HeartbeatSeconds: 5,
						End: true
					}
				}
			},
			{
				invokeTask: sandbox({
					[activity]: 'export const handler = () => new Promise((r) => setTimeout(r, 9000));'
				})
			}
		);
		expect(x).toMatchObject({
			error: 'States.HeartbeatTimeout',
			stateName: 'Review',
			title: '"Review" missed its heartbeat'
		});
		expect(x?.explanation).toMatch(/every HeartbeatSeconds \(5 s\)\. A handler here cannot send/);

		const faults = { Review: { error: 'States.Timeout' } };
		const definition = {
			StartAt: 'Review',
			States: { Review: { Type: 'Task', Resource: activity, HeartbeatSeconds: 5, End: true } }
		};
		const events = await history(
			definition,
			{},
			{ faults, invokeTask: sandbox({ [activity]: 'export const handler = () => 1;' }) }
		);
		const injectedRun = failureExplanation(events, definition as StateMachineDefinition, faults);
		expect(injectedRun).toMatchObject({
			error: 'States.HeartbeatTimeout',
			title: '"Review" timed out (injected)'
		});
	});

	it("States.Timeout: a handler past the sandbox's CPU limit", async () => {
		const x = await explain(oneTask('spin'), {
			invokeTask: sandbox({ spin: 'export const handler = () => { for (;;) {} };' }, { cpuMs: 50 })
		});
		expect(x?.error).toBe('States.Timeout');
		expect(x?.explanation).toMatch(/CPU limit — an endless loop\?/);
	});

	it('States.Timeout injected by the simulation says so, with or without TimeoutSeconds', async () => {
		const faults = { Work: { error: 'States.Timeout' } };
		for (const task of [{ TimeoutSeconds: 2 }, {}]) {
			const definition = oneTask('fast', task);
			const events = await history(
				definition,
				{},
				{
					faults,
					invokeTask: sandbox({ fast: 'export const handler = () => 1;' })
				}
			);
			const x = failureExplanation(events, definition as StateMachineDefinition, faults);
			expect(x).toMatchObject({ error: 'States.Timeout', title: '"Work" timed out (injected)' });
			expect(x?.explanation).toMatch(/simulation settings of "Work" inject a timeout/);
			// Without the run's faults it reads as a real timeout.
			expect(failureExplanation(events, definition as StateMachineDefinition)?.title).toBe(
				'"Work" timed out'
			);
		}
	});

	it('a real timeout after an injected first attempt is not called injected', async () => {
		const faults = { Work: { error: 'States.Timeout', attempts: [0] } };
		const definition = oneTask('sleepy', {
			TimeoutSeconds: 2,
			Retry: [{ ErrorEquals: ['States.Timeout'], MaxAttempts: 1, IntervalSeconds: 1 }]
		});
		const events = await history(
			definition,
			{},
			{
				faults,
				invokeTask: sandbox({
					sleepy: 'export const handler = () => new Promise((r) => setTimeout(r, 60000));'
				})
			}
		);
		const x = failureExplanation(events, definition as StateMachineDefinition, faults);
		expect(x?.title).toBe('"Work" timed out');
		expect(x?.explanation).toMatch(/TimeoutSeconds \(2 s\)/);
	});

	it('a handler that threw: errorType and errorMessage', async () => {
		const x = await explain(oneTask('boom'), {
			invokeTask: sandbox({
				boom: "export const handler = () => { const e = new Error('card declined'); e.name = 'PaymentError'; throw e; };"
			})
		});
		expect(x).toMatchObject({
			stateName: 'Work',
			error: 'PaymentError',
			title: '"Work" failed: PaymentError'
		});
		expect(x?.explanation).toBe('The handler of "Work" threw PaymentError: card declined');
	});

	it('a CommonJS handler runs; one that is also an ES module is explained', async () => {
		const run = (source: string) =>
			explain(oneTask('cjs'), { invokeTask: sandbox({ cjs: source }) });
		// As on Lambda (an index.js), exports.handler and module.exports work.
		expect(await run('exports.handler = async (event) => event;')).toBeUndefined();
		expect(await run('module.exports = { handler: async (e) => e };')).toBeUndefined();
		const mixed = await run('export const version = 1;\nexports.handler = async (e) => e;');
		expect(mixed?.title).toBe('The handler of "Work" mixes ES module and CommonJS');
		expect(mixed?.explanation).toMatch(/sets exports\.handler \(CommonJS.*export const handler/);
		const required = await run(
			"const AWS = require('aws-sdk');\nexport const handler = async (e) => e;"
		);
		expect(required?.title).toBe('The handler of "Work" calls require');
	});

	it('counts retries', async () => {
		const x = await explain(
			oneTask('boom', { Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 2, IntervalSeconds: 1 }] }),
			{
				invokeTask: invoker({ boom: () => thrown('Boom', 'again') })
			}
		);
		expect(x?.explanation).toBe('The handler of "Work" threw Boom: again It was tried 3 times.');
	});

	it('Lambda.ResourceNotFoundException: no handler by that name', async () => {
		const x = await explain(oneTask('nope'), {
			invokeTask: sandbox({ other: 'export const handler = () => 1;' })
		});
		expect(x).toMatchObject({
			error: 'Lambda.ResourceNotFoundException',
			title: 'No handler named "nope"'
		});
		expect(x?.explanation).toMatch(/^There is no handler named "nope"\./);
	});

	it('Runtime.UserCodeSyntaxError, Runtime.HandlerNotFound and Runtime.OutOfMemory', async () => {
		const syntax = await explain(oneTask('bad'), {
			invokeTask: sandbox({ bad: 'export const handler = () => {\n return {;\n};' })
		});
		expect(syntax?.error).toBe('Runtime.UserCodeSyntaxError');
		expect(syntax?.explanation).toMatch(
			/^The handler code of "Work" has a syntax error: SyntaxError: /
		);
		const missing = await explain(oneTask('bad'), {
			invokeTask: sandbox({ bad: 'export const nothing = 1;' })
		});
		expect(missing?.title).toBe('The handler of "Work" is missing');
		const hungry = await explain(oneTask('hungry'), {
			invokeTask: sandbox(
				{
					hungry:
						'export const handler = () => { const a = []; for (;;) a.push(new Array(1e5).fill(1)); };'
				},
				{ memoryBytes: 1024 * 1024 }
			)
		});
		expect(hungry?.error).toBe('Runtime.OutOfMemory');
		expect(hungry?.explanation).toMatch(/ran out of memory/);
	});

	it('States.Runtime: names the state from the cause', async () => {
		const x = await explain({
			StartAt: 'Ok',
			States: {
				Ok: { Type: 'Pass', Next: 'Pick' },
				Pick: { Type: 'Pass', InputPath: '$.order.id', End: true }
			}
		});
		expect(x).toMatchObject({
			stateName: 'Pick',
			stateType: 'Pass',
			enteredId: 4,
			title: 'Run-time error in "Pick"'
		});
		expect(x?.explanation).toMatch(
			/^"Pick" could not run: Invalid path '\$\.order\.id'.*cannot be retried or caught\.$/
		);
	});

	it('States.Runtime: the history limit', async () => {
		const loop = {
			StartAt: 'A',
			States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } }
		};
		const x = await explain(loop, { maxEvents: 200 });
		expect(x?.title).toBe('The history grew too long');
		expect(x?.explanation).toMatch(/maximum number of history events \(200\)/);
	});

	it('States.DataLimitExceeded', async () => {
		const x = await explain(oneTask('big'), {
			invokeTask: invoker({ big: () => ({ ok: true, output: 'x'.repeat(300_000) }) })
		});
		expect(x).toMatchObject({
			error: 'States.DataLimitExceeded',
			title: 'Too much data in "Work"'
		});
	});

	it('States.NoChoiceMatched', async () => {
		const x = await explain(
			{
				StartAt: 'Route',
				States: {
					Route: {
						Type: 'Choice',
						Choices: [{ Variable: '$.kind', StringEquals: 'a', Next: 'A' }]
					},
					A: { Type: 'Succeed' }
				}
			},
			{},
			{ kind: 'b' }
		);
		expect(x).toMatchObject({
			stateName: 'Route',
			stateType: 'Choice',
			error: 'States.NoChoiceMatched'
		});
		expect(x?.explanation).toBe(
			'None of the rules of the Choice state "Route" matched its input, and it has no Default.'
		);
	});

	it('States.QueryEvaluationError', async () => {
		const x = await explain(
			{
				QueryLanguage: 'JSONata',
				StartAt: 'Calc',
				States: { Calc: { Type: 'Pass', Output: '{% $states.input.a + "x" %}', End: true } }
			},
			{},
			{ a: 1 }
		);
		expect(x).toMatchObject({
			stateName: 'Calc',
			error: 'States.QueryEvaluationError',
			title: 'Expression failed in "Calc"'
		});
		expect(x?.explanation).toMatch(/^A JSONata expression of "Calc" could not be evaluated: /);
	});

	it('States.ExceedToleratedFailureThreshold names the Map and counts failures', async () => {
		const x = await explain(
			{
				StartAt: 'Each',
				States: {
					Each: {
						Type: 'Map',
						ToleratedFailureCount: 1,
						ItemProcessor: {
							StartAt: 'T',
							States: { T: { Type: 'Task', Resource: lambda('t'), End: true } }
						},
						End: true
					}
				}
			},
			{
				invokeTask: invoker({
					t: (n) => ((n as number) > 1 ? thrown('Big', `${n}`) : { ok: true, output: n })
				})
			},
			[1, 2, 3, 4]
		);
		expect(x).toMatchObject({
			stateName: 'Each',
			stateType: 'Map',
			title: 'Too many iterations of "Each" failed'
		});
		expect(x?.explanation).toMatch(/\(3 of 4 iterations failed\)\.$/);
	});

	it('States.ExceedToleratedFailureThreshold of a Distributed Map does not count unseen items', async () => {
		const x = await explain(
			{
				StartAt: 'Each',
				States: {
					Each: {
						Type: 'Map',
						ItemProcessor: {
							ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
							StartAt: 'T',
							States: { T: { Type: 'Task', Resource: lambda('t'), End: true } }
						},
						End: true
					}
				}
			},
			{ invokeTask: invoker({ t: () => thrown('Big', 'no') }) },
			[1, 2, 3]
		);
		expect(x).toMatchObject({ stateName: 'Each', title: 'Items of "Each" failed' });
		expect(x?.explanation).toMatch(/it tolerates none/);
		expect(x?.explanation).toMatch(/Each of its 3 items ran as a child execution/);
		expect(x?.explanation).not.toMatch(/0 of 3/);
	});

	it('a task failing inside a Parallel branch names the task and its lane', async () => {
		const x = await explain(
			{
				StartAt: 'Fan',
				States: {
					Fan: {
						Type: 'Parallel',
						Branches: [
							{ StartAt: 'Ok', States: { Ok: { Type: 'Pass', End: true } } },
							{
								StartAt: 'Charge',
								States: { Charge: { Type: 'Task', Resource: lambda('charge'), End: true } }
							}
						],
						End: true
					}
				}
			},
			{ invokeTask: invoker({ charge: () => thrown('Declined', 'no funds') }) }
		);
		expect(x).toMatchObject({ stateName: 'Charge', lane: 'branch 1', error: 'Declined' });
	});

	it('a Fail state', async () => {
		const x = await explain({
			StartAt: 'Stop',
			States: { Stop: { Type: 'Fail', Error: 'OrderRejected', Cause: 'Out of stock' } }
		});
		expect(x).toMatchObject({
			stateName: 'Stop',
			stateType: 'Fail',
			error: 'OrderRejected',
			title: 'The run reached the Fail state "Stop"'
		});
		expect(x?.explanation).toBe(
			'The state machine ended in its Fail state "Stop" with the error "OrderRejected": Out of stock'
		);
	});

	it('a Fail state passing on the cause of an error it caught names the Fail state', async () => {
		// The cause the Fail state repeats names "Fetch" ("An error occurred while executing the
		// state 'Fetch' …"), as a JSONata error's does.
		const x = await explain(
			{
				QueryLanguage: 'JSONata',
				StartAt: 'Fetch',
				States: {
					Fetch: {
						Type: 'Task',
						Resource: lambda('fetch'),
						Assign: { temp: '{% $states.result.temperature %}' },
						Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Oops' }],
						End: true
					},
					Oops: { Type: 'Fail', Error: 'FetchFailed', Cause: '{% $states.input.Cause %}' }
				}
			},
			{ invokeTask: invoker({ fetch: () => ({ ok: true, output: {} }) }) }
		);
		expect(x?.cause).toMatch(/^An error occurred while executing the state 'Fetch'/);
		expect(x).toMatchObject({ stateName: 'Oops', stateType: 'Fail', error: 'FetchFailed' });
		expect(x?.title).toBe('The run reached the Fail state "Oops"');
	});

	it("the execution's TimeoutSeconds", async () => {
		const x = await explain({
			TimeoutSeconds: 2,
			StartAt: 'Nap',
			States: { Nap: { Type: 'Wait', Seconds: 10, End: true } }
		});
		expect(x).toMatchObject({
			status: 'TIMED_OUT',
			error: 'States.Timeout',
			stateName: 'Nap',
			title: 'The execution timed out'
		});
		expect(x?.explanation).toBe(
			`The whole run took longer than the state machine's TimeoutSeconds (2 s); "Nap" was running.`
		);
	});
});
