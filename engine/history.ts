import type { JsonValue } from './asl/types.js';
import type { TaskLog } from './run/task.js';

/**
 * The execution history: AWS `HistoryEvent`s, appended in order and never changed. It is the
 * single record of a run; status, output, per-state status and timings are all derived from it by
 * the pure functions below.
 */

/** AWS `HistoryEventType` values the engine emits. */
export type HistoryEventType =
	| 'ExecutionStarted'
	| 'ExecutionSucceeded'
	| 'ExecutionFailed'
	| 'ExecutionTimedOut'
	| 'ExecutionAborted'
	| 'PassStateEntered'
	| 'PassStateExited'
	| 'TaskStateEntered'
	| 'TaskStateExited'
	| 'TaskStateAborted'
	| 'TaskScheduled'
	| 'TaskStarted'
	| 'TaskSubmitted'
	| 'TaskSucceeded'
	| 'TaskFailed'
	| 'TaskTimedOut'
	| 'LambdaFunctionScheduled'
	| 'LambdaFunctionStarted'
	| 'LambdaFunctionSucceeded'
	| 'LambdaFunctionFailed'
	| 'LambdaFunctionTimedOut'
	| 'ActivityScheduled'
	| 'ActivityStarted'
	| 'ActivitySucceeded'
	| 'ActivityFailed'
	| 'ActivityTimedOut'
	| 'ChoiceStateEntered'
	| 'ChoiceStateExited'
	| 'WaitStateEntered'
	| 'WaitStateExited'
	| 'WaitStateAborted'
	| 'SucceedStateEntered'
	| 'SucceedStateExited'
	| 'FailStateEntered'
	| 'ParallelStateEntered'
	| 'ParallelStateStarted'
	| 'ParallelStateSucceeded'
	| 'ParallelStateFailed'
	| 'ParallelStateAborted'
	| 'ParallelStateExited'
	| 'MapStateEntered'
	| 'MapStateStarted'
	| 'MapStateSucceeded'
	| 'MapStateFailed'
	| 'MapStateAborted'
	| 'MapStateExited'
	| 'MapIterationStarted'
	| 'MapIterationSucceeded'
	| 'MapIterationFailed'
	| 'MapIterationAborted'
	| 'MapRunStarted'
	| 'MapRunSucceeded'
	| 'MapRunFailed'
	| 'EvaluationFailed';

/** One step of a state's input/output processing and the value it produced (JSON text). */
export interface ProcessingStage {
	/** `InputPath`, `Parameters`, `Result`, `ResultSelector`, `ResultPath`, `OutputPath`, `Arguments`, `Output`, `Error output`. */
	readonly name: string;
	readonly value: string;
}

/** `{ truncated }`, as AWS attaches to every input and output. */
export interface PayloadDetails {
	readonly truncated: boolean;
}

/**
 * One history event. `id`, `previousEventId`, `type` and the `*EventDetails` objects follow the
 * AWS API (`GetExecutionHistory`): payloads are JSON text, as AWS records them.
 *
 * The engine serialises the busiest payloads (state input and output) when they are first read,
 * so some details are small objects with getters; `JSON.stringify(event)` always gives the plain
 * AWS shape. Send events across threads as JSON text, not by structured clone.
 *
 * `timestamp` is virtual milliseconds since the execution started (AWS gives a date); the
 * execution's start time is the `ExecutionStarted` event's `startTime`.
 */
export interface HistoryEvent {
	readonly id: number;
	/**
	 * The event this one follows in AWS's chain: the previous event of the same branch or
	 * iteration, 0 for the first state's entry; a Map iteration starts after the previous
	 * iteration's last state event, and `…StateExited` after a Map or Parallel state points where
	 * its `…StateSucceeded` event points (as AWS's recorded histories show).
	 */
	readonly previousEventId: number;
	/** Virtual ms since the execution started. */
	readonly timestamp: number;
	readonly type: HistoryEventType;

