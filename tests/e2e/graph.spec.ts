import { expect, test } from '@playwright/test';
import { graphNode, openPlayground, replaceEditorText, runInstantly } from './helpers.js';

test.describe('the graph', () => {
	test('a Map badge holds "1500/1500" inside its pill', async ({ page }) => {
		await openPlayground(page);
		await replaceEditorText(
			page,
			'definition-editor',
			JSON.stringify({
				StartAt: 'Each',
				States: {
					Each: {
						Type: 'Map',
						ItemProcessor: { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } },
						End: true
					}
				}
			})
		);
		await page.getByTestId('tab-input').click();
		await replaceEditorText(
			page,
			'input-editor',
			JSON.stringify(Array.from({ length: 1500 }, (_, i) => i))
		);
		await expect(graphNode(page, 'Each')).toBeVisible();
		await runInstantly(page);
		const badge = graphNode(page, 'Each').locator('.sg-badge');
		await expect(badge.locator('text')).toHaveText('1500/1500', { timeout: 20_000 });
		const { pill, text } = await badge.evaluate((g) => {
			const box = (selector: string) => {
				const { x, width } = (g.querySelector(selector) as SVGGraphicsElement).getBBox();
				return { x, width };
			};
			return { pill: box('rect'), text: box('text') };
		});
		expect(text.x).toBeGreaterThanOrEqual(pill.x + 4);
		expect(text.x + text.width).toBeLessThanOrEqual(pill.x + pill.width - 4);
	});
});
