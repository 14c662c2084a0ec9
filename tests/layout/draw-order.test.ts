import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { drawOrder } from '../../src/lib/components/graph/draw-order.js';
import { layoutDefinition } from '../../src/lib/layout/layout.js';
import { generateDefinition, seedDefinition } from './fixtures.js';

const elk = new ELK();
const label = (item: ReturnType<typeof drawOrder>[number]) =>
	item.type === 'edges' ? item.key : item.node.id;

describe('drawOrder', () => {
	it('draws a level’s edges before its nodes, a container before its contents', async () => {
		const order = drawOrder(await layoutDefinition(seedDefinition, elk)).map(label);
		expect(order.slice(0, 7)).toEqual([
			'edges:',
			'__start',
			'RunTasksInParallel',
			'__branch:RunTasksInParallel/0',
			'edges:__branch:RunTasksInParallel/0',
			'__start:RunTasksInParallel/0',
			'ResizeImage'
		]);
		expect(order.slice(-2)).toEqual(['CompleteWorkflow', '__end']);
	});

	it('draws every node and edge exactly once, parents first', async () => {
		const layout = await layoutDefinition(generateDefinition(60), elk);
		const items = drawOrder(layout);
		const nodes = items.flatMap((i) => (i.type === 'node' ? [i.node] : []));
		const edges = items.flatMap((i) => (i.type === 'edges' ? i.edges : []));
		expect(nodes).toHaveLength(layout.nodes.length);
		expect(edges).toHaveLength(layout.edges.length);
		const seen = new Set<string>();
		for (const node of nodes) {
			if (node.parent) expect(seen.has(node.parent)).toBe(true);
			seen.add(node.id);
		}
	});
});
