import type { HistoryEvent } from '../../../engine/index.js';

/**
 * The event with this id. The engine numbers events 1, 2, 3… in order, so this is an index
 * lookup; a binary search covers a history that is not numbered from 1.
 */
export function eventById(events: readonly HistoryEvent[], id: number): HistoryEvent | undefined {
	const direct = events[id - 1];
	if (direct?.id === id) return direct;
	let lo = 0;
	let hi = events.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >>> 1;
		const e = events[mid];
		if (e.id === id) return e;
		if (e.id < id) lo = mid + 1;
		else hi = mid - 1;
	}
	return undefined;
}

/** `branch 1` or `iteration 3`: one step of a lane (indices are 0-based, as in AWS). */
export function laneStep(e: HistoryEvent): string {
	if (e.branch !== undefined) return `branch ${e.branch}`;
	if (e.iteration !== undefined) return `iteration ${e.iteration}`;
	return '';
}

/**
 * A function giving where an event ran, from the top level down: `''` at the top level,
 * `branch 1`, `branch 1 › iteration 3` (a Map inside a Parallel branch). Events carry only their
 * own step and the id of the `ParallelStateStarted`/`MapStateStarted` event they run under, so
 * the rest comes from that event's own lane; labels are memoised per lane.
 */
export function laneLabels(events: readonly HistoryEvent[]): (e: HistoryEvent) => string {
	const memo = new Map<string, string>();
	const label = (e: HistoryEvent): string => {
		if (e.parentEventId === undefined) return '';
		const key = `${e.parentEventId}:${e.branch ?? ''}:${e.iteration ?? ''}`;
		let text = memo.get(key);
		if (text === undefined) {
			const parent = eventById(events, e.parentEventId);
			const above = parent ? label(parent) : '';
			text = above ? `${above} › ${laneStep(e)}` : laneStep(e);
			memo.set(key, text);
		}
		return text;
	};
	return label;
}

/**
 * A number naming the lane (thread) an event ran in: 0 at the top level, else from the id of the
 * `ParallelStateStarted`/`MapStateStarted` event above it and its branch or iteration index. A
 * number, not a string, because lookups by lane run once per event over 40,000 events.
 */
export function laneKey(e: HistoryEvent): number {
	if (e.parentEventId === undefined) return 0;
	// Events carry a branch or an iteration, never both; indices stay far below 2^21.
	return e.parentEventId * 2_097_152 + 1 + (e.branch ?? e.iteration ?? 0);
}
