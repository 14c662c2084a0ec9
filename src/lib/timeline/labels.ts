import { clockText } from '../run/format.js';
import type { DrawnCluster } from './bars-in-view.js';
import type { TimelineBar } from './rows.js';
import { durationText } from './scale.js';

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

/** `12 visits, 1 s to 3 s, zoom in to tell them apart`. */
export function clusterLabel(cluster: DrawnCluster): string {
	return `${cluster.count} visits, ${clockText(cluster.start)} to ${clockText(cluster.end)}, zoom in to tell them apart`;
}

/** `2.00× faster` (or `1.00× (no difference)` / `0.50× slower`) from the two totals. */
export function speedupText(asWrittenMs: number, sequentialMs: number): string {
	const ratio = asWrittenMs > 0 && sequentialMs > 0 ? sequentialMs / asWrittenMs : 1;
	if (Math.abs(ratio - 1) < 0.005) return '1.00× (no difference)';
	return ratio > 1 ? `${ratio.toFixed(2)}× faster` : `${(1 / ratio).toFixed(2)}× slower`;
}

/** `RunTasksInParallel → ResizeImage → CompleteWorkflow`. */
export function criticalPathText(states: readonly string[]): string {
	return states.length ? states.join(' → ') : 'none yet';
}

export { durationText };
