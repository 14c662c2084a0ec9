import { expect, test, type Page } from '@playwright/test';
import { graphNode, openPlayground, replaceEditorText, runInstantly } from './helpers.js';

/**
 * Whether the timeline's playback cursor is in view: right of the row labels (which stay over
 * the track), inside the scroller.
 */
async function cursorInView(page: Page): Promise<boolean> {
	const s = (await page.locator('[data-testid=timeline] .tl-scroller').boundingBox())!;
	const l = (await page.locator('[data-testid=timeline] .tl-label').first().boundingBox())!;
	const c = (await page.getByTestId('timeline-cursor').boundingBox())!;
	const mid = c.x + c.width / 2;
	return mid >= l.x + l.width - 1 && mid <= s.x + s.width;
}

/** The Media example, run to its end: a Map of four renditions, two at a time, in branch 0. */
async function runMediaExample(page: Page): Promise<void> {
	await openPlayground(page);
	await page.getByTestId('example-picker').selectOption('media-pipeline');
	await runInstantly(page);
	await expect(graphNode(page, 'PublishManifest')).toHaveAttribute('data-status', 'succeeded');
}

/** A timeline bar, found by what a screen reader hears for it. */
function bar(page: Page, within: string, label: RegExp) {
	return page.getByTestId(within).getByRole('button', { name: label });
}

