import { expect, test } from '@playwright/test';
import { graphNode, openPlayground, runInstantly } from './helpers.js';

test.describe('the visit picker', () => {
	test('a typed visit number out of range is clamped, in the field too', async ({ page }) => {
		await openPlayground(page);
		await page.getByTestId('example-picker').selectOption('media-pipeline');
		await runInstantly(page);
		await expect(page.getByTestId('run-outcome')).toHaveAttribute('data-status', 'SUCCEEDED');
		await graphNode(page, 'TranscodeRendition').click();
		await page.getByTestId('tab-inspector').click();
		const number = page.getByTestId('visit-number');
		const count = Number(await number.getAttribute('max'));
		expect(count).toBeGreaterThan(1);

		await number.fill('99');
		await number.press('Enter');
		await expect(number).toHaveValue(String(count));
		const last = await page.getByTestId('visit-place').textContent();
		// Already on the last visit: 99 again must still read as the last one.
		await number.fill('99');
		await number.press('Enter');
		await expect(number).toHaveValue(String(count));
		await expect(page.getByTestId('visit-place')).toHaveText(last ?? '');

		await number.fill('-3');
		await number.press('Enter');
		await expect(number).toHaveValue('1');
		await number.fill('');
		await number.press('Enter');
		await expect(number).toHaveValue('1');
	});
});
