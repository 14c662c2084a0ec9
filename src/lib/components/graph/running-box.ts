import type { StateStatus } from '../../../../engine/index.js';
import type { LaidOutNode } from '../../layout/edge-path.js';
import type { Box } from './viewport.js';

const active = (status: StateStatus | undefined) => status === 'running' || status === 'retrying';

/**
 * The box (graph px) around the states running or retrying now, for the view to follow during
 * playback; undefined when none is. Plain states count first: a running Parallel or Map contains
 * the states that run inside it, and its whole frame may be taller than the view. Containers count
 * only when nothing inside them runs (between two iterations).
 */
export function runningBox(
	nodes: readonly LaidOutNode[],
	statuses: ReadonlyMap<string, StateStatus>
): Box | undefined {
	const running = nodes.filter((n) => n.kind === 'state' && active(statuses.get(n.stateName!)));
	const plain = running.filter((n) => n.shape !== 'Parallel' && n.shape !== 'Map');
	const chosen = plain.length ? plain : running;
	if (!chosen.length) return undefined;
	const x = Math.min(...chosen.map((n) => n.x));
	const y = Math.min(...chosen.map((n) => n.y));
	const right = Math.max(...chosen.map((n) => n.x + n.width));
	const bottom = Math.max(...chosen.map((n) => n.y + n.height));
	return { x, y, width: right - x, height: bottom - y };
}
