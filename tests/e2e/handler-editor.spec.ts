import { expect, test } from '@playwright/test';
import { openPlayground, replaceEditorText, runInstantly } from './helpers.js';

test.describe('the handler editor', () => {
	test('marks a syntax error, located, while the visitor types, before any run', async ({
		page
	}) => {
		await openPlayground(page);
		await page.getByTestId('tab-handlers').click();
		await page.locator('[data-testid=handler-tab][data-name="resize-image"]').click();
		const editor = page.getByTestId('handler-editor');
		await replaceEditorText(
			page,
			'handler-editor',
			'export const handler = async (event) => {\n  const size = ;\n  return size;\n};\n'
		);
		await expect(editor.locator('.cm-lintRange-error')).toHaveText(';');
		await expect(editor.locator('.cm-gutter-lint .cm-lint-marker-error')).toHaveCount(1);
		// A missing closing brace is marked at the end of the code.
		await replaceEditorText(
			page,
			'handler-editor',
			'export const handler = async (event) => {\n  return event;\n'
		);
		await expect(editor.locator('.cm-lintPoint-error')).toHaveCount(1);
		await editor.locator('.cm-gutter-lint .cm-lint-marker-error').hover();
		await expect(page.locator('.cm-tooltip-lint')).toContainText('end of the code');
		// Fixed: the marks go.
		await replaceEditorText(
			page,
			'handler-editor',
			'export const handler = async (event) => {\n  return event;\n};\n'
		);
		await expect(editor.locator('.cm-lintRange-error, .cm-lintPoint-error')).toHaveCount(0);
		await expect(page.getByTestId('run')).toBeEnabled();
	});

	test('lists the syntax error below the editor, located, and a click on it goes there', async ({
		page
	}) => {
		await openPlayground(page);
		await page.getByTestId('tab-handlers').click();
		await page.locator('[data-testid=handler-tab][data-name="resize-image"]').click();
		const problems = page.getByTestId('handler-problems');
		await expect(problems).toContainText('No problems');
		await replaceEditorText(
			page,
			'handler-editor',
			'export const handler = async (event) => {\n  const size = ;\n  return size;\n};\n'
		);
		const row = problems.getByTestId('problem');
		await expect(row).toHaveCount(1);
		await expect(row).toContainText('2:16');
		await expect(row).toHaveAttribute('data-severity', 'error');
		// Another tab lists its own problems, not this one's.
		await page.locator('[data-testid=handler-tab][data-name="thumbnail-generator"]').click();
		await expect(problems).toContainText('No problems');
		await page.locator('[data-testid=handler-tab][data-name="resize-image"]').click();
		await expect(row).toHaveCount(1);
		// The row takes the cursor to the mistake.
		await row.click();
		await page.keyboard.type('0');
		await expect(problems).toContainText('No problems');
	});

	test('a handler with a syntax error marks its tab and the Handlers tab, with a name', async ({
		page
	}) => {
		await openPlayground(page);
		const handlersTab = page.getByTestId('tab-handlers');
		await handlersTab.click();
		const tab = page.locator('[data-testid=handler-tab][data-name="resize-image"]');
		await tab.click();
		await expect(tab.getByTestId('handler-error-badge')).toHaveCount(0);
		await replaceEditorText(
			page,
			'handler-editor',
			'export const handler = async (event) => {\n  const size = ;\n  return size;\n};\n'
		);
		await expect(tab.getByTestId('handler-error-badge')).toBeVisible();
		await expect(tab).toHaveAccessibleName(/syntax error/);
		await expect(handlersTab).toHaveAccessibleName(/1 error/);
		await expect(handlersTab.locator('.badge.error')).toBeVisible();
		// The mark stays on its tab while another handler is shown.
		await page.locator('[data-testid=handler-tab]:not([data-name="resize-image"])').first().click();
		await expect(tab.getByTestId('handler-error-badge')).toBeVisible();
		await expect(page.getByTestId('handler-error-badge')).toHaveCount(1);
		await tab.click();
		await replaceEditorText(
			page,
			'handler-editor',
			'export const handler = async (event) => {\n  return event;\n};\n'
		);
		await expect(page.getByTestId('handler-error-badge')).toHaveCount(0);
		await expect(handlersTab.locator('.badge.error')).toHaveCount(0);
	});

	test('"Add a stub" is styled like the page’s other buttons', async ({ page }) => {
		await openPlayground(page);
		await replaceEditorText(
			page,
			'definition-editor',
			JSON.stringify({
				StartAt: 'Notify',
				States: { Notify: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', End: true } }
			})
		);
		await page.getByTestId('tab-handlers').click();
		const style = (testid: string) =>
			page.getByTestId(testid).evaluate((el) => {
				const s = getComputedStyle(el);
				return [s.borderTopLeftRadius, s.borderTopStyle, s.backgroundColor, s.cursor];
			});
		expect(await style('add-stub')).toEqual(await style('share'));
	});

	test('a function named at run time that has no handler: the failure adds one, and the rerun uses it', async ({
		page
	}) => {
		await openPlayground(page);
		await replaceEditorText(
			page,
			'definition-editor',
			JSON.stringify({
				StartAt: 'Invoke',
				States: {
					Invoke: {
						Type: 'Task',
						Resource: 'arn:aws:states:::lambda:invoke',
						Parameters: { 'FunctionName.$': '$.fn', 'Payload.$': '$' },
						OutputPath: '$.Payload',
						End: true
					}
				}
			})
		);
		await page.getByTestId('tab-input').click();
		await replaceEditorText(page, 'input-editor', JSON.stringify({ fn: 'pick-at-run-time' }));
		await runInstantly(page);
		await expect(page.getByTestId('failure-title')).toHaveText(
			'No handler named "pick-at-run-time"'
		);
		await page.getByTestId('add-missing-handler').click();

		// The Handlers tab opens on the new handler's tab, which says a task may call it.
		await expect(page.getByTestId('tab-handlers')).toHaveAttribute('aria-selected', 'true');
		const tab = page.locator('[data-testid=handler-tab][data-name="pick-at-run-time"]');
		await expect(tab).toHaveAttribute('aria-selected', 'true');
		await expect(tab).toContainText('(not named)');
		await expect(page.getByTestId('handler-editor')).toContainText('at run time may call it');
		await expect(page.getByTestId('handler-editor').locator('.cm-content')).toContainText(
			"console.log('pick-at-run-time', event)"
		);

		await runInstantly(page);
		await expect(page.getByTestId('run-status')).toHaveText(/succeeded/i);
		await expect(page.getByTestId('run-output')).toContainText('pick-at-run-time');
	});
});
