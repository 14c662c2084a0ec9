import { describe, expect, it } from 'vitest';
import {
	FIT_MIN_SCALE,
	IDENTITY,
	MAX_SCALE,
	MIN_SCALE,
	fitTransform,
	panBy,
	wheelFactor,
	zoomAround
} from '../../src/lib/components/graph/viewport.js';

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

	it('stops at a legible scale and shows a tall graph from its top', () => {
		const t = fitTransform({ width: 1100, height: 4300 }, { width: 1400, height: 900 }, 16);
		expect(t.k).toBe(FIT_MIN_SCALE);
		expect(t.y).toBe(16);
		expect(t.x).toBeCloseTo((1400 - 1100 * FIT_MIN_SCALE) / 2);
	});

	it('is the identity until both sizes are known', () => {
		expect(fitTransform({ width: 100, height: 100 }, { width: 0, height: 0 })).toBe(IDENTITY);
		expect(fitTransform({ width: 0, height: 0 }, { width: 100, height: 100 })).toBe(IDENTITY);
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