	/** Not in AWS: the id of the `ParallelStateStarted` or `MapStateStarted` event this event runs under. */
	readonly parentEventId?: number;
	/** Not in AWS: the Parallel branch index (0-based) this event belongs to. */
	readonly branch?: number;
	/** Not in AWS: the Map iteration index this event belongs to. */
	readonly iteration?: number;
	/** Not in AWS: the state this event belongs to (AWS puts the name in some details only). */
	readonly stateName?: string;
	/** Not in AWS: console output of the task attempt that this event ends. */
	readonly logs?: readonly TaskLog[];
	/**
	 * Not in AWS: on `…StateExited` events, when the execution records them (`recordStages`), the
	 * value after each data-processing stage of the visit, in order.
	 */
	readonly stages?: readonly ProcessingStage[];

	/** Not in AWS: on `ExecutionStarted`, the execution's virtual start time, epoch ms. */
	readonly startTime?: number;

	readonly executionStartedEventDetails?: {
		readonly input: string;
		readonly inputDetails: PayloadDetails;
		readonly roleArn: string;
	};
	readonly executionSucceededEventDetails?: {
		readonly output: string;
		readonly outputDetails: PayloadDetails;
	};
	readonly executionFailedEventDetails?: { readonly error?: string; readonly cause?: string };
	readonly executionTimedOutEventDetails?: { readonly error?: string; readonly cause?: string };
	readonly executionAbortedEventDetails?: { readonly error?: string; readonly cause?: string };
	readonly stateEnteredEventDetails?: {
		readonly name: string;
		readonly input: string;
		readonly inputDetails: PayloadDetails;
	};
	readonly stateExitedEventDetails?: {
		readonly name: string;
		readonly output: string;
		readonly outputDetails: PayloadDetails;
		/** Variables assigned by the state, name → JSON text. */
		readonly assignedVariables?: { readonly [name: string]: string };
		readonly assignedVariablesDetails?: PayloadDetails;
	};
	readonly taskScheduledEventDetails?: {
		readonly resourceType: string;
		readonly resource: string;
		readonly region: string;
		readonly parameters: string;
		readonly timeoutInSeconds?: number;
		readonly heartbeatInSeconds?: number;
		/** The role in the state's `Credentials`. */
		readonly taskCredentials?: { readonly roleArn: string };
	};
	readonly taskStartedEventDetails?: { readonly resourceType: string; readonly resource: string };
	readonly taskSubmittedEventDetails?: {
		readonly resourceType: string;
		readonly resource: string;
		readonly output: string;
		readonly outputDetails: PayloadDetails;
	};
	readonly taskSucceededEventDetails?: {
		readonly resourceType: string;
		readonly resource: string;
		readonly output: string;
		readonly outputDetails: PayloadDetails;
	};
	readonly taskFailedEventDetails?: {
		readonly resourceType: string;
		readonly resource: string;
		readonly error?: string;
		readonly cause?: string;
	};
	readonly taskTimedOutEventDetails?: {
		readonly resourceType: string;
		readonly resource: string;
		readonly error?: string;
		readonly cause?: string;
	};
	readonly lambdaFunctionScheduledEventDetails?: {
		readonly resource: string;
		readonly input: string;
		readonly inputDetails: PayloadDetails;
		readonly timeoutInSeconds?: number;
		/** The role in the state's `Credentials`. */
		readonly taskCredentials?: { readonly roleArn: string };
	};
	readonly lambdaFunctionSucceededEventDetails?: {
		readonly output: string;
		readonly outputDetails: PayloadDetails;
	};
	readonly lambdaFunctionFailedEventDetails?: { readonly error?: string; readonly cause?: string };
	readonly lambdaFunctionTimedOutEventDetails?: {
		readonly error?: string;
		readonly cause?: string;
	};
	readonly activityScheduledEventDetails?: {
		readonly resource: string;
		readonly input: string;
		readonly inputDetails: PayloadDetails;
		readonly timeoutInSeconds?: number;
		readonly heartbeatInSeconds?: number;
	};
	readonly activitySucceededEventDetails?: {
		readonly output: string;
		readonly outputDetails: PayloadDetails;
	};
	readonly activityFailedEventDetails?: { readonly error?: string; readonly cause?: string };
	readonly activityTimedOutEventDetails?: { readonly error?: string; readonly cause?: string };
	readonly mapStateStartedEventDetails?: { readonly length: number };
	readonly mapIterationStartedEventDetails?: { readonly name: string; readonly index: number };
	readonly mapIterationSucceededEventDetails?: { readonly name: string; readonly index: number };
	readonly mapIterationFailedEventDetails?: { readonly name: string; readonly index: number };
	readonly mapIterationAbortedEventDetails?: { readonly name: string; readonly index: number };
	readonly mapRunStartedEventDetails?: { readonly mapRunArn: string };
	readonly mapRunFailedEventDetails?: { readonly error?: string; readonly cause?: string };
	readonly evaluationFailedEventDetails?: {
		readonly error?: string;
		readonly cause?: string;
		readonly location?: string;
		readonly state: string;
	};
}

