import type { ElkExtendedEdge, ElkLabel, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api.js';
import { isStateType } from '../../../engine/core.js';
import type { StateType } from '../../../engine/index.js';
import type { EdgeKind, LaidOutNode } from './edge-path.js';
import {
	BADGE_FONT,
	EDGE_FONT,
	HEADER_FONT,
	NODE_FONT,
	measureLabel,
	truncate,
	type LabelFont,
	type LabelSize
} from './measure-label.js';
import { END, flowOrder, isObject, transitions, type Json } from './transitions.js';

/** What the renderer needs to know about a node, beyond its rectangle. */
export type NodeInfo = Omit<LaidOutNode, 'x' | 'y' | 'width' | 'height' | 'dividers'>;

/** What the renderer needs to know about an edge, beyond its route. */
export interface EdgeInfo {
	readonly id: string;
	readonly kind: EdgeKind;
	readonly source: string;
	readonly target: string;
	readonly label?: string;
}

/**
 * An ELK JSON graph (`root`, ready for `elk.layout`) with side tables describing each node and
 * edge by id. The ELK objects carry only what ELK reads (ids, sizes, options, labels).
 */
export interface ElkGraph {
	readonly root: ElkNode;
	readonly nodes: ReadonlyMap<string, NodeInfo>;
	readonly edges: ReadonlyMap<string, EdgeInfo>;
}

/** Options for `toElkGraph`. */
export interface ToElkGraphOptions {
	/** Text measurement; defaults to the pure estimate `measureLabel`. */
	readonly measure?: (text: string, font: LabelFont) => LabelSize;
}

/** Longest state name drawn in full, in characters. */
export const MAX_NODE_LABEL = 32;

/** Width in px of a badge drawn on a node (a Map's "1500/1500"): its text and some padding. */
export function badgeWidth(text: string): number {
	return measureLabel(text, BADGE_FONT).width + 16;
}

/** Sizes in px shared with the renderer. */
export const NODE_METRICS = {
	stateHeight: 36,
	/** Smallest state width, padding included. */
	stateMinWidth: 112,
	statePadX: 16,
	/** Choice nodes are wider so their outgoing rule edges fan out. */
	choiceExtraWidth: 24,
	/** Room for the Choice diamond or Wait clock glyph left of the name. */
	iconWidth: 22,
	markerSize: 12,
	pillHeight: 24,
	headerHeight: 30,
	/**
	 * Room right of a Map header for its iteration badge and the gap before it: enough for
	 * "999/999". Layout cannot know the item count, so a longer badge grows leftwards over the
	 * header (it is opaque), never out of the frame.
	 */
	badgeWidth: badgeWidth('999/999') + 8,
	/** How far the Map's stacked cards stick out right and below the processor box. */
	cardOffset: 8,
	/** Room left of a missing target's name for its "?". */
	missingMarkWidth: 14
} as const;

/** Id prefix of the markers that stand for transition targets missing from their block. */
export const MISSING_PREFIX = '__missing:';

// Every compound node gets the full option set: ELK does not pass a parent's options down.
const LAYERED: LayoutOptions = {
	'elk.algorithm': 'layered',
	'elk.direction': 'DOWN',
	'elk.edgeRouting': 'ORTHOGONAL',
	'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
	'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
	'elk.spacing.nodeNode': '28',
	'elk.layered.spacing.nodeNodeBetweenLayers': '36',
	'elk.spacing.edgeNode': '14',
	'elk.spacing.edgeEdge': '10',
	'elk.layered.spacing.edgeNodeBetweenLayers': '14',
	'elk.spacing.edgeLabel': '4'
};

const padding = (top: number, side: number, bottom = side, right = side) =>
	`[top=${top},left=${side},bottom=${bottom},right=${right}]`;

/**
 * Builds the ELK graph of a state machine definition: a `Start` marker, a node per state,
 * compound nodes for Parallel (one `branch` column per branch) and Map (one `processor` box), an
 * `End` marker when a state ends the block, and an edge per transition (`Next`, Choice rules,
 * `Default`, `Catch`, and terminal states into their block's End marker). Edges stay inside the
 * block that declares them, so no edge crosses a container border.
 *
 * A transition (or `StartAt`) naming a state that is not in its block leads to a `missing`
 * marker with that name, one per name and block, so a broken definition shows where it breaks.
 * A block where no state ends has no End marker: one drawn anyway would float beside Start.
 *
 * Ids: a state's id is its name; markers and blocks use reserved `__` ids (`__start`, `__end`,
 * `__start:<block>`, `__missing:<block>:<name>`, `__branch:<parallel>/<index>`,
 * `__processor:<map>`, where `<block>` is `<parallel>/<index>` or `<map>/items`, and `''` at the
 * top level). A state whose name starts with `__` or repeats a name already used gets
 * `__state:<n>:<name>`.
 *
 * Never throws, whatever JSON it is given: unknown `Type`s are drawn like Pass.
 */
export function toElkGraph(definition: unknown, options: ToElkGraphOptions = {}): ElkGraph {
	const builder = new GraphBuilder(options.measure ?? measureLabel);
	const root: ElkNode = {
		id: '__root',
		layoutOptions: {
			...LAYERED,
			'elk.padding': padding(24, 24),
			'elk.json.shapeCoords': 'ROOT',
			'elk.json.edgeCoords': 'ROOT'
		}
	};
	builder.block(definition, '', root, undefined, 0);
	return { root, nodes: builder.nodes, edges: builder.edges };
}

class GraphBuilder {
	readonly nodes = new Map<string, NodeInfo>();
	readonly edges = new Map<string, EdgeInfo>();
	readonly #measure: (text: string, font: LabelFont) => LabelSize;
	#edgeCount = 0;
	#renamed = 0;

	constructor(measure: (text: string, font: LabelFont) => LabelSize) {
		this.#measure = measure;
	}

	/** Fills `container` with the block's markers, states and edges. */
	block(raw: unknown, path: string, container: ElkNode, parent: string | undefined, depth: number) {
		const block = isObject(raw) ? raw : {};
		const states = flowOrder(isObject(block.States) ? block.States : {}, block.StartAt);
		const start = this.#marker('start', path, parent, depth);
		const children: ElkNode[] = [start];
		const ids = new Map<string, string>();
		for (const [name, state] of states) {
			const node = this.#state(name, state, parent, depth);
			ids.set(name, node.id);
			children.push(node);
		}
		let end: ElkNode | undefined;
		const missing = new Map<string, ElkNode>();
		const target = (to: string | typeof END): string => {
			if (to === END) return (end ??= this.#marker('end', path, parent, depth)).id;
			const id = ids.get(to);
			if (id !== undefined) return id;
			let node = missing.get(to);
			if (!node) missing.set(to, (node = this.#missing(to, path, parent, depth)));
			return node.id;
		};
		const edges: ElkExtendedEdge[] = [];
		if (typeof block.StartAt === 'string')
			edges.push(this.#edge(start.id, target(block.StartAt), 'next'));
		for (const [name, state] of states) {
			for (const t of transitions(state)) {
				edges.push(this.#edge(ids.get(name)!, target(t.to), t.kind, t.label));
			}
		}
		children.push(...missing.values());
		if (end) children.push(end);
		container.children = children;
		container.edges = edges;
	}

	/** A marker for a transition target that is not in the block: "?" and the name. */
	#missing(name: string, path: string, parent: string | undefined, depth: number): ElkNode {
		const id = `${MISSING_PREFIX}${path}:${name}`;
		const label = truncate(name, MAX_NODE_LABEL);
		this.nodes.set(id, { id, kind: 'missing', label, parent, depth });
		const text = this.#measure(label, EDGE_FONT).width;
		const width = Math.ceil(text + NODE_METRICS.missingMarkWidth + 2 * 10);
		return { id, width, height: NODE_METRICS.pillHeight };
	}

	#marker(kind: 'start' | 'end', path: string, parent: string | undefined, depth: number): ElkNode {
		const id = path === '' ? `__${kind}` : `__${kind}:${path}`;
		const label = path === '' ? (kind === 'start' ? 'Start' : 'End') : '';
		this.nodes.set(id, { id, kind, label, parent, depth });
		const size = NODE_METRICS.markerSize;
		if (label === '') return { id, width: size, height: size };
		const text = this.#measure(label, NODE_FONT);
		return { id, width: text.width + 2 * NODE_METRICS.statePadX, height: NODE_METRICS.pillHeight };
	}

	#state(name: string, state: Json, parent: string | undefined, depth: number): ElkNode {
		const id = this.#uniqueId(name);
		const stateType = typeof state.Type === 'string' ? state.Type : '?';
		const shape: StateType = isStateType(stateType) ? stateType : 'Pass';
		const label = truncate(name, MAX_NODE_LABEL);
		const kind = 'state';
		this.nodes.set(id, { id, kind, label, stateName: name, stateType, shape, parent, depth });
		if (shape === 'Parallel' || shape === 'Map') {
			return this.#container(id, shape, label, state, depth);
		}
		const text = this.#measure(label, NODE_FONT);
		const icon = shape === 'Choice' || shape === 'Wait' ? NODE_METRICS.iconWidth : 0;
		const wide = shape === 'Choice' ? NODE_METRICS.choiceExtraWidth : 0;
		const width =
			Math.max(NODE_METRICS.stateMinWidth, text.width + 2 * NODE_METRICS.statePadX) + icon + wide;
		return { id, width: Math.ceil(width), height: NODE_METRICS.stateHeight };
	}

	#container(id: string, shape: 'Parallel' | 'Map', label: string, state: Json, depth: number) {
		const m = NODE_METRICS;
		const tag = this.#measure(shape, HEADER_FONT).width;
		const name = this.#measure(label, NODE_FONT).width;
		const badge = shape === 'Map' ? m.badgeWidth : 0;
		const minWidth = Math.ceil(2 * m.statePadX + tag + 8 + name + badge);
		const node: ElkNode = {
			id,
			layoutOptions: {
				...LAYERED,
				// A Map's stacked cards stick out right of and below its processor box.
				'elk.padding':
					shape === 'Map'
						? padding(m.headerHeight + 10, 12, 12 + m.cardOffset, 12 + m.cardOffset)
						: padding(m.headerHeight + 10, 12, 12),
				'elk.nodeSize.constraints': 'MINIMUM_SIZE',
				'elk.nodeSize.minimum': `(${minWidth}, ${m.headerHeight + 40})`,
				// Branch columns have no edges between them: one layered graph puts them in one
				// layer, side by side, instead of packing them as separate components.
				'elk.separateConnectedComponents': 'false'
			}
		};
		const blocks =
			shape === 'Parallel'
				? (Array.isArray(state.Branches) ? state.Branches : []).map((branch, i) => ({
						raw: branch,
						path: `${id}/${i}`,
						blockId: `__branch:${id}/${i}`,
						kind: 'branch' as const
					}))
				: [
						{
							raw: state.ItemProcessor ?? state.Iterator,
							path: `${id}/items`,
							blockId: `__processor:${id}`,
							kind: 'processor' as const
						}
					];
		node.children = blocks.map(({ raw, path, blockId, kind }) => {
			this.nodes.set(blockId, { id: blockId, kind, label: '', parent: id, depth: depth + 1 });
			const block: ElkNode = {
				id: blockId,
				layoutOptions: {
					...LAYERED,
					'elk.padding': padding(12, 12),
					// Top-align branch columns of different heights (ELK centres them in their layer).
					'elk.alignment': 'TOP'
				}
			};
			this.block(raw, path, block, blockId, depth + 2);
			return block;
		});
		return node;
	}

	#edge(source: string, target: string, kind: EdgeKind, text?: string): ElkExtendedEdge {
		const id = `__e${++this.#edgeCount}`;
		this.edges.set(id, { id, kind, source, target, label: text });
		const edge: ElkExtendedEdge = { id, sources: [source], targets: [target] };
		if (text !== undefined) edge.labels = [this.#edgeLabel(text)];
		return edge;
	}

	#edgeLabel(text: string): ElkLabel {
		const size = this.#measure(text, EDGE_FONT);
		return {
			text,
			width: size.width + 8,
			height: size.height + 4,
			layoutOptions: { 'elk.edgeLabels.placement': 'CENTER', 'elk.edgeLabels.inline': 'true' }
		};
	}

	#uniqueId(name: string): string {
		if (!name.startsWith('__') && !this.nodes.has(name)) return name;
		return `__state:${++this.#renamed}:${name}`;
	}
}
