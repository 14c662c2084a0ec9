import { describe, expect, it } from 'vitest';
import { retriesError, taskStateNames } from '../../src/lib/playground/tasks.js';

const definition = {
	StartAt: 'Fetch',
	States: {
		Fetch: {
			Type: 'Task',
			Resource: 'arn:aws:lambda:us-east-1:123456789012:function:fetch',
			Retry: [
				{ ErrorEquals: ['Throttled'], MaxAttempts: 0 },
				{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2 }
			],
			Next: 'Fan'
		},
		Fan: {
			Type: 'Parallel',
			Branches: [
				{
					StartAt: 'Charge',
					States: {
						Charge: {
							Type: 'Task',
							Resource: 'arn:aws:lambda:us-east-1:123456789012:function:charge',
							Retry: [{ ErrorEquals: ['States.ALL'] }],
							End: true
						}
					}
				}
			],
			Next: 'Notify'
		},
		Notify: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', End: true }
	}
};

describe('taskStateNames', () => {
	it('finds Task states at every level', () => {
		expect([...taskStateNames(definition)].sort()).toEqual(['Charge', 'Fetch', 'Notify']);
	});
});

describe('retriesError', () => {
	it('is false for a Task without Retry', () => {
		expect(retriesError(definition, 'Notify', 'ServiceUnavailable')).toBe(false);
	});

	it('follows the first matching retrier, as the engine does', () => {
		expect(retriesError(definition, 'Fetch', 'ServiceUnavailable')).toBe(true);
		// Throttled matches the first retrier, which allows no retry.
		expect(retriesError(definition, 'Fetch', 'Throttled')).toBe(false);
		// States.TaskFailed does not match States.* errors such as a timeout.
		expect(retriesError(definition, 'Fetch', 'States.Timeout')).toBe(false);
	});

	it('looks inside branches, where States.ALL retries a timeout', () => {
		expect(retriesError(definition, 'Charge', 'States.Timeout')).toBe(true);
	});

	it('is false for unknown states and malformed Retry fields', () => {
		expect(retriesError(definition, 'Missing', 'X')).toBe(false);
		const odd = {
			StartAt: 'A',
			States: { A: { Type: 'Task', Retry: [null, { ErrorEquals: 'X' }] } }
		};
		expect(retriesError(odd, 'A', 'X')).toBe(false);
	});
});
