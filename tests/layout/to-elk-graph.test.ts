import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { describe, expect, it } from 'vitest';
import { choiceRuleLabel } from '../../src/lib/layout/choice-label.js';
import { measureLabel } from '../../src/lib/layout/measure-label.js';
import { toElkGraph, type ElkGraph } from '../../src/lib/layout/to-elk-graph.js';
import { allStateNames, generateDefinition, seedDefinition } from './fixtures.js';

const kindsOf = (graph: ElkGraph) => [...graph.edges.values()].map((e) => e.kind);
const countBy = <T extends string>(items: readonly T[]) =>
	items.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {});

function elkNodes(node: ElkNode): ElkNode[] {
	return (node.children ?? []).flatMap((child) => [child, ...elkNodes(child)]);
}

function findElk(node: ElkNode, id: string): ElkNode | undefined {
	return elkNodes(node).find((n) => n.id === id);
}

describe('toElkGraph: the seed example', () => {
	const graph = toElkGraph(seedDefinition);

	it('has Start, End, every state, three branch columns and their markers', () => {
		expect(countBy([...graph.nodes.values()].map((n) => n.kind))).toEqual({
			start: 4,
			end: 4,
			state: 5,
			branch: 3
		});
		expect(graph.nodes.size).toBe(16);
		expect(elkNodes(graph.root)).toHaveLength(16);
		expect(graph.root.children!.map((c) => c.id)).toEqual([
			'__start',
			'RunTasksInParallel',
			'CompleteWorkflow',
			'__end'
		]);
	});

	it('puts each branch state in its own column inside the Parallel', () => {
		const parallel = findElk(graph.root, 'RunTasksInParallel')!;
		expect(parallel.children!.map((c) => c.id)).toEqual([
			'__branch:RunTasksInParallel/0',
			'__branch:RunTasksInParallel/1',
			'__branch:RunTasksInParallel/2'
		]);
		expect(parallel.children![1].children!.map((c) => c.id)).toEqual([
			'__start:RunTasksInParallel/1',
			'GenerateThumbnail',
			'__end:RunTasksInParallel/1'
		]);
		expect(graph.nodes.get('GenerateThumbnail')).toMatchObject({
			kind: 'state',
			stateName: 'GenerateThumbnail',
			stateType: 'Task',
			shape: 'Task',
			parent: '__branch:RunTasksInParallel/1',
			depth: 2
		});
		expect(graph.nodes.get('RunTasksInParallel')).toMatchObject({ shape: 'Parallel', depth: 0 });
	});

	it('has one edge per transition, each declared in the block it belongs to', () => {
		expect(countBy(kindsOf(graph))).toEqual({ next: 5, end: 4 });
		expect(graph.root.edges!.map((e) => [e.sources[0], e.targets[0]])).toEqual([
			['__start', 'RunTasksInParallel'],
			['RunTasksInParallel', 'CompleteWorkflow'],
			['CompleteWorkflow', '__end']
		]);
		const branch = findElk(graph.root, '__branch:RunTasksInParallel/0')!;
		expect(branch.edges!.map((e) => [e.sources[0], e.targets[0]])).toEqual([
			['__start:RunTasksInParallel/0', 'ResizeImage'],
			['ResizeImage', '__end:RunTasksInParallel/0']
		]);
	});

	it('sets the layered options with full keys, and ROOT coordinates on the root', () => {
		expect(graph.root.layoutOptions).toMatchObject({
			'elk.algorithm': 'layered',
			'elk.direction': 'DOWN',
			'elk.edgeRouting': 'ORTHOGONAL',
			'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
			'elk.json.shapeCoords': 'ROOT',
			'elk.json.edgeCoords': 'ROOT'
		});
		expect(graph.root.layoutOptions!['elk.hierarchyHandling']).toBeUndefined();
		const parallel = findElk(graph.root, 'RunTasksInParallel')!;
		const paddingFormat = /^\[top=\d+,left=\d+,bottom=\d+,right=\d+\]$/;
		expect(parallel.layoutOptions!['elk.padding']).toMatch(paddingFormat);
		expect(parallel.layoutOptions!['elk.direction']).toBe('DOWN');
	});

	it('sizes nodes from their label', () => {
		const short = findElk(graph.root, 'ResizeImage')!;
		const long = toElkGraph({
			StartAt: 'A',
			States: { A: { Type: 'Task', Resource: 'x', Next: 'B' }, B: { Type: 'Succeed' } }
		});
		expect(short.width).toBeGreaterThanOrEqual(112);
		const name = 'AVeryLongStateNameThatNeedsRoom';
		const wide = toElkGraph({ StartAt: name, States: { [name]: { Type: 'Pass', End: true } } });
		expect(findElk(wide.root, name)!.width).toBeGreaterThan(findElk(long.root, 'A')!.width!);
	});
});

