import { describe, expect, it } from 'vitest';
import {
	startExecution,
	type ExecutionOptions,
	type HistoryEvent,
	type InvokeTask,
	type JsonValue,
	type StateMachineDefinition
} from '../../engine/index.js';

/**
 * The shape of history events, checked against the AWS Step Functions API reference
 * (GetExecutionHistory response syntax and the HistoryEvent / *EventDetails pages) and against
 * histories AWS recorded (localstack/localstack, tests/aws/services/stepfunctions snapshots). The
 * case files pin only event types and their order; these tests pin the rest.
 */

const echo: InvokeTask = async (r) => ({ ok: true, output: r.payload });
const def = (d: unknown) => d as StateMachineDefinition;

async function run(
	definition: unknown,
	input: JsonValue = {},
	options: ExecutionOptions = {}
): Promise<readonly HistoryEvent[]> {
	const execution = startExecution(def(definition), input, { invokeTask: echo, ...options });
	await execution.runToEnd();
	return execution.events;
}

/** An event as `GetExecutionHistory` returns it: without the engine's own fields. */
function awsShape(e: HistoryEvent): Record<string, unknown> {
	const plain = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
	for (const k of NOT_IN_AWS) delete plain[k];
	delete plain.timestamp;
	return plain;
}

const NOT_IN_AWS = [
	'parentEventId',
	'branch',
	'iteration',
	'stateName',
	'logs',
	'stages',
	'startTime'
];

/** `[id, previousEventId, type]` of every event. */
const chain = (events: readonly HistoryEvent[]) =>
	events.map((e) => [e.id, e.previousEventId, e.type] as const);

// GetExecutionHistory response syntax: the fields of each details object.
const ERROR = ['error', 'cause'];
const RESOURCE_ERROR = ['resourceType', 'resource', 'error', 'cause'];
const OUTPUT = ['output', 'outputDetails'];
const ITERATION = ['name', 'index'];
const API_DETAILS: Record<string, readonly string[]> = {
	executionStartedEventDetails: [
		'input',
		'inputDetails',
		'roleArn',
		'stateMachineAliasArn',
		'stateMachineVersionArn'
	],
	executionSucceededEventDetails: OUTPUT,
	executionFailedEventDetails: ERROR,
	executionTimedOutEventDetails: ERROR,
	executionAbortedEventDetails: ERROR,
	stateEnteredEventDetails: ['name', 'input', 'inputDetails'],
	stateExitedEventDetails: [
		'name',
		'output',
		'outputDetails',
		'assignedVariables',
		'assignedVariablesDetails'
	],
	taskScheduledEventDetails: [
		'resourceType',
		'resource',
		'region',
		'parameters',
		'timeoutInSeconds',
		'heartbeatInSeconds',
		'taskCredentials'
	],
	taskStartedEventDetails: ['resourceType', 'resource'],
	taskSubmittedEventDetails: ['resourceType', 'resource', ...OUTPUT],
	taskSucceededEventDetails: ['resourceType', 'resource', ...OUTPUT],
	taskFailedEventDetails: RESOURCE_ERROR,
	taskTimedOutEventDetails: RESOURCE_ERROR,
	taskStartFailedEventDetails: RESOURCE_ERROR,
	taskSubmitFailedEventDetails: RESOURCE_ERROR,
	lambdaFunctionScheduledEventDetails: [
		'resource',
		'input',
		'inputDetails',
		'timeoutInSeconds',
		'taskCredentials'
	],
	lambdaFunctionSucceededEventDetails: OUTPUT,
	lambdaFunctionFailedEventDetails: ERROR,
	lambdaFunctionTimedOutEventDetails: ERROR,
	lambdaFunctionScheduleFailedEventDetails: ERROR,
	lambdaFunctionStartFailedEventDetails: ERROR,
	activityScheduledEventDetails: [
		'resource',
		'input',
		'inputDetails',
		'timeoutInSeconds',
		'heartbeatInSeconds'
	],
	activityStartedEventDetails: ['workerName'],
	activitySucceededEventDetails: OUTPUT,
	activityFailedEventDetails: ERROR,
	activityTimedOutEventDetails: ERROR,
	activityScheduleFailedEventDetails: ERROR,
	mapStateStartedEventDetails: ['length'],
	mapIterationStartedEventDetails: ITERATION,
	mapIterationSucceededEventDetails: ITERATION,
	mapIterationFailedEventDetails: ITERATION,
	mapIterationAbortedEventDetails: ITERATION,
	mapRunStartedEventDetails: ['mapRunArn'],
	mapRunFailedEventDetails: ERROR,
	evaluationFailedEventDetails: ['error', 'cause', 'location', 'state']
};

