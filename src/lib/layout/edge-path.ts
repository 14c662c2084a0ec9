import type { StateType } from '../../../engine/index.js';

/**
 * Turning ELK's edge routes into SVG paths, and the types of a finished layout. All coordinates
 * are absolute px in the graph's own frame (ELK runs with `elk.json.*Coords = ROOT`), so the
 * renderer does no offset math.
 */

/** A point in px. */
export interface Point {
	readonly x: number;
	readonly y: number;
}

/** An ELK edge section: the route from `startPoint` through `bendPoints` to `endPoint`. */
export interface EdgeSection {
	readonly startPoint: Point;
	readonly endPoint: Point;
	readonly bendPoints?: readonly Point[];
}

/**
 * What a node is: a state, a Start or End marker (`__start`, `__start:<block>`), a transition
 * target missing from its block, a Parallel branch column or a Map's item processor.
 */
export type NodeKind = 'state' | 'start' | 'end' | 'missing' | 'branch' | 'processor';

/** What an edge is: `Next`, a Choice `Default`, a Choice rule, a `Catch`, or into an End marker. */
export type EdgeKind = 'next' | 'default' | 'choice' | 'catch' | 'end';

/** A node with its absolute rectangle. In `GraphLayout.nodes`, parents come before children. */
export interface LaidOutNode {
	/** Unique id (the state name for states, `__…` ids for markers and blocks). */
	readonly id: string;
	readonly kind: NodeKind;
	/** Text drawn in the node (a long state name is cut with `…`). */
	readonly label: string;
	/** The state's name, for `kind: 'state'`. */
	readonly stateName?: string;
	/** The state's `Type` as written (may be unknown or missing: then `'?'`). */
	readonly stateType?: string;
	/** How the state is drawn: its `Type`, or `Pass` for an unknown type. */
	readonly shape?: StateType;
	/** The id of the enclosing node; absent at the top level. */
	readonly parent?: string;
	/** 0 at the top level, +1 per enclosing node. */
	readonly depth: number;
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
	/** Parallel only: x of the dashed lines between branch columns. */
	readonly dividers?: readonly number[];
}

/** An edge label: its text and absolute rectangle. */
export interface LaidOutLabel {
	readonly text: string;
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
}

/** An edge with its route as an SVG path. */
export interface LaidOutEdge {
	readonly id: string;
	readonly kind: EdgeKind;
	/** Node ids. */
	readonly source: string;
	readonly target: string;
	/** SVG path data: ELK's route as `M … L …`, corners rounded with `Q`. */
	readonly path: string;
	readonly label?: LaidOutLabel;
}

/** A laid-out definition: size of the drawing and every node and edge in absolute px. */
export interface GraphLayout {
	readonly width: number;
	readonly height: number;
	readonly nodes: readonly LaidOutNode[];
	readonly edges: readonly LaidOutEdge[];
}

const round = (n: number) => Math.round(n * 10) / 10;
const pt = (p: Point) => `${round(p.x)} ${round(p.y)}`;

/**
 * SVG path data for an ELK edge section: `M start L bend … L end`, exactly ELK's route. With
 * `radius > 0`, each bend is rounded by a `Q` curve whose control point is the bend itself, cut
 * short where the segments next to the bend are shorter than two radii. Coordinates are rounded
 * to 0.1 px.
 */
export function edgePath(section: EdgeSection, radius = 0): string {
	const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
	let d = `M ${pt(points[0])}`;
	for (let i = 1; i < points.length - 1; i++) {
		const [prev, bend, next] = [points[i - 1], points[i], points[i + 1]];
		const r = Math.min(radius, distance(prev, bend) / 2, distance(bend, next) / 2);
		if (r <= 0) {
			d += ` L ${pt(bend)}`;
			continue;
		}
		d += ` L ${pt(towards(bend, prev, r))} Q ${pt(bend)} ${pt(towards(bend, next, r))}`;
	}
	return d + ` L ${pt(points[points.length - 1])}`;
}

function distance(a: Point, b: Point): number {
	return Math.hypot(b.x - a.x, b.y - a.y);
}

// The point `r` px from `from` in the direction of `to`.
function towards(from: Point, to: Point, r: number): Point {
	const d = distance(from, to);
	return { x: from.x + ((to.x - from.x) * r) / d, y: from.y + ((to.y - from.y) * r) / d };
}
