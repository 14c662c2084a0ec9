import { tick } from 'svelte';
import {
	clampZoom,
	maxZoom,
	scrollToReveal,
	timeScale,
	zoomAround,
	type TimeScale
} from '$lib/timeline/scale.js';

/** Width of the row-label column, px (the track starts after it), on a wide view. */
export const LABEL_WIDTH = 216;
/** The narrowest the label column gets, px, and its share of a narrow view. */
const MIN_LABEL_WIDTH = 96;
const LABEL_SHARE = 0.35;

/** Height of a row and of the axis, px. */
export const ROW_HEIGHT = 28;
export const AXIS_HEIGHT = 28;
/** Zoom step of the buttons. */
const ZOOM_STEP = 2;

/**
 * The width of the row-label column in a timeline `viewWidth` px wide: `LABEL_WIDTH`, but at
 * most 35% of a narrow view (a phone), so the track keeps most of it. Unmeasured (0), the wide one.
 */
export function labelColumnWidth(viewWidth: number): number {
	if (viewWidth <= 0) return LABEL_WIDTH;
	return Math.round(Math.min(LABEL_WIDTH, Math.max(MIN_LABEL_WIDTH, viewWidth * LABEL_SHARE)));
}

/**
 * Zoom and scroll of one timeline. `width`, `height`, `scrollLeft` and `scrollTop` mirror the
 * scrolling element (bound by the component); zoom 1 fits the whole run. Zooming keeps the
 * instant under the pointer (or the middle of the view, for the buttons) in place. Handlers are
 * arrow functions, to be passed to elements directly.
 */
export class TimelineViewport {
	width = $state(0);
	height = $state(0);
	scrollLeft = $state(0);
	scrollTop = $state(0);
	zoom = $state(1);
	element: HTMLElement | undefined = $state();
	readonly #totalMs: () => number;

	/** Width of the row-label column, px. */
	readonly labelWidth: number = $derived(labelColumnWidth(this.width));
	/** Width of the visible track, px. */
	readonly trackWidth: number = $derived(Math.max(0, this.width - this.labelWidth));
	readonly scale: TimeScale;
	readonly canZoomIn: boolean;
	readonly canZoomOut: boolean = $derived(this.zoom > 1);

	/** `totalMs` gives the virtual ms the axis spans. */
	constructor(totalMs: () => number) {
		this.#totalMs = totalMs;
		this.scale = $derived(timeScale(this.#totalMs(), this.trackWidth, this.zoom));
		this.canZoomIn = $derived(
			this.scale.zoom < maxZoom(this.scale.totalMs, this.scale.width) - 1e-9
		);
	}

	readonly zoomIn = () => this.#zoomBy(ZOOM_STEP, this.trackWidth / 2);
	readonly zoomOut = () => this.#zoomBy(1 / ZOOM_STEP, this.trackWidth / 2);
	readonly fit = () => this.#apply({ zoom: 1, scrollLeft: 0 });

	/** Scrolls the instant `ms` into view, if it is out of it (the playback cursor, zoomed in). */
	follow(ms: number): void {
		const x = this.scale.x(ms);
		const to = scrollToReveal(x, this.scrollLeft, this.trackWidth, this.scale.contentWidth);
		if (to === this.scrollLeft || !this.element) return;
		this.scrollLeft = to;
		this.element.scrollLeft = to;
	}

	readonly onscroll = () => {
		if (!this.element) return;
		this.scrollLeft = this.element.scrollLeft;
		this.scrollTop = this.element.scrollTop;
	};

	/** Ctrl/⌘ + wheel zooms around the pointer; a plain wheel scrolls as usual. */
	readonly onwheel = (event: WheelEvent) => {
		if (!(event.ctrlKey || event.metaKey) || !this.element) return;
		event.preventDefault();
		const lines = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
		const factor = Math.exp(-event.deltaY * lines * 0.002);
		const left = this.element.getBoundingClientRect().left + this.labelWidth;
		const anchor = Math.min(Math.max(event.clientX - left, 0), this.trackWidth);
		this.#zoomBy(factor, anchor);
	};

	#zoomBy(factor: number, anchorPx: number) {
		const view = { zoom: this.scale.zoom, scrollLeft: this.scrollLeft };
		this.#apply(zoomAround(view, factor, anchorPx, this.scale.totalMs, this.trackWidth));
	}

	async #apply(view: { zoom: number; scrollLeft: number }) {
		this.zoom = clampZoom(view.zoom, this.scale.totalMs, this.trackWidth);
		this.scrollLeft = view.scrollLeft;
		// The canvas takes its new width on the next update; only then can it scroll that far.
		await tick();
		if (this.element) this.element.scrollLeft = view.scrollLeft;
	}
}
