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

/** Smallest and largest zoom. */
export const MIN_SCALE = 0.1;
export const MAX_SCALE = 4;
/** Fit never zooms in past this, so a small graph is not blown up. */
export const FIT_MAX_SCALE = 1;
/** Fit never zooms out past this, so names stay legible (13 px × 0.6 ≈ 8 px). */
export const FIT_MIN_SCALE = 0.6;

/** The identity transform. */
export const IDENTITY: ViewTransform = { x: 0, y: 0, k: 1 };

/** `k` limited to [MIN_SCALE, MAX_SCALE]. */
export function clampScale(k: number): number {
	return Math.min(MAX_SCALE, Math.max(MIN_SCALE, k));
}

/**
 * The transform that shows `content` centred in `view` with `margin` px around it, at a scale
 * between `FIT_MIN_SCALE` and `FIT_MAX_SCALE`. Content too tall to fit at the smallest scale is
 * shown from its top (where Start is); zooming out further is the user's choice. Identity while
 * either size is empty (view not measured yet).
 */
export function fitTransform(content: Size, view: Size, margin = 16): ViewTransform {
	if (content.width <= 0 || content.height <= 0 || view.width <= 0 || view.height <= 0) {
		return IDENTITY;
	}
	const whole = Math.min(
		(view.width - 2 * margin) / content.width,
		(view.height - 2 * margin) / content.height
	);
	const k = clampScale(Math.max(FIT_MIN_SCALE, Math.min(FIT_MAX_SCALE, whole)));
	const fitsHeight = content.height * k <= view.height - 2 * margin;
	return {
		x: (view.width - content.width * k) / 2,
		y: fitsHeight ? (view.height - content.height * k) / 2 : margin,
		k
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
