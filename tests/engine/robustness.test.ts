import { describe, expect, it } from 'vitest';
import {
	startExecution,
	type InvokeTask,
	type JsonValue,
	type StateMachineDefinition
} from '../../engine/index.js';

/**
 * Invariants found by running generated state machines (see tests/engine/cases/robustness for
 * the ones a case can pin): the engine never throws out of `runToEnd()`, whatever a task runner
 * answers within its type.
 */

const def = (d: unknown) => d as StateMachineDefinition;
const task = (resource: string) =>
	def({ StartAt: 'T', States: { T: { Type: 'Task', Resource: resource, End: true } } });

describe('a task runner that answers with no output', () => {
	const nothing: InvokeTask = async () => ({ ok: true, output: undefined as unknown as JsonValue });

	it.each([
		['a Lambda ARN', 'arn:aws:lambda:us-east-1:123456789012:function:f', null],
		['a service integration', 'arn:aws:states:::dynamodb:putItem', null]
	])('gives null from %s, as a Lambda function that returns nothing', async (_, resource, out) => {
		const ex = startExecution(task(resource), {}, { invokeTask: nothing });
		const outcome = await ex.runToEnd();
		expect([outcome.status, outcome.output]).toEqual(['SUCCEEDED', out]);
	});

	it('gives null as the Payload of lambda:invoke', async () => {
		const ex = startExecution(
			def({
				StartAt: 'T',
				States: {
					T: {
						Type: 'Task',
						Resource: 'arn:aws:states:::lambda:invoke',
						Parameters: { FunctionName: 'f' },
						OutputPath: '$.Payload',
						End: true
					}
				}
			}),
			{},
			{ invokeTask: nothing }
		);
		const outcome = await ex.runToEnd();
		expect([outcome.status, outcome.output]).toEqual(['SUCCEEDED', null]);
	});
});

describe('a Distributed Map child execution that never ends', () => {
	const spinning = (type: 'STANDARD' | 'EXPRESS', inner: 'Pass' | 'Parallel') =>
		def({
			StartAt: 'Each',
			States: {
				Each: {
					Type: 'Map',
					ItemProcessor: {
						ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: type },
						StartAt: 'Spin',
						States: {
							Spin:
								inner === 'Pass'
									? { Type: 'Pass', Next: 'Spin2' }
									: {
											Type: 'Parallel',
											Branches: [
												{ StartAt: 'B', States: { B: { Type: 'Wait', Seconds: 1, End: true } } },
												{ StartAt: 'C', States: { C: { Type: 'Pass', End: true } } }
											],
											Next: 'Spin2'
										},
							Spin2: { Type: 'Pass', Next: 'Spin' }
						}
					},
					End: true
				}
			}
		});

	it.each([
		['STANDARD', 'Pass'],
		['EXPRESS', 'Pass'],
		['STANDARD', 'Parallel'],
		['EXPRESS', 'Parallel']
	] as const)(
		'ends at its own history limit (%s, looping through a %s state): one failed item',
		async (type, inner) => {
			const ex = startExecution(spinning(type, inner), [1, 2], { maxEvents: 200 });
			const outcome = await ex.runToEnd();
			expect([outcome.status, outcome.error]).toEqual([
				'FAILED',
				'States.ExceedToleratedFailureThreshold'
			]);
			expect(ex.events.map((e) => e.type)).toEqual([
				'ExecutionStarted',
				'MapStateEntered',
				'MapStateStarted',
				'MapRunStarted',
				'MapRunFailed',
				'MapStateFailed',
				'ExecutionFailed'
			]);
		}
	);
});

describe('values nested deeper than JSON.stringify can recurse', () => {
	const deep = (levels: number): JsonValue => {
		let v: JsonValue = 1;
		for (let i = 0; i < levels; i++) v = [v];
		return v;
	};
	const pass = def({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });

	it('fail an execution given such an input, which the history still records', async () => {
		const ex = startExecution(pass, deep(20_000));
		const outcome = await ex.runToEnd();
		expect([outcome.status, outcome.error]).toEqual(['FAILED', 'States.Runtime']);
		expect(ex.events.map((e) => e.type)).toEqual(['ExecutionStarted', 'ExecutionFailed']);
		const input = ex.events[0].executionStartedEventDetails!.input;
		expect([input.length, input.slice(0, 3), input.slice(-3)]).toEqual([40_001, '[[[', ']]]']);
	});

	it('fail a state whose output is deep past a long string, where the size bound stops', async () => {
		const deepText = '['.repeat(2000) + ']'.repeat(2000);
		const ex = startExecution(
			def({
				StartAt: 'P',
				States: {
					P: {
						Type: 'Pass',
						Parameters: { 's.$': '$.s', 'd.$': 'States.StringToJson($.t)' },
						End: true
					}
				}
			}),
			{ s: 'x'.repeat(100_000), t: deepText }
		);
		const outcome = await ex.runToEnd();
		expect([outcome.status, outcome.error]).toEqual(['FAILED', 'States.Runtime']);
	});

	it('fail the task whose runner answers with one, and no Catch takes it', async () => {
		const ex = startExecution(
			def({
				StartAt: 'T',
				States: {
					T: {
						Type: 'Task',
						Resource: 'arn:aws:states:::dynamodb:getItem',
						Catch: [{ ErrorEquals: ['States.ALL'], Next: 'C' }],
						End: true
					},
					C: { Type: 'Pass', End: true }
				}
			}),
			{},
			{ invokeTask: async () => ({ ok: true, output: deep(20_000) }) }
		);
		const outcome = await ex.runToEnd();
		expect([outcome.status, outcome.error]).toEqual(['FAILED', 'States.Runtime']);
		expect(ex.events.map((e) => e.type).slice(-3)).toEqual([
			'TaskStarted',
			'TaskFailed',
			'ExecutionFailed'
		]);
	});
});

describe('guard-rail options out of range', () => {
	const wait = def({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 5, End: true } } });

	it.each([0, 1, -1])('maxEvents %d counts as 2: started, then failed at the limit', async (n) => {
		const ex = startExecution(wait, {}, { maxEvents: n });
		const outcome = await ex.runToEnd();
		expect([outcome.status, outcome.error]).toEqual(['FAILED', 'States.Runtime']);
		expect(ex.events.map((e) => e.type)).toEqual(['ExecutionStarted', 'ExecutionFailed']);
	});

	it('a negative maxDurationMs counts as 0: no event before the start', async () => {
		const ex = startExecution(wait, {}, { maxDurationMs: -5 });
		const outcome = await ex.runToEnd();
		expect([outcome.status, outcome.durationMs]).toEqual(['TIMED_OUT', 0]);
		expect(ex.events.every((e) => e.timestamp === 0)).toBe(true);
	});
});
