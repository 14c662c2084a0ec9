import type { HistoryEvent, StateStatus } from './history.js';
import { ATTEMPT_START_TYPES, BRANCHES_END_TYPES } from './history.js';

/**
 * Where a run's time goes, derived from its history alone: every state visit with its start and
 * end on the virtual clock, the attempts and backoff waits inside it, the timeline lanes (one per
 * Parallel branch and per concurrent Map slot), and the critical path — the chain of visits that
 * sets the total duration.
 */

/** A stretch of time inside a visit. */
export interface VisitSegment {
	/** `attempt`: a task (or Parallel/Map) attempt; `backoff`: the wait before a retry; `wait`: a Wait state. */
	readonly kind: 'attempt' | 'backoff' | 'wait';
	readonly start: number;
	readonly end: number;
	/** For attempts: how it ended. */
	readonly outcome?: 'succeeded' | 'failed' | 'timed-out' | 'running';
}

/** One visit of one state, from entry to exit (or failure). Times in virtual ms. */
export interface StateVisit {
	/** The id of the `…StateEntered` event. */
	readonly id: number;
	readonly name: string;
	/** `Task`, `Pass`, … (from the entered event type). */
	readonly type: string;
	readonly start: number;
	/** When it exited, failed or was aborted; `undefined` while it runs. */
	readonly end: number | undefined;
	readonly status: StateStatus;
	/** The visit of the Parallel or Map state this visit runs under, if any. */
	readonly parentVisit?: number;
	readonly branch?: number;
	readonly iteration?: number;
	readonly segments: readonly VisitSegment[];
}

interface MutableVisit {
	id: number;
	name: string;
	type: string;
	start: number;
	end: number | undefined;
	status: StateStatus;
	parentVisit?: number;
	branch?: number;
	iteration?: number;
	segments: VisitSegment[];
	attemptStart?: number;
	attemptEnd?: number;
}

const laneKey = (e: HistoryEvent) =>
	`${e.parentEventId ?? 0}|${e.branch ?? ''}|${e.iteration ?? ''}`;

const ATTEMPT_OK = new Set([
	'TaskSucceeded',
	'LambdaFunctionSucceeded',
	'ActivitySucceeded',
	'ParallelStateSucceeded',
	'MapStateSucceeded'
]);
const ATTEMPT_FAIL = new Set([
	'TaskFailed',
	'LambdaFunctionFailed',
	'ActivityFailed',
	'ParallelStateFailed',
	'MapStateFailed'
]);
const ATTEMPT_TIMEOUT = new Set(['TaskTimedOut', 'LambdaFunctionTimedOut', 'ActivityTimedOut']);

