/** A rectangle, in any one coordinate system (the page's pixels, say). */
export interface Box {
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
}

/**
 * Where a popover of `size` goes inside `area` (inset by `gap` px) so that it leaves `anchor`,
 * the thing it belongs to, uncovered: the first corner, top-right then top-left then
 * bottom-left, that clears the anchor (with `gap` to spare), else the corner that covers the least
 * of it. Bottom-right is never used: the graph's zoom controls sit there. Returns the popover's
 * box in the coordinates of `anchor` and `area`.
 */
export function popoverBox(
	anchor: Box,
	area: Box,
	size: { readonly width: number; readonly height: number },
	gap = 10
): Box {
	const left = area.x + gap;
	const right = Math.max(left, area.x + area.width - gap - size.width);
	const top = area.y + gap;
	const bottom = Math.max(top, area.y + area.height - gap - size.height);
	const corners: Box[] = [
		{ x: right, y: top, ...size },
		{ x: left, y: top, ...size },
		{ x: left, y: bottom, ...size }
	];
	const clearance = { x: anchor.x - gap, y: anchor.y - gap };
	const padded = { ...clearance, width: anchor.width + 2 * gap, height: anchor.height + 2 * gap };
	let best = corners[0];
	let bestOverlap = Infinity;
	for (const corner of corners) {
		const overlap = overlapArea(corner, padded);
		if (overlap === 0) return corner;
		if (overlap < bestOverlap) [best, bestOverlap] = [corner, overlap];
	}
	return best;
}

function overlapArea(a: Box, b: Box): number {
	const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
	const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
	return w > 0 && h > 0 ? w * h : 0;
}
