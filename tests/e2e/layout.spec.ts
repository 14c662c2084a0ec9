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
	test('at 1440 px the timeline legend and the zoom buttons share one toolbar, nothing cut', async ({
		page
	}) => {
		await page.setViewportSize({ width: 1440, height: 900 });
		await openPlayground(page);
		await runExample(page, 'media-pipeline', 'PublishManifest');
		await page.getByTestId('tab-timeline').click();
		const timeline = (await page.getByTestId('timeline').boundingBox())!;
		const legend = (await page.getByTestId('timeline-legend').boundingBox())!;
		const critical = (await page
			.getByTestId('timeline-legend')
			.getByText('Critical path')
			.boundingBox())!;
		const zoom = (await page
			.getByTestId('timeline')
			.getByRole('group', { name: 'Zoom' })
			.boundingBox())!;
		expect(critical.x + critical.width).toBeLessThanOrEqual(legend.x + legend.width);
		expect(legend.x + legend.width).toBeLessThanOrEqual(zoom.x);
		// The zoom buttons sit beside the legend, top right, not wrapped under it.
		expect(zoom.y).toBeLessThan(legend.y + 8);
		expect(zoom.x + zoom.width).toBeLessThanOrEqual(timeline.x + timeline.width);
		const panel = (await page.locator('#run-panel-timeline').boundingBox())!;
		expect(panel.x + panel.width - (timeline.x + timeline.width)).toBeGreaterThanOrEqual(8);
	});

	test('on a 390 px phone the timeline keeps most of its width for the track', async ({ page }) => {
		await page.setViewportSize({ width: 390, height: 844 });
		await openPlayground(page);
		await runExample(page, 'media-pipeline', 'PublishManifest');
		await page.getByTestId('tab-timeline').click();
		const timeline = (await page.getByTestId('timeline').boundingBox())!;
		const label = (await page
			.getByTestId('timeline-row')
			.first()
			.locator('.tl-label')
			.boundingBox())!;
		expect(label.width).toBeLessThan(timeline.width * 0.4);
		// The 4.4 s run gets more of its axis labelled than "0".
		expect((await axisLabelBoxes(page)).map((b) => b.text)).toEqual(['0', '2 s', '4 s']);
	});

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

	test('zoomed in and scrolled, no axis label sits under the row-label column', async ({
		page
	}) => {
		await page.setViewportSize({ width: 1440, height: 900 });
		await openPlayground(page);
		await runExample(page, 'media-pipeline', 'PublishManifest');
		await page.getByTestId('tab-timeline').click();
		for (let i = 0; i < 3; i++) await page.getByTestId('timeline-zoom-in').click();
		const scroller = page.locator('[data-testid=timeline] .tl-scroller');
		const corner = (await page.locator('[data-testid=timeline] .tl-corner').boundingBox())!;
		// Scrolled by steps that do not divide the tick spacing, some tick always lands just left
		// of the track's edge.
		for (const left of [37, 151, 263, 389]) {
			await scroller.evaluate((el, left) => (el.scrollLeft = left), left);
			await expect
				.poll(async () => {
					const boxes = await axisLabelBoxes(page);
					return boxes.length > 0 && boxes.every((b) => b.left >= corner.x + corner.width);
				}, `scrolled to ${left}`)
				.toBe(true);
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

	test('at 1024 × 768 the history shows whole event types and keeps its count off the edge', async ({
		page
	}) => {
		await page.setViewportSize({ width: 1024, height: 768 });
		await openPlayground(page);
		await runExample(page, 'media-pipeline', 'PublishManifest');
		await page.getByTestId('tab-history').click();
		await page.getByTestId('history-filter').fill('LambdaFunctionSucceeded');
		const type = page
			.locator('[data-testid=history-row][data-event-type=LambdaFunctionSucceeded] td')
			.nth(1);
		await expect(type.first()).toHaveAttribute('title', 'LambdaFunctionSucceeded');
		const cut = await type.first().evaluate((td) => td.scrollWidth > td.clientWidth);
		expect(cut).toBe(false);
		const count = (await page.getByTestId('history-count').boundingBox())!;
		const panel = (await page.locator('#run-panel-history').boundingBox())!;
		expect(panel.x + panel.width - (count.x + count.width)).toBeGreaterThanOrEqual(8);
	});

	test('the history filter box keeps its size while the count beside it changes', async ({
		page
	}) => {
		await openPlayground(page);
		await runExample(page, 'media-pipeline', 'PublishManifest');
		await page.getByTestId('tab-history').click();
		const filter = page.getByTestId('history-filter');
		const widths = new Set<number>();
		for (const text of ['', 'T', 'Transcode', 'zzz']) {
			await filter.fill(text);
			await expect(page.getByTestId('history-count')).toHaveText(/events$/);
			widths.add(Math.round((await filter.boundingBox())!.width));
		}
		await expect(page.getByTestId('history-count')).toHaveText('0 of 60 events');
		expect([...widths]).toHaveLength(1);
	});
});
