import { criticalPath, timelineLanes } from '../../../engine/core.js';
import type {
	HistoryEvent,
	StateStatus,
	StateVisit,
	TimelineLane,
	VisitSegment
} from '../../../engine/index.js';
import { eventById, laneLabels } from '../run/lanes.js';
import { clockText } from '../run/format.js';

/**
 * The rows a timeline draws, for one run or several runs on one shared time axis. Everything is
 * derived from the runs' events (`timelineLanes`, `criticalPath`); the expensive part is memoised
 * per events array, so re-deriving on every playback frame only re-flags the bars.
 */

/** One run to draw. */
export interface TimelineRun {
	/** Shown on the run's header row when there are several runs ("As written"). */
	readonly label: string;
	readonly events: readonly HistoryEvent[];
	/** How many events playback has revealed; later ones do not count. Default: all. */
	readonly revealed?: number;
	/** Ids of the visits on the critical path. Default: `criticalPath(events)` once the run has ended. */
	readonly criticalPath?: ReadonlySet<number>;
}

/** One visit, as a bar. Times are virtual ms since the start of its run. */
export interface TimelineBar {
	/** Unique across runs: `<run>:<visit id>`. */
	readonly key: string;
	/** The id of the visit's `…StateEntered` event. */
	readonly visitId: number;
	readonly name: string;
	/** Where it ran, as the history says it: `''` at the top level, `branch 0 › iteration 3`. */
	readonly lane: string;
	/** `Task`, `Parallel`, `Wait`, … */
	readonly type: string;
	readonly start: number;
	/** When the visit ended; for a visit still running, the playhead. */
	readonly end: number;
	readonly status: StateStatus;
	/** Still running at the revealed point: `end` is the playhead. */
	readonly open: boolean;
	readonly critical: boolean;
	/** Its state is the selected one. */
	readonly selected: boolean;
	/** Attempts, retry backoffs and Wait time, clipped to `[start, end]`. */
	readonly segments: readonly VisitSegment[];
}

/** A row: a run's header (several runs only) or a timeline lane. */
export interface TimelineRow {
	/** Unique across runs. */
	readonly key: string;
	readonly kind: 'run' | 'lane';
	readonly label: string;
	/** Indent: 0 for the main flow, one more per Parallel or Map level. */
	readonly depth: number;
	/** Index of the run in `runs`. */
	readonly run: number;
	readonly bars: readonly TimelineBar[];
	/** Run headers: the run's duration (virtual ms). */
	readonly totalMs?: number;
}

/** Everything a timeline draws. */
export interface TimelineRows {
	readonly rows: readonly TimelineRow[];
	/** The shared axis spans `[0, totalMs]`: the longest run (or the playhead, if later). */
	readonly totalMs: number;
	/** Some run's critical path was deferred: call `warmCriticalPaths(runs)`, then derive again. */
	readonly criticalPathPending: boolean;
	/** Every run has ended, and took no virtual time at all: every bar is a tick at 0. */
	readonly instant: boolean;
}

export interface TimelineRowsOptions {
	/** State name whose bars are flagged `selected`. */
	readonly selectedState?: string;
	/** Virtual ms; bars still running end here (never before the last revealed event). */
	readonly playhead?: number;
	/**
	 * Runs with more events than this show no critical path until `warmCriticalPaths` has computed
	 * it (a caller does that in a later task, so two long computations do not add up into one
	 * long main-thread task). Default: never deferred.
	 */
	readonly deferCriticalPathAbove?: number;
}

const TERMINAL = /^Execution(Succeeded|Failed|TimedOut|Aborted)$/;

/** The memoised, playhead-free part of one run. */
interface RunLanes {
	readonly lanes: readonly TimelineLane[];
	/** Timestamp of the last revealed event. */
	readonly now: number;
	/** Timestamp of the last event received. */
	readonly totalMs: number;
	/** Where the visit entered by this event ran (`laneLabels`, memoised per lane). */
	readonly laneOf: (visitId: number) => string;
}

const lanesMemo = new WeakMap<readonly HistoryEvent[], { revealed: number; value: RunLanes }>();
const criticalMemo = new WeakMap<readonly HistoryEvent[], ReadonlySet<number>>();
const laneMemo = new WeakMap<readonly HistoryEvent[], (e: HistoryEvent) => string>();
const NO_PATH: ReadonlySet<number> = new Set();