describe('measureLabel', () => {
	it('gives capitals and wide letters more room than lowercase of the same length', () => {
		const lower = measureLabel('send_welcome_email').width;
		expect(measureLabel('SEND_WELCOME_EMAIL').width).toBeGreaterThan(lower);
		expect(measureLabel('WWWWWWWWWWWWWWWWWW').width).toBeGreaterThan(
			measureLabel('SEND_WELCOME_EMAIL').width
		);
		expect(measureLabel('iiiiiiiiiiiiiiiiii').width).toBeLessThan(lower);
	});

	it('allows about 1 em per "W" at 13 px (DejaVu Sans, the widest system-ui face)', () => {
		expect(measureLabel('W'.repeat(10)).width).toBeGreaterThanOrEqual(10 * 13 * 0.99);
	});
});

describe('toElkGraph: Choice', () => {
	const definition = {
		StartAt: 'Pick',
		States: {
			Pick: {
				Type: 'Choice',
				Choices: [
					{ Variable: '$.x', NumericEquals: 3, Next: 'Three' },
					{ Variable: '$.type', StringMatches: 'a*', Next: 'Three' },
					{
						And: [
							{ Variable: '$.a', NumericGreaterThan: 1 },
							{ Variable: '$.b', IsPresent: true }
						],
						Next: 'Other'
					},
					{
						Next: 'Other',
						Condition: '{% $states.input.count > 10 and $states.input.kind = "big" %}'
					}
				],
				Default: 'Other'
			},
			Three: { Type: 'Pass', End: true },
			Other: { Type: 'Fail', Error: 'E' }
		}
	};
	const graph = toElkGraph(definition);
	const choiceEdges = [...graph.edges.values()].filter((e) => e.source === 'Pick');

	it('labels rule edges with a short rendering and the Default edge "Default"', () => {
		expect(choiceEdges.map((e) => [e.kind, e.label, e.target])).toEqual([
			['choice', '$.x == 3', 'Three'],
			['choice', '$.type matches "a*"', 'Three'],
			['choice', 'And($.a > 1, $.b is present)', 'Other'],
			['choice', '$states.input.count > 10 an…', 'Other'],
			['default', 'Default', 'Other']
		]);
	});

	it('gives each label a size and CENTER placement', () => {
		const pick = graph.root.edges!.filter((e) => e.sources[0] === 'Pick');
		for (const edge of pick) {
			expect(edge.labels).toHaveLength(1);
			expect(edge.labels![0].width).toBeGreaterThan(0);
			expect(edge.labels![0].height).toBeGreaterThan(0);
			expect(edge.labels![0].layoutOptions!['elk.edgeLabels.placement']).toBe('CENTER');
		}
	});

	it('makes Choice nodes wider than other states with the same name', () => {
		const same = toElkGraph({ StartAt: 'Pick', States: { Pick: { Type: 'Task', End: true } } });
		expect(findElk(graph.root, 'Pick')!.width).toBeGreaterThan(findElk(same.root, 'Pick')!.width!);
	});

	it('draws Fail into End', () => {
		const fromFail = [...graph.edges.values()].find((e) => e.source === 'Other');
		expect(fromFail).toMatchObject({ kind: 'end', target: '__end' });
	});
});

