import type { MapProgress } from '../../../../engine/index.js';
import type { LaidOutNode } from '../../layout/edge-path.js';

/**
 * Props of every state shape: the node, drawn in its own frame (origin at its top-left corner),
 * and, for a Map, its iteration progress.
 */
export interface ShapeProps {
	readonly node: LaidOutNode;
	readonly progress?: MapProgress;
}

/** Corner radius of a state's outline: pills are fully round, containers a little rounder. */
export function cornerRadius(node: LaidOutNode): number {
	if (node.shape === 'Succeed' || node.shape === 'Fail') return node.height / 2;
	if (node.shape === 'Parallel' || node.shape === 'Map') return 10;
	return 8;
}

/** `3/10`: finished iterations (succeeded, failed or aborted) over the total. */
export function progressText(progress: MapProgress): string {
	return `${progress.succeeded + progress.failed + progress.aborted}/${progress.total}`;
}

/** A sentence for the progress badge's tooltip. */
export function progressTitle(progress: MapProgress): string {
	const running = progress.started - progress.succeeded - progress.failed - progress.aborted;
	const parts = [`${progress.succeeded} succeeded`];
	if (progress.failed) parts.push(`${progress.failed} failed`);
	if (progress.aborted) parts.push(`${progress.aborted} aborted`);
	if (running > 0) parts.push(`${running} running`);
	return `${progress.total} iterations: ${parts.join(', ')}`;
}
