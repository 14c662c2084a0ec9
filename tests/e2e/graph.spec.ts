import { expect, test, type Locator, type Page } from '@playwright/test';
import { graphNode, openPlayground, replaceEditorText, runInstantly } from './helpers.js';

/** A chain of `count` Pass states, `S0` to `S<count-1>`: a graph far taller than the view. */
function passChain(count: number) {
	const States: Record<string, object> = {};
	for (let i = 0; i < count; i++)
		States[`S${i}`] = i < count - 1 ? { Type: 'Pass', Next: `S${i + 1}` } : { Type: 'Succeed' };
	return { StartAt: 'S0', States };
}

/** Whether `target`'s box lies inside the graph's box (1 px of slack for rounding). */
async function insideGraph(page: Page, target: Locator): Promise<boolean> {
	const graph = (await page.getByTestId('state-graph').boundingBox())!;
	const box = await target.boundingBox();
	if (!box) return false;
	return (
		box.x >= graph.x - 1 &&
		box.y >= graph.y - 1 &&
		box.x + box.width <= graph.x + graph.width + 1 &&
		box.y + box.height <= graph.y + graph.height + 1
	);
}

/** The graph view's current CSS transform. */
const viewTransform = (page: Page) =>
	page.getByTestId('graph-view').evaluate((g) => (g as SVGGElement).style.transform);

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

	test("names in capitals and wide letters stay inside their state's box", async ({ page }) => {
		await openPlayground(page);
		const names = [
			'SEND_WELCOME_EMAIL_TO_NEW_MEMBER',
			'WAIT_FOR_WAREHOUSE_WEBHOOK',
			'MWMWMWMWMWMWMWMW',
			'W'.repeat(60),
			'ValidateOrder'
		];
		const States: Record<string, object> = {};
		names.forEach((name, i) => {
			const next = names[i + 1];
			States[name] = {
				Type: i % 2 ? 'Wait' : 'Task',
				...(i % 2 ? { Seconds: 1 } : { Resource: 'arn:aws:lambda:us-east-1:1:function:f' }),
				...(next ? { Next: next } : { End: true })
			};
		});
		await replaceEditorText(
			page,
			'definition-editor',
			JSON.stringify({ StartAt: names[0], States })
		);
		for (const name of names) {
			const fit = await graphNode(page, name).evaluate((g) => {
				const box = (selector: string) => {
					const { x, width } = (g.querySelector(selector) as SVGGraphicsElement).getBBox();
					return { x, width };
				};
				return { body: box('.sg-body'), label: box('.sg-label') };
			});
			expect(fit.label.x, name).toBeGreaterThanOrEqual(fit.body.x);
			expect(fit.label.x + fit.label.width, name).toBeLessThanOrEqual(fit.body.x + fit.body.width);
		}
	});

	test('"Fit to view" shows every state of a 60-state graph', async ({ page }) => {
		await openPlayground(page);
		await replaceEditorText(page, 'definition-editor', JSON.stringify(passChain(60)));
		await expect(graphNode(page, 'S59')).toBeAttached();
		// The first view keeps names legible and shows the top.
		await expect.poll(() => insideGraph(page, graphNode(page, 'S0'))).toBe(true);
		expect(await insideGraph(page, graphNode(page, 'S59'))).toBe(false);
		await page.getByRole('button', { name: 'Fit to view' }).click();
		for (const name of ['S0', 'S30', 'S59'])
			await expect.poll(() => insideGraph(page, graphNode(page, name)), name).toBe(true);
	});

	test('playback follows the running state down a tall graph, unless the user has moved the view', async ({
		page
	}) => {
		await openPlayground(page);
		await replaceEditorText(page, 'definition-editor', JSON.stringify(passChain(40)));
		await expect(graphNode(page, 'S39')).toBeAttached();
		await page.getByTestId('speed-1').click();
		await page.getByTestId('run').click();
		// Paused mid-run on a running state, it is in view (once the glide has settled).
		await expect(graphNode(page, 'S20')).not.toHaveAttribute('data-status', 'pending', {
			timeout: 20_000
		});
		await page.getByTestId('pause').click();
		const running = page.locator('[data-testid=state-graph] .sg-node[data-status=running]');
		while ((await running.count()) === 0) await page.getByTestId('step-forward').click();
		await expect.poll(() => insideGraph(page, running)).toBe(true);
		await page.getByTestId('play').click();
		await expect(page.getByTestId('run-status')).toHaveText(/succeeded/i, { timeout: 20_000 });
		await expect.poll(() => insideGraph(page, graphNode(page, 'S39'))).toBe(true);

		// Panned by hand: the view stays put through a whole run.
		await page.getByRole('button', { name: 'Fit to view' }).click();
		await page.getByRole('button', { name: 'Zoom in' }).click();
		const before = await viewTransform(page);
		await page.getByTestId('run').click();
		await expect(page.getByTestId('run-status')).toHaveText(/succeeded/i, { timeout: 20_000 });
		expect(await viewTransform(page)).toBe(before);
	});

	test.describe('on a 390-px phone', () => {
		test.use({ viewport: { width: 390, height: 844 } });

		test('the Media example fits across, its Parallel frame whole', async ({ page }) => {
			await openPlayground(page);
			await page.getByTestId('example-picker').selectOption('media-pipeline');
			const parallel = page.locator('[data-testid=state-graph] .sg-node[data-shape=Parallel]');
			await expect(parallel.first()).toBeAttached();
			await expect.poll(() => insideGraph(page, parallel.first())).toBe(true);
		});

		test('Run brings the graph, below the editors, into view', async ({ page }) => {
			await openPlayground(page);
			const resize = graphNode(page, 'ResizeImage');
			await expect(resize).not.toBeInViewport();
			await page.getByTestId('run').click();
			await expect(resize).toBeInViewport();
			await expect(page.getByTestId('playback')).toBeInViewport();
		});
	});

	test('a Task with a simulated duration or an injected failure is marked, in sight and in words', async ({
		page
	}) => {
		await openPlayground(page);
		// The image example gives ResizeImage a 3-s duration.
		const resize = graphNode(page, 'ResizeImage');
		await expect(resize.locator('[data-sim=duration]')).toHaveCount(1);
		await expect(resize.locator('[data-sim=fault]')).toHaveCount(0);
		await expect(resize).toHaveAttribute('aria-label', /simulated duration 3 s/);
		await expect(
			graphNode(page, 'CompleteWorkflow').locator('[data-sim]'),
			'not a Task'
		).toHaveCount(0);

		await resize.click();
		await page.getByTestId('sim-fault-kind').selectOption('timeout');
		await page.getByRole('button', { name: 'Close the simulation settings' }).click();
		await expect(page.getByTestId('task-simulation')).toHaveCount(0);
		await expect(resize.locator('[data-sim=fault]')).toHaveCount(1);
		await expect(resize).toHaveAttribute(
			'aria-label',
			/simulated duration 3 s, injected failure States\.Timeout on every attempt/
		);
		await expect(resize.locator('[data-sim=fault] title')).toHaveText(
			'Injected failure: States.Timeout on every attempt'
		);

		await resize.click();
		await page.getByTestId('sim-fault-kind').selectOption('none');
		await expect(resize.locator('[data-sim=fault]')).toHaveCount(0);
	});

	test('a Next naming no state leads to a marker with that name, and no End floats beside Start', async ({
		page
	}) => {
		await openPlayground(page);
		await replaceEditorText(
			page,
			'definition-editor',
			JSON.stringify({ StartAt: 'First', States: { First: { Type: 'Pass', Next: 'Secnd' } } })
		);
		const graph = page.getByTestId('state-graph');
		const missing = graph.locator('[data-missing=Secnd]');
		await expect(missing).toBeVisible();
		await expect(missing).toHaveAttribute('aria-label', 'No state named “Secnd” here');
		await expect(
			graph.locator('.sg-edge[data-source=First][data-target^="__missing:"]')
		).toHaveCount(1);
		await expect(graph.locator('[data-marker=end]')).toHaveCount(0);
		// Below the state it breaks from.
		const first = (await graphNode(page, 'First').boundingBox())!;
		expect((await missing.boundingBox())!.y).toBeGreaterThan(first.y + first.height);
	});

	test('a saved definition that is not JSON says there is no graph yet, and draws once it is fixed', async ({
		page
	}) => {
		await page.goto('/favicon.svg');
		await page.evaluate(() =>
			localStorage.setItem(
				'asl-playground:workspace:v1',
				JSON.stringify({
					v: 1,
					definition: '"Only": { "Type": "Succeed" }',
					input: '{}',
					handlers: {},
					settings: { seed: 0 }
				})
			)
		);
		await openPlayground(page);
		await expect(page.getByTestId('graph-loading')).toHaveText(
			'No graph yet: the definition is not a JSON object.'
		);
		// Nothing claims a "last valid graph" that was never drawn.
		await expect(page.getByTestId('graph-pane')).not.toContainText('last valid graph');

		await replaceEditorText(
			page,
			'definition-editor',
			'{ "StartAt": "Only", "States": { "Only": { "Type": "Succeed" } } }'
		);
		await expect(graphNode(page, 'Only')).toBeVisible();
		await expect(page.getByTestId('graph-loading')).toHaveCount(0);
	});
});
