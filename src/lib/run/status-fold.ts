import type { HistoryEvent, StateStatus } from '../../../engine/index.js';
import {
	ATTEMPT_FAILURE_TYPES,
	ATTEMPT_START_TYPES,
	BRANCHES_END_TYPES
} from '../../../engine/core.js';
import { laneKey } from './lanes.js';

/** One state visit as `stateStatuses` tracks it. */
interface FoldVisit {
	readonly name: string;
	status: StateStatus;
	/** Fail states fail on entry, whatever follows in their lane. */
	readonly pinned: boolean;
}

/** Per state name: how many visits run or retry now, and the latest visit. */
interface Tally {
	running: number;
	retrying: number;
	latest: FoldVisit;
}

const ENTERED = /StateEntered$/;
const EXITED = /StateExited$/;
const ENDED: Partial<Record<string, StateStatus>> = {
	ExecutionFailed: 'failed',
	ExecutionTimedOut: 'aborted',
	ExecutionAborted: 'aborted'
};
/** `laneKey` of top-level events. */
const TOP_LANE = 0;

/**
 * `stateStatuses(events, count)` (engine/history.ts), kept up to date as `count` grows: each call
 * folds only the events revealed since the previous one, so playback costs O(new events) per
 * frame instead of a scan of the whole history. When `count` shrinks (a seek back) or the history
 * is replaced by another run, the fold starts again from the first event.
 *
 * Like `stateStatuses`, it reads the events past `count` to show a failure that a new attempt
 * follows as `retrying`. A separate scan, once over every event received, finds those failures;
 * when a streaming run brings the retry of a failure already shown, that visit turns `retrying`.
 *
 * The result is the same `Map` instance as long as no status changed, so a `$derived` over it
 * does not wake its readers on frames that changed nothing.
 */
export class StatusFold {
	#count = 0;
	#laneVisit = new Map<number, FoldVisit>();
	/** `ParallelStateStarted`/`MapStateStarted` id → the lanes of its branches or iterations. */
	#lanesUnder = new Map<number, Set<number>>();
	/** Lane → the latest `…StateStarted` id of its Parallel or Map visit. */
	#attemptOf = new Map<number, number>();
	#tallies = new Map<string, Tally>();
	/** Visits running or retrying now, of every state. */
	#active = 0;
	#result: ReadonlyMap<string, StateStatus> = new Map();
	#dirty = false;
	/** Events scanned for retries: every event received so far. */
	#scanned = 0;
	/** The last scanned event: if `events[scanned - 1]` is another object, the history changed. */
	#scannedLast: HistoryEvent | undefined;
	/** Lane → index of its latest scanned event, when that event failed an attempt. */
	#failedLast = new Map<number, number>();
	/** Indices of failures that the next event of their lane retries. */
	#retried = new Set<number>();

	/** Status of every visited state after the first `count` events (absent: `pending`). */
	statusesAt(events: readonly HistoryEvent[], count: number): ReadonlyMap<string, StateStatus> {
		const n = Math.max(0, Math.min(count, events.length));
		if (
			this.#scanned > events.length ||
			(this.#scanned > 0 && events[this.#scanned - 1] !== this.#scannedLast)
		) {
			this.#restartScan();
			this.#restart();
		} else if (n < this.#count) {
			this.#restart();
		}
		this.#scan(events);
		for (let i = this.#count; i < n; i++) this.#apply(events[i], i);
		this.#count = n;
		if (this.#dirty) {
			this.#result = this.#snapshot();
			this.#dirty = false;
		}
		return this.#result;
	}

	/** Number of events folded so far. */
	get count(): number {
		return this.#count;
	}

	#restart(): void {
		this.#count = 0;
		this.#laneVisit.clear();
		this.#lanesUnder.clear();
		this.#attemptOf.clear();
		this.#tallies.clear();
		this.#active = 0;
		this.#dirty = true;
	}

	#restartScan(): void {
		this.#scanned = 0;
		this.#scannedLast = undefined;
		this.#failedLast.clear();
		this.#retried.clear();
	}

	/** Finds, in the events received since the last call, the failures that are retried. */
	#scan(events: readonly HistoryEvent[]): void {
		for (let i = this.#scanned; i < events.length; i++) {
			const e = events[i];
			const lane = laneKey(e);
			const failure = this.#failedLast.get(lane);
			if (failure !== undefined) {
				this.#failedLast.delete(lane);
				if (ATTEMPT_START_TYPES.has(e.type)) {
					this.#retried.add(failure);
					// Already folded as failed (the retry streamed in later): nothing happened in
					// this lane since, so its visit is still the one that failed.
					const visit = this.#laneVisit.get(lane);
					if (failure < this.#count && visit?.status === 'failed' && !visit.pinned)
						this.#move(visit, 'retrying');
				}
			}
			if (ATTEMPT_FAILURE_TYPES.has(e.type)) this.#failedLast.set(lane, i);
		}
		this.#scanned = events.length;
		this.#scannedLast = events[events.length - 1];
	}

