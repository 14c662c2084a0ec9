import ELK from 'elkjs/lib/elk.bundled.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphLayout, LaidOutNode } from '../../src/lib/layout/edge-path.js';
import { layoutDefinition } from '../../src/lib/layout/layout.js';
import { toElkGraph } from '../../src/lib/layout/to-elk-graph.js';
import { allStateNames, generateDefinition, seedDefinition } from './fixtures.js';

const elk = new ELK();

interface Rect {
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
}

// Overlap with positive area; rectangles that only touch do not overlap.
const EPSILON = 0.5;
function overlaps(a: Rect, b: Rect): boolean {
	return (
		a.x < b.x + b.width - EPSILON &&
		b.x < a.x + a.width - EPSILON &&
		a.y < b.y + b.height - EPSILON &&
		b.y < a.y + a.height - EPSILON
	);
}
function contains(outer: Rect, inner: Rect): boolean {
	return (
		inner.x >= outer.x - EPSILON &&
		inner.y >= outer.y - EPSILON &&
		inner.x + inner.width <= outer.x + outer.width + EPSILON &&
		inner.y + inner.height <= outer.y + outer.height + EPSILON
	);
}
function ancestors(layout: GraphLayout, id: string): Set<string> {
	const byId = new Map(layout.nodes.map((n) => [n.id, n]));
	const out = new Set<string>();
	for (let n = byId.get(id); n?.parent; n = byId.get(n.parent)) out.add(n.parent);
	return out;
}
// The first and last point of an SVG path made by `edgePath`.
function ends(path: string): [{ x: number; y: number }, { x: number; y: number }] {
	const numbers = path.match(/-?\d+(\.\d+)?/g)!.map(Number);
	return [
		{ x: numbers[0], y: numbers[1] },
		{ x: numbers[numbers.length - 2], y: numbers[numbers.length - 1] }
	];
}
function onBorder(p: { x: number; y: number }, r: Rect): boolean {
	const inside = contains(
		{ x: r.x - 1, y: r.y - 1, width: r.width + 2, height: r.height + 2 },
		{
			...p,
			width: 0,
			height: 0
		}
	);
	const nearX = Math.min(Math.abs(p.x - r.x), Math.abs(p.x - r.x - r.width)) <= 1;
	const nearY = Math.min(Math.abs(p.y - r.y), Math.abs(p.y - r.y - r.height)) <= 1;
	return inside && (nearX || nearY);
}

describe('ELK coordinate mode (elkjs 0.12.1)', () => {
	// A Choice inside a Parallel branch: a node, an edge and an edge label two levels down.
	const nested = {
		StartAt: 'P',
		States: {
			P: {
				Type: 'Parallel',
				End: true,
				Branches: [
					{ StartAt: 'Solo', States: { Solo: { Type: 'Pass', End: true } } },
					{
						StartAt: 'Pick',
						States: {
							Pick: {
								Type: 'Choice',
								Choices: [{ Variable: '$.x', NumericEquals: 1, Next: 'Done' }],
								Default: 'Done'
							},
							Done: { Type: 'Succeed' }
						}
					}
				]
			}
		}
	};

	it('returns absolute node, edge and label coordinates with elk.json.*Coords = ROOT', async () => {
		const asRoot = await elk.layout(toElkGraph(nested).root);
		const parentGraph = toElkGraph(nested).root;
		parentGraph.layoutOptions = {
			...parentGraph.layoutOptions,
			'elk.json.shapeCoords': 'PARENT',
			'elk.json.edgeCoords': 'PARENT'
		};
		const asParent = await elk.layout(parentGraph);
		const pick = (g: typeof asRoot) => {
			const parallel = g.children!.find((c) => c.id === 'P')!;
			const branch = parallel.children![1];
			const choice = branch.children!.find((c) => c.id === 'Pick')!;
			const edge = branch.edges!.find((e) => e.sources[0] === 'Pick' && e.labels)!;
			return { parallel, branch, choice, section: edge.sections![0], label: edge.labels![0] };
		};
		const abs = pick(asRoot);
		const rel = pick(asParent);
		const dx = rel.parallel.x! + rel.branch.x!;
		const dy = rel.parallel.y! + rel.branch.y!;
		expect(abs.parallel.x).toBe(rel.parallel.x);
		expect(abs.branch.x).toBe(dx);
		expect([abs.choice.x, abs.choice.y]).toEqual([dx + rel.choice.x!, dy + rel.choice.y!]);
		expect(abs.section.startPoint).toEqual({
			x: dx + rel.section.startPoint.x,
			y: dy + rel.section.startPoint.y
		});
		expect([abs.label.x, abs.label.y]).toEqual([dx + rel.label.x!, dy + rel.label.y!]);
		expect(dx).toBeGreaterThan(0);
	});
});

