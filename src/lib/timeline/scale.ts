/**
 * The timeline's time axis: virtual milliseconds ↔ pixels, nice tick steps and their labels, and
 * zooming around a point. Pure functions; the component keeps the zoom level and scroll offset.
 */

/** Empty space (px) after the last instant, so a bar ending there is not cut by the edge. */
export const END_PADDING_PX = 16;

/** The closest zoom: one virtual millisecond takes at most this many pixels. */
export const MAX_PX_PER_MS = 8;

/** The widest the zoomed content may get (px): browsers stop scrolling reliably past ~17 M px. */
export const MAX_CONTENT_PX = 8_000_000;

/** The domain of a run that took no virtual time at all (only Pass and Choice states). */
export const EMPTY_DOMAIN_MS = 1000;

/** A mapping of `[0, totalMs]` onto `[0, contentWidth - END_PADDING_PX]` px. */
export interface TimeScale {
	/** Virtual ms the axis spans (never 0). */
	readonly totalMs: number;
	/** Width of the visible track, px. */
	readonly width: number;
	/** 1 fits the whole run into `width`; 2 makes it twice as wide, and so on. */
	readonly zoom: number;
	readonly pxPerMs: number;
	/** Scrollable width of the zoomed track, px. */
	readonly contentWidth: number;
	/** Pixel offset of a virtual time. */
	x(ms: number): number;
	/** Virtual time at a pixel offset, clamped to `[0, totalMs]`. */
	ms(px: number): number;
}

/** The deepest useful zoom for a run of `totalMs` shown `width` px wide. */
export function maxZoom(totalMs: number, width: number): number {
	const total = totalMs > 0 ? totalMs : EMPTY_DOMAIN_MS;
	const w = Math.max(width, END_PADDING_PX + 1);
	const byTime = (MAX_PX_PER_MS * total + END_PADDING_PX) / w;
	const byWidth = MAX_CONTENT_PX / w;
	return Math.max(1, Math.min(byTime, byWidth));
}

/** A zoom level kept between 1 (fit) and `maxZoom`. */
export function clampZoom(zoom: number, totalMs: number, width: number): number {
	if (!Number.isFinite(zoom)) return 1;
	return Math.min(Math.max(zoom, 1), maxZoom(totalMs, width));
}

/** The scale of a run of `totalMs` (0 becomes `EMPTY_DOMAIN_MS`) in a track `width` px wide. */
export function timeScale(totalMs: number, width: number, zoom = 1): TimeScale {
	const total = totalMs > 0 ? totalMs : EMPTY_DOMAIN_MS;
	const w = Math.max(width, END_PADDING_PX + 1);
	const z = clampZoom(zoom, total, w);
	const contentWidth = w * z;
	const pxPerMs = (contentWidth - END_PADDING_PX) / total;
	return {
		totalMs: total,
		width: w,
		zoom: z,
		pxPerMs,
		contentWidth,
		x: (ms) => ms * pxPerMs,
		ms: (px) => Math.min(Math.max(px / pxPerMs, 0), total)
	};
}

/** Zoom level and horizontal scroll of the track. */
export interface TimelineView {
	readonly zoom: number;
	readonly scrollLeft: number;
}

/**
 * Zooms by `factor` keeping the instant under `anchorPx` (px from the left edge of the visible
 * track) where it is. The scroll offset is clamped to the new content.
 */
export function zoomAround(
	view: TimelineView,
	factor: number,
	anchorPx: number,
	totalMs: number,
	width: number
): TimelineView {
	const before = timeScale(totalMs, width, view.zoom);
	const at = before.ms(view.scrollLeft + anchorPx);
	const after = timeScale(totalMs, width, view.zoom * factor);
	const maxScroll = Math.max(0, after.contentWidth - after.width);
	const scrollLeft = Math.min(Math.max(after.x(at) - anchorPx, 0), maxScroll);
	return { zoom: after.zoom, scrollLeft };
}

/**
 * The scroll offset that brings track position `x` (px) into a view `width` px wide, scrolled to
 * `scrollLeft` over `contentWidth` px of track: unchanged when `x` is in view, else with `x` a
 * tenth of the way in, as a page turns while playback runs on.
 */
