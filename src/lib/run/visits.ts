import type {
	HistoryEvent,
	JsonValue,
	ProcessingStage,
	StateStatus,
	StateType,
	TaskLog
} from '../../../engine/index.js';
import { ATTEMPT_FAILURE_TYPES, ATTEMPT_START_TYPES } from '../../../engine/core.js';
import { eventById, laneKey, laneLabels } from './lanes.js';

export { failureExplanation, type FailureExplanation } from './failure-explanation.js';

/** A console line of a visit's handler, with the event that carried it. */
export interface VisitLog extends TaskLog {
	/** The event that ended the attempt (`TaskSucceeded`, `LambdaFunctionFailed`, …). */
	readonly eventId: number;
	/** 1 for the first attempt, then one more per retry. */
	readonly attempt: number;
}

/** The ASL failure of a visit, and the event it is known from. */
export interface VisitError {
	readonly error: string;
	readonly cause?: string;
	readonly eventId: number;
}

/**
 * One visit of a state: from its `…StateEntered` event to its `…StateExited` (or the failure or
 * abort that ended it). A state in a loop, a Map iteration or a Parallel branch has several.
 */
export interface StateVisit {
	readonly stateName: string;
	readonly type: StateType;
	readonly enteredId: number;
	readonly exitedId?: number;
	/** Virtual ms of the entered and exited events. */
	readonly enteredAt: number;
	readonly exitedAt?: number;
	/** Where the visit ran: `''` at the top level, else e.g. `branch 1 › iteration 3` (0-based, as AWS counts). */
	readonly lane: string;
	readonly parentEventId?: number;
	readonly branch?: number;
	readonly iteration?: number;
	readonly input: JsonValue;
	readonly output?: JsonValue;
	/** Each data-processing stage, in order (when the run recorded them). */
	readonly stages?: readonly ProcessingStage[];
	readonly assignedVariables?: { readonly [name: string]: JsonValue };
	readonly logs: readonly VisitLog[];
	/** The failure that ended the visit (failed, caught or aborted) or that it is retrying after. */
	readonly error?: VisitError;
	/** Every failure of the visit, in order: one per failed attempt, then any found elsewhere. */
	readonly failures: readonly VisitError[];
	/** Task attempts (or Parallel/Map runs): 1 + retries. 0 for other states. */
	readonly attempts: number;
	readonly status: StateStatus;
	/** Ids of the visit's own events, in order (Map iteration events count for their Map). */
	readonly eventIds: readonly number[];
	/** The visit's status after each event that changed it. */
	readonly statusChanges: readonly { readonly eventId: number; readonly status: StateStatus }[];
	/** Ids of the events that started each attempt. */
	readonly attemptIds: readonly number[];
	/** The last event that tells anything about the visit: from there on, `visitAsOf` is the visit. */
	readonly settledId: number;
}

interface Rec {
	readonly entered: HistoryEvent;
	readonly name: string;
	readonly type: StateType;
	readonly laneKey: number;
	exited?: HistoryEvent;
	status: StateStatus;
	readonly pinned: boolean;
	readonly eventIds: number[];
	readonly changes: { eventId: number; status: StateStatus }[];
	readonly attemptIds: number[];
	readonly logEvents: HistoryEvent[];
	readonly startedIds: number[];
	readonly errors: VisitError[];
}

interface Scan {
	/** Length of the history scanned (a stale cache entry shows as a different length). */
	readonly length: number;
	readonly recs: Rec[];
	/** Position in the history → the visit the event belongs to. */
	readonly byIndex: (Rec | undefined)[];
	readonly lanes: (e: HistoryEvent) => string;
	/** Visits already built from their records. */
	readonly built: WeakMap<Rec, StateVisit>;
}

/**
 * Scans by history. Histories are replaced, never changed (style guide §4), so the one array
 * is scanned once however many lookups (`visitAt` on each click, `visitsOf` per state) follow.
 */
const scans = new WeakMap<readonly HistoryEvent[], Scan>();

function scanOf(events: readonly HistoryEvent[]): Scan {
	let s = scans.get(events);
	if (!s || s.length !== events.length) {
		s = scan(events);
		scans.set(events, s);
	}
	return s;
}

function visitOf(s: Scan, rec: Rec): StateVisit {
	let v = s.built.get(rec);
	if (!v) {
		v = materialise(rec, s.lanes);
		s.built.set(rec, v);
	}
	return v;
}

const FAILURE_DETAILS = [
	'taskFailedEventDetails',
	'taskTimedOutEventDetails',
	'lambdaFunctionFailedEventDetails',
	'lambdaFunctionTimedOutEventDetails',
	'activityFailedEventDetails',
	'activityTimedOutEventDetails',
	'evaluationFailedEventDetails',
	'mapRunFailedEventDetails'
] as const;
const ACTIVE = (s: StateStatus) => s === 'running' || s === 'retrying';
const THRESHOLD = 'States.ExceedToleratedFailureThreshold';

