import {
	executionOutcome,
	latencyModel,
	startExecution,
	type ExecutionOutcome,
	type HistoryEvent,
	type InvokeTask
} from '../../../engine/index.js';
import type { RunRequest } from './messages.js';

/**
 * Runs one request to the end with the given task invoker, reporting new events in batches of at
 * most `batchSize` as they are appended. Shared by the worker and by Node tests.
 */
export async function runRequest(
	request: RunRequest,
	invokeTask: InvokeTask,
	onEvents: (events: readonly HistoryEvent[]) => void,
	batchSize = 2000
): Promise<ExecutionOutcome> {
	const execution = startExecution(request.definition, request.input, {
		invokeTask,
		seed: request.seed ?? 0,
		startTime: request.startTime,
		sequential: request.sequential,
		maxEvents: request.maxEvents,
		recordStages: request.recordStages,
		faults: request.faults,
		taskLatencyMs: request.latency ? latencyModel(request.latency, request.seed ?? 0) : undefined
	});
	let sent = 0;
	const flush = () => {
		if (execution.eventCount > sent) {
			const batch = execution.eventsFrom(sent);
			sent += batch.length;
			onEvents(batch);
		}
	};
	while (await execution.step()) {
		if (execution.eventCount - sent >= batchSize) flush();
	}
	flush();
	return executionOutcome(execution.events);
}