/** Final status of an execution, or `RUNNING` while events are still to come. */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** What a finished (or unfinished) execution amounts to. */
export interface ExecutionOutcome {
	readonly status: ExecutionStatus;
	/** Parsed output, when `SUCCEEDED`. */
	readonly output?: JsonValue;
	readonly error?: string;
	readonly cause?: string;
	/** Virtual ms from start to the last event. */
	readonly durationMs: number;
}

/** Derives status, output and error from the last event of a history. */
export function executionOutcome(events: readonly HistoryEvent[]): ExecutionOutcome {
	const last = events[events.length - 1];
	const durationMs = last ? last.timestamp : 0;
	if (!last) return { status: 'RUNNING', durationMs };
	switch (last.type) {
		case 'ExecutionSucceeded':
			return {
				status: 'SUCCEEDED',
				output: JSON.parse(last.executionSucceededEventDetails!.output) as JsonValue,
				durationMs
			};
		case 'ExecutionFailed': {
			const d = last.executionFailedEventDetails!;
			return { status: 'FAILED', error: d.error, cause: d.cause, durationMs };
		}
		case 'ExecutionTimedOut': {
			const d = last.executionTimedOutEventDetails!;
			return { status: 'TIMED_OUT', error: d.error, cause: d.cause, durationMs };
		}
		case 'ExecutionAborted': {
			const d = last.executionAbortedEventDetails!;
			return { status: 'ABORTED', error: d.error, cause: d.cause, durationMs };
		}
		default:
			return { status: 'RUNNING', durationMs };
	}
}

/** What a state is doing at some point of a run, as the graph shows it. */
export type StateStatus =
	'pending' | 'running' | 'retrying' | 'succeeded' | 'caught' | 'failed' | 'aborted';

const ENTERED = /StateEntered$/;
/** What a still-running visit becomes when the execution ends this way. */
const ENDED: Partial<Record<string, StateStatus>> = {
	ExecutionFailed: 'failed',
	ExecutionTimedOut: 'aborted',
	ExecutionAborted: 'aborted'
};
const EXITED = /StateExited$/;
/** Events that fail a visit's attempt (a Retry may follow with a new one). */
export const ATTEMPT_FAILURE_TYPES: ReadonlySet<string> = new Set<HistoryEventType>([
	'TaskFailed',
	'TaskTimedOut',
	'LambdaFunctionFailed',
	'LambdaFunctionTimedOut',
	'ActivityFailed',
	'ActivityTimedOut',
	'ParallelStateFailed',
	'MapStateFailed',
	'EvaluationFailed'
]);
/** Events that start a visit's attempt: after a failure in the same lane, a retry. */
export const ATTEMPT_START_TYPES: ReadonlySet<string> = new Set<HistoryEventType>([
	'TaskScheduled',
	'LambdaFunctionScheduled',
	'ActivityScheduled',
	'ParallelStateStarted',
	'MapStateStarted'
]);
/**
 * Events that end an attempt of a Parallel or Map state, and so its branches or iterations (a new
 * `…Started` is a retry): a visit still running under it failed (`aborted` for `…Aborted`).
 */
