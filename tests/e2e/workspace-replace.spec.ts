import { expect, test, type Page } from '@playwright/test';
import { editorText, graphNode, openPlayground, replaceEditorText } from './helpers.js';

/** The vertical scroll offset of the editor inside `testid`. */
function editorScrollTop(page: Page, testid: string) {
	return page
		.getByTestId(testid)
		.locator('.cm-scroller')
		.evaluate((el) => el.scrollTop);
}

test.describe('replacing the workspace', () => {
	test('Reset can be undone: definition, handlers, input and simulation settings all come back', async ({
		page
	}) => {
		await openPlayground(page);
		const definition = (await editorText(page, 'definition-editor')).replace(
			'Process an uploaded image',
			'My own pipeline'
		);
		await replaceEditorText(page, 'definition-editor', definition);
		await page.getByTestId('tab-handlers').click();
		await page.locator('[data-testid=handler-tab][data-name="resize-image"]').click();
		await replaceEditorText(page, 'handler-editor', 'export const handler = async () => 42;\n');
		await page.getByTestId('tab-input').click();
		await replaceEditorText(page, 'input-editor', '{ "mine": true }');
		await graphNode(page, 'GenerateThumbnail').click();
		await page.getByTestId('sim-duration').fill('4500');
		await page.getByTestId('sim-duration').press('Tab');

		await page.getByTestId('reset').click();
		await expect(page.getByTestId('notice')).toContainText('Reset to the example');
		expect(await editorText(page, 'input-editor')).toContain('photos/cat.png');
		await graphNode(page, 'GenerateThumbnail').click();
		await expect(page.getByTestId('sim-duration')).toHaveValue('2000');

		await page.getByTestId('notice-action').click();
		await expect(page.getByTestId('notice')).toContainText('previous workspace is back');
		await expect(page.getByTestId('notice-action')).toHaveCount(0);
		expect(await editorText(page, 'input-editor')).toBe('{ "mine": true }');
		await expect(page.getByTestId('sim-duration')).toHaveValue('4500');
		await page.getByTestId('tab-handlers').click();
		expect(await editorText(page, 'handler-editor')).toContain('async () => 42');
		await page.getByTestId('tab-definition').click();
		expect(await editorText(page, 'definition-editor')).toContain('My own pipeline');

		// Resetting a workspace that already matches its example has nothing to undo.
		await page.getByTestId('reset').click();
		await page.getByTestId('reset').click();
		await expect(page.getByTestId('notice')).toContainText('Reset to the example');
		await expect(page.getByTestId('notice-action')).toHaveCount(0);
	});

	test('a new document opens at its top; the visitor’s own typing and undo keep their place', async ({
		page
	}) => {
		await openPlayground(page);
		const states: Record<string, unknown> = {};
		for (let i = 0; i < 60; i++) states[`S${i}`] = { Type: 'Pass', Next: `S${i + 1}` };
		states.S60 = { Type: 'Succeed' };
		await replaceEditorText(
			page,
			'definition-editor',
			JSON.stringify({ StartAt: 'S0', States: states }, null, 2)
		);
		await page.keyboard.press('ControlOrMeta+End');
		await page.keyboard.type(' ');
		await expect.poll(() => editorScrollTop(page, 'definition-editor')).toBeGreaterThan(500);
		await page.keyboard.press('ControlOrMeta+z');
		await expect.poll(() => editorScrollTop(page, 'definition-editor')).toBeGreaterThan(500);

		await page.getByTestId('example-picker').selectOption('financial-transaction');
		await expect.poll(() => editorScrollTop(page, 'definition-editor')).toBe(0);
		await expect(
			page.getByTestId('definition-editor').locator('.cm-lineNumbers .cm-activeLineGutter')
		).toHaveText('1');
	});

	test('Mod-z in a freshly opened page does not empty the definition', async ({ page }) => {
		await openPlayground(page);
		const loaded = await editorText(page, 'definition-editor');
		expect(loaded).toContain('RunTasksInParallel');
		await page.getByTestId('definition-editor').locator('.cm-content').click();
		await page.keyboard.press('ControlOrMeta+z');
		expect(await editorText(page, 'definition-editor')).toBe(loaded);
	});
});
