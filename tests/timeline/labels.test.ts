import { describe, expect, it } from 'vitest';
import {
	barLabel,
	clusterLabel,
	concurrencyText,
	criticalPathText,
	laneLabelParts,
	speedupText
} from '../../src/lib/timeline/labels.js';
import { timelineRows } from '../../src/lib/timeline/rows.js';
import { boom, history, imageComparison, MAP_IN_BRANCH, RETRIED } from './histories.js';

describe('labels', () => {
	it('describes a bar for screen readers', async () => {
		const { asWritten } = await imageComparison();
		const bars = timelineRows([{ label: 'Run', events: asWritten.events }]).rows.flatMap(
			(r) => r.bars
		);
		expect(bars.map(barLabel)).toEqual([
			'RunTasksInParallel, Parallel, 0 s to 3 s, succeeded, on the critical path',
			'CompleteWorkflow, Succeed, 3 s to 3 s, succeeded, on the critical path',
			'ResizeImage, Task, branch 0, 0 s to 3 s, succeeded, on the critical path',
			'GenerateThumbnail, Task, branch 1, 0 s to 2 s, succeeded',
			'ExtractMetadata, Task, branch 2, 0 s to 1 s, succeeded'
		]);
		const events = await history(RETRIED, {}, { invokeTask: boom, taskLatencyMs: () => 100 });
		const [flaky] = timelineRows([{ label: 'Run', events }]).rows[0].bars;
		expect(barLabel(flaky)).toBe(
			'Flaky, Task, 0 s to 3.3 s, failed, 3 attempts, on the critical path'
		);
	});

	it('tells apart the visits of one state in several Map iterations', async () => {
		const events = await history(
			MAP_IN_BRANCH,
			{ items: [1, 2, 3, 4] },
			{ taskLatencyMs: () => 1000 }
		);
		const work = timelineRows([{ label: 'Run', events }])
			.rows.flatMap((r) => r.bars)
			.filter((b) => b.name === 'Work');
		expect(work.map(barLabel)).toEqual([
			'Work, Task, branch 0 › iteration 0, 0 s to 1 s, succeeded, on the critical path',
			'Work, Task, branch 0 › iteration 2, 1 s to 2 s, succeeded, on the critical path',
			'Work, Task, branch 0 › iteration 1, 0 s to 1 s, succeeded',
			'Work, Task, branch 0 › iteration 3, 1 s to 2 s, succeeded'
		]);
	});

	it('says when merged visits are at one instant, which zooming cannot pull apart', () => {
		const cluster = { kind: 'cluster', key: 'k', status: 'succeeded', critical: false } as const;
		const at = { ...cluster, selected: false, x: 0, width: 0 };
		expect(clusterLabel({ ...at, count: 12, start: 1000, end: 3000 })).toBe(
			'12 visits, 1 s to 3 s, zoom in to tell them apart'
		);
		expect(clusterLabel({ ...at, count: 3, start: 0, end: 0 })).toBe(
			'3 visits at 0 s, all at the same instant'
		);
	});

	it('words the comparison', () => {
		expect(speedupText(3000, 6000)).toBe('2.00× faster');
		expect(speedupText(3000, 3000)).toBe('1.00× (no difference)');
		expect(speedupText(0, 0)).toBe('1.00× (no difference)');
		expect(speedupText(4000, 3000)).toBe('1.33× slower');
		// A run that did not succeed is not faster: it reaches its failure sooner.
		expect(speedupText(2000, 5000, true)).toBe('fails 2.50× sooner');
		expect(speedupText(4000, 2000, true)).toBe('fails 2.00× later');
		expect(criticalPathText(['RunTasksInParallel', 'ResizeImage', 'CompleteWorkflow'])).toBe(
			'RunTasksInParallel → ResizeImage → CompleteWorkflow'
		);
		expect(criticalPathText([])).toBe('none yet');
	});

	it('writes the iterations of a Map on the critical path once, with a count', () => {
		expect(criticalPathText(['Each', ...Array<string>(50).fill('Work')])).toBe('Each → Work ×50');
		expect(criticalPathText(['Prepare', 'Fan', 'Encode', 'Encode', 'Publish'])).toBe(
			'Prepare → Fan → Encode ×2 → Publish'
		);
		// An iteration of two states, repeated in one slot; a lone repeat of its first state after.
		expect(
			criticalPathText(['Each', 'Fetch', 'Save', 'Fetch', 'Save', 'Fetch', 'Save', 'Fetch'])
		).toBe('Each → (Fetch → Save) ×3 → Fetch');
		expect(criticalPathText(['A', 'B', 'A', 'C'])).toBe('A → B → A → C');
	});

	it('explains the difference by what the workflow contains', () => {
		expect(concurrencyText('parallel')).toMatch(
			/^A Parallel state takes as long as its slowest branch/
		);
		expect(concurrencyText('map')).toMatch(/^A Map state runs its iterations at the same time/);
		expect(concurrencyText('map')).not.toContain('Parallel');
		expect(concurrencyText('both')).toMatch(/Parallel.*Map/);
		expect(concurrencyText('none')).toMatch(/^Nothing in this workflow runs concurrently/);
		expect(concurrencyText('none')).toContain('same time');
	});

	it('laneLabelParts keeps the branch or slot apart from the name a narrow column cuts', () => {
		expect(laneLabelParts('ProcessTransaction · branch 0')).toEqual({
			owner: 'ProcessTransaction',
			place: ' · branch 0'
		});
		expect(laneLabelParts('A · b · slot 2')).toEqual({ owner: 'A · b', place: ' · slot 2' });
		expect(laneLabelParts('Main flow')).toEqual({ owner: 'Main flow', place: '' });
	});
});
