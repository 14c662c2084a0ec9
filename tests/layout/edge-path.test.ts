import { describe, expect, it } from 'vitest';
import { edgePath } from '../../src/lib/layout/edge-path.js';

describe('edgePath', () => {
	it('draws a straight section as M … L …', () => {
		const section = { startPoint: { x: 0, y: 0 }, endPoint: { x: 0, y: 50 } };
		expect(edgePath(section)).toBe('M 0 0 L 0 50');
	});

	it('goes through every bend point in order', () => {
		const section = {
			startPoint: { x: 0, y: 0 },
			bendPoints: [
				{ x: 0, y: 20 },
				{ x: 40, y: 20 }
			],
			endPoint: { x: 40, y: 50 }
		};
		expect(edgePath(section)).toBe('M 0 0 L 0 20 L 40 20 L 40 50');
	});

	it('rounds bends with Q curves whose control point is the bend', () => {
		const section = {
			startPoint: { x: 0, y: 0 },
			bendPoints: [
				{ x: 0, y: 20 },
				{ x: 40, y: 20 }
			],
			endPoint: { x: 40, y: 50 }
		};
		expect(edgePath(section, 6)).toBe('M 0 0 L 0 14 Q 0 20 6 20 L 34 20 Q 40 20 40 26 L 40 50');
	});

	it('shrinks the radius to half of a short segment', () => {
		const section = {
			startPoint: { x: 0, y: 0 },
			bendPoints: [
				{ x: 0, y: 4 },
				{ x: 30, y: 4 }
			],
			endPoint: { x: 30, y: 30 }
		};
		expect(edgePath(section, 6)).toBe('M 0 0 L 0 2 Q 0 4 2 4 L 24 4 Q 30 4 30 10 L 30 30');
	});

	it('keeps a bend with a zero-length segment as a plain L', () => {
		const section = {
			startPoint: { x: 0, y: 0 },
			bendPoints: [{ x: 0, y: 0 }],
			endPoint: { x: 0, y: 10 }
		};
		expect(edgePath(section, 6)).toBe('M 0 0 L 0 0 L 0 10');
	});

	it('rounds coordinates to 0.1 px', () => {
		const section = { startPoint: { x: 1.234, y: 2.25 }, endPoint: { x: 10.06, y: 3 } };
		expect(edgePath(section)).toBe('M 1.2 2.3 L 10.1 3');
	});
});
