import { expect, test } from '@playwright/test';

test('the built site runs the seed image pipeline in the browser (engine + QuickJS)', async ({ page }) => {
	await page.goto('/');
	await page.getByTestId('run').click();
	await expect(page.getByTestId('status')).toHaveText(/SUCCEEDED in 3 s/);
	const output = JSON.parse((await page.getByTestId('output').textContent()) ?? 'null');
	expect(output).toEqual([
		{ key: 'resized/cat.png', width: 1024, height: 768 },
		{ key: 'thumbnails/cat.png', size: 128 },
		{ format: 'PNG', megapixels: 12.2 }
	]);
});
