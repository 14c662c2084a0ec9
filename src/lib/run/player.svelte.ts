import type { HistoryEvent, StateStatus } from '../../../engine/index.js';
import { StatusFold } from './status-fold.js';

/** Playback speed: a multiple of virtual time, or `instant` (jump to the end). */
export type Speed = 'instant' | 1 | 10 | 100;

/** The speeds the controls offer, in order. */
export const SPEEDS: readonly Speed[] = ['instant', 1, 10, 100];

/**
 * Real ms per event at 1× when an event has the same timestamp as the one before it, so a run
 * that takes no virtual time (Pass and Choice states, instant tasks) still plays step by step.
 * Divided by the speed.
 */
export const SAME_TIME_STEP_MS = 60;

/**
 * The longest real time (at 1×) that events sharing one timestamp take together: a Map starting
 * 500 iterations at once is paced faster than one event per `SAME_TIME_STEP_MS`.
 */
export const MAX_SAME_TIME_MS = 3000;

/** The longest real time one idle gap between events takes; longer ones (a day's Wait) are sped up. */
export const MAX_GAP_MS = 2000;

/** Frames longer than this (a background tab) count as this long, so playback never leaps. */
const MAX_FRAME_MS = 100;

const TERMINAL = new Set<string>([
	'ExecutionSucceeded',
	'ExecutionFailed',
	'ExecutionTimedOut',
	'ExecutionAborted'
]);

/** Where animation frames come from; tests pass a fake clock. */
export interface PlayerOptions {
	/** Default `globalThis.requestAnimationFrame`. */
	readonly requestAnimationFrame?: (callback: (timeMs: number) => void) => number;
	/** Default `globalThis.cancelAnimationFrame`. */
	readonly cancelAnimationFrame?: (handle: number) => void;
}

/**
 * Plays back an execution history. It holds the events (replaced, never mutated, as batches
 * arrive) and reveals a prefix of them: `revealed` events, the last of them at `cursor`.
 * `playhead` is the virtual time shown (ms since the start). Playing advances the playhead by
 * real time × `speed` on animation frames and reveals each event when the playhead reaches its
 * timestamp. Events sharing a timestamp are revealed one per `SAME_TIME_STEP_MS / speed` (all of
 * them within `MAX_SAME_TIME_MS / speed`), so a run that takes no virtual time still plays step by
 * step; a gap never takes more than `MAX_GAP_MS` of real time. While the run is still streaming, playback
 * waits at the last event for more. The engine appends events in timestamp order (its virtual
 * clock never goes back), which the binary search of `seek` relies on.
 *
 * Every action is an arrow function, so it can be passed to a component as a callback.
 * Per frame, playback costs O(events revealed) and `statuses` is folded incrementally;
 * `visible` copies the prefix (O(n)), so read it only where a prefix array is needed.
 */
export class Player {
	#events: readonly HistoryEvent[] = $state.raw([]);
	#revealed = $state(0);
	#playhead = $state(0);
	#speed: Speed = $state(1);
	#playing = $state(false);
	readonly #fold = new StatusFold();
	readonly #request: PlayerOptions['requestAnimationFrame'];
	readonly #cancel: PlayerOptions['cancelAnimationFrame'];
	#handle: number | undefined;
	#lastFrame: number | undefined;
	/** Real ms of playback not yet spent on revealing events. */
	#credit = 0;

