import { untrack } from 'svelte';
import {
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
} from './viewport.js';

/** Pointer travel (px) before a press on the graph becomes a pan rather than a click. */
const DRAG_THRESHOLD = 4;
/** Arrow-key pan step, screen px. */
const KEY_PAN = 48;
/** Zoom step of the +/− buttons and keys. */
const ZOOM_STEP = 1.25;

interface Drag {
	readonly pointerId: number;
	readonly startX: number;
	readonly startY: number;
	readonly origin: ViewTransform;
	moved: boolean;
}

/**
 * Pan and zoom state of one graph view. Until the user pans or zooms, the view fits the content:
 * at first its width, and its height down to a legible scale (`autoFitTransform`); after "Fit to
 * view" (`fit()`), all of it. Meanwhile `follow` pans it to keep the running states in sight. A
 * pan or zoom by hand takes over: the view then stays where the user put it, until `fit()`.
 * The handlers are arrow functions, to be passed to the `<svg>` directly. `width` and `height` are
 * bound to the element's size.
 */
export class GraphViewport {
	width = $state(0);
	height = $state(0);
	#manual = $state.raw<ViewTransform | undefined>(undefined);
	/** "Fit to view" was asked for: fit everything, with no legibility floor. */
	#whole = $state(false);
	/** Screen px that `follow` moved the fitted view by. */
	#offset = $state.raw({ x: 0, y: 0 });
	#gliding = $state(false);
	readonly #content: () => Size | undefined;
	#drag: Drag | undefined;
	#swallowClick = false;

	/** Current transform: the user's, or a fit of the content (moved to follow the run). */
	readonly transform: ViewTransform;

	/** `content` gives the size of what is drawn (the layout), or undefined when nothing is. */
	constructor(content: () => Size | undefined) {
		this.#content = content;
		this.transform = $derived.by(() => {
			if (this.#manual) return this.#manual;
			const size = this.#content() ?? { width: 0, height: 0 };
			const base = this.#fitted(size);
			const { x, y } = this.#offset;
			return x === 0 && y === 0 ? base : clampToContent(panBy(base, x, y), base, size, this);
		});
	}

	/**
	 * The last move was `follow`'s: the view should glide there (a CSS transition), where a pan
	 * by hand must follow the pointer at once.
	 */
	get gliding(): boolean {
		return this.#gliding;
	}

	/** Fit the whole graph in view, and keep fitting it until the next pan or zoom. */
	readonly fit = () => {
		this.#manual = undefined;
		this.#whole = true;
		this.#offset = { x: 0, y: 0 };
		this.#gliding = false;
	};

	/**
	 * Pans, as little as needed, to bring `box` (graph px: the running states) into view, unless
	 * the user has panned or zoomed by hand. Nothing to follow (undefined) leaves the view where
	 * it is, so it does not jump back between two states.
	 */
	readonly follow = (box: Box | undefined) => {
		untrack(() => {
			if (!box || this.#manual) return;
			const current = this.transform;
			const next = followTransform(current, box, this);
			if (next === current) return;
			const base = this.#fitted(this.#content() ?? { width: 0, height: 0 });
			this.#offset = { x: next.x - base.x, y: next.y - base.y };
			this.#gliding = true;
		});
	};

	readonly zoomIn = () => this.#zoom(ZOOM_STEP);
	readonly zoomOut = () => this.#zoom(1 / ZOOM_STEP);

	readonly onpointerdown = (event: PointerEvent) => {
		if (event.button !== 0) return;
		const { pointerId, clientX: startX, clientY: startY } = event;
		this.#drag = { pointerId, startX, startY, origin: this.transform, moved: false };
	};

	readonly onpointermove = (event: PointerEvent) => {
		const drag = this.#drag;
		if (!drag || drag.pointerId !== event.pointerId) return;
		const dx = event.clientX - drag.startX;
		const dy = event.clientY - drag.startY;
		if (!drag.moved) {
			if (Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
			drag.moved = true;
			(event.currentTarget as Element).setPointerCapture(event.pointerId);
		}
		this.#setManual(panBy(drag.origin, dx, dy));
	};

	readonly onpointerup = (event: PointerEvent) => {
		if (this.#drag?.pointerId !== event.pointerId) return;
		// A drag ends in a click on whatever is under the pointer; it must not select a state.
		this.#swallowClick = this.#drag.moved;
		this.#drag = undefined;
	};

	readonly onclickcapture = (event: MouseEvent) => {
		if (!this.#swallowClick) return;
		this.#swallowClick = false;
		event.stopPropagation();
	};

	readonly onwheel = (event: WheelEvent) => {
		event.preventDefault();
		const box = (event.currentTarget as Element).getBoundingClientRect();
		const at = { x: event.clientX - box.left, y: event.clientY - box.top };
		// Trackpad pinches arrive as ctrl+wheel with small deltas: make them as lively as a wheel.
		const delta = event.ctrlKey || event.metaKey ? event.deltaY * 4 : event.deltaY;
		this.#setManual(zoomAround(this.transform, wheelFactor(delta, event.deltaMode), at));
	};

	/** Arrow keys pan, + and − zoom, 0 fits; only when the graph itself (not a node) has focus. */
	readonly onkeydown = (event: KeyboardEvent) => {
		if (event.target !== event.currentTarget) return;
		const pan: Record<string, [number, number]> = {
			ArrowLeft: [KEY_PAN, 0],
			ArrowRight: [-KEY_PAN, 0],
			ArrowUp: [0, KEY_PAN],
			ArrowDown: [0, -KEY_PAN]
		};
		if (event.key in pan) this.#setManual(panBy(this.transform, ...pan[event.key]));
		else if (event.key === '+' || event.key === '=') this.zoomIn();
		else if (event.key === '-') this.zoomOut();
		else if (event.key === '0') this.fit();
		else return;
		event.preventDefault();
	};

	#zoom(factor: number) {
		this.#setManual(zoomAround(this.transform, factor, { x: this.width / 2, y: this.height / 2 }));
	}

	#setManual(t: ViewTransform) {
		this.#manual = t;
		this.#gliding = false;
	}

	#fitted(size: Size): ViewTransform {
		return this.#whole ? fitTransform(size, this) : autoFitTransform(size, this);
	}
}
