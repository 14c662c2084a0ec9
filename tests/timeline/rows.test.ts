import { describe, expect, it } from 'vitest';
import { timelineRows, warmCriticalPaths, type TimelineRow } from '../../src/lib/timeline/rows.js';
import {
	boom,
	FAILING_BRANCH,
	history,
	imageComparison,
	mapOf,
	RETRIED,
	revealedAt,
	WAITING
} from './histories.js';

const comparison = await imageComparison();
const asWritten = { label: 'As written', events: comparison.asWritten.events };
const sequential = { label: 'Sequentialised', events: comparison.sequential.events };

/** `name start–end` of every bar of a row. */
const spans = (row: TimelineRow) => row.bars.map((b) => `${b.name} ${b.start}–${b.end}`);

describe('timelineRows: the image example', () => {
	it('gives the main flow and one row per branch, bars as long as each branch', () => {
		const { rows, totalMs } = timelineRows([asWritten]);
		expect(totalMs).toBe(3000);
		expect(rows.map((r) => [r.kind, r.label, r.depth])).toEqual([
			['lane', 'Main flow', 0],
			['lane', 'RunTasksInParallel · branch 0', 1],
			['lane', 'RunTasksInParallel · branch 1', 1],
			['lane', 'RunTasksInParallel · branch 2', 1]
		]);
		expect(rows.map(spans)).toEqual([
			['RunTasksInParallel 0–3000', 'CompleteWorkflow 3000–3000'],
			['ResizeImage 0–3000'],
			['GenerateThumbnail 0–2000'],
			['ExtractMetadata 0–1000']
		]);
		expect(rows.flatMap((r) => r.bars).every((b) => b.status === 'succeeded' && !b.open)).toBe(
			true
		);
	});

	it('flags the critical path: the Parallel, its slowest branch, then the end', () => {
		const { rows } = timelineRows([asWritten]);
		const critical = rows
			.flatMap((r) => r.bars)
			.filter((b) => b.critical)
			.map((b) => b.name);
		expect(critical).toEqual(['RunTasksInParallel', 'CompleteWorkflow', 'ResizeImage']);
	});

	it('puts two runs on one axis, each under a header with its total', () => {
		const { rows, totalMs } = timelineRows([asWritten, sequential]);
		expect(totalMs).toBe(6000);
		const headers = rows.filter((r) => r.kind === 'run');
		expect(headers.map((r) => [r.label, r.totalMs])).toEqual([
			['As written · 3 s', 3000],
			['Sequentialised · 6 s', 6000]
		]);
		expect(rows.map((r) => r.run)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
		expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
		expect(new Set(rows.flatMap((r) => r.bars.map((b) => b.key))).size).toBe(10);
		// Sequentialised, the branches run back to back.
		expect(rows.slice(7).map(spans)).toEqual([
			['ResizeImage 0–3000'],
			['GenerateThumbnail 3000–5000'],
			['ExtractMetadata 5000–6000']
		]);
		expect(
			rows
				.slice(6)
				.flatMap((r) => r.bars)
				.every((b) => b.critical)
		).toBe(true);
	});

	it('uses the critical path it is given', () => {
		const { rows } = timelineRows([{ ...asWritten, criticalPath: new Set([7]) }]);
		expect(
			rows
				.flatMap((r) => r.bars)
				.filter((b) => b.critical)
				.map((b) => b.name)
		).toEqual(['GenerateThumbnail']);
	});

	it('flags the bars of the selected state', () => {
		const { rows } = timelineRows([asWritten, sequential], { selectedState: 'ResizeImage' });
		const selected = rows.flatMap((r) => r.bars).filter((b) => b.selected);
		expect(selected.map((b) => b.key)).toEqual(['0:4', '1:4']);
	});
});

describe('timelineRows: playback', () => {
	const events = comparison.asWritten.events;

	it('counts only revealed events; running bars end at the playhead', () => {
		const { rows, totalMs } = timelineRows(
			[{ label: 'Run', events, revealed: revealedAt(events, 1000) }],
			{ playhead: 1500 }
		);
		expect(totalMs).toBe(3000);
		expect(rows.map(spans)).toEqual([
			['RunTasksInParallel 0–1500'],
			['ResizeImage 0–1500'],
			['GenerateThumbnail 0–1500'],
			['ExtractMetadata 0–1000']
		]);
		const resize = rows[1].bars[0];
		expect(resize).toMatchObject({ status: 'running', open: true });
		expect(resize.segments).toEqual([{ kind: 'attempt', start: 0, end: 1500, outcome: 'running' }]);
		expect(rows[3].bars[0]).toMatchObject({ status: 'succeeded', open: false });
	});

	it('never ends a running bar before the last revealed event', () => {
		const { rows } = timelineRows([{ label: 'Run', events, revealed: revealedAt(events, 1000) }], {
			playhead: 200
		});
		expect(rows[1].bars[0].end).toBe(1000);
	});

	it('draws nothing before the first state starts', () => {
		expect(timelineRows([{ label: 'Run', events, revealed: 1 }]).rows).toEqual([]);
		expect(timelineRows([{ label: 'Run', events, revealed: 0 }]).rows).toEqual([]);
	});

	it('tells a run that took no time at all, once it has ended', async () => {
		const passes = await history({
			StartAt: 'A',
			States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } }
		});
		expect(timelineRows([{ label: 'Run', events: passes }]).instant).toBe(true);
		// Still streaming: later events may take time.
		expect(timelineRows([{ label: 'Run', events: passes.slice(0, -1) }]).instant).toBe(false);
		expect(timelineRows([asWritten]).instant).toBe(false);
		expect(timelineRows([]).instant).toBe(false);
	});

	it('finds no critical path while the run is still streaming', () => {
		const partial = events.slice(0, revealedAt(events, 2000));
		const { rows } = timelineRows([{ label: 'Run', events: partial }]);
		expect(rows.flatMap((r) => r.bars).some((b) => b.critical)).toBe(false);
	});

	it('can defer the critical path of a large run to a later task', async () => {
		const { asWritten: fresh } = await imageComparison(); // a new events array: nothing memoised
		const run = { label: 'Run', events: fresh.events };
		const deferred = timelineRows([run], { deferCriticalPathAbove: 10 });
		expect(deferred.criticalPathPending).toBe(true);
		expect(deferred.rows.flatMap((r) => r.bars).some((b) => b.critical)).toBe(false);
		warmCriticalPaths([run]);
		const warmed = timelineRows([run], { deferCriticalPathAbove: 10 });
		expect(warmed.criticalPathPending).toBe(false);
		expect(warmed.rows.flatMap((r) => r.bars).filter((b) => b.critical)).toHaveLength(3);
	});

	it('re-derives lanes only when the events or the revealed count change', () => {
		const run = { label: 'Run', events, revealed: revealedAt(events, 1000) };
		const a = timelineRows([run], { playhead: 1200 });
		const b = timelineRows([run], { playhead: 1400 });
		// Closed visits keep their (memoised) segments; open ones follow the playhead.
		expect(b.rows[3].bars[0].segments).toBe(a.rows[3].bars[0].segments);
		expect(b.rows[1].bars[0].end).toBe(1400);
	});
});

