import type { HistoryEvent, StateStatus } from '../../../engine/index.js';
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
const FAILURE_TYPES = new Set<string>([
	'TaskFailed',
	'TaskTimedOut',
	'LambdaFunctionFailed',
	'LambdaFunctionTimedOut',
	'ParallelStateFailed',
	'MapStateFailed',
	'EvaluationFailed',
	'FailStateEntered'
]);
const ENDED: Partial<Record<string, StateStatus>> = {
	ExecutionFailed: 'failed',
	ExecutionTimedOut: 'aborted',
	ExecutionAborted: 'aborted'
};
const ATTEMPT_TYPES = new Set<string>([
	'TaskScheduled',
	'LambdaFunctionScheduled',
	'ParallelStateStarted',
	'MapStateStarted'
]);

/**
 * `stateStatuses(events.slice(0, count))` (engine/history.ts), kept up to date as `count` grows:
 * each call folds only the events revealed since the previous one, so playback costs O(new
 * events) per frame instead of a scan of the whole history. When `count` shrinks (a seek back)
 * or the history is replaced by another run, the fold starts again from the first event.
 *
 * The result is the same `Map` instance as long as no status changed, so a `$derived` over it
 * does not wake its readers on frames that changed nothing.
 */
export class StatusFold {
	#count = 0;
	/** The last folded event: if `events[count - 1]` is another object, the history changed. */
	#last: HistoryEvent | undefined;
	#laneVisit = new Map<number, FoldVisit>();
	#tallies = new Map<string, Tally>();
	#result: ReadonlyMap<string, StateStatus> = new Map();
	#dirty = false;

	/** Status of every visited state after the first `count` events (absent: `pending`). */
	statusesAt(events: readonly HistoryEvent[], count: number): ReadonlyMap<string, StateStatus> {
		const n = Math.max(0, Math.min(count, events.length));
		if (n < this.#count || (this.#count > 0 && events[this.#count - 1] !== this.#last))
			this.#restart();
		for (let i = this.#count; i < n; i++) this.#apply(events[i]);
		this.#count = n;
		this.#last = n > 0 ? events[n - 1] : undefined;
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
		this.#last = undefined;
		this.#laneVisit.clear();
		this.#tallies.clear();
		this.#dirty = true;
	}

	#apply(e: HistoryEvent): void {
		// The same lane key and rules as `stateStatuses`: a thread's events belong to the visit
		// last entered in its lane (top level, branch or iteration).
		const lane = laneKey(e);
		if (ENTERED.test(e.type)) {
			const name = e.stateEnteredEventDetails?.name ?? e.stateName ?? '';
			const pinned = e.type === 'FailStateEntered';
			const visit: FoldVisit = { name, status: pinned ? 'failed' : 'running', pinned };
			this.#laneVisit.set(lane, visit);
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
			// As in `stateStatuses`: visits still running when the execution ends failed or were cut short.
			for (const v of this.#laneVisit.values()) {
				if (v.status === 'running' || v.status === 'retrying') this.#move(v, end);
			}
			return;
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
		} else if (FAILURE_TYPES.has(e.type)) {
			to = 'failed';
		} else if (ATTEMPT_TYPES.has(e.type) && from === 'failed') {
			to = 'retrying';
		}
		if (to !== from) this.#move(visit, to);
	}

	#move(visit: FoldVisit, to: StateStatus): void {
		const from = visit.status;
		visit.status = to;
		const tally = this.#tallies.get(visit.name)!;
		if (from === 'running') tally.running--;
		else if (from === 'retrying') tally.retrying--;
		if (to === 'running') tally.running++;
		else if (to === 'retrying') tally.retrying++;
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