/** The details object each event type carries (HistoryEvent page); the others carry none. */
function detailsKeyOf(type: string): string | undefined {
	if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
	if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
	if (/^(Parallel|Map)State(Started|Succeeded|Failed|Aborted)$/.test(type))
		return type === 'MapStateStarted' ? 'mapStateStartedEventDetails' : undefined;
	if (/^(TaskState|WaitState)Aborted$|^LambdaFunctionStarted$|^MapRunSucceeded$/.test(type))
		return undefined;
	if (type === 'ActivityStarted') return undefined; // workerName is optional
	return `${type[0].toLowerCase()}${type.slice(1)}EventDetails`;
}

/** Every event has exactly the API's fields, and its payloads are JSON text. */
function expectAwsShaped(events: readonly HistoryEvent[]): void {
	events.forEach((e, i) => {
		expect(e.id).toBe(i + 1);
		const plain = awsShape(e);
		const key = detailsKeyOf(e.type);
		const extra = Object.keys(plain).filter(
			(k) => !['id', 'previousEventId', 'type'].includes(k) && k !== key
		);
		expect(extra, `${e.type} has ${extra.join(', ')}`).toEqual([]);
		if (!key) return;
		const details = plain[key] as Record<string, unknown>;
		expect(details, `${e.type} lacks ${key}`).toBeTypeOf('object');
		const unknown = Object.keys(details).filter((k) => !API_DETAILS[key].includes(k));
		expect(unknown, `${key} has ${unknown.join(', ')}`).toEqual([]);
		for (const field of ['input', 'output', 'parameters'] as const) {
			if (field in details) {
				expect(details[field]).toBeTypeOf('string');
				expect(() => JSON.parse(details[field] as string)).not.toThrow();
				if (field !== 'parameters')
					expect(details[`${field}Details`]).toEqual({ truncated: false });
			}
		}
		for (const value of Object.values(
			(details.assignedVariables ?? {}) as Record<string, unknown>
		)) {
			expect(value).toBeTypeOf('string');
		}
	});
}