/**
 * Groups a history into state visits. Status follows the rules of `stateStatuses` (engine), and
 * then goes further where events are silent: a visit left running when its lane ended (its
 * branch or iteration failed, or the execution ended) is `failed`, or `aborted` when the
 * execution timed out or was aborted; a visit that failed without an error of its own (Fail,
 * Choice, Pass, a Parallel or Map) takes it from the `Error output` stage of a catch, from the
 * execution's failure, or from the branch or iteration that failed inside it.
 */
function scan(events: readonly HistoryEvent[]): Scan {
	const recs: Rec[] = [];
	const byIndex: (Rec | undefined)[] = new Array(events.length);
	const inLane = new Map<number, Rec>();
	const startedBy = new Map<number, Rec>();
	const laneEnd = new Map<number, HistoryEvent>();
	let end: HistoryEvent | undefined;
	for (let i = 0; i < events.length; i++) {
		const e = events[i];
		if (e.type.startsWith('Execution')) {
			if (e.type !== 'ExecutionStarted') end = e;
			continue;
		}
		const lane = laneKey(e);
		if (e.type.endsWith('StateEntered')) {
			const pinned = e.type === 'FailStateEntered';
			const rec: Rec = {
				entered: e,
				name: e.stateEnteredEventDetails?.name ?? e.stateName ?? '',
				type: e.type.slice(0, -'StateEntered'.length) as StateType,
				laneKey: lane,
				status: pinned ? 'failed' : 'running',
				pinned,
				eventIds: [e.id],
				changes: [{ eventId: e.id, status: pinned ? 'failed' : 'running' }],
				attemptIds: [],
				logEvents: [],
				startedIds: [],
				errors: []
			};
			recs.push(rec);
			inLane.set(lane, rec);
			byIndex[i] = rec;
			continue;
		}
		if (e.type.startsWith('MapIteration')) {
			const owner = e.parentEventId === undefined ? undefined : startedBy.get(e.parentEventId);
			if (owner) {
				owner.eventIds.push(e.id);
				byIndex[i] = owner;
			}
			if (e.type !== 'MapIterationStarted') laneEnd.set(lane, e);
			continue;
		}
		const rec = inLane.get(lane);
		if (!rec || rec.exited) continue;
		rec.eventIds.push(e.id);
		byIndex[i] = rec;
		if (e.logs?.length) rec.logEvents.push(e);
		if (ATTEMPT_START_TYPES.has(e.type)) rec.attemptIds.push(e.id);
		if (e.type === 'ParallelStateStarted' || e.type === 'MapStateStarted') {
			rec.startedIds.push(e.id);
			startedBy.set(e.id, rec);
		}
		const exited = e.type.endsWith('StateExited');
		if (e.type.endsWith('Failed') || e.type.endsWith('TimedOut')) {
			for (const key of FAILURE_DETAILS) {
				const d = e[key];
				if (d) rec.errors.push({ error: d.error ?? '', cause: d.cause, eventId: e.id });
			}
		}
		if (exited) {
			rec.exited = e;
			const caught = e.stages?.find((s) => s.name === 'Error output');
			const value = caught ? parse(caught.value) : undefined;
			if (
				value &&
				typeof value === 'object' &&
				!Array.isArray(value) &&
				typeof value.Error === 'string'
			) {
				const cause = typeof value.Cause === 'string' ? value.Cause : undefined;
				const last = rec.errors.at(-1);
				if (last?.error !== value.Error || last.cause !== cause)
					rec.errors.push({ error: value.Error, cause, eventId: e.id });
			}
		}
		if (rec.pinned) continue;
		const from = rec.status;
		let to = from;
		if (exited) to = ACTIVE(from) ? 'succeeded' : from === 'failed' ? 'caught' : from;
		else if (e.type.endsWith('StateAborted')) to = 'aborted';
		else if (ATTEMPT_FAILURE_TYPES.has(e.type)) to = 'failed';
		else if (ATTEMPT_START_TYPES.has(e.type) && from === 'failed') to = 'retrying';
		if (to !== from) setStatus(rec, to, e.id);
	}
	settle(recs, startedBy, laneEnd, end);
	return { length: events.length, recs, byIndex, lanes: laneLabels(events), built: new WeakMap() };
}

function setStatus(rec: Rec, status: StateStatus, eventId: number): void {
	rec.status = status;
	rec.changes.push({ eventId, status });
}