/** Every state visit of a history (or of a prefix of it), in entry order. */
export function stateVisits(events: readonly HistoryEvent[]): StateVisit[] {
	const visits: MutableVisit[] = [];
	const current = new Map<string, MutableVisit>(); // lane → visit running in it
	const byStartedEvent = new Map<number, number>(); // Parallel/MapStateStarted id → visit id
	const lanesUnder = new Map<number, Set<string>>(); // Parallel/MapStateStarted id → its lanes
	const attemptOf = new Map<string, number>(); // lane → its visit's latest …StateStarted id
	const lastAt = new Map<string, number>(); // lane → time of its latest event
	const now = events.length ? events[events.length - 1].timestamp : 0;
	/**
	 * A visit still running when its lane ends failed there without an event of its own (a Choice
	 * with no match, a run-time error), as in `stateStatuses`: at once, after its lane's last event.
	 */
	const endLane = (lane: string, status: StateStatus) => {
		const v = current.get(lane);
		if (!v || v.end !== undefined || (v.status !== 'running' && v.status !== 'retrying')) return;
		const end = lastAt.get(lane) ?? v.start;
		if (v.attemptStart !== undefined) {
			v.segments.push({ kind: 'attempt', start: v.attemptStart, end, outcome: 'failed' });
			v.attemptStart = undefined;
		}
		v.end = end;
		v.status = status;
		current.delete(lane);
	};
	for (const e of events) {
		const lane = laneKey(e);
		if (e.parentEventId !== undefined) lanesUnder.get(e.parentEventId)?.add(lane);
		if (e.type === 'MapIterationFailed' || e.type === 'MapIterationAborted') {
			endLane(lane, e.type === 'MapIterationFailed' ? 'failed' : 'aborted');
			continue;
		}
		lastAt.set(lane, e.timestamp);
		if (BRANCHES_END_TYPES.has(e.type)) {
			const attempt = attemptOf.get(lane);
			const status = e.type.endsWith('Aborted') ? 'aborted' : 'failed';
			if (attempt !== undefined)
				for (const child of lanesUnder.get(attempt) ?? []) endLane(child, status);
			if (e.type === 'ParallelStateStarted' || e.type === 'MapStateStarted') {
				attemptOf.set(lane, e.id);
				lanesUnder.set(e.id, new Set());
			}
		}
		if (e.type.endsWith('StateEntered')) {
			const v: MutableVisit = {
				id: e.id,
				name: e.stateEnteredEventDetails?.name ?? e.stateName ?? '',
				type: e.type.slice(0, -'StateEntered'.length),
				start: e.timestamp,
				end: undefined,
				status: 'running',
				segments: []
			};
			if (e.parentEventId !== undefined) v.parentVisit = byStartedEvent.get(e.parentEventId);
			if (e.branch !== undefined) v.branch = e.branch;
			if (e.iteration !== undefined) v.iteration = e.iteration;
			if (v.type === 'Fail') {
				v.end = e.timestamp;
				v.status = 'failed';
			}
			visits.push(v);
			current.set(lane, v);
			continue;
		}
		const v = current.get(lane);
		if (!v) continue;
		if (e.type === 'ParallelStateStarted' || e.type === 'MapStateStarted')
			byStartedEvent.set(e.id, v.id);
		if (ATTEMPT_START_TYPES.has(e.type)) {
			// A new attempt after a failed one: the gap was the retry backoff.
			if (v.attemptEnd !== undefined && e.timestamp > v.attemptEnd) {
				v.segments.push({ kind: 'backoff', start: v.attemptEnd, end: e.timestamp });
			}
			if (v.attemptStart === undefined) v.attemptStart = e.timestamp;
			if (v.status === 'failed') v.status = 'retrying';
		} else if (ATTEMPT_OK.has(e.type) || ATTEMPT_FAIL.has(e.type) || ATTEMPT_TIMEOUT.has(e.type)) {
			const outcome = ATTEMPT_OK.has(e.type)
				? 'succeeded'
				: ATTEMPT_FAIL.has(e.type)
					? 'failed'
					: 'timed-out';
			if (v.attemptStart !== undefined) {
				v.segments.push({ kind: 'attempt', start: v.attemptStart, end: e.timestamp, outcome });
				v.attemptStart = undefined;
			}
			v.attemptEnd = e.timestamp;
			if (outcome !== 'succeeded') v.status = 'failed';
		} else if (e.type === 'EvaluationFailed') {
			v.status = 'failed';
		} else if (e.type.endsWith('StateExited')) {
			v.end = e.timestamp;
			v.status = v.status === 'failed' ? 'caught' : 'succeeded';
			if (v.type === 'Wait') v.segments.push({ kind: 'wait', start: v.start, end: e.timestamp });
			current.delete(lane);
		} else if (e.type.endsWith('StateAborted')) {
			v.end = e.timestamp;
			// AWS also reports a failed task in a Parallel branch as aborted: it still failed
			// (as in `stateStatuses`).
			if (v.status !== 'failed') v.status = 'aborted';
		}
	}
	// Visits that failed without exiting end at their last attempt; running ones are open.
	for (const v of visits) {
		if (v.end === undefined && v.status === 'failed') v.end = v.attemptEnd ?? v.start;
		if (v.attemptStart !== undefined && v.end === undefined) {
			v.segments.push({ kind: 'attempt', start: v.attemptStart, end: now, outcome: 'running' });
		}
	}
	const terminal = events.length ? events[events.length - 1] : undefined;
	const ended =
		terminal && terminal.type.startsWith('Execution') && terminal.type !== 'ExecutionStarted';
	return visits.map(({ attemptStart, attemptEnd, ...v }) => {
		void attemptStart;
		void attemptEnd;
		// When the execution has ended, a visit still open failed with it (a failure with no event
		// of its own, as in `stateStatuses`) or was stopped by a timeout or an abort.
		if (ended && v.end === undefined) {
			const status: StateStatus = terminal.type === 'ExecutionFailed' ? 'failed' : 'aborted';
			return { ...v, end: terminal.timestamp, status };
		}
		return v;
	});
}

/**
 * The critical path: the ids of the visits that set the run's total duration. The top-level
 * visits all count (they run one after another); inside a Parallel or Map visit on the path, the
 * branch or iteration that finished last continues the path.
 */