describe('history events: AWS API shape', () => {
	it("matches GetExecutionHistory's HelloWorld example", async () => {
		const events = await run({
			StartAt: 'HelloWorld',
			States: { HelloWorld: { Type: 'Pass', Result: 'Hello World!', End: true } }
		});
		const roleArn = events[0].executionStartedEventDetails!.roleArn;
		expect(roleArn).toMatch(/^arn:aws:iam::\d{12}:role\//);
		// API_GetExecutionHistory.html, "HelloWorld Execution History" (timestamps left out).
		expect(events.map(awsShape)).toEqual([
			{
				executionStartedEventDetails: {
					input: '{}',
					inputDetails: { truncated: false },
					roleArn
				},
				type: 'ExecutionStarted',
				id: 1,
				previousEventId: 0
			},
			{
				type: 'PassStateEntered',
				id: 2,
				stateEnteredEventDetails: {
					input: '{}',
					inputDetails: { truncated: false },
					name: 'HelloWorld'
				},
				previousEventId: 0
			},
			{
				stateExitedEventDetails: {
					output: '"Hello World!"',
					outputDetails: { truncated: false },
					name: 'HelloWorld'
				},
				type: 'PassStateExited',
				id: 3,
				previousEventId: 2
			},
			{
				executionSucceededEventDetails: {
					output: '"Hello World!"',
					outputDetails: { truncated: false }
				},
				type: 'ExecutionSucceeded',
				id: 4,
				previousEventId: 3
			}
		]);
		expect(events[0].startTime).toBeTypeOf('number');
	});

	it('gives every event type only the fields of the API reference', async () => {
		const events = await run(
			{
				StartAt: 'Assign',
				States: {
					Assign: { Type: 'Pass', Assign: { x: 1, s: 'a' }, Next: 'Invoke' },
					Invoke: {
						Type: 'Task',
						Resource: 'arn:aws:states:::lambda:invoke',
						Parameters: { FunctionName: 'echo', 'Payload.$': '$' },
						TimeoutSeconds: 30,
						HeartbeatSeconds: 10,
						ResultSelector: { 'p.$': '$.Payload' },
						Next: 'Function'
					},
					Function: {
						Type: 'Task',
						Resource: 'arn:aws:lambda:us-east-1:123456789012:function:echo',
						TimeoutSeconds: 5,
						Next: 'Sdk'
					},
					Sdk: {
						Type: 'Task',
						Resource: 'arn:aws:states:::aws-sdk:s3:listBuckets',
						Parameters: {},
						ResultPath: null,
						Next: 'Activity'
					},
					Activity: {
						Type: 'Task',
						Resource: 'arn:aws:states:us-east-1:123456789012:activity:work',
						HeartbeatSeconds: 20,
						ResultPath: null,
						Next: 'Map'
					},
					Map: {
						Type: 'Map',
						ItemsPath: '$$.Execution.Input.items',
						ItemSelector: { 'i.$': '$$.Map.Item.Index' },
						ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } },
						ResultPath: '$.map',
						Next: 'Par'
					},
					Par: {
						Type: 'Parallel',
						Branches: [
							{ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, End: true } } },
							{ StartAt: 'S', States: { S: { Type: 'Succeed' } } }
						],
						ResultPath: null,
						Next: 'Choose'
					},
					Choose: {
						Type: 'Choice',
						Choices: [{ Variable: '$.map[0].i', NumericEquals: 0, Next: 'Done' }],
						Default: 'Done'
					},
					Done: { Type: 'Succeed' }
				}
			},
			{ items: ['a', 'b'] }
		);
		expect(events.at(-1)!.type).toBe('ExecutionSucceeded');
		expectAwsShaped(events);
		expect(events.map((e) => e.type)).toContain('ActivityScheduled');
	});

	it('records failures, retries, catches, timeouts and aborts in the API shape', async () => {
		const failing: InvokeTask = async () => ({ ok: false, Error: 'Boom', Cause: 'always' });
		const failed = await run(
			{
				StartAt: 'T',
				States: {
					T: {
						Type: 'Task',
						Resource: 'arn:aws:states:::lambda:invoke',
						Parameters: { FunctionName: 'f' },
						Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 1 }],
						Catch: [{ ErrorEquals: ['States.ALL'], Next: 'M' }]
					},
					M: {
						Type: 'Map',
						ItemProcessor: {
							StartAt: 'F',
							States: { F: { Type: 'Fail', Error: 'E', Cause: 'C' } }
						},
						ItemsPath: '$$.Execution.Input',
						End: true
					}
				}
			},
			[1, 2],
			{ invokeTask: failing }
		);
		expect(failed.at(-1)!.type).toBe('ExecutionFailed');
		expectAwsShaped(failed);
		const timedOut = await run({
			TimeoutSeconds: 1,
			StartAt: 'P',
			States: {
				P: {
					Type: 'Parallel',
					Branches: [{ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 5, End: true } } }],
					End: true
				}
			}
		});
		expect(timedOut.at(-1)!.type).toBe('ExecutionTimedOut');
		expectAwsShaped(timedOut);
		const execution = startExecution(
			def({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 5, End: true } } }),
			{}
		);
		await execution.step();
		execution.abort();
		expect(execution.events.at(-1)!.type).toBe('ExecutionAborted');
		expectAwsShaped(execution.events);
	});
});

