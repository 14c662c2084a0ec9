import type { HistoryEvent, HistoryEventType } from '../../../engine/index.js';
import { shorten } from './format.js';
import { laneLabels } from './lanes.js';

/** How a row is coloured: by what its event says about the run. */
export type RowStatus = 'neutral' | 'success' | 'failure' | 'aborted';

/** What the kind filter of the history table can keep. */
export type HistoryKind = 'all' | 'states' | 'tasks' | 'errors';

/** One row of the AWS-style execution history table. */
export interface HistoryRow {
	readonly id: number;
	/** Position of the event in the history (0-based). */
	readonly index: number;
	readonly type: HistoryEventType;
	readonly stateName: string;
	/** Virtual ms since the execution started. */
	readonly elapsedMs: number;
	/** `''` at the top level, else e.g. `branch 1 › iteration 3`. */
	readonly lane: string;
	/** A short line: the error and its message, the resource, the item count… */
	readonly detail: string;
	readonly status: RowStatus;
	/** `execution` (Execution…), `task` (Task…, LambdaFunction… and Activity… events) or `state` (the rest). */
	readonly kind: 'execution' | 'state' | 'task';
	readonly event: HistoryEvent;
	/** Lower-case text the filter searches. */
	readonly search: string;
}

/**
 * The rows of a history. Given the rows of an earlier prefix of the same history (the same event
 * objects), only the new events are turned into rows: as batches arrive, each costs O(batch).
 */
export function historyRows(
	events: readonly HistoryEvent[],
	previous: readonly HistoryRow[] = []
): HistoryRow[] {
	const k = previous.length;
	const reuse =
		k > 0 &&
		k <= events.length &&
		previous[k - 1].event === events[k - 1] &&
		previous[0].event === events[0];
	const lanes = laneLabels(events);
	const rows = reuse ? previous.slice() : [];
	for (let i = rows.length; i < events.length; i++)
		rows.push(historyRow(events[i], i, lanes(events[i])));
	return rows;
}

/** The row of one event at position `index`, in `lane`. */
export function historyRow(e: HistoryEvent, index: number, lane: string): HistoryRow {
	const stateName = e.stateName ?? e.stateEnteredEventDetails?.name ?? '';
	const detail = detailOf(e);
	return {
		id: e.id,
		index,
		type: e.type,
		stateName,
		elapsedMs: e.timestamp,
		lane,
		detail,
		status: statusOf(e.type),
		kind: kindOf(e.type),
		event: e,
		search: `#${e.id} ${e.type} ${stateName} ${detail} ${lane}`.toLowerCase()
	};
}

const TASK_EVENTS = new Set<string>([
	'TaskScheduled',
	'TaskStarted',
	'TaskSucceeded',
	'TaskFailed',
	'TaskTimedOut'
]);

function kindOf(type: string): HistoryRow['kind'] {
	if (type.startsWith('Execution')) return 'execution';
	return TASK_EVENTS.has(type) || type.startsWith('LambdaFunction') || type.startsWith('Activity')
		? 'task'
		: 'state';
}

function statusOf(type: string): RowStatus {
	if (type.endsWith('Failed') || type.endsWith('TimedOut') || type === 'FailStateEntered')
		return 'failure';
	if (type.endsWith('Aborted')) return 'aborted';
	if (type.endsWith('Succeeded')) return 'success';
	return 'neutral';
}

