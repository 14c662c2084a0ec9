import { expect, test } from '@playwright/test';
import { graphNode, openPlayground, runInstantly } from './helpers.js';

test.describe('simulated latency', () => {
	test('the image example compares 3 s as written with 6 s sequentialised, ResizeImage on the critical path', async ({
		page
	}) => {
		await openPlayground(page);
		await page.getByTestId('tab-compare').click();
		await page.getByTestId('compare-run').click();
		await expect(page.getByTestId('comparison-as-written')).toContainText('3 s');
		await expect(page.getByTestId('comparison-sequential')).toContainText('6 s');
		await expect(page.getByTestId('comparison-speedup')).toContainText('2.00×');
		await expect(page.getByTestId('comparison-critical-path')).toContainText('ResizeImage');
		const comparison = page.getByTestId('comparison');
		// Both runs on one axis: the as-written ResizeImage bar is on the critical path, the others are not.
		const bars = comparison.locator('[data-testid=timeline-bar][data-state-name=ResizeImage]');
		await expect(bars.first()).toHaveAttribute('data-critical', 'true');
		await expect(
			comparison.locator('[data-testid=timeline-bar][data-state-name=ExtractMetadata]').first()
		).toHaveAttribute('data-critical', 'false');
		await expect(comparison.locator('[data-testid=timeline-run-header]').first()).toHaveAttribute(
			'data-total-ms',
			'3000'
		);
		await expect(comparison.locator('[data-testid=timeline-run-header]').nth(1)).toHaveAttribute(
			'data-total-ms',
			'6000'
		);

		// What-if: make GenerateThumbnail take 5 s; the comparison follows.
		await graphNode(page, 'GenerateThumbnail').click();
		await page.getByTestId('sim-duration').fill('5000');
		await page.getByTestId('sim-duration').press('Enter');
		await page.getByTestId('sim-duration').blur();
		await expect(page.getByTestId('comparison-as-written')).toContainText('5 s');
		await expect(page.getByTestId('comparison-sequential')).toContainText('9 s');
		await expect(page.getByTestId('comparison-critical-path')).toContainText('GenerateThumbnail');
	});

	test('the comparison never shows another workspace: it is cleared by a new example and redone after edits made elsewhere', async ({
		page
	}) => {
		await openPlayground(page);
		await page.getByTestId('tab-compare').click();
		await page.getByTestId('compare-run').click();
		await expect(page.getByTestId('comparison-as-written')).toContainText('3 s');

		// Edited while another view is showing: opening the comparison again redoes it.
		await page.getByTestId('tab-outcome').click();
		await graphNode(page, 'GenerateThumbnail').click();
		await page.getByTestId('sim-duration').fill('5000');
		await page.getByTestId('sim-duration').press('Tab');
		await page.getByTestId('tab-compare').click();
		await expect(page.getByTestId('comparison-as-written')).toContainText('5 s');

		// Another example: the image pipeline's comparison is gone.
		await page.getByTestId('tab-outcome').click();
		await page.getByTestId('example-picker').selectOption('ecommerce-order');
		await page.getByTestId('tab-compare').click();
		await expect(page.getByTestId('comparison-summary')).toHaveCount(0);
		await expect(page.getByTestId('compare-run')).toHaveText('Compare parallel vs sequential');
		await page.getByTestId('compare-run').click();
		await expect(page.getByTestId('comparison-critical-path')).toContainText('ProcessOrder');
	});

	test('a failure injected into one branch takes the Catch path, on the graph and the timeline', async ({
		page
	}) => {
		await openPlayground(page);
		await page.getByTestId('example-picker').selectOption('ecommerce-order');
		await graphNode(page, 'ReserveInventory').click();
		await page.getByTestId('sim-fault-kind').selectOption('error');
		await page.getByTestId('sim-fault-error').fill('OutOfStockError');
		await page.getByTestId('sim-fault-error').press('Tab');
		await runInstantly(page);
		await expect(graphNode(page, 'ReserveInventory')).toHaveAttribute('data-status', 'failed');
		await expect(graphNode(page, 'CancelOrder')).toHaveAttribute('data-status', 'succeeded');
		await expect(graphNode(page, 'CompleteOrder')).toHaveAttribute('data-status', 'pending');
		await page.getByTestId('tab-timeline').click();
		await expect(
			page.locator('[data-testid=timeline] [data-testid=timeline-bar][data-state-name=CancelOrder]')
		).toHaveCount(1);
		await expect(
			page.locator(
				'[data-testid=timeline] [data-testid=timeline-bar][data-state-name=ReserveInventory]'
			)
		).toHaveAttribute('data-status', 'failed');
	});
});