export const BRANCHES_END_TYPES: ReadonlySet<string> = new Set<HistoryEventType>([
	'ParallelStateStarted',
	'MapStateStarted',
	'ParallelStateFailed',
	'MapStateFailed',
	'ParallelStateAborted',
	'MapStateAborted'
]);
/** The lane key of top-level events. */
const TOP_LANE = '0::';

/**
 * Status of every state that has been visited, by state name, after the first `count` events
 * (default: all of them; pass a smaller count to see the run at an earlier moment). A state
 * visited several times (loops, Map iterations, branches) is `running` while any visit runs;
 * otherwise its latest visit decides. States never entered are absent (`pending`).
 *
 * Events past `count` are read for one thing only: whether a failed attempt is retried. A
 * failure that the next event of its lane answers with a new attempt is `retrying` from the
 * moment it happens, as the visit waits out the Retry's backoff (the timeline's "Waiting to
 * retry"); without those events (a history still streaming) it is `failed` until the new attempt.
 *
 * A visit still running when its lane ends failed there without an event of its own (a Choice
 * with no match, a run-time error): when its Map iteration fails (`aborted` when the iteration is
 * aborted), or when the attempt of the Parallel or Map state above it fails, is aborted or is
 * retried. When the execution fails, times out or is aborted, visits still running become `failed`
 * (`aborted` for a timeout or abort). If none was running, it ended between two states (the
 * history limit refuses the next state's entry): the last top-level visit, where the run was,
 * takes that status unless it already failed.
 */