	#apply(e: HistoryEvent, index: number): void {
		// The same lane key and rules as `stateStatuses`: a thread's events belong to the visit
		// last entered in its lane (top level, branch or iteration).
		const lane = laneKey(e);
		if (e.parentEventId !== undefined) this.#lanesUnder.get(e.parentEventId)?.add(lane);
		if (ENTERED.test(e.type)) {
			const name = e.stateEnteredEventDetails?.name ?? e.stateName ?? '';
			const pinned = e.type === 'FailStateEntered';
			const visit: FoldVisit = { name, status: pinned ? 'failed' : 'running', pinned };
			this.#laneVisit.set(lane, visit);
			if (!pinned) this.#active++;
			const tally = this.#tallies.get(name);
			if (tally) {
				tally.latest = visit;
				if (!pinned) tally.running++;
			} else {
				this.#tallies.set(name, { running: pinned ? 0 : 1, retrying: 0, latest: visit });
			}
			this.#dirty = true;
			return;
		}
		const end = ENDED[e.type];
		if (end) {
			// As in `stateStatuses`: visits still running when the execution ends failed or were cut
			// short; when none was, the last top-level visit is where the run ended.
			const active = this.#active > 0;
			for (const v of this.#laneVisit.values()) {
				if (v.status === 'running' || v.status === 'retrying') this.#move(v, end);
			}
			const top = this.#laneVisit.get(TOP_LANE);
			if (!active && top && top.status !== 'failed') this.#move(top, end);
			return;
		}
		// As in `stateStatuses`: a visit still running when its lane ends failed there.
		if (e.type === 'MapIterationFailed' || e.type === 'MapIterationAborted') {
			this.#endLane(lane, e.type === 'MapIterationFailed' ? 'failed' : 'aborted');
			return;
		}
		if (BRANCHES_END_TYPES.has(e.type)) {
			const attempt = this.#attemptOf.get(lane);
			const status = e.type.endsWith('Aborted') ? 'aborted' : 'failed';
			if (attempt !== undefined)
				for (const child of this.#lanesUnder.get(attempt) ?? []) this.#endLane(child, status);
			if (e.type === 'ParallelStateStarted' || e.type === 'MapStateStarted') {
				this.#attemptOf.set(lane, e.id);
				this.#lanesUnder.set(e.id, new Set());
			}
		}
		const visit = this.#laneVisit.get(lane);
		if (!visit || visit.pinned) return;
		const from = visit.status;
		let to = from;
		if (EXITED.test(e.type)) {
			if (from === 'running' || from === 'retrying') to = 'succeeded';
			else if (from === 'failed') to = 'caught';
		} else if (e.type.endsWith('StateAborted')) {
			if (from !== 'failed') to = 'aborted';
		} else if (ATTEMPT_FAILURE_TYPES.has(e.type)) {
			to = this.#retried.has(index) ? 'retrying' : 'failed';
		} else if (ATTEMPT_START_TYPES.has(e.type) && from === 'failed') {
			to = 'retrying';
		}
		if (to !== from) this.#move(visit, to);
	}

	#endLane(lane: number, to: StateStatus): void {
		const visit = this.#laneVisit.get(lane);
		if (visit && !visit.pinned && active(visit.status)) this.#move(visit, to);
	}

	#move(visit: FoldVisit, to: StateStatus): void {
		const from = visit.status;
		visit.status = to;
		const tally = this.#tallies.get(visit.name)!;
		if (from === 'running') tally.running--;
		else if (from === 'retrying') tally.retrying--;
		if (to === 'running') tally.running++;
		else if (to === 'retrying') tally.retrying++;
		this.#active += active(to) - active(from);
		this.#dirty = true;
	}

	#snapshot(): Map<string, StateStatus> {
		const out = new Map<string, StateStatus>();
		for (const [name, t] of this.#tallies) {
			out.set(name, t.running > 0 ? 'running' : t.retrying > 0 ? 'retrying' : t.latest.status);
		}
		return out;
	}
}

const active = (status: StateStatus) => (status === 'running' || status === 'retrying' ? 1 : 0);