export function scrollToReveal(
	x: number,
	scrollLeft: number,
	width: number,
	contentWidth: number
): number {
	if (x >= scrollLeft && x <= scrollLeft + width) return scrollLeft;
	const maxScroll = Math.max(0, contentWidth - width);
	return Math.min(Math.max(x - width / 10, 0), maxScroll);
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Steps a reader can count in: 1-2-5 below a second, then whole seconds, minutes, hours, days. */
const STEPS: readonly number[] = [
	1,
	2,
	5,
	10,
	20,
	50,
	100,
	200,
	500,
	SECOND,
	2 * SECOND,
	5 * SECOND,
	10 * SECOND,
	15 * SECOND,
	30 * SECOND,
	MINUTE,
	2 * MINUTE,
	5 * MINUTE,
	10 * MINUTE,
	15 * MINUTE,
	30 * MINUTE,
	HOUR,
	2 * HOUR,
	3 * HOUR,
	6 * HOUR,
	12 * HOUR,
	DAY,
	2 * DAY,
	5 * DAY,
	10 * DAY,
	20 * DAY,
	50 * DAY,
	100 * DAY
];

/** The smallest nice step of at least `minMs` (past 100 days, days in 1-2-5 steps). */
export function niceStep(minMs: number): number {
	const found = STEPS.find((s) => s >= minMs);
	if (found !== undefined) return found;
	let step = 100 * DAY;
	for (let k = 0; step < minMs; k++) step *= k % 3 === 1 ? 2.5 : 2;
	return step;
}

/**
 * An axis label: `0`, `500 ms`, `1 s`, `1.5 s`, `2 min`, `1 min 30 s`, `1 h`, `1 h 30 min`,
 * `1 d`, `1 d 12 h`. Whole units are written without decimals.
 */
export function tickLabel(ms: number): string {
	if (ms === 0) return '0';
	if (ms < SECOND) return `${round(ms, 3)} ms`;
	if (ms < MINUTE) return `${round(ms / SECOND, 3)} s`;
	const pair = (big: number, bigUnit: string, small: number, smallUnit: string) => {
		const whole = Math.floor(ms / big);
		const rest = round((ms - whole * big) / small, 3);
		return rest ? `${whole} ${bigUnit} ${rest} ${smallUnit}` : `${whole} ${bigUnit}`;
	};
	if (ms < HOUR) return pair(MINUTE, 'min', SECOND, 's');
	if (ms < DAY) return pair(HOUR, 'h', MINUTE, 'min');
	return pair(DAY, 'd', HOUR, 'h');
}

function round(value: number, decimals: number): number {
	const f = 10 ** decimals;
	return Math.round(value * f) / f;
}

/** One tick of the axis. */
export interface Tick {
	readonly ms: number;
	/** Pixel offset on the track. */
	readonly x: number;
	/** Empty when there is no room for it (the tick is still drawn). */
	readonly label: string;
	/** `end`: the label sits left of its line, as there is no room after it before the edge. */
	readonly align: 'start' | 'end';
}

/** Width of a character of the axis labels (11 px monospace in TimeAxis.svelte), px. */
const LABEL_CHAR_PX = 6.6;
/** Padding between a label and its line, px. */
const LABEL_PAD_PX = 4;
/** The least space between two labels, px. */
const LABEL_GAP_PX = 8;

/** The width a tick label takes on the axis, px (estimated: the axis font is monospace). */
export function tickLabelWidth(label: string): number {
	return label.length * LABEL_CHAR_PX + LABEL_PAD_PX;
}

/**
 * The ticks between `fromMs` and `toMs` (the part of the axis in view), on multiples of a nice
 * step: at least `minSpacingPx` apart, and far enough apart that their labels do not touch. The
 * label of a tick too near the end goes left of its line, or is left out when that would touch
 * the label before it.
 */
export function ticks(
	scale: TimeScale,
	fromMs = 0,
	toMs = scale.totalMs,
	minSpacingPx = 72
): Tick[] {
	for (let step = niceStep(minSpacingPx / scale.pxPerMs); ; step = niceStep(step + 1)) {
		const first = Math.max(0, Math.ceil(fromMs / step));
		const last = Math.floor(Math.min(toMs, scale.totalMs) / step);
		const labels: string[] = [];
		for (let k = first; k <= last; k++) labels.push(tickLabel(k * step));
		const widest = Math.max(0, ...labels.map(tickLabelWidth));
		if (step * scale.pxPerMs < widest + LABEL_GAP_PX) continue;
		return labels.map((label, i) => {
			const ms = (first + i) * step;
			const x = scale.x(ms);
			if (x + tickLabelWidth(label) <= scale.contentWidth) return { ms, x, label, align: 'start' };
			const before = i > 0 ? scale.x(ms - step) + tickLabelWidth(labels[i - 1]) : -Infinity;
			return before + LABEL_GAP_PX <= x - tickLabelWidth(label)
				? { ms, x, label, align: 'end' }
				: { ms, x, label: '', align: 'start' };
		});
	}
}

/**
 * `shown` with the labels emptied that would start left of `leftPx` (the left edge of the part
 * of the track in view): the sticky row-label column covers that part, and would cut them in
 * half. Their ticks stay, for the grid lines.
 */
export function ticksClearOf(shown: readonly Tick[], leftPx: number): Tick[] {
	return shown.map((t) => {
		const start = t.align === 'end' ? t.x - tickLabelWidth(t.label) : t.x;
		return t.label && start < leftPx ? { ...t, label: '' } : t;
	});
}
