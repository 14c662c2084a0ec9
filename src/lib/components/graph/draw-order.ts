import type { GraphLayout, LaidOutEdge, LaidOutNode } from '../../layout/edge-path.js';

/** One thing to draw: a level's edges (lines, then labels) or a node. */
export type DrawItem =
	| { readonly type: 'edges'; readonly key: string; readonly edges: readonly LaidOutEdge[] }
	| { readonly type: 'node'; readonly key: string; readonly node: LaidOutNode };

/**
 * The order to draw a layout in, which is also the keyboard order: depth first in model (flow)
 * order; in each container its edges first, then its nodes, each container node followed by its
 * contents. So edges sit above the backgrounds of the containers they run in and below nodes.
 */
export function drawOrder(layout: GraphLayout): DrawItem[] {
	const parentOf = new Map(layout.nodes.map((n) => [n.id, n.parent]));
	const children = new Map<string | undefined, LaidOutNode[]>();
	for (const node of layout.nodes) push(children, node.parent, node);
	const edges = new Map<string | undefined, LaidOutEdge[]>();
	for (const edge of layout.edges) push(edges, parentOf.get(edge.source), edge);

	const items: DrawItem[] = [];
	const visit = (parent: string | undefined) => {
		const own = edges.get(parent);
		if (own) items.push({ type: 'edges', key: `edges:${parent ?? ''}`, edges: own });
		for (const node of children.get(parent) ?? []) {
			items.push({ type: 'node', key: node.id, node });
			visit(node.id);
		}
	};
	visit(undefined);
	return items;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}