describe('layoutDefinition: the seed example', () => {
	let layout: GraphLayout;
	beforeAll(async () => {
		layout = await layoutDefinition(seedDefinition, elk);
	});

	it('lists parents before children, with absolute rectangles', () => {
		const index = new Map(layout.nodes.map((n, i) => [n.id, i]));
		for (const node of layout.nodes) {
			if (node.parent) expect(index.get(node.parent)!).toBeLessThan(index.get(node.id)!);
		}
		expect(layout.nodes).toHaveLength(16);
		expect(layout.edges).toHaveLength(9);
	});

	it('lays the three branches side by side, top-aligned, with dividers between them', () => {
		const branches = layout.nodes.filter((n) => n.kind === 'branch');
		expect(new Set(branches.map((b) => b.y)).size).toBe(1);
		const xs = branches.map((b) => b.x);
		expect([...xs].sort((a, b) => a - b)).toEqual(xs);
		const parallel = layout.nodes.find((n) => n.id === 'RunTasksInParallel')!;
		expect(parallel.dividers).toHaveLength(2);
		expect(parallel.dividers![0]).toBeGreaterThan(branches[0].x + branches[0].width);
		expect(parallel.dividers![0]).toBeLessThan(branches[1].x);
	});

	it('flows top to bottom: Start, Parallel, Succeed, End', () => {
		const y = (id: string) => layout.nodes.find((n) => n.id === id)!.y;
		expect(y('__start')).toBeLessThan(y('RunTasksInParallel'));
		expect(y('RunTasksInParallel')).toBeLessThan(y('CompleteWorkflow'));
		expect(y('CompleteWorkflow')).toBeLessThan(y('__end'));
	});
});

