/**
 * Pan and zoom math for the graph view: a transform maps graph px to screen px as
 * `screen = graph * k + (x, y)`. Pure; the rune class in `viewport.svelte.ts` holds the state.
 */

/** Translation `x`, `y` (screen px) and scale `k`. */
export interface ViewTransform {
	readonly x: number;
	readonly y: number;
	readonly k: number;
}

/** A width and height in px. */
export interface Size {
	readonly width: number;
	readonly height: number;
}

/** A rectangle in graph px. */
export interface Box {
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
}

/** Smallest and largest zoom. Small enough for "Fit to view" to show a graph of 100 states. */
export const MIN_SCALE = 0.02;
export const MAX_SCALE = 4;
/** Fit never zooms in past this, so a small graph is not blown up. */
export const FIT_MAX_SCALE = 1;
/**
 * The first, automatic view of a tall graph never zooms out past this, so names stay legible
 * (13 px × 0.6 ≈ 8 px). "Fit to view" has no such floor: asked to show everything, it does.
 */
export const AUTO_FIT_MIN_SCALE = 0.6;

/** The identity transform. */
export const IDENTITY: ViewTransform = { x: 0, y: 0, k: 1 };

/** `k` limited to [MIN_SCALE, MAX_SCALE]. */
export function clampScale(k: number): number {
	return Math.min(MAX_SCALE, Math.max(MIN_SCALE, k));
}

/**
 * The transform that shows `content` whole, centred in `view` with `margin` px around it, never
 * zoomed in past `FIT_MAX_SCALE` ("Fit to view"). `heightFloor` lets a tall graph stop at a
 * readable scale instead (the automatic first view, `autoFitTransform`): then it is shown from
 * its top, where Start is. Identity while either size is empty (view not measured yet).
 */
export function fitTransform(
	content: Size,
	view: Size,
	margin = 16,
	heightFloor = MIN_SCALE
): ViewTransform {
	if (content.width <= 0 || content.height <= 0 || view.width <= 0 || view.height <= 0) {
		return IDENTITY;
	}
	const across = (view.width - 2 * margin) / content.width;
	const down = (view.height - 2 * margin) / content.height;
	const k = clampScale(Math.min(FIT_MAX_SCALE, across, Math.max(heightFloor, down)));
	const fitsHeight = content.height * k <= view.height - 2 * margin;
	return {
		x: (view.width - content.width * k) / 2,
		y: fitsHeight ? (view.height - content.height * k) / 2 : margin,
		k
	};
}

/**
 * The view of a graph before the user pans or zooms. The width always fits: a graph cut off on
 * both sides shows neither its branches nor where they meet (the Media example on a 390-px
 * phone). The height fits down to `AUTO_FIT_MIN_SCALE` only: a taller graph reads like a page,
 * from Start down, and playback follows the running states down it (`followTransform`).
 */
export function autoFitTransform(content: Size, view: Size, margin = 16): ViewTransform {
	return fitTransform(content, view, margin, AUTO_FIT_MIN_SCALE);
}

/**
 * `t` panned to bring `box` (graph px: the running states) into `view`, `margin` px inside its
 * edges; `t` itself while the box is in view. A box below the view lands a quarter of the way
 * down it (one above, three quarters; the same across), so the states that follow are in view
 * too and playback down a long chain pans about once a screen, not once a state. A box larger
 * than the view shows its start.
 */
export function followTransform(
	t: ViewTransform,
	box: Box,
	view: Size,
	margin = 16
): ViewTransform {
	// How far to move the screen span [lo, hi] along an axis `extent` px long.
	const shift = (lo: number, hi: number, extent: number) => {
		const room = extent - 2 * margin;
		if (hi - lo > room) return margin - lo;
		if (lo < margin) return Math.max(margin, margin + room * 0.75 - (hi - lo)) - lo;
		if (hi > extent - margin)
			return Math.min(extent - margin, margin + room * 0.25 + (hi - lo)) - hi;
		return 0;
	};
	const x = shift(box.x * t.k + t.x, (box.x + box.width) * t.k + t.x, view.width);
	const y = shift(box.y * t.k + t.y, (box.y + box.height) * t.k + t.y, view.height);
	return x === 0 && y === 0 ? t : { x: t.x + x, y: t.y + y, k: t.k };
}

/**
 * `t` with its translation kept where the content covers the view: along an axis where the
 * content fits, it stays as `base` places it; where it does not, no further than its edges
 * `margin` px inside the view. So a pan remembered from another layout never leaves the view
 * empty.
 */
export function clampToContent(
	t: ViewTransform,
	base: ViewTransform,
	content: Size,
	view: Size,
	margin = 16
): ViewTransform {
	const clamp = (at: number, baseAt: number, size: number, extent: number) => {
		const scaled = size * t.k;
		if (scaled <= extent - 2 * margin) return baseAt;
		return Math.min(margin, Math.max(extent - margin - scaled, at));
	};
	return {
		x: clamp(t.x, base.x, content.width, view.width),
		y: clamp(t.y, base.y, content.height, view.height),
		k: t.k
	};
}

/** `t` zoomed by `factor`, keeping the screen point `at` fixed; the scale is clamped. */
export function zoomAround(
	t: ViewTransform,
	factor: number,
	at: { readonly x: number; readonly y: number }
): ViewTransform {
	const k = clampScale(t.k * factor);
	const ratio = k / t.k;
	return { x: at.x - (at.x - t.x) * ratio, y: at.y - (at.y - t.y) * ratio, k };
}

/** `t` moved by `dx`, `dy` screen px. */
export function panBy(t: ViewTransform, dx: number, dy: number): ViewTransform {
	return { x: t.x + dx, y: t.y + dy, k: t.k };
}

/** The zoom factor for a wheel event's `deltaY` (pixel mode): smooth, about ×1.2 per notch. */
export function wheelFactor(deltaY: number, deltaMode = 0): number {
	const px = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
	return Math.exp(-px * 0.0018);
}