	/** The revealed events (a copy of the prefix). */
	readonly visible: readonly HistoryEvent[] = $derived(this.#events.slice(0, this.#revealed));
	/** Index of the last revealed event; -1 before the first. */
	readonly cursor: number = $derived(this.#revealed - 1);
	/** The last revealed event. */
	readonly current: HistoryEvent | undefined = $derived(this.#events[this.#revealed - 1]);
	/** Virtual ms of the last event received. */
	readonly duration: number = $derived(
		this.#events.length ? this.#events[this.#events.length - 1].timestamp : 0
	);
	/** The history is whole: its last event ends the execution. */
	readonly complete: boolean = $derived(
		this.#events.length > 0 && TERMINAL.has(this.#events[this.#events.length - 1].type)
	);
	/** The whole history is revealed. */
	readonly finished: boolean = $derived(this.complete && this.#revealed === this.#events.length);
	/**
	 * `stateStatuses(events, revealed)`, folded incrementally: the statuses of the revealed events,
	 * where a failure the rest of the history retries already shows as `retrying`.
	 */
	readonly statuses: ReadonlyMap<string, StateStatus> = $derived(
		this.#fold.statusesAt(this.#events, this.#revealed)
	);

	constructor(options: PlayerOptions = {}) {
		this.#request =
			options.requestAnimationFrame ?? globalThis.requestAnimationFrame?.bind(globalThis);
		this.#cancel =
			options.cancelAnimationFrame ?? globalThis.cancelAnimationFrame?.bind(globalThis);
	}

	/** Every event received so far. */
	get events(): readonly HistoryEvent[] {
		return this.#events;
	}
	/** Number of revealed events (0 … `events.length`). */
	get revealed(): number {
		return this.#revealed;
	}
	/** Virtual ms since the start of the execution, as shown. */
	get playhead(): number {
		return this.#playhead;
	}
	get speed(): Speed {
		return this.#speed;
	}
	get playing(): boolean {
		return this.#playing;
	}

	/** Adds the next events of the run (in order). Nothing is revealed until playback reaches them. */
	readonly append = (batch: readonly HistoryEvent[]) => {
		if (batch.length) this.#events = this.#events.concat(batch);
		if (this.#playing) this.#advance(0);
	};

	/** Forgets the history (a new run starts) and stops playing. */
	readonly reset = () => {
		this.pause();
		this.#events = [];
		this.#revealed = 0;
		this.#playhead = 0;
	};

	/** Replaces the history with a whole one, revealed to the end (paused). */
	readonly load = (events: readonly HistoryEvent[]) => {
		this.reset();
		this.#events = events;
		this.seekToEvent(events.length - 1);
	};

	/** Starts playing (from the start again, when everything was shown). */
	readonly play = () => {
		if (this.#playing) return;
		if (this.finished) this.seekToEvent(-1);
		this.#playing = true;
		this.#credit = 0;
		this.#lastFrame = undefined;
		this.#advance(0);
		this.#schedule();
	};

	readonly pause = () => {
		this.#playing = false;
		if (this.#handle !== undefined) this.#cancel?.(this.#handle);
		this.#handle = undefined;
	};

	readonly toggle = () => (this.#playing ? this.pause() : this.play());

	/** Pauses and reveals exactly one more event. */
	readonly stepForward = () => {
		this.pause();
		this.seekToEvent(this.#revealed);
	};

	/** Pauses and hides the last revealed event. */
	readonly stepBack = () => {
		this.pause();
		this.seekToEvent(this.#revealed - 2);
	};

	/** Moves the playhead to virtual time `ms`, revealing every event stamped at or before it. */
	readonly seek = (ms: number) => {
		const t = Math.max(0, Math.min(ms, this.duration));
		this.#revealed = countAtOrBefore(this.#events, t);
		this.#playhead = t;
		this.#credit = 0;
	};

	/** Reveals the events up to index `index` (0-based; -1 hides them all), at its timestamp. */
	readonly seekToEvent = (index: number) => {
		const i = Math.max(-1, Math.min(Math.trunc(index), this.#events.length - 1));
		this.#revealed = i + 1;
		this.#playhead = i >= 0 ? this.#events[i].timestamp : 0;
		this.#credit = 0;
	};

	readonly setSpeed = (speed: Speed) => {
		this.#speed = speed;
		if (this.#playing) this.#advance(0);
	};

	/** Stops the animation loop (call when the page goes away). */
	readonly destroy = () => this.pause();

	#schedule(): void {
		if (!this.#playing || this.#handle !== undefined) return;
		if (!this.#request) {
			// No animation frames (server rendering): there is nothing to watch, show the end.
			this.setSpeed('instant');
			return;
		}
		this.#handle = this.#request(this.#frame);
	}

	readonly #frame = (time: number) => {
		this.#handle = undefined;
		if (!this.#playing) return;
		const dt =
			this.#lastFrame === undefined
				? 0
				: Math.max(0, Math.min(time - this.#lastFrame, MAX_FRAME_MS));
		this.#lastFrame = time;
		this.#advance(dt);
		this.#schedule();
	};

	/** Spends `dt` more real ms of playback. */
	#advance(dt: number): void {
		const events = this.#events;
		const n = events.length;
		let r = this.#revealed;
		let p = this.#playhead;
		if (this.#speed === 'instant') {
			r = n;
			p = n ? events[n - 1].timestamp : 0;
		} else {
			const speed = this.#speed;
			let step = 0;
			let stepAt = -1;
			let credit = this.#credit + dt;
			while (r < n) {
				const next = events[r];
				const previous = r > 0 ? events[r - 1].timestamp : 0;
				if (next.timestamp <= p) {
					if (r > 0 && next.timestamp === previous) {
						if (stepAt !== next.timestamp) {
							stepAt = next.timestamp;
							const size = countAtOrBefore(events, stepAt) - countBefore(events, stepAt);
							step = Math.min(SAME_TIME_STEP_MS, MAX_SAME_TIME_MS / size) / speed;
						}
						if (credit < step) break;
						credit -= step;
					}
					r++;
					continue;
				}
				const rate = Math.max(speed, (next.timestamp - previous) / MAX_GAP_MS);
				const need = (next.timestamp - p) / rate;
				if (credit < need) {
					p += credit * rate;
					credit = 0;
					break;
				}
				credit -= need;
				p = next.timestamp;
				r++;
			}
			// Caught up with a run still streaming: time spent waiting is not banked for later.
			this.#credit = r === n ? 0 : credit;
		}
		if (r !== this.#revealed) this.#revealed = r;
		if (p !== this.#playhead) this.#playhead = p;
		if (this.finished) this.pause();
	}
}

/** Number of events stamped at or before `ms` (binary search: timestamps never decrease). */
export function countAtOrBefore(events: readonly HistoryEvent[], ms: number): number {
	return search(events, (t) => t <= ms);
}

/** Number of events stamped before `ms`. */
export function countBefore(events: readonly HistoryEvent[], ms: number): number {
	return search(events, (t) => t < ms);
}

/** Length of the prefix of `events` whose timestamps pass `test` (true, then false). */
function search(events: readonly HistoryEvent[], test: (timestamp: number) => boolean): number {
	let lo = 0;
	let hi = events.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (test(events[mid].timestamp)) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
