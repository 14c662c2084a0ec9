import { expect, type Page } from '@playwright/test';

/** Opens the playground and waits until the workspace is loaded. */
export async function openPlayground(page: Page, path = '/'): Promise<void> {
	await page.goto(path);
	await expect(page.getByTestId('playground')).toHaveAttribute('data-ready', 'true');
}

/** Replaces the text of the CodeMirror editor inside `testid` (as one paste-like insertion). */
export async function replaceEditorText(page: Page, testid: string, text: string): Promise<void> {
	const content = page.getByTestId(testid).locator('.cm-content').first();
	await content.click();
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.insertText(text);
}

/** The text of a CodeMirror editor. */
export async function editorText(page: Page, testid: string): Promise<string> {
	return page
		.getByTestId(testid)
		.locator('.cm-content')
		.first()
		.evaluate((el) => [...el.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'));
}

/** A state's node in the graph. */
export function graphNode(page: Page, stateName: string) {
	return page.getByTestId('state-graph').locator(`[data-state-name="${stateName}"]`);
}

/** Picks the instant playback speed, then runs. */
export async function runInstantly(page: Page): Promise<void> {
	await page.getByTestId('speed-instant').click();
	await page.getByTestId('run').click();
}
