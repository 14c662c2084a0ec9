import { describe, expect, it } from 'vitest';
import type { LaidOutNode } from '../../src/lib/layout/edge-path.js';
import { runningBox } from '../../src/lib/components/graph/running-box.js';
import { AUTO_FIT_MIN_SCALE, type Box } from '../../src/lib/components/graph/viewport.js';
import { GraphViewport } from '../../src/lib/components/graph/viewport.svelte.js';

const state = (name: string, y: number, shape: LaidOutNode['shape'] = 'Pass'): LaidOutNode => ({
	id: name,
	kind: 'state',
	label: name,
	stateName: name,
	stateType: shape,
	shape,
	depth: 0,
	x: 100,
	y,
	width: 112,
	height: 36
});

describe('runningBox', () => {
	const nodes = [
		state('A', 50),
		{ ...state('Fan', 150, 'Parallel'), width: 600, height: 900 },
		{ ...state('Left', 220), depth: 2, x: 140 },
		{ ...state('Right', 260), depth: 2, x: 400 },
		state('Z', 1200)
	];

	it('is undefined while nothing runs', () => {
		expect(runningBox(nodes, new Map([['A', 'succeeded']]))).toBeUndefined();
	});

	it('surrounds the plain states running or retrying, not the Parallel around them', () => {
		const statuses = new Map([
			['Fan', 'running'],
			['Left', 'running'],
			['Right', 'retrying']
		] as const);
		expect(runningBox(nodes, statuses)).toEqual({ x: 140, y: 220, width: 372, height: 76 });
	});

	it('falls back to a running container when nothing inside it runs', () => {
		expect(runningBox(nodes, new Map([['Fan', 'running']]))).toEqual({
			x: 100,
			y: 150,
			width: 600,
			height: 900
		});
	});
});

describe('GraphViewport following the run', () => {
	/** A 400 × 3000 graph in an 800 × 600 view: too tall to fit at a legible scale. */
	function tall() {
		const viewport = new GraphViewport(() => ({ width: 400, height: 3000 }));
		viewport.width = 800;
		viewport.height = 600;
		return viewport;
	}
	const low: Box = { x: 100, y: 2600, width: 112, height: 36 };
	const screenBottom = (v: GraphViewport, box: Box) =>
		(box.y + box.height) * v.transform.k + v.transform.y;

	it('starts at a legible scale, from the top, and glides down to a state running below', () => {
		const viewport = tall();
		expect(viewport.transform.k).toBe(AUTO_FIT_MIN_SCALE);
		expect(viewport.transform.y).toBe(16);
		expect(screenBottom(viewport, low)).toBeGreaterThan(600);
		viewport.follow(low);
		expect(screenBottom(viewport, low)).toBeLessThanOrEqual(600 - 16);
		expect(screenBottom(viewport, low) - low.height * AUTO_FIT_MIN_SCALE).toBeGreaterThanOrEqual(
			16
		);
		expect(viewport.transform.k).toBe(AUTO_FIT_MIN_SCALE);
		expect(viewport.gliding).toBe(true);
		// Between two states nothing runs: the view stays.
		const at = viewport.transform;
		viewport.follow(undefined);
		expect(viewport.transform).toEqual(at);
	});

	it('stays where the user put it after a pan or zoom by hand', () => {
		const viewport = tall();
		viewport.zoomIn();
		const at = viewport.transform;
		expect(viewport.gliding).toBe(false);
		viewport.follow(low);
		expect(viewport.transform).toEqual(at);
	});

	it('fits the whole graph on "Fit to view", which then has nothing to follow', () => {
		const viewport = tall();
		viewport.follow(low);
		viewport.fit();
		expect(viewport.transform.k).toBeCloseTo((600 - 32) / 3000);
		expect(viewport.transform.y).toBeCloseTo(16);
		const at = viewport.transform;
		viewport.follow(low);
		expect(viewport.transform).toEqual(at);
	});
});
