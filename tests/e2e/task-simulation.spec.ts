import { expect, test, type Locator } from '@playwright/test';
import { graphNode, openPlayground, runInstantly } from './helpers.js';

async function box(locator: Locator) {
	const b = await locator.boundingBox();
	if (!b) throw new Error('not laid out');
	return b;
}

test.describe('the task simulation popover', () => {
	test('takes focus, closes on Escape back to its node, and leaves the node uncovered', async ({
		page
	}) => {
		await openPlayground(page);
		const sim = page.getByTestId('task-simulation');
		// ExtractMetadata is the top-right task of the image example, where the popover used to go.
		for (const name of ['ExtractMetadata', 'ResizeImage']) {
			await graphNode(page, name).click();
			await expect(sim).toContainText(name);
			await expect(sim.locator(':focus')).toHaveCount(1);
			await expect(async () => {
				const [s, n] = [await box(sim), await box(graphNode(page, name))];
				const apart =
					s.x + s.width <= n.x ||
					n.x + n.width <= s.x ||
					s.y + s.height <= n.y ||
					n.y + n.height <= s.y;
				expect(apart, `the popover covers ${name}`).toBe(true);
			}).toPass();
			await page.keyboard.press('Escape');
			await expect(sim).toHaveCount(0);
			await expect(graphNode(page, name)).toBeFocused();
		}
		// From the keyboard: Enter on the node opens it, focus inside, Escape closes.
		await page.keyboard.press('Enter');
		await expect(sim.locator(':focus')).toHaveCount(1);
		await page.keyboard.press('Escape');
		await expect(graphNode(page, 'ResizeImage')).toBeFocused();
	});

	test('Fixed → Random → Fixed keeps the duration, and an inverted range is flagged and not applied', async ({
		page
	}) => {
		await openPlayground(page);
		await graphNode(page, 'ResizeImage').click();
		await page.getByTestId('sim-duration').fill('2500');
		await page.getByTestId('sim-duration').press('Tab');
		await page.getByTestId('sim-duration-random').check();
		await expect(page.getByTestId('sim-range-min')).toHaveValue('1250');
		await expect(page.getByTestId('sim-range-max')).toHaveValue('3750');
		await page.getByTestId('sim-duration-fixed').check();
		await expect(page.getByTestId('sim-duration')).toHaveValue('2500');

		// A 6 s range: the run takes 6 s.
		await page.getByTestId('sim-duration-random').check();
		await page.getByTestId('sim-range-max').fill('6000');
		await page.getByTestId('sim-range-max').press('Tab');
		await page.getByTestId('sim-range-min').fill('6000');
		await page.getByTestId('sim-range-min').press('Tab');
		await expect(page.getByTestId('sim-range-error')).toHaveCount(0);
		// Inverted: flagged where it was typed, and the run keeps the last good range.
		await page.getByTestId('sim-range-max').fill('100');
		await page.getByTestId('sim-range-max').press('Tab');
		await expect(page.getByTestId('sim-range-error')).toContainText('6000 to 6000 ms');
		await expect(page.getByTestId('sim-range-max')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByTestId('sim-range-max')).toHaveValue('100');
		await runInstantly(page);
		await expect(page.getByTestId('run-outcome')).toHaveAttribute('data-status', 'SUCCEEDED');
		await expect(page.getByTestId('run-duration')).toHaveText('6 s simulated');
		// Fixing it applies it.
		await page.getByTestId('sim-range-max').fill('7000');
		await page.getByTestId('sim-range-max').press('Tab');
		await expect(page.getByTestId('sim-range-error')).toHaveCount(0);
		await expect(page.getByTestId('sim-range-min')).toHaveValue('6000');
	});

	test('"only the first attempt" promises a successful retry only when a Retry will retry', async ({
		page
	}) => {
		await openPlayground(page);
		await page.getByTestId('example-picker').selectOption('financial-transaction');
		await graphNode(page, 'FraudCheck').click();
		await page.getByTestId('sim-fault-kind').selectOption('error');
		const label = page.getByTestId('sim-fault-first-only-label');
		// FraudCheck retries ServiceUnavailable.
		await expect(label).toContainText('a retry then succeeds');
		await page.getByTestId('sim-fault-error').fill('CardDeclined');
		await page.getByTestId('sim-fault-error').press('Tab');
		await expect(label).toContainText('FraudCheck has no Retry for CardDeclined');
		await expect(label).not.toContainText('succeeds');
		// The checkbox stays on the line of its text.
		const [check, text] = [await box(page.getByTestId('sim-fault-first-only')), await box(label)];
		expect(text.x).toBeGreaterThan(check.x + check.width);
		expect(Math.abs(text.y - check.y)).toBeLessThan(check.height);
	});

	test('a run that fails on an injected timeout says it was injected', async ({ page }) => {
		await openPlayground(page);
		await graphNode(page, 'ResizeImage').click();
		await page.getByTestId('sim-fault-kind').selectOption('timeout');
		await page.keyboard.press('Escape');
		await runInstantly(page);
		await expect(page.getByTestId('run-outcome')).toHaveAttribute('data-status', 'FAILED');
		await expect(page.getByTestId('failure-title')).toHaveText(
			'"ResizeImage" timed out (injected)'
		);
		await expect(page.getByTestId('failure-explanation')).not.toContainText('endless loop');
	});
});