/** Ends visits the events left running, and finds the errors of visits that have none. */
function settle(
	recs: Rec[],
	startedBy: Map<number, Rec>,
	laneEnd: Map<number, HistoryEvent>,
	end: HistoryEvent | undefined
): void {
	const endedBadly = end && end.type !== 'ExecutionSucceeded';
	const ownerOf = (r: Rec) =>
		r.entered.parentEventId === undefined ? undefined : startedBy.get(r.entered.parentEventId);
	const wasActive = recs.some((r) => ACTIVE(r.status));
	for (const r of recs) {
		if (!ACTIVE(r.status)) continue;
		const iterationEnd = laneEnd.get(r.laneKey);
		if (iterationEnd) {
			setStatus(
				r,
				iterationEnd.type === 'MapIterationAborted' ? 'aborted' : 'failed',
				iterationEnd.id
			);
			continue;
		}
		const owner = ownerOf(r);
		const parentId = r.entered.parentEventId;
		if (owner && parentId !== undefined) {
			const retried = owner.startedIds.find((id) => id > parentId);
			const over = owner.changes.find((c) => c.eventId > r.entered.id && !ACTIVE(c.status));
			const at = Math.min(retried ?? Infinity, over?.eventId ?? Infinity);
			if (at !== Infinity) {
				setStatus(
					r,
					over && over.eventId === at && over.status === 'aborted' ? 'aborted' : 'failed',
					at
				);
				continue;
			}
		}
		if (endedBadly) setStatus(r, end.type === 'ExecutionFailed' ? 'failed' : 'aborted', end.id);
	}
	// As in `stateStatuses`: with nothing running, the execution ended between two states (the
	// history limit refuses the next state's entry), in the last top-level visit.
	const top = recs.findLast((r) => r.entered.parentEventId === undefined);
	if (endedBadly && !wasActive && top && top.status !== 'failed') {
		const fails = end.type === 'ExecutionFailed';
		setStatus(top, fails ? 'failed' : 'aborted', end.id);
		const d = end.executionFailedEventDetails ?? {};
		if (fails) top.errors.push({ error: d.error ?? '', cause: d.cause, eventId: end.id });
	}
	const failed = (r: Rec) => r.status === 'failed' || r.status === 'caught';
	if (end?.type === 'ExecutionFailed') {
		const d = end.executionFailedEventDetails ?? {};
		if (top && top.status === 'failed' && !top.errors.length)
			top.errors.push({ error: d.error ?? '', cause: d.cause, eventId: end.id });
	}
	// A failure travels up from a branch or iteration to its Parallel or Map: known at one end,
	// it is known at the other (except a Map's tolerated-failure threshold, its own error).
	for (const r of recs) {
		const known = r.errors.length === 0 ? ownerOf(r)?.errors.at(-1) : undefined;
		if (r.status === 'failed' && known && known.error !== THRESHOLD && failed(ownerOf(r)!))
			r.errors.push(known);
	}
	for (let i = recs.length - 1; i >= 0; i--) {
		const r = recs[i];
		const owner = ownerOf(r);
		const known = r.errors.at(-1);
		if (r.status === 'failed' && known && owner && !owner.errors.length && failed(owner)) {
			const at =
				owner.changes.find((c) => c.eventId > r.entered.id && c.status === 'failed')?.eventId ??
				known.eventId;
			owner.errors.push({ ...known, eventId: Math.max(at, known.eventId) });
		}
	}
}

function errorFor(status: StateStatus, failures: readonly VisitError[]): VisitError | undefined {
	return status === 'running' || status === 'succeeded' ? undefined : failures.at(-1);
}

function parse(text: string | undefined): JsonValue | undefined {
	if (text === undefined) return undefined;
	try {
		return JSON.parse(text) as JsonValue;
	} catch {
		return text;
	}
}

/** A visit from its record. Payloads are parsed on first read: a Map state may have thousands. */
function materialise(rec: Rec, lanes: (e: HistoryEvent) => string): StateVisit {
	const e = rec.entered;
	const x = rec.exited;
	const logs: VisitLog[] = [];
	for (const le of rec.logEvents) {
		const attempt = rec.attemptIds.filter((id) => id < le.id).length;
		for (const l of le.logs ?? []) logs.push({ ...l, eventId: le.id, attempt });
	}
	const ids = [
		...rec.eventIds,
		...rec.changes.map((c) => c.eventId),
		...rec.errors.map((f) => f.eventId)
	];
	const input = once(() => parse(e.stateEnteredEventDetails?.input) ?? null);
	const output = once(() => (x ? parse(x.stateExitedEventDetails?.output) : undefined));
	const assigned = once(() => {
		const vars = x?.stateExitedEventDetails?.assignedVariables;
		if (!vars) return undefined;
		const out: { [name: string]: JsonValue } = {};
		for (const k in vars) out[k] = parse(vars[k]) ?? null;
		return out;
	});
	return {
		stateName: rec.name,
		type: rec.type,
		enteredId: e.id,
		exitedId: x?.id,
		enteredAt: e.timestamp,
		exitedAt: x?.timestamp,
		lane: lanes(e),
		parentEventId: e.parentEventId,
		branch: e.branch,
		iteration: e.iteration,
		get input() {
			return input();
		},
		get output() {
			return output();
		},
		stages: x?.stages,
		get assignedVariables() {
			return assigned();
		},
		logs,
		error: errorFor(rec.status, rec.errors),
		failures: rec.errors,
		attempts: rec.attemptIds.length,
		status: rec.status,
		eventIds: rec.eventIds,
		statusChanges: rec.changes,
		attemptIds: rec.attemptIds,
		settledId: Math.max(...ids)
	};
}

