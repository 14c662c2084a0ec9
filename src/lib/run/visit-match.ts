import type { HistoryEvent } from '../../../engine/index.js';
import { laneLabels } from './lanes.js';

/**
 * The same visit in another history of the workflow: the visit of the same state, in the same
 * lane (`branch 0 › iteration 3`), entered as many times before it there. A bar of the
 * comparison's runs is matched this way to the page's run, whose visits the inspector shows.
 * Visits are named by the id of their `…StateEntered` event; undefined when `to` has no such
 * visit (yet).
 */
export function matchingVisitId(
	from: readonly HistoryEvent[],
	visitId: number,
	to: readonly HistoryEvent[]
): number | undefined {
	if (from === to) return visitId;
	const key = visitKeys(from).get(visitId);
	if (key === undefined) return undefined;
	for (const [id, k] of visitKeys(to)) if (k === key) return id;
	return undefined;
}

/** Visit id → `lane, state, how many times entered before in that lane`. */
function visitKeys(events: readonly HistoryEvent[]): Map<number, string> {
	const laneOf = laneLabels(events);
	const entered = new Map<string, number>();
	const keys = new Map<number, string>();
	for (const e of events) {
		if (!e.type.endsWith('StateEntered')) continue;
		const place = `${laneOf(e)}\n${e.stateEnteredEventDetails?.name ?? e.stateName ?? ''}`;
		const before = entered.get(place) ?? 0;
		entered.set(place, before + 1);
		keys.set(e.id, `${place}\n${before}`);
	}
	return keys;
}
