import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import ComparisonSummary from '../../src/lib/components/timeline/ComparisonSummary.svelte';
import TimelineView from '../../src/lib/components/timeline/TimelineView.svelte';
import { history, imageComparison } from './histories.js';

const { asWritten, sequential, speedup } = await imageComparison();

/** The values of one attribute on the elements with a test id, in document order. */
function attrs(html: string, testid: string, attr: string): string[] {
	const tags = html.match(new RegExp(`<[^>]*data-testid="${testid}"[^>]*>`, 'g')) ?? [];
	return tags.map((t) => t.match(new RegExp(`${attr}="([^"]*)"`))?.[1] ?? '');
}

describe('TimelineView (server-rendered)', () => {
	it('renders rows, bars with their data and the controls', () => {
		const { body } = render(TimelineView, {
			props: {
				runs: [{ label: 'Run', events: asWritten.events }],
				playhead: 1500,
				selectedState: 'ResizeImage'
			}
		});
		expect(body).toContain('data-testid="timeline"');
		expect(attrs(body, 'timeline-row', 'data-row-label')).toEqual([
			'Main flow',
			'RunTasksInParallel · branch 0',
			'RunTasksInParallel · branch 1',
			'RunTasksInParallel · branch 2'
		]);
		expect(attrs(body, 'timeline-bar', 'data-state-name')).toEqual([
			'RunTasksInParallel',
			'CompleteWorkflow',
			'ResizeImage',
			'GenerateThumbnail',
			'ExtractMetadata'
		]);
		expect(attrs(body, 'timeline-bar', 'data-end')).toEqual([
			'3000',
			'3000',
			'3000',
			'2000',
			'1000'
		]);
		expect(attrs(body, 'timeline-bar', 'data-critical')).toEqual([
			'true',
			'true',
			'true',
			'false',
			'false'
		]);
		expect(attrs(body, 'timeline-bar', 'data-selected')).toEqual([
			'false',
			'false',
			'true',
			'false',
			'false'
		]);
		expect(attrs(body, 'timeline-bar', 'aria-label')[2]).toBe(
			'ResizeImage, Task, branch 0, 0 s to 3 s, succeeded, on the critical path'
		);
		expect(attrs(body, 'timeline-bar', 'role')).toEqual(Array(5).fill('button'));
		expect(attrs(body, 'timeline-bar', 'tabindex')).toEqual(Array(5).fill('0'));
		for (const id of ['timeline-cursor', 'timeline-zoom-in', 'timeline-zoom-out', 'timeline-fit'])
			expect(body).toContain(`data-testid="${id}"`);
		expect(attrs(body, 'timeline-zoom-in', 'aria-label')).toEqual(['Zoom in']);
		expect(body).toContain('Critical path');
	});

	it('says why a run that took no time shows only ticks at 0', async () => {
		const passes = await history({
			StartAt: 'A',
			States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } }
		});
		const instant = render(TimelineView, { props: { runs: [{ label: 'Run', events: passes }] } });
		expect(instant.body).toContain('data-testid="timeline-instant"');
		expect(instant.body).toContain('happened at the same instant');
		const timed = render(TimelineView, {
			props: { runs: [{ label: 'Run', events: asWritten.events }] }
		});
		expect(timed.body).not.toContain('data-testid="timeline-instant"');
	});

	it('heads each run of a comparison with its total', () => {
		const runs = [
			{ label: 'As written', events: asWritten.events, criticalPath: asWritten.criticalPath },
			{ label: 'Sequentialised', events: sequential.events, criticalPath: sequential.criticalPath }
		];
		const { body } = render(TimelineView, { props: { runs } });
		// Unmeasured (no height yet), the window holds only the first rows.
		expect(attrs(body, 'timeline-run-header', 'data-total-ms')[0]).toBe('3000');
		expect(body).toContain('As written · 3 s');
		expect(body).not.toContain('data-testid="timeline-cursor"');
	});
});

describe('ComparisonSummary', () => {
	it('gives both totals, the speed-up and the critical path', () => {
		const { body } = render(ComparisonSummary, {
			props: {
				asWrittenMs: asWritten.outcome.durationMs,
				sequentialMs: sequential.outcome.durationMs,
				criticalStates: asWritten.criticalStates,
				concurrency: 'parallel'
			}
		});
		const text = body.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
		expect(text).toContain('As written 3 s · Sequentialised 6 s · 2.00× faster');
		expect(text).toContain('Critical path: RunTasksInParallel → ResizeImage → CompleteWorkflow');
		expect(text).toContain('A Parallel state takes as long as its slowest branch');
		expect(speedup).toBe(2);
		const { body: none } = render(ComparisonSummary, {
			props: { asWrittenMs: 0, sequentialMs: 0, criticalStates: ['Only'], concurrency: 'none' }
		});
		expect(none).toContain('1.00× (no difference)');
		expect(none).toContain('Nothing in this workflow runs concurrently');
		expect(none).not.toContain('slowest branch');
		for (const id of [
			'comparison-summary',
			'comparison-explanation',
			'comparison-as-written',
			'comparison-sequential',
			'comparison-speedup',
			'comparison-critical-path'
		])
			expect(body).toContain(`data-testid="${id}"`);
	});
});
