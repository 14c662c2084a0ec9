import { expect, test, type Page } from '@playwright/test';
import { graphNode, openPlayground, replaceEditorText, runInstantly } from './helpers.js';

/** Runs an example to its end (`last` is its final state). */
async function runExample(page: Page, id: string, last: string): Promise<void> {
	await page.getByTestId('example-picker').selectOption(id);
	await runInstantly(page);
	await expect(graphNode(page, last)).toHaveAttribute('data-status', 'succeeded');
}

/** Runs a definition given as an object to its end. */
async function runDefinition(page: Page, definition: object): Promise<void> {
	await replaceEditorText(page, 'definition-editor', JSON.stringify(definition));
	await runInstantly(page);
	await expect(page.getByTestId('run-outcome')).toHaveAttribute('data-status', 'SUCCEEDED');
}

/** The boxes of the axis labels' text (not their padding), left to right. */
function axisLabelBoxes(page: Page) {
	return page.getByTestId('timeline').evaluate((timeline) =>
		[...timeline.querySelectorAll('.tl-tick-mark')]
			.filter((mark) => mark.textContent?.trim())
			.map((mark) => {
				const range = document.createRange();
				range.selectNodeContents(mark);
				const { left, right } = range.getBoundingClientRect();
				return { text: mark.textContent, left, right };
			})
			.sort((a, b) => a.left - b.left)
	);
}

test.describe('the run views fit their space', () => {
	test('axis labels never overlap, also at the end of a one-year Wait', async ({ page }) => {
		await page.setViewportSize({ width: 1440, height: 900 });
		await openPlayground(page);
		await runDefinition(page, {
			StartAt: 'Before',
			States: {
				Before: { Type: 'Pass', Next: 'Year' },
				Year: { Type: 'Wait', Seconds: 31_536_000, Next: 'After' },
				After: { Type: 'Succeed' }
			}
		});
		await page.getByTestId('tab-timeline').click();
		const boxes = await axisLabelBoxes(page);
		expect(boxes.map((b) => b.text)).toContain('300 d');
		for (let i = 1; i < boxes.length; i++) {
			expect(
				boxes[i].left - boxes[i - 1].right,
				`${boxes[i - 1].text} | ${boxes[i].text}`
			).toBeGreaterThanOrEqual(6);
		}
	});

	test('a run that took no time explains its empty-looking timeline', async ({ page }) => {
		await openPlayground(page);
		await runDefinition(page, {
			StartAt: 'A',
			States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } }
		});
		await page.getByTestId('tab-timeline').click();
		await expect(page.getByTestId('timeline-instant')).toContainText('at the same instant');
		// Both states at 0 are drawn as one mark, which zooming cannot pull apart.
		const both = page.getByTestId('timeline-cluster');
		await expect(both).toHaveAttribute('data-count', '2');
		await expect(both).toHaveAttribute('aria-label', '2 visits at 0 s, all at the same instant');
	});
});