describe('choiceRuleLabel', () => {
	it.each([
		[{ Variable: '$.x', NumericEquals: 3 }, '$.x == 3'],
		[{ Variable: '$.s', StringEquals: 'on' }, '$.s == "on"'],
		[{ Variable: '$.type', StringMatches: 'a*' }, '$.type matches "a*"'],
		[{ Variable: '$.n', NumericLessThanEqualsPath: '$.max' }, '$.n <= $.max'],
		[{ Variable: '$.ok', BooleanEquals: false }, '$.ok == false'],
		[{ Variable: '$.v', IsNull: false }, '$.v is not null'],
		[{ Not: { Variable: '$.done', BooleanEquals: true } }, 'Not($.done == true)'],
		[
			{
				Or: [
					{ Variable: '$.a', NumericEquals: 1 },
					{ Variable: '$.b', NumericEquals: 2 }
				]
			},
			'Or($.a == 1, $.b == 2)'
		],
		[
			{
				And: [
					{ Variable: '$.alpha', NumericGreaterThan: 1 },
					{ Variable: '$.beta', IsPresent: true }
				]
			},
			'And($.alpha > 1, $.beta is …'
		],
		[{ Condition: '{% $x > 3 %}' }, '$x > 3'],
		[{ Condition: true }, 'true'],
		[{ Next: 'X' }, '?'],
		[null, '?']
	])('%j → %s', (rule, label) => {
		expect(choiceRuleLabel(rule)).toBe(label);
	});

	it('cuts JSONata conditions to 28 characters', () => {
		const label = choiceRuleLabel({ Condition: `{% ${'$states.input.value'.repeat(3)} %}` });
		expect(Array.from(label)).toHaveLength(28);
		expect(label.endsWith('…')).toBe(true);
	});
});

describe('toElkGraph: Catch', () => {
	const graph = toElkGraph({
		StartAt: 'Call',
		States: {
			Call: {
				Type: 'Task',
				Resource: 'arn:aws:lambda:us-east-1:1:function:f',
				Catch: [
					{ ErrorEquals: ['States.Timeout'], Next: 'Recover' },
					{ ErrorEquals: ['States.TaskFailed', 'Custom.Error', 'Other.Error'], Next: 'Recover' },
					{ ErrorEquals: ['States.ALL'], Next: 'Missing' }
				],
				Next: 'Recover'
			},
			Recover: { Type: 'Pass', End: true }
		}
	});
	const catches = [...graph.edges.values()].filter((e) => e.kind === 'catch');

	it('draws one catch edge per catcher, labelled with its errors', () => {
		expect(catches.map((e) => [e.source, e.target, e.label])).toEqual([
			['Call', 'Recover', 'States.Timeout'],
			['Call', 'Recover', 'States.TaskFailed, Custom.E…'],
			['Call', '__missing::Missing', 'States.ALL']
		]);
	});
});

