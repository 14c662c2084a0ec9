import { expect, test, type Page } from '@playwright/test';
import { graphNode, openPlayground, replaceEditorText } from './helpers.js';

/** Starts recording every `data-status` a state's node takes, from now on. */
async function recordStatuses(page: Page, stateName: string): Promise<() => Promise<string[]>> {
	await graphNode(page, stateName).evaluate((node) => {
		const seen: string[] = [node.getAttribute('data-status') ?? ''];
		new MutationObserver(() => {
			const status = node.getAttribute('data-status') ?? '';
			if (seen.at(-1) !== status) seen.push(status);
		}).observe(node, { attributes: true, attributeFilter: ['data-status'] });
		(window as unknown as { seen: string[] }).seen = seen;
	});
	return () => page.evaluate(() => (window as unknown as { seen: string[] }).seen);
}

test.describe('playback', () => {
	test('at 1×, a task waiting out its Retry backoff shows retrying, never failed', async ({
		page
	}) => {
		await openPlayground(page);
		await page.getByTestId('example-picker').selectOption('financial-transaction');
		await expect(graphNode(page, 'FraudCheck')).toBeVisible();
		const statuses = await recordStatuses(page, 'FraudCheck');
		await page.getByTestId('speed-1').click();
		await page.getByTestId('run').click();
		await expect(page.getByTestId('run-status')).toHaveText(/succeeded/i, { timeout: 20_000 });
		expect(await statuses()).toEqual(['pending', 'running', 'retrying', 'succeeded']);
	});

	test('at 1×, a one-year Wait is skipped in moments, and the controls say so', async ({
		page
	}) => {
		await openPlayground(page);
		await replaceEditorText(
			page,
			'definition-editor',
			JSON.stringify({
				StartAt: 'Nap',
				States: {
					Nap: { Type: 'Wait', Seconds: 31_536_000, Next: 'Done' },
					Done: { Type: 'Succeed' }
				}
			})
		);
		await expect(graphNode(page, 'Nap')).toBeVisible();
		await page.getByTestId('speed-1').click();
		await page.getByTestId('run').click();
		await expect(page.getByTestId('playback-skip')).toHaveText('Skipping 365 d of waiting…');
		await expect(page.getByTestId('run-status')).toHaveText(/succeeded/i, { timeout: 5000 });
		await expect(page.getByTestId('playback-skip')).toHaveText('');
	});

	test('the scrubber keeps its width as the clock and the event count change', async ({ page }) => {
		await openPlayground(page);
		await page.getByTestId('example-picker').selectOption('financial-transaction');
		await page.getByTestId('speed-instant').click();
		await page.getByTestId('run').click();
		await expect(page.getByTestId('run-status')).toHaveText(/succeeded/i);
		const scrubber = page.getByTestId('scrubber');
		const widths = new Set<number>();
		await scrubber.focus();
		await page.keyboard.press('Home');
		// event 0 at 0 s, 9 at 0 s, 15 at 0.01 s, 16 at 0.3 s, 31 at 2.4 s
		for (const steps of [0, 9, 6, 1, 15]) {
			for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowRight');
			widths.add(await scrubber.evaluate((el) => Math.round(el.getBoundingClientRect().width)));
		}
		await expect(page.getByTestId('clock')).toHaveText('t = 2.4 s');
		expect([...widths]).toHaveLength(1);
		// On a laptop screen (the tests' 1280 × 720), the readout stays on the scrubber's row.
		const middle = async (testid: string) => {
			const box = (await page.getByTestId(testid).boundingBox())!;
			return box.y + box.height / 2;
		};
		expect(Math.abs((await middle('clock')) - (await middle('scrubber')))).toBeLessThan(8);
	});
});