/** `fn`'s result, computed on the first call only. */
function once<T>(fn: () => T): () => T {
	let done = false;
	let value: T;
	return () => {
		if (!done) {
			value = fn();
			done = true;
		}
		return value;
	};
}

/**
 * Every state visit of a history, in the order they were entered. O(events) the first time for
 * a history array; later calls with the same array reuse the scan.
 */
export function stateVisits(events: readonly HistoryEvent[]): StateVisit[] {
	const s = scanOf(events);
	return s.recs.map((r) => visitOf(s, r));
}

/** The visits of one state, in the order they were entered. */
export function visitsOf(events: readonly HistoryEvent[], stateName: string): StateVisit[] {
	const s = scanOf(events);
	return s.recs.filter((r) => r.name === stateName).map((r) => visitOf(s, r));
}

/**
 * The visits that failed, in entered order: status `failed`, or `aborted` after a failure (in a
 * Parallel branch AWS reports a failed task aborted too). Builds only those visits.
 */
export function failedVisits(events: readonly HistoryEvent[]): StateVisit[] {
	const s = scanOf(events);
	return s.recs
		.filter((r) => r.status === 'failed' || (r.status === 'aborted' && r.errors.length > 0))
		.map((r) => visitOf(s, r));
}

/** The visit entered last at the top level (not in a branch or iteration). */
export function lastTopLevelVisit(events: readonly HistoryEvent[]): StateVisit | undefined {
	const s = scanOf(events);
	const rec = s.recs.findLast((r) => r.entered.parentEventId === undefined);
	return rec && visitOf(s, rec);
}

/**
 * The visit an event belongs to (`MapIteration…` events: their Map's visit); undefined for
 * execution events.
 */
export function visitAt(events: readonly HistoryEvent[], eventId: number): StateVisit | undefined {
	const s = scanOf(events);
	const e = eventById(events, eventId);
	const rec = e && s.byIndex[e === events[eventId - 1] ? eventId - 1 : events.indexOf(e)];
	return rec && visitOf(s, rec);
}

/**
 * The visit as it was when only the first `revealed` events had happened (playback): undefined
 * before it was entered; without output, stages or error not yet known. O(size of the visit).
 * Pass the whole visit (from `visitsOf` over the whole history), not an earlier projection.
 */
export function visitAsOf(visit: StateVisit, revealed: number): StateVisit | undefined {
	if (visit.enteredId > revealed) return undefined;
	if (visit.settledId <= revealed) return visit;
	const exited = visit.exitedId !== undefined && visit.exitedId <= revealed;
	const attemptIds = visit.attemptIds.filter((id) => id <= revealed);
	const statusChanges = visit.statusChanges.filter((c) => c.eventId <= revealed);
	const status = statusChanges[statusChanges.length - 1].status;
	const failures = visit.failures.filter((f) => f.eventId <= revealed);
	return {
		...visit,
		exitedId: exited ? visit.exitedId : undefined,
		exitedAt: exited ? visit.exitedAt : undefined,
		output: exited ? visit.output : undefined,
		stages: exited ? visit.stages : undefined,
		assignedVariables: exited ? visit.assignedVariables : undefined,
		logs: visit.logs.filter((l) => l.eventId <= revealed),
		error: errorFor(status, failures),
		failures,
		attempts: attemptIds.length,
		attemptIds,
		eventIds: visit.eventIds.filter((id) => id <= revealed),
		statusChanges,
		status,
		settledId: visit.settledId
	};
}

/** How many of `visits` (in entered order) had been entered within the first `revealed` events. */
export function enteredCount(visits: readonly StateVisit[], revealed: number): number {
	let lo = 0;
	let hi = visits.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (visits[mid].enteredId <= revealed) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Index of the visit that event `eventId` belongs to, or -1. */
export function visitIndexOf(visits: readonly StateVisit[], eventId: number): number {
	for (let i = enteredCount(visits, eventId) - 1; i >= 0; i--) {
		if (visits[i].eventIds.includes(eventId)) return i;
	}
	return -1;
}

/** Where a visit ran, for people: `top level`, `branch 1`, `branch 0 › iteration 3`. */
export function visitPlace(visit: StateVisit): string {
	return visit.lane || 'top level';
}
