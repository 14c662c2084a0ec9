import {
	executionOutcome,
	latencyModel,
	startExecution,
	type ExecutionOutcome,
	type HistoryEvent,
	type InvokeTask
} from '../../../engine/index.js';
import type { RunRequest } from './messages.js';

/** How `runRequest` reports events. */
export interface RunReporting {
	/** Report as soon as this many events wait. Default 2000. */
	readonly batchSize?: number;
	/** Report waiting events once this many wall-clock ms have passed since the last report. Default 100. */
	readonly flushMs?: number;
	/**
	 * A handler call that took this many wall-clock ms makes the next one report the events
	 * before it first. Default 20.
	 */
	readonly slowHandlerMs?: number;
	/** The wall clock, in ms. Default `performance.now`. */
	readonly now?: () => number;
}

/**
 * Runs one request to the end with the given task invoker, reporting new events in order, in
 * batches, as they are appended: when `batchSize` of them wait, when `flushMs` have passed since
 * the last report, and before a task handler runs if the one before it was slow (or it is the
 * first). Handlers run here for real (up to their CPU limit each), so a run can take seconds;
 * reporting so lets the page show it under way, the slow task running, rather than nothing until
 * its end, while a run of many fast handlers still goes in few batches. Shared by the worker and
 * by Node tests.
 */
export async function runRequest(
	request: RunRequest,
	invokeTask: InvokeTask & { readonly handles?: (resource: string) => boolean },
	onEvents: (events: readonly HistoryEvent[]) => void,
	{
		batchSize = 2000,
		flushMs = 100,
		slowHandlerMs = 20,
		now = () => performance.now()
	}: RunReporting = {}
): Promise<ExecutionOutcome> {
	// Until a handler has been timed, the next may be slow.
	let slow = true;
	const invokeReporting: InvokeTask = async (task) => {
		// The events up to this task (its state entered, the call scheduled) are on screen while
		// its handler runs.
		if (slow || due()) flush();
		const started = now();
		try {
			return await invokeTask(task);
		} finally {
			slow = now() - started >= slowHandlerMs;
		}
	};
	const execution = startExecution(request.definition, request.input, {
		invokeTask: invokeReporting,
		handles: invokeTask.handles,
		seed: request.seed ?? 0,
		startTime: request.startTime,
		sequential: request.sequential,
		maxEvents: request.maxEvents,
		recordStages: request.recordStages,
		faults: request.faults,
		taskLatencyMs: request.latency ? latencyModel(request.latency, request.seed ?? 0) : undefined
	});
	let sent = 0;
	let flushedAt = now();
	const due = () => execution.eventCount - sent >= batchSize || now() - flushedAt >= flushMs;
	const flush = () => {
		flushedAt = now();
		if (execution.eventCount > sent) {
			const batch = execution.eventsFrom(sent);
			sent += batch.length;
			onEvents(batch);
		}
	};
	while (await execution.step()) {
		if (due()) flush();
	}
	flush();
	return executionOutcome(execution.events);
}