describe('layoutDefinition: 60 states with nested Parallel and Map', () => {
	const definition = generateDefinition(60);
	let layout: GraphLayout;
	let byId: Map<string, LaidOutNode>;
	beforeAll(async () => {
		layout = await layoutDefinition(definition, elk);
		byId = new Map(layout.nodes.map((n) => [n.id, n]));
	});

	it('lays out every state', () => {
		const names = layout.nodes.filter((n) => n.kind === 'state').map((n) => n.stateName);
		expect(names.sort()).toEqual(allStateNames(definition).sort());
		expect(Math.max(...layout.nodes.map((n) => n.depth))).toBeGreaterThanOrEqual(4);
	});

	it('(a) never overlaps two sibling nodes', () => {
		const clashes: string[] = [];
		for (const a of layout.nodes) {
			for (const b of layout.nodes) {
				const siblings = a.id < b.id && a.parent === b.parent;
				if (siblings && overlaps(a, b)) clashes.push(`${a.id} × ${b.id}`);
			}
		}
		expect(clashes).toEqual([]);
	});

	it('(b) never puts an edge label on a node other than the containers around the edge', () => {
		const clashes: string[] = [];
		for (const edge of layout.edges) {
			if (!edge.label) continue;
			const around = new Set([
				...ancestors(layout, edge.source),
				...ancestors(layout, edge.target)
			]);
			for (const node of layout.nodes) {
				if (!around.has(node.id) && overlaps(edge.label, node)) {
					clashes.push(`${edge.label.text} (${edge.source} → ${edge.target}) × ${node.id}`);
				}
			}
		}
		expect(clashes).toEqual([]);
	});

	it('(b) never overlaps two edge labels', () => {
		const labels = layout.edges.flatMap((e) => (e.label ? [e.label] : []));
		expect(labels.length).toBeGreaterThan(20);
		const clashes = labels.flatMap((a, i) =>
			labels
				.slice(i + 1)
				.filter((b) => overlaps(a, b))
				.map((b) => `${a.text} × ${b.text}`)
		);
		expect(clashes).toEqual([]);
	});

	it('(c) keeps every child within its container, and the graph within its size', () => {
		const outside = layout.nodes
			.filter((n) => n.parent && !contains(byId.get(n.parent)!, n))
			.map((n) => `${n.id} ⊄ ${n.parent}`);
		expect(outside).toEqual([]);
		for (const node of layout.nodes) expect(contains({ x: 0, y: 0, ...layout }, node)).toBe(true);
	});

	it('starts and ends every edge on the border of its source and target (absolute routes)', () => {
		const loose: string[] = [];
		for (const edge of layout.edges) {
			const [first, last] = ends(edge.path);
			if (!onBorder(first, byId.get(edge.source)!)) loose.push(`${edge.id} start`);
			if (!onBorder(last, byId.get(edge.target)!)) loose.push(`${edge.id} end`);
		}
		expect(loose).toEqual([]);
	});

	it('keeps Parallel and Map headers clear of their children', () => {
		for (const node of layout.nodes) {
			if (node.shape !== 'Parallel' && node.shape !== 'Map') continue;
			for (const child of layout.nodes.filter((c) => c.parent === node.id)) {
				expect(child.y).toBeGreaterThanOrEqual(node.y + 30);
			}
		}
	});
});

describe('layoutDefinition: containers', () => {
	it('makes a Parallel at least as wide as its header', async () => {
		const name = 'AParallelStateWithAVeryLongName';
		const layout = await layoutDefinition(
			{
				StartAt: name,
				States: {
					[name]: {
						Type: 'Parallel',
						Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }],
						End: true
					}
				}
			},
			elk
		);
		const parallel = layout.nodes.find((n) => n.id === name)!;
		const branch = layout.nodes.find((n) => n.kind === 'branch')!;
		expect(parallel.width).toBeGreaterThan(branch.width + 24);
		expect(parallel.width).toBeGreaterThanOrEqual(name.length * 7.2);
	});

	it('lays out broken definitions without throwing', async () => {
		const layout = await layoutDefinition({ StartAt: 'A', States: { A: { Type: 'Map' } } }, elk);
		// Nothing ends either block (A has neither Next nor End): no End markers.
		expect(layout.nodes.map((n) => n.id)).toEqual([
			'__start',
			'A',
			'__processor:A',
			'__start:A/items'
		]);
	});

	it('draws a transition to a missing state to a marker below its source', async () => {
		const layout = await layoutDefinition(
			{ StartAt: 'First', States: { First: { Type: 'Pass', Next: 'Secnd' } } },
			elk
		);
		const node = (id: string) => layout.nodes.find((n) => n.id === id)!;
		expect(layout.nodes.map((n) => `${n.kind} ${n.id}`)).toEqual([
			'start __start',
			'state First',
			'missing __missing::Secnd'
		]);
		expect(node('__missing::Secnd').label).toBe('Secnd');
		expect(node('__missing::Secnd').y).toBeGreaterThan(node('First').y + node('First').height);
		expect(layout.edges.find((e) => e.target === '__missing::Secnd')?.path).toMatch(/^M/);
	});
});