function detailOf(e: HistoryEvent): string {
	const failure =
		e.taskFailedEventDetails ??
		e.taskTimedOutEventDetails ??
		e.lambdaFunctionFailedEventDetails ??
		e.lambdaFunctionTimedOutEventDetails ??
		e.activityFailedEventDetails ??
		e.activityTimedOutEventDetails ??
		e.evaluationFailedEventDetails ??
		e.mapRunFailedEventDetails ??
		e.executionFailedEventDetails ??
		e.executionTimedOutEventDetails ??
		e.executionAbortedEventDetails;
	if (failure) {
		const message = causeMessage(failure.cause);
		return shorten(message ? `${failure.error ?? ''}: ${message}` : (failure.error ?? ''));
	}
	const logs = e.logs?.length ? ` · ${e.logs.length} log line${e.logs.length > 1 ? 's' : ''}` : '';
	if (e.taskScheduledEventDetails)
		return `${e.taskScheduledEventDetails.resourceType}:${e.taskScheduledEventDetails.resource}`;
	if (e.lambdaFunctionScheduledEventDetails)
		return e.lambdaFunctionScheduledEventDetails.resource.replace(/^.*:function:/, '');
	if (e.activityScheduledEventDetails)
		return e.activityScheduledEventDetails.resource.replace(/^.*:activity:/, 'activity:');
	if (e.activitySucceededEventDetails)
		return shorten(e.activitySucceededEventDetails.output, 80) + logs;
	if (e.taskSucceededEventDetails) return shorten(e.taskSucceededEventDetails.output, 80) + logs;
	if (e.lambdaFunctionSucceededEventDetails)
		return shorten(e.lambdaFunctionSucceededEventDetails.output, 80) + logs;
	if (e.mapStateStartedEventDetails) return `${e.mapStateStartedEventDetails.length} items`;
	const iteration =
		e.mapIterationStartedEventDetails ??
		e.mapIterationSucceededEventDetails ??
		e.mapIterationFailedEventDetails ??
		e.mapIterationAbortedEventDetails;
	if (iteration) return `index ${iteration.index}`;
	if (e.executionStartedEventDetails) return shorten(e.executionStartedEventDetails.input, 80);
	if (e.executionSucceededEventDetails) return shorten(e.executionSucceededEventDetails.output, 80);
	const vars = e.stateExitedEventDetails?.assignedVariables;
	if (vars)
		return `assigns ${Object.keys(vars)
			.map((k) => `$${k}`)
			.join(', ')}`;
	return logs.slice(3);
}

/**
 * The readable part of an ASL `Cause`: the `errorMessage` of a Lambda error payload (JSON with
 * `errorMessage` and `errorType`), else the text itself.
 */
export function causeMessage(cause: string | undefined): string {
	if (!cause) return '';
	const payload = lambdaErrorPayload(cause);
	return payload ? payload.errorMessage : cause;
}

/** A Lambda error payload (`{ errorMessage, errorType, … }`) in a `Cause`, if it is one. */
export function lambdaErrorPayload(
	cause: string | undefined
): { errorMessage: string; errorType: string } | undefined {
	if (!cause || !cause.startsWith('{')) return undefined;
	try {
		const v = JSON.parse(cause) as unknown;
		if (v && typeof v === 'object' && 'errorMessage' in v && 'errorType' in v) {
			const { errorMessage, errorType } = v as { errorMessage: unknown; errorType: unknown };
			return { errorMessage: String(errorMessage), errorType: String(errorType) };
		}
	} catch {
		// Not JSON: a plain-text cause.
	}
	return undefined;
}

/** What the history table's filter box and kind selector ask for. */
export interface HistoryFilter {
	/**
	 * Words that must all appear in the type, state, detail, lane or `#id` (case-insensitive). A
	 * number matches a whole number only, so `iteration 2` does not find `iteration 12`.
	 */
	readonly text?: string;
	readonly kind?: HistoryKind;
}

/** The rows a filter keeps, in order (the same array when nothing is filtered). */
export function filterHistoryRows(
	rows: readonly HistoryRow[],
	filter: HistoryFilter
): readonly HistoryRow[] {
	const words = (filter.text ?? '')
		.toLowerCase()
		.split(/\s+/)
		.filter(Boolean)
		.map((w) => (/^\d+$/.test(w) ? new RegExp(`(^|\\D)${w}(\\D|$)`) : w));
	const kind = filter.kind ?? 'all';
	if (!words.length && kind === 'all') return rows;
	return rows.filter(
		(r) =>
			(kind === 'all' ||
				(kind === 'states' && r.kind === 'state') ||
				(kind === 'tasks' && r.kind === 'task') ||
				(kind === 'errors' && r.status === 'failure')) &&
			words.every((w) => (typeof w === 'string' ? r.search.includes(w) : w.test(r.search)))
	);
}

/** How many of `rows` (in history order) are among the first `revealed` events: a binary search. */
export function revealedRowCount(rows: readonly HistoryRow[], revealed: number): number {
	let lo = 0;
	let hi = rows.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (rows[mid].index < revealed) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
