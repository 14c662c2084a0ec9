import { describe, expect, it } from 'vitest';
import { popoverBox } from '../../src/lib/playground/popover-box.js';

// A graph pane 800 × 400 at (100, 50) and a 300 × 200 popover.
const area = { x: 100, y: 50, width: 800, height: 400 };
const size = { width: 300, height: 200 };
const node = (x: number, y: number) => ({ x, y, width: 120, height: 40 });

describe('popoverBox', () => {
	it('keeps the top-right corner when the node is elsewhere', () => {
		expect(popoverBox(node(150, 100), area, size)).toEqual({ x: 590, y: 60, ...size });
	});

	it('moves to the top-left corner when the node is under the top-right one', () => {
		expect(popoverBox(node(700, 120), area, size)).toEqual({ x: 110, y: 60, ...size });
	});

	it('moves to the bottom-left corner when the node spans the top', () => {
		const wide = { x: 150, y: 80, width: 700, height: 40 };
		expect(popoverBox(wide, area, size)).toEqual({ x: 110, y: 240, ...size });
	});

	it('keeps a gap around the node: a node just beside the corner still counts as covered', () => {
		// The top-right box spans x 590…890; a node ending at x 585 is within the 10 px gap.
		expect(popoverBox(node(465, 100), area, size).x).toBe(110);
	});

	it('covers the least of the node when no corner clears it', () => {
		const small = { x: 0, y: 0, width: 500, height: 300 };
		const anchor = { x: 250, y: 180, width: 80, height: 50 };
		// With the gap, the node covers x 240…340, y 170…240. Top-right would cover 100 × 40 of
		// that, top-left 70 × 40, bottom-left 70 × 70.
		expect(popoverBox(anchor, small, size)).toEqual({ x: 10, y: 10, ...size });
	});
});
