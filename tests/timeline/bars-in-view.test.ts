import { describe, expect, it } from 'vitest';
import { barsInView } from '../../src/lib/timeline/bars-in-view.js';
import { timelineRows, type TimelineBar } from '../../src/lib/timeline/rows.js';
import { timeScale } from '../../src/lib/timeline/scale.js';
import { history, imageComparison, mapOf } from './histories.js';

const bar = (
	key: string,
	start: number,
	end: number,
	status: TimelineBar['status'] = 'succeeded'
): TimelineBar => ({
	key,
	visitId: Number(key),
	name: `S${key}`,
	lane: '',
	type: 'Task',
	start,
	end,
	status,
	open: false,
	critical: false,
	selected: false,
	segments: []
});

describe('barsInView', () => {
	it('draws wide bars and a lone instant as bars', async () => {
		const { asWritten } = await imageComparison();
		const [main] = timelineRows([{ label: 'Run', events: asWritten.events }]).rows;
		const scale = timeScale(3000, 616);
		const items = barsInView(main.bars, scale, 0, 616);
		expect(items.map((i) => [i.kind, i.kind === 'bar' ? i.bar.name : '', i.x, i.width])).toEqual([
			['bar', 'RunTasksInParallel', 0, 600],
			['bar', 'CompleteWorkflow', 600, 0]
		]);
	});

	it('merges neighbouring sub-pixel bars into one cluster, with the most telling status', () => {
		const scale = timeScale(100_000, 1016); // 0.01 px per ms
		const bars = [
			bar('1', 0, 50),
			bar('2', 50, 60, 'failed'),
			bar('3', 60, 80),
			bar('4', 5000, 5010),
			bar('5', 6000, 60_000)
		];
		const items = barsInView(bars, scale, 0, 1016);
		expect(items).toHaveLength(3);
		expect(items[0]).toMatchObject({
			kind: 'cluster',
			count: 3,
			start: 0,
			end: 80,
			status: 'failed'
		});
		expect(items[1]).toMatchObject({ kind: 'bar', bar: { key: '4' } });
		expect(items[2]).toMatchObject({ kind: 'bar', bar: { key: '5' }, x: 60, width: 540 });
	});

	it('skips bars outside the part in view', () => {
		const scale = timeScale(10_000, 1016, 10); // 1 px per ms
		const bars = [
			bar('1', 0, 1000),
			bar('2', 1000, 2000),
			bar('3', 2000, 3000),
			bar('4', 3000, 4000)
		];
		expect(
			barsInView(bars, scale, 1500, 2500).map((i) => (i.kind === 'bar' ? i.bar.key : i.key))
		).toEqual(['2', '3']);
	});

	it('keeps a Map of 10,000 iterations to a few elements per row', async () => {
		const items = Array.from({ length: 10_000 }, (_, i) => i);
		const events = await history(mapOf(40), items, {
			taskLatencyMs: () => 1000,
			maxEvents: 200_000
		});
		const { rows, totalMs } = timelineRows([{ label: 'Run', events }]);
		expect(rows).toHaveLength(41);
		expect(rows.reduce((n, r) => n + r.bars.length, 0)).toBe(10_001);
		// 250 s on 800 px: each 1 s bar is 3 px wide, drawn on its own; at 100 px they merge.
		const wide = timeScale(totalMs, 800);
		expect(barsInView(rows[1].bars, wide, 0, 800)).toHaveLength(250);
		const narrow = timeScale(totalMs, 100);
		const merged = barsInView(rows[1].bars, narrow, 0, 100);
		expect(merged.length).toBeLessThan(5);
		expect(merged.reduce((n, i) => n + (i.kind === 'cluster' ? i.count : 1), 0)).toBe(250);
		// With an item budget, 3 px bars merge as well.
		const budgeted = barsInView(rows[1].bars, wide, 0, 800, 1, 20);
		expect(budgeted.length).toBeLessThanOrEqual(20);
		expect(budgeted.reduce((n, i) => n + (i.kind === 'cluster' ? i.count : 1), 0)).toBe(250);
	});

	it('leaves rows under the item budget alone', () => {
		const scale = timeScale(4000, 1016);
		const bars = [bar('1', 0, 1000), bar('2', 1000, 2000), bar('3', 2000, 3000)];
		expect(barsInView(bars, scale, 0, 1016, 1, 3).every((i) => i.kind === 'bar')).toBe(true);
		expect(barsInView(bars, scale, 0, 1016, 1, 2)).toMatchObject([{ kind: 'cluster', count: 3 }]);
	});
});