describe('toElkGraph: nesting', () => {
	const definition = generateDefinition(60);
	const graph = toElkGraph(definition);

	it('has a node for each of the 60 states', () => {
		const states = [...graph.nodes.values()].filter((n) => n.kind === 'state');
		expect(states.map((n) => n.stateName).sort()).toEqual(allStateNames(definition).sort());
		expect(states).toHaveLength(60);
	});

	it('puts a Parallel inside a Map processor, and its branch states inside the branch', () => {
		const map = findElk(graph.root, 'ForEach06')!;
		expect(map.children!.map((c) => c.id)).toEqual(['__processor:ForEach06']);
		const processor = map.children![0];
		const parallel = processor.children!.find((c) => graph.nodes.get(c.id)?.shape === 'Parallel')!;
		expect(parallel).toBeDefined();
		const branch = parallel.children![0];
		expect(graph.nodes.get(branch.id)).toMatchObject({ kind: 'branch', parent: parallel.id });
		const inner = branch.children!.filter((c) => graph.nodes.get(c.id)!.kind === 'state');
		expect(inner.length).toBeGreaterThan(0);
		for (const state of inner) expect(graph.nodes.get(state.id)!.parent).toBe(branch.id);
		expect(graph.nodes.get(parallel.id)).toMatchObject({ parent: processor.id, depth: 2 });
		expect(graph.nodes.get(processor.id)).toMatchObject({ kind: 'processor', parent: 'ForEach06' });
	});

	it('declares every edge in the container of both its ends', () => {
		const parentOf = (id: string) => graph.nodes.get(id)!.parent ?? '__root';
		const check = (node: ElkNode) => {
			for (const edge of node.edges ?? []) {
				expect(parentOf(edge.sources[0])).toBe(node.id);
				expect(parentOf(edge.targets[0])).toBe(node.id);
			}
			for (const child of node.children ?? []) check(child);
		};
		check(graph.root);
	});

	it('uses unique ids for every node and edge', () => {
		const ids = elkNodes(graph.root).map((n) => n.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(new Set(graph.edges.keys()).size).toBe(graph.edges.size);
	});
});

describe('toElkGraph: robustness', () => {
	it.each([
		null,
		42,
		'text',
		[],
		{},
		{ States: 5 },
		{ StartAt: 7, States: { A: null, B: [] } },
		{
			StartAt: 'A',
			States: {
				A: { Type: 'Bogus', Next: 'Nope' },
				B: { Type: 'Parallel', Branches: 'x', Next: 'A' },
				C: { Type: 'Map', Catch: 'x' },
				D: { Type: 'Choice', Choices: [null, { Next: 3 }, { And: 'x', Next: 'A' }], Default: 9 },
				E: { Type: 'Map', ItemProcessor: { States: { F: { Type: 'Task', Next: 'A' } } } },
				G: { Type: 'Parallel', Branches: [null, { StartAt: 'H', States: { H: 1 } }] },
				H: { Next: 'A', Catch: [null, { Next: 'A' }] },
				I: { Type: 'Task', Next: 'toString' }
			}
		},
		JSON.parse('{"StartAt":"__proto__","States":{"__proto__":{"Type":"Pass","Next":"toString"}}}')
	])('does not throw on %j', (definition) => {
		expect(() => toElkGraph(definition)).not.toThrow();
	});

	it('draws unknown types like Pass, and unknown or cross-block targets as missing markers', () => {
		const graph = toElkGraph({
			StartAt: 'A',
			States: {
				A: { Type: 'Bogus', Next: 'Nope' },
				B: { Type: 'Choice', Choices: [{ Next: 'Nope' }], Default: 'Gone' },
				E: {
					Type: 'Map',
					ItemProcessor: { StartAt: 'F', States: { F: { Type: 'Task', Next: 'A' } } }
				}
			}
		});
		expect(graph.nodes.get('A')).toMatchObject({ stateType: 'Bogus', shape: 'Pass' });
		const edges = [...graph.edges.values()].map((e) => `${e.source} → ${e.target}`);
		expect(edges.sort()).toEqual([
			'A → __missing::Nope',
			'B → __missing::Gone',
			'B → __missing::Nope',
			'F → __missing:E/items:A',
			'__start → A',
			'__start:E/items → F'
		]);
		// One marker per missing name and block, in the block it is missing from.
		expect(graph.nodes.get('__missing::Nope')).toMatchObject({ kind: 'missing', label: 'Nope' });
		expect(graph.nodes.get('__missing:E/items:A')).toMatchObject({
			kind: 'missing',
			label: 'A',
			parent: '__processor:E'
		});
		// No state ends: no End marker to float beside Start.
		expect(graph.nodes.has('__end')).toBe(false);
		expect(graph.nodes.has('__end:E/items')).toBe(false);
	});

	it('leads a StartAt naming no state to a missing marker', () => {
		const graph = toElkGraph({ StartAt: 'Begin', States: { A: { Type: 'Succeed' } } });
		const edges = [...graph.edges.values()].map((e) => `${e.source} → ${e.target}`);
		expect(edges).toEqual(['__start → __missing::Begin', 'A → __end']);
	});

	it('gives repeated and reserved names their own ids', () => {
		const graph = toElkGraph({
			StartAt: '__start',
			States: {
				__start: { Type: 'Pass', Next: 'P' },
				P: {
					Type: 'Parallel',
					Branches: [
						{ StartAt: 'X', States: { X: { Type: 'Pass', End: true } } },
						{ StartAt: 'X', States: { X: { Type: 'Pass', End: true } } }
					],
					End: true
				}
			}
		});
		const ids = elkNodes(graph.root).map((n) => n.id);
		expect(new Set(ids).size).toBe(ids.length);
		const xs = [...graph.nodes.values()].filter((n) => n.stateName === 'X');
		expect(xs).toHaveLength(2);
		expect(xs[0].id).not.toBe(xs[1].id);
		const reserved = [...graph.nodes.values()].find((n) => n.stateName === '__start')!;
		expect(reserved.id).not.toBe('__start');
		expect(graph.root.edges![0].targets).toEqual([reserved.id]);
	});
});
