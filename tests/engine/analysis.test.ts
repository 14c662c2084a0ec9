import { describe, expect, it } from 'vitest';
import {
	compareSchedules,
	latencyModel,
	startExecution,
	stateStatuses,
	stateVisits,
	timelineLanes,
	type InvokeTask,
	type StateMachineDefinition
} from '../../engine/index.js';
import { imagePipeline } from '../../src/lib/examples/image-pipeline.js';

const echo: InvokeTask = async (r) => ({ ok: true, output: r.payload });
const failing: InvokeTask = async () => ({ ok: false, Error: 'Boom', Cause: 'always' });
const def = (d: unknown) => d as StateMachineDefinition;

describe('compareSchedules', () => {
	it('shows the seed article timing table: 3 s as written, 6 s sequentialised, ResizeImage critical', async () => {
		const c = await compareSchedules(
			def(JSON.parse(imagePipeline.definition)),
			{},
			{
				invokeTask: echo,
				taskLatencyMs: latencyModel(imagePipeline.latency!)
			}
		);
		expect(c.asWritten.outcome.durationMs).toBe(3000);
		expect(c.sequential.outcome.durationMs).toBe(6000);
		expect(c.speedup).toBe(2);
		expect(c.asWritten.criticalStates).toEqual([
			'RunTasksInParallel',
			'ResizeImage',
			'CompleteWorkflow'
		]);
		expect(c.sequential.criticalStates).toEqual([
			'RunTasksInParallel',
			'ResizeImage',
			'GenerateThumbnail',
			'ExtractMetadata',
			'CompleteWorkflow'
		]);
	});
});

describe('timelineLanes', () => {
	it('gives one lane per Parallel branch', async () => {
		const ex = startExecution(
			def(JSON.parse(imagePipeline.definition)),
			{},
			{
				invokeTask: echo,
				taskLatencyMs: latencyModel(imagePipeline.latency!)
			}
		);
		await ex.runToEnd();
		const lanes = timelineLanes(ex.events);
		expect(lanes.map((l) => [l.depth, l.label])).toEqual([
			[0, 'Main flow'],
			[1, 'RunTasksInParallel · branch 0'],
			[1, 'RunTasksInParallel · branch 1'],
			[1, 'RunTasksInParallel · branch 2']
		]);
		expect(lanes[1].visits.map((v) => [v.name, v.start, v.end])).toEqual([
			['ResizeImage', 0, 3000]
		]);
	});

	it('packs Map iterations into as many slots as MaxConcurrency allows', async () => {
		const map = def({
			StartAt: 'M',
			States: {
				M: {
					Type: 'Map',
					MaxConcurrency: 3,
					ItemProcessor: {
						StartAt: 'W',
						States: {
							W: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:w', End: true }
						}
					},
					End: true
				}
			}
		});
		const ex = startExecution(map, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], {
			invokeTask: echo,
			taskLatencyMs: () => 1000
		});
		const outcome = await ex.runToEnd();
		expect(outcome.durationMs).toBe(4000);
		const lanes = timelineLanes(ex.events);
		expect(lanes.filter((l) => l.depth === 1).map((l) => l.label)).toEqual([
			'M · slot 0',
			'M · slot 1',
			'M · slot 2'
		]);
		expect(lanes.slice(1).flatMap((l) => l.visits).length).toBe(10);
	});
});

describe('stateVisits', () => {
	it('splits a retried task into attempts and backoff waits', async () => {
		const ex = startExecution(
			def({
				StartAt: 'T',
				States: {
					T: {
						Type: 'Task',
						Resource: 'arn:aws:lambda:us-east-1:1:function:t',
						Retry: [{ ErrorEquals: ['Boom'], IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 2 }],
						End: true
					}
				}
			}),
			{},
			{ invokeTask: failing, taskLatencyMs: () => 100 }
		);
		await ex.runToEnd();
		const [visit] = stateVisits(ex.events);
		expect(visit.segments).toEqual([
			{ kind: 'attempt', start: 0, end: 100, outcome: 'failed' },
			{ kind: 'backoff', start: 100, end: 1100 },
			{ kind: 'attempt', start: 1100, end: 1200, outcome: 'failed' },
			{ kind: 'backoff', start: 1200, end: 3200 },
			{ kind: 'attempt', start: 3200, end: 3300, outcome: 'failed' }
		]);
		expect(visit.status).toBe('failed');
		expect(visit.end).toBe(3300);
	});

	it('marks a Wait visit as a wait segment', async () => {
		const ex = startExecution(
			def({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 5, End: true } } }),
			{}
		);
		await ex.runToEnd();
		expect(stateVisits(ex.events)[0].segments).toEqual([{ kind: 'wait', start: 0, end: 5000 }]);
	});
});

describe('a visit that fails without an event of its own', () => {
	// A Choice with no match fails its branch or iteration with no event in its lane: the lane's
	// end (MapIterationFailed, the Parallel or Map state's failure or retry) is where it failed.
	const pick = {
		StartAt: 'Pick',
		States: {
			Pick: {
				Type: 'Choice',
				Choices: [{ Variable: '$.go', BooleanEquals: true, Next: 'Slow' }]
			},
			Slow: { Type: 'Wait', Seconds: 1, End: true }
		}
	};
	const caught = [{ ErrorEquals: ['States.ALL'], Next: 'After' }];
	const after = { Type: 'Wait', Seconds: 5, End: true };

	async function run(definition: unknown, input: unknown) {
		const ex = startExecution(def(definition), input as never, { invokeTask: echo });
		await ex.runToEnd();
		expect(ex.status).toBe('SUCCEEDED');
		return ex.events;
	}

	it('failed in a Map iteration that failed, though the execution succeeded', async () => {
		const events = await run(
			{
				StartAt: 'Each',
				States: {
					Each: { Type: 'Map', ItemProcessor: pick, Catch: caught, End: true },
					After: after
				}
			},
			[{ go: true }, { go: false }]
		);
		expect(stateStatuses(events).get('Pick')).toBe('failed');
		const failed = stateVisits(events).find((v) => v.name === 'Pick' && v.iteration === 1)!;
		expect([failed.status, failed.end]).toEqual(['failed', 0]);
	});

	it('failed in a Parallel branch, at each attempt of a retried Parallel state', async () => {
		const events = await run(
			{
				StartAt: 'Fan',
				States: {
					Fan: {
						Type: 'Parallel',
						Branches: [pick],
						Retry: [{ ErrorEquals: ['States.NoChoiceMatched'], MaxAttempts: 1 }],
						Catch: caught,
						End: true
					},
					After: after
				}
			},
			{ go: false }
		);
		expect(stateStatuses(events).get('Pick')).toBe('failed');
		const visits = stateVisits(events).filter((v) => v.name === 'Pick');
		// Each failed as it was entered, before the Retry's 1 s backoff.
		expect(visits.map((v) => [v.status, v.start, v.end])).toEqual([
			['failed', 0, 0],
			['failed', 1000, 1000]
		]);
	});
});
