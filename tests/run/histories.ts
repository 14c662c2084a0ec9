import {
	startExecution,
	type ExecutionOptions,
	type HistoryEvent,
	type InvokeTask,
	type JsonValue,
	type StateMachineDefinition,
	type TaskResult
} from '../../engine/index.js';

/**
 * Runs a definition in the engine and returns its history as the page receives it: through
 * `JSON.stringify`/`JSON.parse`, so plain objects.
 */
export async function history(
	definition: object,
	input: JsonValue = {},
	options: ExecutionOptions = {}
): Promise<HistoryEvent[]> {
	const execution = startExecution(definition as StateMachineDefinition, input, {
		recordStages: true,
		...options
	});
	await execution.runToEnd();
	return JSON.parse(JSON.stringify(execution.events)) as HistoryEvent[];
}

/** An invoker answering from a table of functions by function name (or resource). */
export function invoker(
	table: Record<string, (payload: JsonValue, attempt: number) => TaskResult>
): InvokeTask {
	return async (request) => {
		const name = (request.functionName ?? request.resource).replace(/^.*:function:/, '');
		const fn = table[name];
		if (!fn)
			return {
				ok: false,
				Error: 'Lambda.ResourceNotFoundException',
				Cause: `Function not found: ${name}`
			};
		return fn(request.payload, request.attempt);
	};
}

export const lambda = (name: string) => `arn:aws:lambda:us-east-1:111111111111:function:${name}`;

/** A Lambda error payload, as the sandbox reports a thrown error. */
export function thrown(errorType: string, errorMessage: string): TaskResult {
	return {
		ok: false,
		Error: errorType,
		Cause: JSON.stringify({
			errorMessage,
			errorType,
			requestId: 'r-1',
			stackTrace: [`${errorType}: ${errorMessage}`]
		})
	};
}

/** A loop of Pass states and a Choice that takes no virtual time at all. */
export const ZERO_TIME_LOOP = {
	StartAt: 'Init',
	States: {
		Init: { Type: 'Pass', Result: { n: 0 }, Next: 'Inc' },
		Inc: {
			Type: 'Pass',
			Parameters: { 'n.$': 'States.MathAdd($.n, 1)' },
			Next: 'Done?'
		},
		'Done?': {
			Type: 'Choice',
			Choices: [{ Variable: '$.n', NumericGreaterThanEquals: 3, Next: 'End' }],
			Default: 'Inc'
		},
		End: { Type: 'Succeed' }
	}
};

/** Two tasks with latency, a retry, a Parallel with a Map inside, then a Wait. */
export const MIXED = {
	StartAt: 'Fetch',
	States: {
		Fetch: {
			Type: 'Task',
			Resource: lambda('fetch'),
			Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1, MaxAttempts: 2 }],
			Next: 'Fan'
		},
		Fan: {
			Type: 'Parallel',
			Branches: [
				{
					StartAt: 'Left',
					States: { Left: { Type: 'Task', Resource: lambda('left'), End: true } }
				},
				{
					StartAt: 'Each',
					States: {
						Each: {
							Type: 'Map',
							ItemsPath: '$.items',
							ItemProcessor: {
								StartAt: 'Double',
								States: { Double: { Type: 'Task', Resource: lambda('double'), End: true } }
							},
							End: true
						}
					}
				}
			],
			Next: 'Pause'
		},
		Pause: { Type: 'Wait', Seconds: 3, End: true }
	}
};

export const mixedInvoker = invoker({
	fetch: (_p, attempt) =>
		attempt === 0
			? { ...thrown('Flaky', 'try again'), logs: [{ level: 'warn', message: 'flaky', atMs: 2 }] }
			: {
					ok: true,
					output: { items: [1, 2, 3] },
					logs: [{ level: 'log', message: 'fetched 3', atMs: 5 }]
				},
	left: () => ({ ok: true, output: 'left' }),
	double: (p) => ({ ok: true, output: (p as number) * 2, elapsedMs: 10 })
});

export const latency = () => 250;
