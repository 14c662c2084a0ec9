import {
	compareSchedules,
	latencyModel,
	startExecution,
	type ExecutionOptions,
	type HistoryEvent,
	type InvokeTask,
	type JsonValue,
	type StateMachineDefinition
} from '../../engine/index.js';
import { imagePipeline } from '../../src/lib/examples/image-pipeline.js';

/** Real engine histories for the timeline tests. */

export const echo: InvokeTask = async (r) => ({ ok: true, output: r.payload });
export const boom: InvokeTask = async () => ({ ok: false, Error: 'Boom', Cause: 'x' });

const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

/** Runs a definition to its end and returns the history as the page receives it (plain JSON). */
export async function history(
	definition: object,
	input: JsonValue = {},
	options: ExecutionOptions = {}
): Promise<HistoryEvent[]> {
	const execution = startExecution(definition as StateMachineDefinition, input, {
		invokeTask: echo,
		...options
	});
	await execution.runToEnd();
	return JSON.parse(JSON.stringify(execution.events)) as HistoryEvent[];
}

/** The image example (3 s / 2 s / 1 s branches), as written and sequentialised. */
export function imageComparison() {
	return compareSchedules(
		JSON.parse(imagePipeline.definition) as StateMachineDefinition,
		JSON.parse(imagePipeline.input),
		{
			invokeTask: echo,
			taskLatencyMs: latencyModel(imagePipeline.latency!)
		}
	);
}

/** A task that always fails: 1 s then 2 s of backoff, three attempts of 100 ms. */
export const RETRIED = {
	StartAt: 'Flaky',
	States: {
		Flaky: {
			Type: 'Task',
			Resource: fn('flaky'),
			Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 2 }],
			End: true
		}
	}
};

/** A Map over its input, each item a task. */
export const mapOf = (maxConcurrency: number) => ({
	StartAt: 'EachItem',
	States: {
		EachItem: {
			Type: 'Map',
			MaxConcurrency: maxConcurrency,
			ItemProcessor: {
				StartAt: 'Work',
				States: { Work: { Type: 'Task', Resource: fn('work'), End: true } }
			},
			End: true
		}
	}
});

/** A Pass, a 2 s Wait, then a 500 ms task. */
export const WAITING = {
	StartAt: 'Prepare',
	States: {
		Prepare: { Type: 'Pass', Next: 'Pause' },
		Pause: { Type: 'Wait', Seconds: 2, Next: 'Work' },
		Work: { Type: 'Task', Resource: fn('work'), End: true }
	}
};

/** A Parallel whose second branch fails while the others still run (a task and a 5 s Wait). */
export const FAILING_BRANCH = {
	StartAt: 'Fan',
	States: {
		Fan: {
			Type: 'Parallel',
			Branches: [
				{ StartAt: 'Slow', States: { Slow: { Type: 'Task', Resource: fn('slow'), End: true } } },
				{
					StartAt: 'Breaks',
					States: { Breaks: { Type: 'Task', Resource: fn('breaks'), End: true } }
				},
				{ StartAt: 'Nap', States: { Nap: { Type: 'Wait', Seconds: 5, End: true } } }
			],
			End: true
		}
	}
};

/** A Map (two at a time) in the first branch of a Parallel: one state, four lanes. */
export const MAP_IN_BRANCH = {
	StartAt: 'Fan',
	States: {
		Fan: {
			Type: 'Parallel',
			Branches: [
				{
					StartAt: 'Each',
					States: { Each: { ...mapOf(2).States.EachItem, ItemsPath: '$.items' } }
				},
				{ StartAt: 'Other', States: { Other: { Type: 'Task', Resource: fn('other'), End: true } } }
			],
			End: true
		}
	}
};

/** How many events playback has revealed once it reaches `ms` (all those stamped at or before it). */
export function revealedAt(events: readonly HistoryEvent[], ms: number): number {
	return events.filter((e) => e.timestamp <= ms).length;
}
