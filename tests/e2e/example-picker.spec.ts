import { expect, test } from '@playwright/test';
import { openPlayground, replaceEditorText } from './helpers.js';

test.describe('the example picker', () => {
	test('shows whole titles, and says when the workspace has been edited', async ({ page }) => {
		await openPlayground(page);
		const picker = page.getByTestId('example-picker');
		const selected = picker.locator('option:checked');
		/** Whether the select is wide enough for its selected title (text + arrow and padding). */
		const fits = () =>
			picker.evaluate((select: HTMLSelectElement) => {
				const style = getComputedStyle(select);
				const context = document.createElement('canvas').getContext('2d')!;
				context.font = `${style.fontSize} ${style.fontFamily}`;
				const text = select.selectedOptions[0].textContent ?? '';
				return context.measureText(text).width + 24 <= select.clientWidth;
			});

		await picker.selectOption('media-pipeline');
		await expect(selected).toHaveText('Media processing (Map + Parallel)');
		expect(await fits()).toBe(true);

		const definition = '{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }';
		await replaceEditorText(page, 'definition-editor', definition);
		await expect(selected).toHaveText('Media processing (Map + Parallel) (edited)');
		expect(await fits()).toBe(true);

		await page.getByTestId('reset').click();
		await expect(selected).toHaveText('Media processing (Map + Parallel)');
		await picker.selectOption('ai-document-pipeline');
		expect(await fits()).toBe(true);
	});

	test('before a run, the outcome panel says what the example shows and what to try', async ({
		page
	}) => {
		// A workspace that comes from no example has nothing to say.
		await page.goto('/favicon.svg');
		await page.evaluate(() =>
			localStorage.setItem(
				'asl-playground:workspace:v1',
				JSON.stringify({
					v: 1,
					definition: '{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }',
					input: '{}',
					handlers: {},
					settings: { seed: 0 }
				})
			)
		);
		await openPlayground(page);
		await expect(page.getByTestId('no-run')).toBeVisible();
		const summary = page.getByTestId('example-summary');
		await expect(summary).toHaveCount(0);

		await page.getByTestId('example-picker').selectOption('image-pipeline');
		await expect(summary).toContainText('slowest branch (3 s), not the sum (6 s)');
		await page.getByTestId('example-picker').selectOption('ecommerce-order');
		await expect(summary).toContainText('try a quantity above the stock');

		// Trying what it suggests keeps it; another workflow in its place does not.
		await page.getByTestId('tab-input').click();
		await replaceEditorText(page, 'input-editor', '{ "quantity": 500 }');
		await expect(summary).toContainText('try a quantity above the stock');
		await page.getByTestId('tab-definition').click();
		await replaceEditorText(
			page,
			'definition-editor',
			'{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }'
		);
		await expect(summary).toHaveCount(0);
	});
});
