import { expect, test } from '@playwright/test';
import { openPlayground, replaceEditorText } from './helpers.js';

test.describe('the problems list', () => {
	test('a long list scrolls inside its panel: the page itself never scrolls, the header stays in view', async ({
		page
	}) => {
		await openPlayground(page);
		const states: Record<string, unknown> = {};
		for (let i = 0; i < 80; i++) states[`S${i}`] = { Type: 'Pass', Next: `Missing${i}` };
		await replaceEditorText(
			page,
			'definition-editor',
			JSON.stringify({ StartAt: 'S0', States: states }, null, 2)
		);
		await expect(page.locator('[data-testid=problem][data-code=unknown_next_state]')).toHaveCount(
			80
		);
		const documentScroll = () =>
			page.evaluate(() => ({
				scrollTop: document.scrollingElement!.scrollTop,
				scrollHeight: document.scrollingElement!.scrollHeight,
				clientHeight: document.scrollingElement!.clientHeight
			}));
		// Hidden screen-reader text deep in the list must not make the document taller.
		const before = await documentScroll();
		expect(before.scrollHeight).toBe(before.clientHeight);

		const list = page.getByTestId('problems');
		const box = (await list.boundingBox())!;
		await page.mouse.move(box.x + 50, box.y + 10);
		for (let i = 0; i < 30; i++) await page.mouse.wheel(0, 400);
		await expect(list.locator('xpath=..')).not.toHaveJSProperty('scrollTop', 0);
		expect(await documentScroll()).toEqual(before);
		await expect(page.getByTestId('run')).toBeInViewport();

		// Jumping to the last problem reveals it in the editor; the page stays put.
		await page.getByTestId('problem').last().click();
		await expect(page.locator('[data-testid=definition-editor] .cm-scroller')).not.toHaveJSProperty(
			'scrollTop',
			0
		);
		expect(await documentScroll()).toEqual(before);
		await expect(page.getByTestId('run')).toBeInViewport();
		await expect(page.getByRole('heading', { name: 'ASL Playground' })).toBeInViewport();
	});
});
