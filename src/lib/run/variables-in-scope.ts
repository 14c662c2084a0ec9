import type { HistoryEvent, JsonValue } from '../../../engine/index.js';
import { eventById, laneKey } from './lanes.js';

/**
 * The workflow variables a state could read when it was entered (event `enteredId`), by name:
 * what earlier states of its own `States` block assigned (their `…StateExited` events'
 * `assignedVariables`), over what the blocks around it had assigned when its Parallel or Map
 * started. A branch or an iteration reads outer variables, and its own shadow them (AWS Step
 * Functions developer guide, "Passing data between states with variables"). Empty when nothing
 * was assigned; derived from the events alone, so it follows playback.
 */
export function variablesInScope(
	events: readonly HistoryEvent[],
	enteredId: number
): { [name: string]: JsonValue } {
	// Each enclosing lane, innermost first, and the event before which its assignments count.
	const cutoffs = new Map<number, number>();
	const order: number[] = [];
	for (let e = eventById(events, enteredId); e;) {
		const lane = laneKey(e);
		if (cutoffs.has(lane)) break;
		cutoffs.set(lane, e.id);
		order.push(lane);
		e = e.parentEventId === undefined ? undefined : eventById(events, e.parentEventId);
	}
	const assigned = new Map<number, { [name: string]: string }[]>();
	for (const e of events) {
		if (e.id >= enteredId) break;
		const vars = e.stateExitedEventDetails?.assignedVariables;
		if (!vars) continue;
		const lane = laneKey(e);
		const before = cutoffs.get(lane);
		if (before === undefined || e.id >= before) continue;
		let list = assigned.get(lane);
		if (!list) assigned.set(lane, (list = []));
		list.push(vars);
	}
	const out: { [name: string]: JsonValue } = {};
	for (const lane of order.reverse())
		for (const vars of assigned.get(lane) ?? [])
			for (const name in vars) out[name] = parsed(vars[name]);
	return out;
}

function parsed(text: string): JsonValue {
	try {
		return JSON.parse(text) as JsonValue;
	} catch {
		return text;
	}
}