export function criticalPath(events: readonly HistoryEvent[]): Set<number> {
	const visits = stateVisits(events);
	const children = new Map<number | undefined, StateVisit[]>();
	for (const v of visits) {
		const list = children.get(v.parentVisit) ?? [];
		list.push(v);
		children.set(v.parentVisit, list);
	}
	const path = new Set<number>();
	const walk = (group: StateVisit[]) => {
		for (const v of group) {
			path.add(v.id);
			const inner = children.get(v.id);
			if (!inner?.length) continue;
			// Group the inner visits by branch/iteration; keep the one that ended last.
			const lanes = new Map<string, StateVisit[]>();
			for (const c of inner) {
				const k = `${c.branch ?? ''}|${c.iteration ?? ''}`;
				const l = lanes.get(k) ?? [];
				l.push(c);
				lanes.set(k, l);
			}
			// Walk back from the end: the lane that finished last, then the lane that finished
			// when that one started (it waited for it: sequential runs, Map concurrency), and so on.
			const spans = [...lanes.values()].map((l) => ({
				visits: l,
				start: Math.min(...l.map((x) => x.start)),
				end: Math.max(...l.map((x) => x.end ?? Infinity))
			}));
			const chain: StateVisit[][] = [];
			let cursor = Infinity;
			for (;;) {
				let best: (typeof spans)[number] | undefined;
				for (const sp of spans) {
					if (sp.end <= cursor && (!best || sp.end > best.end)) best = sp;
				}
				if (!best) break;
				chain.unshift(best.visits);
				spans.splice(spans.indexOf(best), 1);
				if (best.start <= v.start) break;
				cursor = best.start;
			}
			for (const l of chain) walk(l);
		}
	};
	walk(children.get(undefined) ?? []);
	return path;
}

/** A row of the timeline. */
export interface TimelineLane {
	readonly key: string;
	/** `Main flow`, `Fan · branch 0`, `Each · slot 0`: indices count from 0, as AWS counts Map iterations. */
	readonly label: string;
	/** Nesting depth: 0 for the main flow. */
	readonly depth: number;
	readonly visits: readonly StateVisit[];
}

/**
 * Timeline rows: the main flow, then under each Parallel visit one row per branch, and under each
 * Map visit one row per concurrent slot (iterations are packed into the first free slot, so the
 * number of rows shows the concurrency actually reached).
 */
export function timelineLanes(events: readonly HistoryEvent[]): TimelineLane[] {
	const visits = stateVisits(events);
	const byParent = new Map<number | undefined, StateVisit[]>();
	for (const v of visits) {
		const list = byParent.get(v.parentVisit) ?? [];
		list.push(v);
		byParent.set(v.parentVisit, list);
	}
	const rows: TimelineLane[] = [];
	const emit = (key: string, label: string, depth: number, group: StateVisit[]) => {
		rows.push({ key, label, depth, visits: group });
		for (const v of group) {
			const inner = byParent.get(v.id);
			if (!inner?.length) continue;
			if (v.type === 'Parallel') {
				const branches = new Map<number, StateVisit[]>();
				for (const c of inner) {
					const l = branches.get(c.branch ?? 0) ?? [];
					l.push(c);
					branches.set(c.branch ?? 0, l);
				}
				for (const [b, l] of [...branches].sort((a, c) => a[0] - c[0])) {
					emit(`${key}/${v.id}b${b}`, `${v.name} · branch ${b}`, depth + 1, l);
				}
			} else {
				// Map: pack iterations into slots.
				const iterations = new Map<number, StateVisit[]>();
				for (const c of inner) {
					const l = iterations.get(c.iteration ?? 0) ?? [];
					l.push(c);
					iterations.set(c.iteration ?? 0, l);
				}
				const slots: { end: number; visits: StateVisit[] }[] = [];
				const ordered = [...iterations.values()].sort(
					(a, b) => a[0].start - b[0].start || a[0].id - b[0].id
				);
				for (const it of ordered) {
					const start = it[0].start;
					const end = Math.max(...it.map((x) => x.end ?? Infinity));
					let slot = slots.find((s) => s.end <= start);
					if (!slot) {
						slot = { end, visits: [] };
						slots.push(slot);
					}
					slot.end = end;
					slot.visits.push(...it);
				}
				slots.forEach((s, i) =>
					emit(`${key}/${v.id}s${i}`, `${v.name} · slot ${i}`, depth + 1, s.visits)
				);
			}
		}
	};
	emit('main', 'Main flow', 0, byParent.get(undefined) ?? []);
	return rows;
}
