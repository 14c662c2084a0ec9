import { expect, test, type Page } from '@playwright/test';
import { graphNode, openPlayground } from './helpers.js';

const INTERACTIVE = new Set([
	'button',
	'combobox',
	'textbox',
	'tab',
	'slider',
	'checkbox',
	'radio',
	'spinbutton',
	'link',
	'menuitem',
	'listbox',
	'searchbox'
]);

/** Controls in Chromium's accessibility tree that have no accessible name. */
async function unnamedControls(page: Page): Promise<string[]> {
	const cdp = await page.context().newCDPSession(page);
	const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
		nodes: {
			ignored: boolean;
			role?: { value: string };
			name?: { value: string };
			backendDOMNodeId?: number;
		}[];
	};
	return nodes
		.filter(
			(n) => !n.ignored && n.role && INTERACTIVE.has(n.role.value) && !(n.name?.value ?? '').trim()
		)
		.map((n) => `${n.role!.value} #${n.backendDOMNodeId}`);
}

/**
 * Tabs through the page, returning a description of each focused element. In a code editor,
 * Tab indents; Escape then Tab leaves it (the editor announces this), as a keyboard user would.
 */
async function tabStops(page: Page, count: number): Promise<string[]> {
	const stops: string[] = [];
	for (let i = 0; i < count; i++) {
		const inEditor = await page.evaluate(() => !!document.activeElement?.closest('.cm-editor'));
		if (inEditor) await page.keyboard.press('Escape');
		await page.keyboard.press('Tab');
		stops.push(
			await page.evaluate(() => {
				const el = document.activeElement as HTMLElement | null;
				if (!el) return '';
				return (
					el.dataset.testid ??
					el.dataset.stateName ??
					el.getAttribute('aria-label') ??
					el.tagName.toLowerCase()
				);
			})
		);
	}
	return stops;
}

test.describe('accessibility', () => {
	test('every control has an accessible name, before and after a run, in every view', async ({
		page
	}) => {
		await openPlayground(page);
		await expect(graphNode(page, 'ResizeImage')).toBeVisible();
		expect(await unnamedControls(page)).toEqual([]);
		await page.getByTestId('speed-instant').click();
		await page.getByTestId('run').click();
		await expect(page.getByTestId('run-outcome')).toHaveAttribute('data-status', 'SUCCEEDED');
		for (const tab of ['outcome', 'history', 'timeline', 'compare']) {
			await page.getByTestId(`tab-${tab}`).click();
			expect(await unnamedControls(page), `unnamed controls in the ${tab} view`).toEqual([]);
		}
		await graphNode(page, 'ResizeImage').click();
		expect(await unnamedControls(page), 'unnamed controls with a task selected').toEqual([]);
		for (const tab of ['handlers', 'input']) {
			await page.getByTestId(`tab-${tab}`).click();
			expect(await unnamedControls(page), `unnamed controls in the ${tab} editor`).toEqual([]);
		}
	});

	test('the page works from the keyboard: run, then select a state in the graph', async ({
		page
	}) => {
		await openPlayground(page);
		await expect(graphNode(page, 'ResizeImage')).toBeVisible();
		await page.locator('body').click({ position: { x: 2, y: 2 } });
		const stops = await tabStops(page, 40);
		for (const stop of [
			'example-picker',
			'run',
			'share',
			'reset',
			'theme-toggle',
			'tab-definition',
			'RunTasksInParallel',
			'ResizeImage',
			'speed-1'
		]) {
			expect(stops, `Tab reaches ${stop}`).toContain(stop);
		}
		// Run from the keyboard.
		await page.getByTestId('speed-instant').focus();
		await page.keyboard.press('Space');
		await page.getByTestId('run').focus();
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('run-outcome')).toHaveAttribute('data-status', 'SUCCEEDED');
		// Select a state from the keyboard: the inspector shows it.
		await graphNode(page, 'ResizeImage').focus();
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('inspector-state')).toContainText('ResizeImage');
		// Ctrl/⌘+Enter in the editor runs too.
		await page.getByTestId('definition-editor').locator('.cm-content').click();
		await page.keyboard.press('ControlOrMeta+Enter');
		await expect(page.getByTestId('run-outcome')).toHaveAttribute('data-status', 'SUCCEEDED');
	});
});
