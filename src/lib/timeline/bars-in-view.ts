import type { StateStatus } from '../../../engine/index.js';
import type { TimelineBar } from './rows.js';
import type { TimeScale } from './scale.js';

/**
 * What one row draws in the visible part of the track: its bars, with runs of bars too narrow to
 * see merged into one cluster each, so a Map of 10,000 iterations costs a few hundred elements.
 */

/** A bar to draw, at `x` px on the track, `width` px wide (0 for an instant). */
export interface DrawnBar {
	readonly kind: 'bar';
	readonly bar: TimelineBar;
	readonly x: number;
	readonly width: number;
}

/** Neighbouring bars narrower than a pixel, drawn as one. */
export interface DrawnCluster {
	readonly kind: 'cluster';
	readonly key: string;
	readonly count: number;
	readonly start: number;
	readonly end: number;
	/** The most telling status among them (failed, then running, retrying, caught, aborted). */
	readonly status: StateStatus;
	readonly critical: boolean;
	readonly selected: boolean;
	readonly x: number;
	readonly width: number;
}

export type DrawnItem = DrawnBar | DrawnCluster;

const RANK: Record<StateStatus, number> = {
	pending: 0,
	succeeded: 1,
	aborted: 2,
	caught: 3,
	retrying: 4,
	running: 5,
	failed: 6
};

/**
 * The items of a row between `fromPx` and `toPx` on the track. `bars` are in start order (a
 * lane runs one visit at a time). Consecutive bars narrower than `minPx` that touch (less than
 * `minPx` apart) merge into a cluster; a lone narrow bar stays a bar (drawn as a tick). When that
 * still leaves more than `maxItems`, bars narrower than the view's width ÷ `maxItems` merge too:
 * the DOM, not the arithmetic, is what costs when a Map of 10,000 iterations is in view.
 */
export function barsInView(
	bars: readonly TimelineBar[],
	scale: TimeScale,
	fromPx: number,
	toPx: number,
	minPx = 1,
	maxItems = Infinity
): DrawnItem[] {
	const items = merged(bars, scale, fromPx, toPx, minPx);
	if (items.length <= maxItems) return items;
	return merged(bars, scale, fromPx, toPx, Math.max(minPx, (toPx - fromPx) / maxItems));
}

function merged(
	bars: readonly TimelineBar[],
	scale: TimeScale,
	fromPx: number,
	toPx: number,
	minPx: number
): DrawnItem[] {
	const out: DrawnItem[] = [];
	let group: TimelineBar[] = [];
	let groupEnd = -Infinity;
	const flush = () => {
		if (group.length === 1) {
			const b = group[0];
			out.push({
				kind: 'bar',
				bar: b,
				x: scale.x(b.start),
				width: scale.x(b.end) - scale.x(b.start)
			});
		} else if (group.length > 1) out.push(cluster(group, scale));
		group = [];
	};
	for (const b of bars) {
		const x = scale.x(b.start);
		const right = scale.x(b.end);
		if (right < fromPx - minPx) continue;
		if (x > toPx + minPx) break;
		const width = right - x;
		if (width >= minPx) {
			flush();
			out.push({ kind: 'bar', bar: b, x, width });
			continue;
		}
		if (group.length && x - groupEnd >= minPx) flush();
		group.push(b);
		groupEnd = group.length === 1 ? right : Math.max(groupEnd, right);
	}
	flush();
	return out;
}

function cluster(group: readonly TimelineBar[], scale: TimeScale): DrawnCluster {
	let status: StateStatus = group[0].status;
	let start = Infinity;
	let end = -Infinity;
	for (const b of group) {
		if (RANK[b.status] > RANK[status]) status = b.status;
		start = Math.min(start, b.start);
		end = Math.max(end, b.end);
	}
	return {
		kind: 'cluster',
		key: `${group[0].key}+${group.length}`,
		count: group.length,
		start,
		end,
		status,
		critical: group.some((b) => b.critical),
		selected: group.some((b) => b.selected),
		x: scale.x(start),
		width: scale.x(end) - scale.x(start)
	};
}
