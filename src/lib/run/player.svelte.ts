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
 * The real time (at 1×) that all the events sharing a timestamp with the one before take
 * together, over the whole run: a Map over 2,000 items starts and ends its iterations in bursts
 * of hundreds of events at one instant, and those bursts must not add minutes to a 25-s run.
 * A run with few such events keeps `SAME_TIME_STEP_MS` per event. Divided by the speed.
 */
export const SAME_TIME_BUDGET_MS = 3000;

/**
 * Idle time (no event happens) that would take longer than this in real time at the chosen
 * speed is skipped rather than played: a day's Wait at 1× is crossed in `SKIP_MS`, and `skip`
 * says so. Shorter gaps play at the chosen speed, so 1× is one virtual second per real second.
 */
export const MAX_IDLE_MS = 10_000;

/** Real time a skipped gap takes, whatever the speed: long enough to read that it is skipped. */
export const SKIP_MS = 1500;

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

/** An idle stretch that playback is skipping, in virtual ms since the start. */
export interface Skip {
	readonly from: number;
	readonly to: number;
}

/**
 * Plays back an execution history. It holds the events (replaced, never mutated, as batches
 * arrive) and reveals a prefix of them: `revealed` events, the last of them at `cursor`.
 * `playhead` is the virtual time shown (ms since the start). Playing advances the playhead by
 * real time × `speed` on animation frames and reveals each event when the playhead reaches its
 * timestamp, so 1× shows one virtual second per real second. Two things bend that: events sharing
 * a timestamp are revealed one per `SAME_TIME_STEP_MS / speed` (all such events of the run within
 * `SAME_TIME_BUDGET_MS / speed`), so a run that takes no virtual time still plays step by step;
 * and an idle gap longer than `MAX_IDLE_MS` of real time is skipped in `SKIP_MS`, with `skip`
 * set meanwhile. While the run is still streaming, playback waits at the last event for more. The
 * engine appends events in timestamp order (its virtual clock never goes back), which the binary
 * search of `seek` relies on.
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
	#skip: Skip | undefined = $state.raw();
	readonly #fold = new StatusFold();
	readonly #request: PlayerOptions['requestAnimationFrame'];
	readonly #cancel: PlayerOptions['cancelAnimationFrame'];
	#handle: number | undefined;
	#lastFrame: number | undefined;
	/** Real ms of playback not yet spent on revealing events. */
	#credit = 0;
	/** How many events have the same timestamp as the event before them. */
	#sameTime = 0;

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
	/** The idle gap playback is skipping now (see `MAX_IDLE_MS`), or undefined. */
	get skip(): Skip | undefined {
		return this.#skip;
	}

	/** Adds the next events of the run (in order). Nothing is revealed until playback reaches them. */
	readonly append = (batch: readonly HistoryEvent[]) => {
		if (batch.length) {
			this.#sameTime += sameTimeCount(batch, this.#events.at(-1));
			this.#events = this.#events.concat(batch);
		}
		if (this.#playing) this.#advance(0);
	};

	/** Forgets the history (a new run starts) and stops playing. */
	readonly reset = () => {
		this.pause();
		this.#events = [];
		this.#sameTime = 0;
		this.#revealed = 0;
		this.#playhead = 0;
	};

	/** Replaces the history with a whole one, revealed to the end (paused). */
	readonly load = (events: readonly HistoryEvent[]) => {
		this.reset();
		this.#events = events;
		this.#sameTime = sameTimeCount(events, undefined);
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
		this.#skip = undefined;
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
		this.#skip = undefined;
	};

	/** Reveals the events up to index `index` (0-based; -1 hides them all), at its timestamp. */
	readonly seekToEvent = (index: number) => {
		const i = Math.max(-1, Math.min(Math.trunc(index), this.#events.length - 1));
		this.#revealed = i + 1;
		this.#playhead = i >= 0 ? this.#events[i].timestamp : 0;
		this.#credit = 0;
		this.#skip = undefined;
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
		let skip: Skip | undefined;
		if (this.#speed === 'instant') {
			r = n;
			p = n ? events[n - 1].timestamp : 0;
		} else {
			const speed = this.#speed;
			// Real ms per same-time event: the run's budget shared among all of them.
			const step =
				Math.min(SAME_TIME_STEP_MS, SAME_TIME_BUDGET_MS / Math.max(1, this.#sameTime)) / speed;
			let credit = this.#credit + dt;
			while (r < n) {
				const next = events[r];
				const previous = r > 0 ? events[r - 1].timestamp : 0;
				if (next.timestamp <= p) {
					if (r > 0 && next.timestamp === previous) {
						if (credit < step) break;
						credit -= step;
					}
					r++;
					continue;
				}
				const gap = next.timestamp - previous;
				const skipped = gap / speed > MAX_IDLE_MS;
				const rate = skipped ? gap / SKIP_MS : speed;
				const need = (next.timestamp - p) / rate;
				if (credit < need) {
					p += credit * rate;
					credit = 0;
					if (skipped) skip = { from: previous, to: next.timestamp };
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
		if (skip?.from !== this.#skip?.from || skip?.to !== this.#skip?.to) this.#skip = skip;
		if (this.finished) this.pause();
	}
}

/** How many of `events` have the timestamp of the event before them (`before` for the first). */
function sameTimeCount(events: readonly HistoryEvent[], before: HistoryEvent | undefined): number {
	let count = 0;
	let previous = before?.timestamp;
	for (const e of events) {
		if (e.timestamp === previous) count++;
		previous = e.timestamp;
	}
	return count;
}

/** Number of events stamped at or before `ms` (binary search: timestamps never decrease). */
export function countAtOrBefore(events: readonly HistoryEvent[], ms: number): number {
	return search(events, (t) => t <= ms);
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