describe('timelineRows: retries, waits and maps', () => {
	it('splits a retried task into attempts and backoffs', async () => {
		const events = await history(RETRIED, {}, { invokeTask: boom, taskLatencyMs: () => 100 });
		const [main] = timelineRows([{ label: 'Run', events }]).rows;
		const [flaky] = main.bars;
		expect(flaky).toMatchObject({
			name: 'Flaky',
			start: 0,
			end: 3300,
			status: 'failed',
			critical: true
		});
		expect(flaky.segments.map((s) => `${s.kind} ${s.start}–${s.end}`)).toEqual([
			'attempt 0–100',
			'backoff 100–1100',
			'attempt 1100–1200',
			'backoff 1200–3200',
			'attempt 3200–3300'
		]);
		expect(
			flaky.segments.filter((s) => s.kind === 'attempt').every((s) => s.outcome === 'failed')
		).toBe(true);

		// Mid-retry, the bar is retrying and its current attempt runs to the playhead.
		const during = timelineRows([{ label: 'Run', events, revealed: revealedAt(events, 1100) }], {
			playhead: 1150
		});
		const bar = during.rows[0].bars[0];
		expect(bar).toMatchObject({ status: 'retrying', open: true, end: 1150 });
		expect(bar.segments.map((s) => `${s.kind} ${s.start}–${s.end}`)).toEqual([
			'attempt 0–100',
			'backoff 100–1100',
			'attempt 1100–1150'
		]);
	});

	it('gives a Wait state its own segment, also while it waits', async () => {
		const events = await history(WAITING, {}, { taskLatencyMs: () => 500 });
		const [main] = timelineRows([{ label: 'Run', events }]).rows;
		expect(spans(main)).toEqual(['Prepare 0–0', 'Pause 0–2000', 'Work 2000–2500']);
		expect(main.bars[1].segments).toEqual([{ kind: 'wait', start: 0, end: 2000 }]);
		const waiting = timelineRows([{ label: 'Run', events, revealed: revealedAt(events, 0) }], {
			playhead: 1200
		});
		expect(waiting.rows[0].bars[1]).toMatchObject({
			name: 'Pause',
			status: 'running',
			end: 1200,
			segments: [{ kind: 'wait', start: 0, end: 1200 }]
		});
	});

	it('shows a failing branch failed and the branches it stopped aborted', async () => {
		const events = await history(
			FAILING_BRANCH,
			{},
			{
				invokeTask: async (r) =>
					r.stateName === 'Breaks'
						? { ok: false, Error: 'Boom', Cause: 'x' }
						: { ok: true, output: {} },
				taskLatencyMs: (r) => (r.stateName === 'Slow' ? 3000 : 1000)
			}
		);
		const rows = timelineRows([{ label: 'Run', events }]).rows;
		const bars = rows.flatMap((r) =>
			r.bars.map((b) => `${b.name} ${b.start}–${b.end} ${b.status}`)
		);
		expect(bars).toEqual([
			'Fan 0–1000 failed',
			'Slow 0–1000 aborted',
			'Breaks 0–1000 failed',
			'Nap 0–1000 aborted'
		]);
		// The Wait never exited, but it did wait.
		expect(rows[3].bars[0].segments).toEqual([{ kind: 'wait', start: 0, end: 1000 }]);
	});

	it('gives a Map one row per concurrent slot', async () => {
		const items = Array.from({ length: 10 }, (_, i) => i);
		const events = await history(mapOf(3), items, { taskLatencyMs: () => 1000 });
		const { rows, totalMs } = timelineRows([{ label: 'Run', events }]);
		expect(totalMs).toBe(4000);
		expect(rows.map((r) => r.label)).toEqual([
			'Main flow',
			'EachItem · slot 0',
			'EachItem · slot 1',
			'EachItem · slot 2'
		]);
		expect(rows.slice(1).map((r) => r.bars.length)).toEqual([4, 3, 3]);
		expect(spans(rows[1])).toEqual([
			'Work 0–1000',
			'Work 1000–2000',
			'Work 2000–3000',
			'Work 3000–4000'
		]);
	});
});
