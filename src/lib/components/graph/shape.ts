import type { MapRunProgress } from '../../run/map-run.js';
import type { LaidOutNode } from '../../layout/edge-path.js';

/**
 * Props of every state shape: the node, drawn in its own frame (origin at its top-left corner),
 * and, for a Map, its iteration progress.
 */
export interface ShapeProps {
	readonly node: LaidOutNode;
	readonly progress?: MapRunProgress;
}

/** Corner radius of a state's outline: pills are fully round, containers a little rounder. */
export function cornerRadius(node: LaidOutNode): number {
	if (node.shape === 'Succeed' || node.shape === 'Fail') return node.height / 2;
	if (node.shape === 'Parallel' || node.shape === 'Map') return 10;
	return 8;
}

/**
 * `3/10`: finished iterations (succeeded, failed or aborted) over the total; `10 items` for a
 * Distributed Map, whose iterations the history does not show.
 */
export function progressText(progress: MapRunProgress): string {
	if (progress.distributed) return `${progress.total} ${progress.total === 1 ? 'item' : 'items'}`;
	return `${progress.succeeded + progress.failed + progress.aborted}/${progress.total}`;
}

/** A sentence for the progress badge's tooltip. */
export function progressTitle(progress: MapRunProgress): string {
	if (progress.distributed)
		return (
			`Distributed Map: ${progressText(progress)}, each run as a child execution. ` +
			'As on AWS, their events are in their own histories, not in this one.'
		);
	const running = progress.started - progress.succeeded - progress.failed - progress.aborted;
	const parts = [`${progress.succeeded} succeeded`];
	if (progress.failed) parts.push(`${progress.failed} failed`);
	if (progress.aborted) parts.push(`${progress.aborted} aborted`);
	if (running > 0) parts.push(`${running} running`);
	return `${progress.total} iterations: ${parts.join(', ')}`;
}
