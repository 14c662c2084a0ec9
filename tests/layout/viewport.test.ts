import { describe, expect, it } from 'vitest';
import {
	AUTO_FIT_MIN_SCALE,
	IDENTITY,
	MAX_SCALE,
	MIN_SCALE,
	autoFitTransform,
	clampToContent,
	fitTransform,
	followTransform,
	panBy,
	wheelFactor,
	zoomAround,
	type Box,
	type Size,
	type ViewTransform
} from '../../src/lib/components/graph/viewport.js';

/** Where `box` (graph px) lands on screen under `t`. */
const onScreen = (t: ViewTransform, box: Box) => ({
	left: box.x * t.k + t.x,
	top: box.y * t.k + t.y,
	right: (box.x + box.width) * t.k + t.x,
	bottom: (box.y + box.height) * t.k + t.y
});

/** Whether `box` under `t` lies inside `view`, `margin` px from its edges. */
const inView = (t: ViewTransform, box: Box, view: Size, margin = 16) => {
	const s = onScreen(t, box);
	const eps = 1e-9;
	return (
		s.left >= margin - eps &&
		s.top >= margin - eps &&
		s.right <= view.width - margin + eps &&
		s.bottom <= view.height - margin + eps
	);
};

describe('fitTransform', () => {
	it('centres content that fits, without zooming in past 1', () => {
		expect(fitTransform({ width: 200, height: 100 }, { width: 600, height: 400 })).toEqual({
			x: 200,
			y: 150,
			k: 1
		});
	});

	it('scales large content down to fit inside the margin', () => {
		const t = fitTransform({ width: 1000, height: 400 }, { width: 832, height: 400 }, 16);
		expect(t.k).toBeCloseTo(0.8);
		expect(t.x).toBeCloseTo(16);
		expect(t.y).toBeCloseTo((400 - 400 * 0.8) / 2);
	});

	it('fits a tall graph whole, however small that makes it', () => {
		const content = { width: 1100, height: 4300 };
		const view = { width: 1400, height: 900 };
		const t = fitTransform(content, view, 16);
		expect(t.k).toBeCloseTo((900 - 32) / 4300);
		expect(t.k).toBeLessThan(AUTO_FIT_MIN_SCALE);
		expect(inView(t, { x: 0, y: 0, ...content }, view)).toBe(true);
	});

	it('stops at MIN_SCALE for a graph too tall even for that, showing its top', () => {
		const t = fitTransform({ width: 300, height: 100_000 }, { width: 800, height: 600 }, 16);
		expect(t.k).toBe(MIN_SCALE);
		expect(t.y).toBe(16);
	});
	it('is the identity until both sizes are known', () => {
		expect(fitTransform({ width: 100, height: 100 }, { width: 0, height: 0 })).toBe(IDENTITY);
		expect(fitTransform({ width: 0, height: 0 }, { width: 100, height: 100 })).toBe(IDENTITY);
	});
});

describe('autoFitTransform', () => {
	it('stops at a legible scale and shows a tall graph from its top', () => {
		const t = autoFitTransform({ width: 1100, height: 4300 }, { width: 1400, height: 900 }, 16);
		expect(t.k).toBe(AUTO_FIT_MIN_SCALE);
		expect(t.y).toBe(16);
		expect(t.x).toBeCloseTo((1400 - 1100 * AUTO_FIT_MIN_SCALE) / 2);
	});

	it('always fits the width, below the legible scale if it must (a wide Parallel on a phone)', () => {
		const content = { width: 1200, height: 500 };
		const view = { width: 390, height: 500 };
		const t = autoFitTransform(content, view, 16);
		expect(t.k).toBeCloseTo((390 - 32) / 1200);
		expect(t.k).toBeLessThan(AUTO_FIT_MIN_SCALE);
		expect(inView(t, { x: 0, y: 0, ...content }, view)).toBe(true);
	});

	it('is fitTransform for a graph that fits', () => {
		const content = { width: 1000, height: 400 };
		const view = { width: 832, height: 400 };
		expect(autoFitTransform(content, view)).toEqual(fitTransform(content, view));
	});
});

describe('followTransform', () => {
	const view = { width: 800, height: 600 };
	const t: ViewTransform = { x: 100, y: 16, k: 0.6 };

	it('leaves the view alone while the box is in it', () => {
		expect(followTransform(t, { x: 0, y: 100, width: 112, height: 36 }, view)).toBe(t);
	});

	it('brings a box below the view a quarter of the way down it, leaving room for what follows', () => {
		const box = { x: 0, y: 2000, width: 112, height: 36 };
		const next = followTransform(t, box, view);
		expect(next.k).toBe(t.k);
		expect(next.x).toBe(t.x);
		expect(onScreen(next, box).top).toBeCloseTo(16 + (600 - 32) / 4);
		expect(inView(next, box, view)).toBe(true);
	});

	it('brings a box above the view three quarters of the way down, and one left of it across', () => {
		const box = { x: -400, y: -100, width: 112, height: 36 };
		const next = followTransform(t, box, view);
		expect(onScreen(next, box).bottom).toBeCloseTo(16 + (600 - 32) * 0.75);
		expect(onScreen(next, box).right).toBeCloseTo(16 + (800 - 32) * 0.75);
		expect(inView(next, box, view)).toBe(true);
	});

	it('shows the top of a box taller than the view', () => {
		const box = { x: 0, y: 500, width: 112, height: 3000 };
		expect(onScreen(followTransform(t, box, view), box).top).toBeCloseTo(16);
	});
});

describe('clampToContent', () => {
	const content = { width: 400, height: 3000 };
	const view = { width: 800, height: 600 };
	const base = autoFitTransform(content, view);

	it('keeps the fitted position along an axis where the content fits', () => {
		const t = clampToContent(panBy(base, 250, 0), base, content, view);
		expect(t.x).toBe(base.x);
	});

	it('never pans a tall graph past its ends', () => {
		const down = clampToContent(panBy(base, 0, -99_999), base, content, view);
		expect(down.y + content.height * down.k).toBeCloseTo(600 - 16);
		const up = clampToContent(panBy(base, 0, 500), base, content, view);
		expect(up.y).toBe(16);
	});
});

describe('zoomAround', () => {
	it('keeps the point under the cursor fixed', () => {
		const t = zoomAround({ x: 10, y: 20, k: 1 }, 2, { x: 110, y: 220 });
		expect(t).toEqual({ x: -90, y: -180, k: 2 });
		// The graph point (100, 200) was at screen (110, 220) and still is.
		expect(100 * t.k + t.x).toBe(110);
		expect(200 * t.k + t.y).toBe(220);
	});

	it('clamps the scale', () => {
		expect(zoomAround({ x: 0, y: 0, k: 1 }, 1000, { x: 0, y: 0 }).k).toBe(MAX_SCALE);
		expect(zoomAround({ x: 0, y: 0, k: 1 }, 0.0001, { x: 0, y: 0 }).k).toBe(MIN_SCALE);
	});
});

describe('panBy and wheelFactor', () => {
	it('pans in screen px', () => {
		expect(panBy({ x: 1, y: 2, k: 3 }, 10, -5)).toEqual({ x: 11, y: -3, k: 3 });
	});

	it('zooms in on wheel up, out on wheel down, symmetrically', () => {
		expect(wheelFactor(-100)).toBeGreaterThan(1);
		expect(wheelFactor(100)).toBeLessThan(1);
		expect(wheelFactor(100) * wheelFactor(-100)).toBeCloseTo(1);
		expect(wheelFactor(3, 1)).toBeCloseTo(wheelFactor(48));
	});
});
