import { clockText } from '../run/format.js';
import type { DrawnCluster } from './bars-in-view.js';
import type { Concurrency } from './concurrency.js';
import type { TimelineBar } from './rows.js';

/**
 * The words of the timeline: what a screen reader hears for a bar, and the comparison's
 * sentences. Text only, so it is tested without a DOM.
 */

/**
 * `ResizeImage, Task, branch 0, 0 s to 3 s, succeeded, on the critical path` (plus attempts after
 * a retry). The lane tells apart the visits of one state in several branches or iterations.
 */
export function barLabel(bar: TimelineBar): string {
	const parts = [bar.name, bar.type];
	if (bar.lane) parts.push(bar.lane);
	parts.push(`${clockText(bar.start)} to ${clockText(bar.end)}`, bar.status);
	const attempts = bar.segments.filter((s) => s.kind === 'attempt').length;
	if (attempts > 1) parts.push(`${attempts} attempts`);
	if (bar.critical) parts.push('on the critical path');
	return parts.join(', ');
}

/**
 * A lane row's label split where a narrow column may cut it: `ProcessTransaction · branch 0`
 * gives `{ owner: 'ProcessTransaction', place: ' · branch 0' }`, so the owner is shortened and
 * the branch or slot, which tells the rows apart, stays. `Main flow` has no place.
 */
export function laneLabelParts(label: string): { owner: string; place: string } {
	const at = label.lastIndexOf(' · ');
	return at < 0
		? { owner: label, place: '' }
		: { owner: label.slice(0, at), place: label.slice(at) };
}

/**
 * `12 visits, 1 s to 3 s, zoom in to tell them apart`; visits at one instant (Pass and Choice
 * states take no time) cannot be zoomed apart: `3 visits at 0 s, all at the same instant`.
 */
export function clusterLabel(cluster: DrawnCluster): string {
	if (cluster.start === cluster.end)
		return `${cluster.count} visits at ${clockText(cluster.start)}, all at the same instant`;
	return `${cluster.count} visits, ${clockText(cluster.start)} to ${clockText(cluster.end)}, zoom in to tell them apart`;
}

/**
 * `2.00× faster` (or `1.00× (no difference)` / `0.50× slower`) from the two totals; for a run that
 * did not succeed (`failed`), `fails 2.00× sooner` (or `later`).
 */
export function speedupText(asWrittenMs: number, sequentialMs: number, failed = false): string {
	const ratio = asWrittenMs > 0 && sequentialMs > 0 ? sequentialMs / asWrittenMs : 1;
	if (Math.abs(ratio - 1) < 0.005) return '1.00× (no difference)';
	// A run that failed is not faster: it reaches its failure sooner (or later).
	if (failed)
		return ratio > 1
			? `fails ${ratio.toFixed(2)}× sooner`
			: `fails ${(1 / ratio).toFixed(2)}× later`;
	return ratio > 1 ? `${ratio.toFixed(2)}× faster` : `${(1 / ratio).toFixed(2)}× slower`;
}

/** Repeats of a group of up to this many states are written once, with a count. */
const MAX_GROUP = 4;

/**
 * `RunTasksInParallel → ResizeImage → CompleteWorkflow`. Consecutive repeats are written once
 * with a count: `Each → Work ×50`, or `Each → (Fetch → Save) ×20` for a Map's iterations of two
 * states, one after another in one slot.
 */
export function criticalPathText(states: readonly string[]): string {
	if (!states.length) return 'none yet';
	const parts: string[] = [];
	let i = 0;
	while (i < states.length) {
		const { size, times } = longestRepeat(states, i);
		const group = states.slice(i, i + size).join(' → ');
		if (times === 1) parts.push(group);
		else parts.push(size === 1 ? `${group} ×${times}` : `(${group}) ×${times}`);
		i += size * times;
	}
	return parts.join(' → ');
}

/** The group at `from` whose back-to-back repeats cover the most states (the smallest if tied). */
function longestRepeat(states: readonly string[], from: number): { size: number; times: number } {
	let best = { size: 1, times: 1 };
	for (let size = 1; size <= MAX_GROUP && from + 2 * size <= states.length; size++) {
		let times = 1;
		while (sameGroup(states, from, from + times * size, size)) times++;
		if (times > 1 && size * times > best.size * best.times) best = { size, times };
	}
	return best;
}

function sameGroup(states: readonly string[], a: number, b: number, size: number): boolean {
	if (b + size > states.length) return false;
	for (let k = 0; k < size; k++) if (states[a + k] !== states[b + k]) return false;
	return true;
}

const CONCURRENCY_TEXT: Record<Concurrency, string> = {
	parallel:
		'A Parallel state takes as long as its slowest branch; run one after another, the branches ' +
		'add up.',
	map:
		'A Map state runs its iterations at the same time (up to its MaxConcurrency); run one at a ' +
		'time, the iterations add up.',
	both:
		'A Parallel state takes as long as its slowest branch, and a Map state runs its iterations ' +
		'at the same time (up to its MaxConcurrency); run one after another, branches and ' +
		'iterations add up.',
	none:
		'Nothing in this workflow runs concurrently (it has no Parallel or Map state), so both ways ' +
		'take the same time.'
};

/** Why the two totals differ (or do not), for what the workflow contains. */
export function concurrencyText(concurrency: Concurrency): string {
	return CONCURRENCY_TEXT[concurrency];
}
