import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import {
	edgePath,
	type GraphLayout,
	type LaidOutEdge,
	type LaidOutLabel,
	type LaidOutNode
} from './edge-path.js';
import { toElkGraph, type ElkGraph, type ToElkGraphOptions } from './to-elk-graph.js';

/** The part of an ELK instance layout needs (`elk-api` in a worker, or `elk.bundled` in Node). */
export type ElkLayouter = Pick<ELK, 'layout'>;

/** Corner radius of edge bends, px. */
const BEND_RADIUS = 6;

/**
 * Lays out a definition: `toElkGraph`, then ELK, then absolute rectangles and SVG paths. Pure
 * apart from the call to `elk.layout`; rejects only if ELK does.
 */
export async function layoutDefinition(
	definition: unknown,
	elk: ElkLayouter,
	options?: ToElkGraphOptions
): Promise<GraphLayout> {
	const graph = toElkGraph(definition, options);
	const result = await elk.layout(graph.root);
	return toGraphLayout(result, graph);
}

/**
 * Converts ELK's answer (with ROOT coordinates) into a `GraphLayout`: nodes parents-first, edges
 * from every level, and divider positions between Parallel branch columns.
 */
export function toGraphLayout(result: ElkNode, graph: ElkGraph): GraphLayout {
	const nodes: LaidOutNode[] = [];
	const edges: LaidOutEdge[] = [];
	const visit = (elkNode: ElkNode) => {
		for (const edge of elkNode.edges ?? []) {
			const laid = laidOutEdge(edge as ElkExtendedEdge, graph);
			if (laid) edges.push(laid);
		}
		for (const child of elkNode.children ?? []) {
			const info = graph.nodes.get(child.id);
			if (!info) continue;
			const node: LaidOutNode = {
				...info,
				x: child.x ?? 0,
				y: child.y ?? 0,
				width: child.width ?? 0,
				height: child.height ?? 0
			};
			const isParallel = info.kind === 'state' && info.shape === 'Parallel';
			nodes.push(isParallel ? { ...node, dividers: dividers(child.children ?? []) } : node);
			visit(child);
		}
	};
	visit(result);
	return { width: result.width ?? 0, height: result.height ?? 0, nodes, edges };
}

function laidOutEdge(edge: ElkExtendedEdge, graph: ElkGraph): LaidOutEdge | undefined {
	const info = graph.edges.get(edge.id);
	if (!info) return undefined;
	const path = (edge.sections ?? []).map((section) => edgePath(section, BEND_RADIUS)).join(' ');
	const elkLabel = edge.labels?.[0];
	const label: LaidOutLabel | undefined =
		info.label !== undefined && elkLabel
			? {
					text: info.label,
					x: elkLabel.x ?? 0,
					y: elkLabel.y ?? 0,
					width: elkLabel.width ?? 0,
					height: elkLabel.height ?? 0
				}
			: undefined;
	return { id: info.id, kind: info.kind, source: info.source, target: info.target, path, label };
}

// Midpoints of the gaps between branch columns, left to right.
function dividers(branches: readonly ElkNode[]): number[] {
	const columns = [...branches].sort((a, b) => (a.x ?? 0) - (b.x ?? 0));
	const out: number[] = [];
	for (let i = 1; i < columns.length; i++) {
		const left = columns[i - 1];
		out.push(((left.x ?? 0) + (left.width ?? 0) + (columns[i].x ?? 0)) / 2);
	}
	return out;
}
