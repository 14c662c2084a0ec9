import type { FaultInjection, LatencySpec } from '../../../../engine/index.js';

/**
 * What the workspace's simulation settings change about one Task state, in words: the graph
 * marks such a task, so a run that fails there (or takes that long) is not a mystery once the
 * task-simulation popover is closed.
 */
export interface SimulationMark {
	/** `3 s`, `700 ms`, `0.5–2 s`: the simulated duration set for the state. */
	readonly duration?: string;
	/** `States.TaskFailed on every attempt`, `Boom on attempts 1 and 2`: the injected failure. */
	readonly fault?: string;
}

/** The mark of a Task with this simulated duration and injected failure (undefined: neither). */
export function simulationMark(
	latency: LatencySpec | undefined,
	fault: FaultInjection | undefined
): SimulationMark | undefined {
	if (latency === undefined && fault === undefined) return undefined;
	return {
		...(latency === undefined ? {} : { duration: durationText(latency) }),
		...(fault === undefined ? {} : { fault: faultText(fault) })
	};
}

/** The words a screen reader hears after the state's name, type and status. */
export function simulationLabel(mark: SimulationMark): string {
	const parts: string[] = [];
	if (mark.duration) parts.push(`simulated duration ${mark.duration}`);
	if (mark.fault) parts.push(`injected failure ${mark.fault}`);
	return parts.join(', ');
}

function durationText(spec: LatencySpec): string {
	if (typeof spec === 'number') return ms(spec);
	const lo = Math.min(spec.min, spec.max);
	const hi = Math.max(spec.min, spec.max);
	if (lo === hi) return ms(lo);
	// One unit for both ends when the top is a second or more: `0.5–2 s`, not `500 ms–2 s`.
	return hi >= 1000 ? `${seconds(lo)}–${seconds(hi)} s` : `${lo}–${hi} ms`;
}

const seconds = (value: number) => String(Math.round(value / 10) / 100);
const ms = (value: number) => (value >= 1000 ? `${seconds(value)} s` : `${value} ms`);

function faultText(fault: FaultInjection): string {
	const attempts = fault.attempts;
	// Attempts are 0-based in the settings (0 is the first); people count from 1.
	if (attempts === undefined) return `${fault.error} on every attempt`;
	const counted = [...attempts].sort((a, b) => a - b).map((a) => String(a + 1));
	if (counted.length === 0) return `${fault.error} on no attempt`;
	if (counted.length === 1)
		return `${fault.error} on ${counted[0] === '1' ? 'the first attempt' : `attempt ${counted[0]}`}`;
	return `${fault.error} on attempts ${counted.slice(0, -1).join(', ')} and ${counted.at(-1)}`;
}