test.describe('the timeline', () => {
	test('a bar opens its own visit in the Inspector; the history and the graph still pick theirs', async ({
		page
	}) => {
		await runMediaExample(page);
		await page.getByTestId('tab-timeline').click();
		const first = bar(page, 'timeline', /^TranscodeRendition, Task, branch 0 › iteration 0,/);
		await first.click();
		// The timeline stays in view, with the state selected.
		await expect(page.getByTestId('tab-timeline')).toHaveAttribute('aria-selected', 'true');
		await expect(first).toHaveAttribute('data-selected', 'true');
		await page.getByTestId('tab-inspector').click();
		await expect(page.getByTestId('visit-place')).toHaveText('branch 0 › iteration 0');
		await expect(page.getByTestId('visit-number')).toHaveValue('1');

		await page.getByTestId('tab-timeline').click();
		await bar(page, 'timeline', /^TranscodeRendition, Task, branch 0 › iteration 2,/).click();
		await page.getByTestId('tab-inspector').click();
		await expect(page.getByTestId('visit-place')).toHaveText('branch 0 › iteration 2');

		// A history row shows the visit it belongs to.
		await page.getByTestId('tab-history').click();
		await page.getByTestId('history-filter').fill('TaskStateEntered iteration 1');
		const entered = page.locator(
			'[data-testid=history-row][data-event-type=TaskStateEntered]:has-text("iteration 1")'
		);
		await entered.click();
		await page.getByTestId('tab-inspector').click();
		await expect(page.getByTestId('visit-place')).toHaveText('branch 0 › iteration 1');

		// The graph has one node for all four visits: it shows the latest.
		await graphNode(page, 'TranscodeRendition').click();
		await expect(page.getByTestId('visit-number')).toHaveValue('4');
		await expect(page.getByTestId('visit-place')).toHaveText('branch 0 › iteration 3');
	});

	test('a bar of the comparison opens the same visit of the run in the Inspector', async ({
		page
	}) => {
		await runMediaExample(page);
		await page.getByTestId('tab-compare').click();
		await page.getByTestId('compare-run').click();
		await expect(page.getByTestId('comparison-summary')).toBeVisible();
		// Sequentialised, iteration 1 starts after iteration 0: its visit is another event there.
		await bar(page, 'comparison', /^TranscodeRendition, Task, branch 0 › iteration 1,/)
			.last()
			.click();
		await expect(page.getByTestId('tab-compare')).toHaveAttribute('aria-selected', 'true');
		await page.getByTestId('tab-inspector').click();
		await expect(page.getByTestId('visit-place')).toHaveText('branch 0 › iteration 1');
		await expect(page.getByTestId('visit-number')).toHaveValue('2');
	});

	test('the comparison counts repeated iterations and explains what the workflow can overlap', async ({
		page
	}) => {
		await openPlayground(page);
		// A Map of six 1 s Waits, two at a time, and nothing else.
		const each = {
			Type: 'Map',
			ItemsPath: '$.items',
			MaxConcurrency: 2,
			ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Wait', Seconds: 1, End: true } } },
			End: true
		};
		await replaceEditorText(
			page,
			'definition-editor',
			JSON.stringify({ StartAt: 'Each', States: { Each: each } })
		);
		await page.getByTestId('tab-input').click();
		await replaceEditorText(page, 'input-editor', '{ "items": [1, 2, 3, 4, 5, 6] }');
		await page.getByTestId('tab-compare').click();
		await page.getByTestId('compare-run').click();
		await expect(page.getByTestId('comparison-speedup')).toHaveText('2.00× faster');
		await expect(page.getByTestId('comparison-critical-path')).toHaveText(
			'Critical path: Each → Work ×3'
		);
		await expect(page.getByTestId('comparison-explanation')).toHaveText(/^A Map state runs/);

		await page.getByTestId('tab-definition').click();
		await replaceEditorText(
			page,
			'definition-editor',
			JSON.stringify({ StartAt: 'Only', States: { Only: { Type: 'Pass', End: true } } })
		);
		await page.getByTestId('compare-run').click();
		await expect(page.getByTestId('comparison-speedup')).toHaveText('1.00× (no difference)');
		await expect(page.getByTestId('comparison-explanation')).toHaveText(
			/^Nothing in this workflow runs concurrently/
		);
	});

	test('a Parallel whose tasks have no simulated duration: the comparison asks for one rather than saying "no difference"', async ({
		page
	}) => {
		await openPlayground(page);
		const branch = (name: string) => ({
			StartAt: name,
			States: { [name]: { Type: 'Pass', End: true } }
		});
		await replaceEditorText(
			page,
			'definition-editor',
			JSON.stringify({
				StartAt: 'Both',
				States: { Both: { Type: 'Parallel', Branches: [branch('A'), branch('B')], End: true } }
			})
		);
		await page.getByTestId('tab-compare').click();
		await page.getByTestId('compare-run').click();
		await expect(page.getByTestId('comparison-speedup')).toHaveText('no time to save yet');
		await expect(page.getByTestId('comparison-untimed')).toContainText('Every task took 0 s');
		await expect(page.getByTestId('comparison-critical-path')).toHaveCount(0);

		// A Wait in one branch: now there is a difference to show.
		await page.getByTestId('tab-definition').click();
		await replaceEditorText(
			page,
			'definition-editor',
			JSON.stringify({
				StartAt: 'Both',
				States: {
					Both: {
						Type: 'Parallel',
						Branches: [
							{ StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 2, End: true } } },
							{ StartAt: 'B', States: { B: { Type: 'Wait', Seconds: 2, End: true } } }
						],
						End: true
					}
				}
			})
		);
		await page.getByTestId('compare-run').click();
		await expect(page.getByTestId('comparison-speedup')).toHaveText('2.00× faster');
		await expect(page.getByTestId('comparison-untimed')).toHaveCount(0);
	});

	test('seeking between two events, the outcome counts the same time as the playback clock', async ({
		page
	}) => {
		await openPlayground(page);
		await runInstantly(page);
		await expect(page.getByTestId('run-status')).toHaveText(/succeeded/i);
		await page.getByTestId('tab-timeline').click();
		// An empty spot of the last row, about 2.3 s in: after every event but the last ones at 3 s.
		const canvas = page.locator('[data-testid=timeline] .tl-canvas');
		const box = (await canvas.boundingBox())!;
		await canvas.click({ position: { x: box.width * 0.75, y: box.height - 5 } });
		const clock = (await page.getByTestId('clock').textContent())!.replace('t = ', '');
		expect(clock).not.toBe('3 s');
		await page.getByTestId('tab-outcome').click();
		await expect(page.getByTestId('run-status')).toHaveText(/running/i);
		await expect(page.getByTestId('run-duration')).toHaveText(`${clock} simulated`);
	});
	test('a bar’s name stays readable over retry backoff: dark on the hatching, light on an attempt', async ({
		page
	}) => {
		await openPlayground(page);
		// A handler that fails at once (no simulated latency), retried twice: all backoff.
		await replaceEditorText(
			page,
			'definition-editor',
			JSON.stringify({
				StartAt: 'Flaky',
				States: {
					Flaky: {
						Type: 'Task',
						Resource: 'arn:aws:lambda:us-east-1:123456789012:function:flaky',
						Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 2 }],
						End: true
					}
				}
			})
		);
		await page.getByTestId('tab-handlers').click();
		await page.getByTestId('add-stub').click();
		await replaceEditorText(
			page,
			'handler-editor',
			"export const handler = async () => {\n  throw new Error('down');\n};\n"
		);
		await runInstantly(page);
		await expect(page.getByTestId('run-status')).toHaveText(/failed/i);
		await page.getByTestId('tab-timeline').click();
		const nameColour = (name: string) =>
			page
				.locator(`[data-testid=timeline-bar][data-state-name="${name}"] .tl-bar-name`)
				.evaluate((el) => getComputedStyle(el).color);
		const pageText = await page
			.getByTestId('timeline')
			.evaluate((el) => getComputedStyle(el).color);
		expect(await nameColour('Flaky')).toBe(pageText);

		// The financial example's FraudCheck starts with a failed attempt wide enough for its name.
		await page.getByTestId('example-picker').selectOption('financial-transaction');
		await runInstantly(page);
		await expect(page.getByTestId('run-status')).toHaveText(/succeeded/i);
		await page.getByTestId('tab-timeline').click();
		expect(await nameColour('FraudCheck')).not.toBe(pageText);
	});
	test('zoomed in, the view follows the playback cursor out of it', async ({ page }) => {
		await runMediaExample(page);
		await page.getByTestId('tab-timeline').click();
		for (let i = 0; i < 3; i++) await page.getByTestId('timeline-zoom-in').click();
		const inView = () => cursorInView(page);
		// Zoomed around the middle of the run, the cursor (at its end) is out of view, as asked.
		expect(await inView()).toBe(false);
		// Seeking to the start moves the cursor far to the left: the view turns to it.
		await page.getByTestId('scrubber').fill('2');
		await expect(page.getByTestId('clock')).toHaveText('t = 0 s');
		await expect.poll(inView).toBe(true);
		// And back to the end, far to the right.
		await page.getByTestId('scrubber').fill('60');
		await expect.poll(inView).toBe(true);
	});

	test('zoomed in, a step to an event at the same instant brings the cursor into view', async ({
		page
	}) => {
		await runMediaExample(page);
		await page.getByTestId('tab-timeline').click();
		for (let i = 0; i < 3; i++) await page.getByTestId('timeline-zoom-in').click();
		const inView = () => cursorInView(page);
		// The cursor is at the end of the run, out of the zoomed-in view.
		expect(await inView()).toBe(false);
		const clock = await page.getByTestId('clock').textContent();
		// The last two events (the last state's exit and the execution's end) share an instant.
		await page.getByTestId('step-back').click();
		await expect(page.getByTestId('event-count')).not.toHaveText(/^event (\d+) \/ \1$/);
		await expect(page.getByTestId('clock')).toHaveText(clock!);
		await expect.poll(inView).toBe(true);
	});

	test('on a phone, a branch row keeps its branch number in sight when its name is cut', async ({
		page
	}) => {
		await page.setViewportSize({ width: 390, height: 844 });
		await openPlayground(page);
		await page.getByTestId('example-picker').selectOption('financial-transaction');
		await runInstantly(page);
		await page.getByTestId('tab-timeline').click();
		const row = page.locator(
			'[data-testid=timeline-row][data-row-label="ProcessTransaction · branch 1"] .tl-label'
		);
		const label = (await row.boundingBox())!;
		const place = (await row.locator('.tl-place').boundingBox())!;
		await expect(row.locator('.tl-place')).toHaveText(' · branch 1');
		expect(place.x + place.width).toBeLessThanOrEqual(label.x + label.width + 0.5);
		// The name gave way.
		const owner = row.locator('.tl-owner');
		expect(await owner.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
	});
});
