import { describe, expect, it } from 'vitest';
import { barLabel, criticalPathText, speedupText } from '../../src/lib/timeline/labels.js';
import { timelineRows } from '../../src/lib/timeline/rows.js';
import { boom, history, imageComparison, RETRIED } from './histories.js';

describe('labels', () => {
	it('describes a bar for screen readers', async () => {
		const { asWritten } = await imageComparison();
		const bars = timelineRows([{ label: 'Run', events: asWritten.events }]).rows.flatMap(
			(r) => r.bars
		);
		expect(bars.map(barLabel)).toEqual([
			'RunTasksInParallel, Parallel, 0 s to 3 s, succeeded, on the critical path',
			'CompleteWorkflow, Succeed, 3 s to 3 s, succeeded, on the critical path',
			'ResizeImage, Task, 0 s to 3 s, succeeded, on the critical path',
			'GenerateThumbnail, Task, 0 s to 2 s, succeeded',
			'ExtractMetadata, Task, 0 s to 1 s, succeeded'
		]);
		const events = await history(RETRIED, {}, { invokeTask: boom, taskLatencyMs: () => 100 });
		const [flaky] = timelineRows([{ label: 'Run', events }]).rows[0].bars;
		expect(barLabel(flaky)).toBe(
			'Flaky, Task, 0 s to 3.3 s, failed, 3 attempts, on the critical path'
		);
	});

	it('words the comparison', () => {
		expect(speedupText(3000, 6000)).toBe('2.00× faster');
		expect(speedupText(3000, 3000)).toBe('1.00× (no difference)');
		expect(speedupText(0, 0)).toBe('1.00× (no difference)');
		expect(speedupText(4000, 3000)).toBe('1.33× slower');
		expect(criticalPathText(['RunTasksInParallel', 'ResizeImage', 'CompleteWorkflow'])).toBe(
			'RunTasksInParallel → ResizeImage → CompleteWorkflow'
		);
	});
});
