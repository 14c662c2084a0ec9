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
});
