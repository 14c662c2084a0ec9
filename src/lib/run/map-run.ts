import { mapProgress } from '../../../engine/core.js';
import type { HistoryEvent, MapProgress } from '../../../engine/index.js';

/**
 * A Map state's progress as the page shows it. `distributed`: its latest run was a Distributed
 * Map, whose items run as child executions; as on AWS, their events are not in this history,
 * so `started`, `succeeded`, `failed` and `aborted` stay 0 and only `total` says anything.
 */
export interface MapRunProgress extends MapProgress {
	readonly distributed: boolean;
}

/** `mapProgress` of the latest run of `mapStateName`, and whether that run was distributed. */
export function mapRunProgress(
	events: readonly HistoryEvent[],
	mapStateName: string
): MapRunProgress | undefined {
	const progress = mapProgress(events, mapStateName);
	if (!progress) return undefined;
	return { ...progress, distributed: latestRunIsDistributed(events, mapStateName) };
}

/** Whether a `MapRunStarted` follows the latest `MapStateStarted` of `mapStateName`. */
function latestRunIsDistributed(events: readonly HistoryEvent[], mapStateName: string): boolean {
	for (let i = events.length - 1; i >= 0; i--) {
		const e = events[i];
		if (e.stateName !== mapStateName) continue;
		if (e.type === 'MapRunStarted') return true;
		if (e.type === 'MapStateStarted') return false;
	}
	return false;
}
