import { describe, expect, it } from 'vitest';
import { stateStatuses } from '../../engine/index.js';
import { stateVisits, visitAt, visitAsOf, visitsOf } from '../../src/lib/run/visits.js';
import {
	history,
	invoker,
	lambda,
	latency,
	MIXED,
	mixedInvoker,
	thrown,
	ZERO_TIME_LOOP
} from './histories.js';

const mixed = await history(MIXED, {}, { invokeTask: mixedInvoker, taskLatencyMs: latency });

describe('state visits', () => {
	it('groups a history into visits with input, output, stages and lanes', () => {
		const visits = stateVisits(mixed);
		expect(visits.map((v) => `${v.stateName}@${v.lane}`)).toEqual([
			'Fetch@',
			'Fan@',
			'Left@branch 0',
			'Each@branch 1',
			'Double@branch 1 › iteration 0',
			'Double@branch 1 › iteration 1',
			'Double@branch 1 › iteration 2',
			'Pause@'
		]);
		const each = visits[3];
		expect(each).toMatchObject({
			type: 'Map',
			status: 'succeeded',
			input: { items: [1, 2, 3] },
			output: [2, 4, 6],
			branch: 1
		});
		expect(each.stages?.map((s) => s.name)).toEqual(['Result']);
		const pause = visits[7];
		expect(pause).toMatchObject({ type: 'Wait', enteredAt: 1760, exitedAt: 4760, attempts: 0 });
	});

	it('counts attempts, keeps every failure and collects logs per attempt', () => {
		const [fetch] = visitsOf(mixed, 'Fetch');
		expect(fetch.status).toBe('succeeded');
		expect(fetch.attempts).toBe(2);
		expect(fetch.error).toBeUndefined();
		expect(fetch.failures).toEqual([expect.objectContaining({ error: 'Flaky', eventId: 5 })]);
		expect(fetch.logs).toEqual([
			{ level: 'warn', message: 'flaky', atMs: 2, eventId: 5, attempt: 1 },
			{ level: 'log', message: 'fetched 3', atMs: 5, eventId: 8, attempt: 2 }
		]);
	});

	it('finds the visit of an event, also for Map iteration events', () => {
		expect(visitAt(mixed, 19)?.lane).toBe('branch 1 › iteration 0');
		expect(visitAt(mixed, 17)?.stateName).toBe('Each'); // MapIterationStarted
		expect(visitAt(mixed, 1)).toBeUndefined(); // ExecutionStarted
		expect(visitsOf(mixed, 'Double').map((v) => v.iteration)).toEqual([0, 1, 2]);
	});

	it('agrees with stateStatuses on the latest visit of each state', () => {
		const statuses = stateStatuses(mixed);
		for (const v of stateVisits(mixed)) expect(statuses.get(v.stateName)).toBe(v.status);
	});

	it('shows a visit as it was at an earlier moment', async () => {
		const [fetch] = visitsOf(mixed, 'Fetch');
		expect(visitAsOf(fetch, 1)).toBeUndefined();
		const running = visitAsOf(fetch, 4)!;
		expect(running).toMatchObject({ status: 'running', attempts: 1, output: undefined, logs: [] });
		const failed = visitAsOf(fetch, 5)!;
		expect(failed.status).toBe('failed');
		expect(failed.error?.error).toBe('Flaky');
		expect(failed.logs).toHaveLength(1);
		expect(visitAsOf(fetch, 6)).toMatchObject({ status: 'retrying', attempts: 2 });
		expect(visitAsOf(fetch, 8)?.output).toBeUndefined();
		expect(visitAsOf(fetch, 9)).toBe(fetch);
		expect(visitAsOf(fetch, 9)?.output).toEqual({ items: [1, 2, 3] });
	});

	it('records the loop visits of a run that takes no time', async () => {
		const events = await history(ZERO_TIME_LOOP);
		const inc = visitsOf(events, 'Inc');
		expect(inc.map((v) => v.output)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
		expect(inc[0].stages).toEqual([{ name: 'Parameters', value: '{"n":1}' }]);
	});

	it('keeps the error of an activity task, recorded with Activity… events', async () => {
		const events = await history(
			{
				StartAt: 'Work',
				States: {
					Work: {
						Type: 'Task',
						Resource: 'arn:aws:states:us-east-1:123456789012:activity:review',
						End: true
					}
				}
			},
			{},
			{ invokeTask: async () => ({ ok: false, Error: 'Rejected', Cause: 'not today' }) }
		);
		const failed = events.find((e) => e.type === 'ActivityFailed');
		const [work] = visitsOf(events, 'Work');
		expect(work.status).toBe('failed');
		expect(work.error).toEqual({ error: 'Rejected', cause: 'not today', eventId: failed?.id });
	});

	it('keeps assigned variables, parsed', async () => {
		const events = await history({
			StartAt: 'A',
			States: { A: { Type: 'Pass', Assign: { total: 3, who: 'me' }, End: true } }
		});
		expect(visitsOf(events, 'A')[0].assignedVariables).toEqual({ total: 3, who: 'me' });
	});

	it('ends a Choice that matched nothing in a failed branch, with the error caught by the Parallel', async () => {
		const events = await history(
			{
				StartAt: 'P',
				States: {
					P: {
						Type: 'Parallel',
						Branches: [
							{
								StartAt: 'C',
								States: {
									C: {
										Type: 'Choice',
										Choices: [{ Variable: '$.x', NumericEquals: 1, Next: 'S' }]
									},
									S: { Type: 'Succeed' }
								}
							},
							{ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 5, End: true } } }
						],
						Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Done' }],
						End: true
					},
					Done: { Type: 'Succeed' }
				}
			},
			{ x: 2 }
		);
		const [p] = visitsOf(events, 'P');
		const [c] = visitsOf(events, 'C');
		const [w] = visitsOf(events, 'W');
		expect(p.status).toBe('caught');
		expect(p.error).toMatchObject({ error: 'States.NoChoiceMatched' });
		expect(c.status).toBe('failed'); // stateStatuses leaves it running: no event says otherwise
		expect(c.error?.error).toBe('States.NoChoiceMatched');
		expect(w.status).toBe('aborted');
		expect(p.stages?.map((s) => s.name)).toEqual(['Error output']);
	});

	it('marks a task that failed in a branch as failed, then aborted like AWS, with its error', async () => {
		const events = await history(
			{
				StartAt: 'P',
				States: {
					P: {
						Type: 'Parallel',
						Branches: [
							{
								StartAt: 'T',
								States: { T: { Type: 'Task', Resource: lambda('boom'), End: true } }
							},
							{
								StartAt: 'Slow',
								States: { Slow: { Type: 'Task', Resource: lambda('slow'), End: true } }
							}
						],
						End: true
					}
				}
			},
			{},
			{
				invokeTask: invoker({
					boom: () => thrown('Boom', 'it broke'),
					slow: () => ({ ok: true, output: 1, elapsedMs: 5000 })
				})
			}
		);
		const [t] = visitsOf(events, 'T');
		const [slow] = visitsOf(events, 'Slow');
		const [p] = visitsOf(events, 'P');
		expect(t.error?.error).toBe('Boom');
		expect(t.statusChanges.map((c) => c.status)).toEqual(['running', 'failed', 'aborted']);
		expect(slow.status).toBe('aborted');
		expect(p).toMatchObject({
			status: 'failed',
			error: expect.objectContaining({ error: 'Boom' })
		});
	});

	it('fails the visits left running when a run-time error ends the execution', async () => {
		const events = await history({
			StartAt: 'A',
			States: { A: { Type: 'Pass', InputPath: '$.missing', End: true } }
		});
		const [a] = visitsOf(events, 'A');
		expect(a.status).toBe('failed');
		expect(a.error?.error).toBe('States.Runtime');
	});
});

describe('visit lookup', async () => {
	const { enteredCount, visitIndexOf, visitPlace } = await import('../../src/lib/run/visits.js');
	const doubles = visitsOf(mixed, 'Double'); // entered at 18, 22, 26
	it('counts visits entered by playback', () => {
		expect([17, 18, 25, 26, 99].map((n) => enteredCount(doubles, n))).toEqual([0, 1, 2, 3, 3]);
	});
	it('finds the visit of an event', () => {
		expect(visitIndexOf(doubles, 23)).toBe(1);
		expect(visitIndexOf(doubles, 37)).toBe(2);
		expect(visitIndexOf(doubles, 1)).toBe(-1);
	});
	it('names where a visit ran', () => {
		expect(visitPlace(doubles[2])).toBe('branch 1 › iteration 2');
		expect(visitPlace(visitsOf(mixed, 'Fetch')[0])).toBe('top level');
	});
});