/** Lanes of the revealed prefix; recomputed only when the events array or `revealed` changes. */
function runLanes(events: readonly HistoryEvent[], revealed: number): RunLanes {
	const hit = lanesMemo.get(events);
	if (hit && hit.revealed === revealed) return hit.value;
	const prefix = revealed === events.length ? events : events.slice(0, revealed);
	let label = laneMemo.get(events);
	if (!label) laneMemo.set(events, (label = laneLabels(events)));
	const lane = label;
	const value: RunLanes = {
		lanes: revealed > 0 ? timelineLanes(prefix) : [],
		now: prefix.length ? prefix[prefix.length - 1].timestamp : 0,
		totalMs: events.length ? events[events.length - 1].timestamp : 0,
		laneOf: (id) => {
			const entered = eventById(events, id);
			return entered ? lane(entered) : '';
		}
	};
	lanesMemo.set(events, { revealed, value });
	return value;
}

/**
 * The run's critical path: the given one, else the engine's, computed once per events array and
 * only once the run has ended (while it streams, no path is final yet). Undefined when it is not
 * known yet and `compute` is false.
 */
function runCriticalPath(run: TimelineRun, compute: boolean): ReadonlySet<number> | undefined {
	if (run.criticalPath) return run.criticalPath;
	const last = run.events[run.events.length - 1];
	if (!last || !TERMINAL.test(last.type)) return NO_PATH;
	let path = criticalMemo.get(run.events);
	if (!path && compute) criticalMemo.set(run.events, (path = criticalPath(run.events)));
	return path;
}

/** Computes (and memoises) the critical paths `timelineRows` deferred. */
export function warmCriticalPaths(runs: readonly TimelineRun[]): void {
	for (const run of runs) runCriticalPath(run, true);
}

/**
 * The segments of a bar: an attempt still running runs to the playhead, and a Wait shows its
 * waiting also before it exits (`stateVisits` adds it on exit; a Wait cut short never exits).
 */
function barSegments(v: StateVisit, end: number): readonly VisitSegment[] {
	const open = v.end === undefined;
	const isWait = v.type === 'Wait' && !v.segments.some((s) => s.kind === 'wait');
	if (!open && !isWait) return v.segments;
	const out = open
		? v.segments.map((s) => (s.outcome === 'running' ? { ...s, end } : s))
		: [...v.segments];
	if (isWait) out.push({ kind: 'wait', start: v.start, end });
	return out;
}

function bar(
	run: number,
	v: StateVisit,
	lane: string,
	path: ReadonlySet<number>,
	openEnd: number,
	selected?: string
): TimelineBar {
	const open = v.end === undefined;
	const end = open ? Math.max(openEnd, v.start) : (v.end as number);
	return {
		key: `${run}:${v.id}`,
		visitId: v.id,
		name: v.name,
		lane,
		type: v.type,
		start: v.start,
		end,
		status: v.status,
		open,
		critical: path.has(v.id),
		selected: selected !== undefined && v.name === selected,
		segments: barSegments(v, end)
	};
}

/**
 * The rows to draw: for each run its timeline lanes (main flow, one row per Parallel branch, one
 * per concurrent Map slot), preceded by a header row ("As written · 3.000 s") when there are
 * several runs. Only the first `revealed` events of a run count; bars still running end at the
 * playhead. Bars are flagged `critical` (their visit is on the run's critical path) and
 * `selected` (their state is `selectedState`).
 */
export function timelineRows(
	runs: readonly TimelineRun[],
	options: TimelineRowsOptions = {}
): TimelineRows {
	const rows: TimelineRow[] = [];
	let totalMs = options.playhead ?? 0;
	let criticalPathPending = false;
	let ended = runs.length > 0;
	runs.forEach((run, r) => {
		if (!TERMINAL.test(run.events.at(-1)?.type ?? '')) ended = false;
		const revealed = Math.max(0, Math.min(run.revealed ?? run.events.length, run.events.length));
		const { lanes, now, totalMs: runMs, laneOf } = runLanes(run.events, revealed);
		const known = runCriticalPath(
			run,
			run.events.length <= (options.deferCriticalPathAbove ?? Infinity)
		);
		if (!known) criticalPathPending = true;
		const path = known ?? NO_PATH;
		const openEnd = Math.max(now, options.playhead ?? now);
		totalMs = Math.max(totalMs, runMs);
		if (runs.length > 1) {
			const label = `${run.label} · ${clockText(runMs)}`;
			rows.push({
				key: `${r}:run`,
				kind: 'run',
				label,
				depth: 0,
				run: r,
				bars: [],
				totalMs: runMs
			});
		}
		for (const lane of lanes) {
			// Only the main flow can be empty: before the first state is entered.
			if (!lane.visits.length) continue;
			rows.push({
				key: `${r}:${lane.key}`,
				kind: 'lane',
				label: lane.label,
				depth: lane.depth,
				run: r,
				bars: lane.visits.map((v) => bar(r, v, laneOf(v.id), path, openEnd, options.selectedState))
			});
		}
	});
	return { rows, totalMs, criticalPathPending, instant: ended && totalMs === 0 };
}
