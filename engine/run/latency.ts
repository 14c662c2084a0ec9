import { hashString, Random } from '../random.js';
import type { LatencyRequest } from './execute.js';

/**
 * Simulated task latency: how long each Task attempt takes on the virtual clock, before its
 * handler's own waiting. A duration is fixed (`1500`) or drawn uniformly from a range
 * (`{ min: 500, max: 2000 }`) with the run's seed. Draws depend only on the seed, the state, the
 * attempt and where the visit runs (branch/iteration indices), never on scheduling order, so a
 * workflow run in parallel and sequentialised sees the same durations.
 */

/** Milliseconds, fixed or a uniform range. */
export type LatencySpec = number | { readonly min: number; readonly max: number };

/** Durations by state name, then by resource, then the default. All in ms. */
export interface LatencyProfile {
	readonly byState?: Readonly<Record<string, LatencySpec>>;
	readonly byResource?: Readonly<Record<string, LatencySpec>>;
	readonly default?: LatencySpec;
}

/** Turns a profile into the `taskLatencyMs` option of `startExecution`. */
export function latencyModel(
	profile: LatencyProfile,
	seed: number | string = 0
): (r: LatencyRequest) => number {
	return (r) => {
		const spec =
			profile.byState?.[r.stateName] ?? profile.byResource?.[r.resource] ?? profile.default ?? 0;
		if (typeof spec === 'number') return Math.max(0, spec);
		const lo = Math.max(0, Math.min(spec.min, spec.max));
		const hi = Math.max(lo, spec.max);
		const draw = new Random(hashString(`${seed}|${r.stateName}|${r.lane}|${r.attempt}`)).next();
		return Math.round(lo + draw * (hi - lo));
	};
}