export function stateStatuses(
	events: readonly HistoryEvent[],
	count = events.length
): Map<string, StateStatus> {
	const n = Math.max(0, Math.min(count, events.length));
	// Visits are keyed by the event id that entered them; a thread's events chain through
	// previousEventId, so the visit an event belongs to is the last entered one in its lane.
	const visitOf = new Map<string, number>(); // lane key → entered event id
	const visits = new Map<number, { name: string; status: StateStatus }>();
	const failedLast = new Set<string>(); // lanes whose latest event failed an attempt
	const laneKey = (e: HistoryEvent) =>
		`${e.parentEventId ?? 0}:${e.branch ?? ''}:${e.iteration ?? ''}`;
	const visitIn = (lane: string) => {
		const id = visitOf.get(lane);
		return id === undefined ? undefined : visits.get(id);
	};
	const lanesUnder = new Map<number, Set<string>>(); // Parallel/MapStateStarted id → its lanes
	const attemptOf = new Map<string, number>(); // lane → its visit's latest …StateStarted id
	/** A visit still running when its lane ends ended with it (a failure with no event of its own). */
	const endLane = (lane: string, status: StateStatus) => {
		const v = visitIn(lane);
		if (v && (v.status === 'running' || v.status === 'retrying')) v.status = status;
	};
	for (let i = 0; i < n; i++) {
		const e = events[i];
		const lane = laneKey(e);
		failedLast.delete(lane);
		if (e.parentEventId !== undefined) lanesUnder.get(e.parentEventId)?.add(lane);
		if (ENTERED.test(e.type)) {
			const name = e.stateEnteredEventDetails!.name;
			visits.set(e.id, { name, status: 'running' });
			visitOf.set(lane, e.id);
			continue;
		}
		if (e.type === 'MapIterationFailed' || e.type === 'MapIterationAborted') {
			endLane(lane, e.type === 'MapIterationFailed' ? 'failed' : 'aborted');
			continue;
		}
		if (BRANCHES_END_TYPES.has(e.type)) {
			// The attempt of a Parallel or Map state ends (fails, is aborted, or is retried): a
			// visit still running in one of its branches or iterations is the one that failed.
			const attempt = attemptOf.get(lane);
			if (attempt !== undefined) {
				const status = e.type.endsWith('Aborted') ? 'aborted' : 'failed';
				for (const child of lanesUnder.get(attempt) ?? []) endLane(child, status);
			}
			if (e.type === 'ParallelStateStarted' || e.type === 'MapStateStarted') {
				attemptOf.set(lane, e.id);
				lanesUnder.set(e.id, new Set());
			}
		}
		const visit = visitIn(lane);
		if (!visit) continue;
		if (EXITED.test(e.type)) {
			if (visit.status === 'running' || visit.status === 'retrying') visit.status = 'succeeded';
			else if (visit.status === 'failed') visit.status = 'caught';
		} else if (e.type.endsWith('StateAborted')) {
			// AWS also reports a failed task in a Parallel branch as aborted: it still failed.
			if (visit.status !== 'failed') visit.status = 'aborted';
		} else if (ATTEMPT_FAILURE_TYPES.has(e.type)) {
			visit.status = 'failed';
			failedLast.add(lane);
		} else if (ATTEMPT_START_TYPES.has(e.type) && visit.status === 'failed') {
			visit.status = 'retrying';
		}
	}
	// Look past the prefix for the next event of each lane that has just failed an attempt.
	for (let i = n; i < events.length && failedLast.size > 0; i++) {
		const lane = laneKey(events[i]);
		if (failedLast.delete(lane) && ATTEMPT_START_TYPES.has(events[i].type))
			visitIn(lane)!.status = 'retrying';
	}
	// Fail states fail on entry.
	for (let i = 0; i < n; i++)
		if (events[i].type === 'FailStateEntered') visits.get(events[i].id)!.status = 'failed';
	// When the execution has ended, a visit still running was the one that failed (a Choice with
	// no match, a run-time error: no failure event of its own) or was cut short by a timeout.
	const end = n > 0 ? ENDED[events[n - 1].type] : undefined;
	if (end) {
		let active = false;
		for (const v of visits.values()) {
			if (v.status === 'running' || v.status === 'retrying') {
				v.status = end;
				active = true;
			}
		}
		const top = visitIn(TOP_LANE);
		if (!active && top && top.status !== 'failed') top.status = end;
	}
	const out = new Map<string, StateStatus>();
	const rank: Record<StateStatus, number> = {
		pending: 0,
		succeeded: 1,
		caught: 2,
		aborted: 3,
		failed: 4,
		retrying: 5,
		running: 6
	};
	const latest = new Map<string, StateStatus>();
	for (const v of visits.values()) latest.set(v.name, v.status); // insertion order: later visits win
	for (const v of visits.values()) {
		const cur = out.get(v.name);
		if (v.status === 'running' || v.status === 'retrying') {
			if (!cur || rank[v.status] > rank[cur]) out.set(v.name, v.status);
		}
	}
	for (const [name, status] of latest) if (!out.has(name)) out.set(name, status);
	return out;
}

/** Progress of the iterations of one Map state (all its runs so far). */
export interface MapProgress {
	readonly total: number;
	readonly started: number;
	readonly succeeded: number;
	readonly failed: number;
	readonly aborted: number;
}

/** Iteration counts of a Map state, from its latest `MapStateStarted` on. */
export function mapProgress(
	events: readonly HistoryEvent[],
	mapStateName: string
): MapProgress | undefined {
	let started: HistoryEvent | undefined;
	for (let i = events.length - 1; i >= 0; i--) {
		const e = events[i];
		if (e.type === 'MapStateStarted' && e.stateName === mapStateName) {
			started = e;
			break;
		}
	}
	if (!started) return undefined;
	let s = 0;
	let ok = 0;
	let failed = 0;
	let aborted = 0;
	for (const e of events) {
		if (e.parentEventId !== started.id) continue;
		if (e.type === 'MapIterationStarted') s++;
		else if (e.type === 'MapIterationSucceeded') ok++;
		else if (e.type === 'MapIterationFailed') failed++;
		else if (e.type === 'MapIterationAborted') aborted++;
	}
	return {
		total: started.mapStateStartedEventDetails!.length,
		started: s,
		succeeded: ok,
		failed,
		aborted
	};
}