describe('history events: task details', () => {
	it('names the service and the action of a service integration in TaskScheduled', async () => {
		const events = await run({
			StartAt: 'T',
			States: {
				T: {
					Type: 'Task',
					Resource: 'arn:aws:states:::lambda:invoke',
					Parameters: { FunctionName: 'echo', Payload: { a: 1 } },
					TimeoutSeconds: 30,
					HeartbeatSeconds: 10,
					Next: 'Sdk'
				},
				Sdk: {
					Type: 'Task',
					Resource: 'arn:aws:states:::aws-sdk:s3:listBuckets',
					Parameters: {},
					End: true
				}
			}
		});
		const scheduled = events.filter((e) => e.type === 'TaskScheduled');
		// As GetExecutionHistory records them (localstack snapshots: lambda / invoke with the
		// region and the parameters as JSON text; aws-sdk:<service> / <action>).
		expect(scheduled.map((e) => e.taskScheduledEventDetails)).toEqual([
			{
				resourceType: 'lambda',
				resource: 'invoke',
				region: 'us-east-1',
				parameters: '{"FunctionName":"echo","Payload":{"a":1}}',
				timeoutInSeconds: 30,
				heartbeatInSeconds: 10
			},
			{ resourceType: 'aws-sdk:s3', resource: 'listBuckets', region: 'us-east-1', parameters: '{}' }
		]);
		const started = events.filter((e) => e.type === 'TaskStarted');
		expect(started.map((e) => e.taskStartedEventDetails)).toEqual([
			{ resourceType: 'lambda', resource: 'invoke' },
			{ resourceType: 'aws-sdk:s3', resource: 'listBuckets' }
		]);
		const succeeded = events.find((e) => e.type === 'TaskSucceeded')!.taskSucceededEventDetails!;
		expect(succeeded.resourceType).toBe('lambda');
		expect(succeeded.resource).toBe('invoke');
		expect(JSON.parse(succeeded.output).Payload).toEqual({ a: 1 });
	});

	it('records assignedVariables only for states that assign, each value as JSON text', async () => {
		const events = await run({
			StartAt: 'A',
			States: {
				A: { Type: 'Pass', Assign: { n: 1, s: 'x', o: { k: [true] } }, Next: 'B' },
				B: { Type: 'Pass', End: true }
			}
		});
		const exits = events.filter((e) => e.type === 'PassStateExited');
		expect(JSON.parse(JSON.stringify(exits[0].stateExitedEventDetails))).toEqual({
			name: 'A',
			output: '{}',
			outputDetails: { truncated: false },
			assignedVariables: { n: '1', s: '"x"', o: '{"k":[true]}' },
			assignedVariablesDetails: { truncated: false }
		});
		expect(JSON.parse(JSON.stringify(exits[1].stateExitedEventDetails))).toEqual({
			name: 'B',
			output: '{}',
			outputDetails: { truncated: false }
		});
	});
});

