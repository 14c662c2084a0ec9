import { expect, test, type Page } from '@playwright/test';
import { graphNode, openPlayground, runInstantly } from './helpers.js';

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
});