describe('history events: previousEventId', () => {
	// Each expectation below is the chain an AWS recording shows for the same machine
	// (localstack/localstack tests/aws/services/stepfunctions/v2/scenarios/
	// test_base_scenarios.snapshot.json and context_object/test_context_object.snapshot.json).

	it('starts the first state at 0 and chains Map iterations past their Succeeded events', async () => {
		const events = await run({
			StartAt: 'StartState',
			States: {
				StartState: { Type: 'Pass', Result: { arr: [1, 'Hello'] }, Next: 'MapState' },
				MapState: {
					Type: 'Map',
					ItemsPath: '$.arr',
					ItemProcessor: {
						StartAt: 'HandleItem',
						States: { HandleItem: { Type: 'Pass', End: true } }
					},
					ResultPath: null,
					Next: 'Final'
				},
				Final: { Type: 'Pass', End: true }
			}
		});
		expect(chain(events)).toEqual([
			[1, 0, 'ExecutionStarted'],
			[2, 0, 'PassStateEntered'],
			[3, 2, 'PassStateExited'],
			[4, 3, 'MapStateEntered'],
			[5, 4, 'MapStateStarted'],
			[6, 5, 'MapIterationStarted'],
			[7, 6, 'PassStateEntered'],
			[8, 7, 'PassStateExited'],
			[9, 8, 'MapIterationSucceeded'],
			[10, 8, 'MapIterationStarted'],
			[11, 10, 'PassStateEntered'],
			[12, 11, 'PassStateExited'],
			[13, 12, 'MapIterationSucceeded'],
			[14, 13, 'MapStateSucceeded'],
			[15, 13, 'MapStateExited'],
			[16, 15, 'PassStateEntered'],
			[17, 16, 'PassStateExited'],
			[18, 17, 'ExecutionSucceeded']
		]);
	});

	it('chains a failed, retried and caught Map to the failing state', async () => {
		const events = await run({
			StartAt: 'StartState',
			States: {
				StartState: { Type: 'Pass', Result: { arr: [1] }, Next: 'MapState' },
				MapState: {
					Type: 'Map',
					ItemsPath: '$.arr',
					Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1 }],
					Catch: [{ ErrorEquals: ['States.ALL'], Next: 'FinalCaught' }],
					ItemProcessor: {
						StartAt: 'HandleItemFail',
						States: {
							HandleItemFail: {
								Type: 'Fail',
								Error: 'HandleItemFailError',
								Cause: 'HandleItemFailCause'
							}
						}
					},
					End: true
				},
				FinalCaught: { Type: 'Pass', End: true }
			}
		});
		expect(chain(events)).toEqual([
			[1, 0, 'ExecutionStarted'],
			[2, 0, 'PassStateEntered'],
			[3, 2, 'PassStateExited'],
			[4, 3, 'MapStateEntered'],
			[5, 4, 'MapStateStarted'],
			[6, 5, 'MapIterationStarted'],
			[7, 6, 'FailStateEntered'],
			[8, 7, 'MapIterationFailed'],
			[9, 7, 'MapStateStarted'],
			[10, 9, 'MapIterationStarted'],
			[11, 10, 'FailStateEntered'],
			[12, 11, 'MapIterationFailed'],
			[13, 11, 'MapStateFailed'],
			[14, 13, 'MapStateExited'],
			[15, 14, 'PassStateEntered'],
			[16, 15, 'PassStateExited'],
			[17, 16, 'ExecutionSucceeded']
		]);
	});

	it('ends a failed Map after its failing state and fails the execution after MapStateFailed', async () => {
		const events = await run(
			{
				StartAt: 'MapState',
				States: {
					MapState: {
						Type: 'Map',
						ItemProcessor: {
							StartAt: 'Equals3',
							States: {
								Equals3: {
									Type: 'Choice',
									Choices: [{ Variable: '$', NumericEquals: 3, Next: 'Break' }],
									Default: 'Pass'
								},
								Pass: { Type: 'Pass', End: true },
								Break: { Type: 'Fail', Error: 'SomeFailure' }
							}
						},
						End: true
					}
				}
			},
			[1, 3]
		);
		expect(chain(events)).toEqual([
			[1, 0, 'ExecutionStarted'],
			[2, 0, 'MapStateEntered'],
			[3, 2, 'MapStateStarted'],
			[4, 3, 'MapIterationStarted'],
			[5, 4, 'ChoiceStateEntered'],
			[6, 5, 'ChoiceStateExited'],
			[7, 6, 'PassStateEntered'],
			[8, 7, 'PassStateExited'],
			[9, 8, 'MapIterationSucceeded'],
			[10, 8, 'MapIterationStarted'],
			[11, 10, 'ChoiceStateEntered'],
			[12, 11, 'ChoiceStateExited'],
			[13, 12, 'FailStateEntered'],
			[14, 13, 'MapIterationFailed'],
			[15, 13, 'MapStateFailed'],
			[16, 15, 'ExecutionFailed']
		]);
	});

	it('exits a Parallel state after its branches last event', async () => {
		const events = await run({
			StartAt: 'ParallelState',
			States: {
				ParallelState: {
					Type: 'Parallel',
					Branches: [
						{ StartAt: 'Branch1', States: { Branch1: { Type: 'Pass', End: true } } },
						{ StartAt: 'Branch2', States: { Branch2: { Type: 'Pass', End: true } } }
					],
					End: true
				}
			}
		});
		const ids = new Map(events.map((e) => [e.type, e] as const));
		const lastBranchEvent = events.filter((e) => e.branch !== undefined).at(-1)!;
		expect(ids.get('ParallelStateSucceeded')!.previousEventId).toBe(lastBranchEvent.id);
		// test_parallel_state: ParallelStateExited (id 19) points at the last branch event (17).
		expect(ids.get('ParallelStateExited')!.previousEventId).toBe(lastBranchEvent.id);
		expect(ids.get('ExecutionSucceeded')!.previousEventId).toBe(ids.get('ParallelStateExited')!.id);
	});
});
