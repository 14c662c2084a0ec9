import { expect, test } from '@playwright/test';
import {
	editorText,
	graphNode,
	openPlayground,
	replaceEditorText,
	runInstantly
} from './helpers.js';

test.describe('the playground', () => {
	test('editing the definition shows a located diagnostic in the editor and the problems list', async ({
		page
	}) => {
		await openPlayground(page);
		await expect(page.getByTestId('problems')).toContainText('No problems');
		const broken = JSON.stringify(
			{
				StartAt: 'First',
				States: { First: { Type: 'Pass', Next: 'Secnd' }, Second: { Type: 'Succeed' } }
			},
			null,
			2
		);
		await replaceEditorText(page, 'definition-editor', broken);
		const problem = page
			.getByTestId('problem')
			.filter({ has: page.locator('[data-code]') })
			.first();
		await expect(page.locator('[data-testid=problem][data-code=unknown_next_state]')).toHaveCount(
			1
		);
		// Located: "Next": "Secnd" is on line 6 of the pretty-printed text.
		await expect(page.locator('[data-testid=problem][data-code=unknown_next_state]')).toContainText(
			'6:'
		);
		// The typo also leaves Second unreachable, which AWS refuses too: two marked ranges.
		await expect(page.locator('[data-testid=definition-editor] .cm-lintRange-error')).toHaveText([
			'"Secnd"',
			'"Second"'
		]);
		await expect(page.locator('[data-testid=problem][data-code=unreachable_state]')).toContainText(
			'8:'
		);
		void problem;
		// The graph follows the edit.
		await expect(graphNode(page, 'First')).toBeVisible();
		// Invalid JSON is located too, and the last good graph stays on screen.
		await replaceEditorText(
			page,
			'definition-editor',
			'{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "End": true, }\n  }\n}'
		);
		await expect(page.locator('[data-testid=problem][data-code=invalid_json]')).toContainText('4:');
		await expect(graphNode(page, 'First')).toBeVisible();
		// Running is refused with a message, never a crash.
		await page.getByTestId('run').click();
		await expect(page.getByTestId('notice')).toContainText('problem');
		// A definition pasted as YAML (a Workflow Studio export) is told to come as JSON.
		await replaceEditorText(
			page,
			'definition-editor',
			'StartAt: A\nStates:\n  A:\n    Type: Pass\n'
		);
		await expect(page.locator('[data-testid=problem][data-code=invalid_json]')).toContainText(
			'looks like YAML'
		);
	});

	test('a service integration gets a handler tab, and the handler answers in its place', async ({
		page
	}) => {
		await openPlayground(page);
		const definition = {
			StartAt: 'Notify',
			States: {
				Notify: {
					Type: 'Task',
					Resource: 'arn:aws:states:::sns:publish',
					Parameters: { 'Message.$': '$.message' },
					End: true
				}
			}
		};
		await replaceEditorText(page, 'definition-editor', JSON.stringify(definition, null, 2));
		await page.getByTestId('tab-handlers').click();
		const tab = page.locator('[data-testid=handler-tab][data-name="arn:aws:states:::sns:publish"]');
		await expect(tab).toContainText('sns:publish');
		await tab.click();
		await page.getByTestId('add-stub').click();
		expect(await editorText(page, 'handler-editor')).toContain('Stands in for sns:publish');
		await replaceEditorText(
			page,
			'handler-editor',
			"export const handler = async (event) => ({ MessageId: 'm-' + event.Message.length });\n"
		);
		await page.getByTestId('tab-input').click();
		await replaceEditorText(page, 'input-editor', '{ "message": "hello" }');
		await runInstantly(page);
		await expect(page.getByTestId('run-outcome')).toHaveAttribute('data-status', 'SUCCEEDED', {
			timeout: 20_000
		});
		const output = JSON.parse(
			(await page.getByTestId('run-output').locator('pre').textContent()) ?? 'null'
		);
		expect(output).toEqual({ MessageId: 'm-5' });
	});

	test('the image example runs its three branches at the same moment, then succeeds with the right output', async ({
		page
	}) => {
		await openPlayground(page);
		await page.getByTestId('speed-1').click();
		await page.getByTestId('run').click();
		const branches = ['ResizeImage', 'GenerateThumbnail', 'ExtractMetadata'];
		// At 1× the simulated 3 s run plays over about 3 s: all three tasks are running together.
		for (const name of branches) {
			await expect(graphNode(page, name)).toHaveAttribute('data-status', 'running');
		}
		for (const name of branches) {
			await expect(graphNode(page, name)).toHaveAttribute('data-status', 'succeeded', {
				timeout: 10_000
			});
		}
		await expect(page.getByTestId('run-outcome')).toHaveAttribute('data-status', 'SUCCEEDED');
		await expect(page.getByTestId('run-duration')).toContainText('3');
		const output = JSON.parse(
			(await page.getByTestId('run-output').locator('pre').textContent()) ?? 'null'
		);
		expect(output).toEqual([
			{ key: 'resized/cat.png', width: 1024, height: 768 },
			{ key: 'thumbnails/cat.png', size: 128 },
			{ format: 'PNG', megapixels: 12.2 }
		]);
	});

	test('the history table and the inspector show the run', async ({ page }) => {
		await openPlayground(page);
		await runInstantly(page);
		await expect(page.getByTestId('run-outcome')).toHaveAttribute('data-status', 'SUCCEEDED');
		await page.getByTestId('tab-history').click();
		await expect(page.getByTestId('history-count')).toContainText('23');
		await page.getByTestId('history-filter').fill('ExecutionStarted');
		await expect(
			page.locator('[data-testid=history-row][data-event-type=ExecutionStarted]')
		).toHaveAttribute('data-event-id', '1');
		// Filtering narrows the table (long histories render only the rows in view).
		await page.getByTestId('history-filter').fill('ExecutionSucceeded');
		await expect(
			page.locator('[data-testid=history-row][data-event-type=ExecutionSucceeded]')
		).toContainText('3.000');
		await page.getByTestId('history-filter').fill('Lambda');
		await expect(
			page.locator('[data-testid=history-row][data-event-type=LambdaFunctionScheduled]')
		).toHaveCount(3);
		await page.getByTestId('history-filter').fill('ResizeImage');
		await expect(
			page.locator('[data-testid=history-row][data-event-type=TaskStateEntered]')
		).toHaveCount(1);
		// Selecting a state shows its input, stages and output.
		await graphNode(page, 'ResizeImage').click();
		await expect(page.getByTestId('inspector')).toBeVisible();
		await expect(page.getByTestId('inspector-state')).toContainText('ResizeImage');
		// Times in the one format the outcome, the timeline and the comparison use.
		await expect(page.getByTestId('inspector-facts')).toHaveText(
			'branch 0 · entered at 0 s · took 3 s'
		);
		const input = JSON.parse(
			(await page.getByTestId('inspector-input').locator('pre').textContent()) ?? 'null'
		);
		expect(input).toEqual({ bucket: 'uploads', key: 'photos/cat.png', width: 4032, height: 3024 });
		const out = JSON.parse(
			(await page.getByTestId('inspector-output').locator('pre').textContent()) ?? 'null'
		);
		expect(out).toEqual({ key: 'resized/cat.png', width: 1024, height: 768 });
		await expect(page.getByTestId('inspector-logs')).toContainText(
			'Resizing photos/cat.png to 1024 px wide'
		);
	});

	test('the inspector shows the variables a state could read, as the run had set them', async ({
		page
	}) => {
		await openPlayground(page);
		await page.getByTestId('example-picker').selectOption('media-pipeline');
		await runInstantly(page);
		await expect(page.getByTestId('run-outcome')).toHaveAttribute('data-status', 'SUCCEEDED');
		const scope = async () => {
			await expect(page.getByTestId('inspector-scope')).toBeVisible();
			return JSON.parse(
				(await page.getByTestId('inspector-scope').locator('pre').textContent()) ?? ''
			);
		};
		// PrepareJob assigns them: before it, nothing is in scope.
		await graphNode(page, 'PrepareJob').click();
		await page.getByTestId('tab-inspector').click();
		await expect(page.getByTestId('inspector-variables')).toBeVisible();
		await expect(page.getByTestId('inspector-scope')).toHaveCount(0);
		// A Map iteration, inside a Parallel branch, reads the top-level variables.
		await graphNode(page, 'TranscodeRendition').focus();
		await page.keyboard.press('Enter');
		await page.getByTestId('tab-inspector').click();
		expect(await scope()).toEqual({
			videoId: 'vid-2048',
			outputPrefix: 's3://media-output/vid-2048/'
		});
	});

	test('running with input that is not JSON says where the mistake is', async ({ page }) => {
		await openPlayground(page);
		await page.getByTestId('tab-input').click();
		await replaceEditorText(page, 'input-editor', '{\n  "bucket": "uploads",\n  "key": photos\n}');
		await page.getByTestId('run').click();
		await expect(page.getByTestId('notice')).toContainText(
			'The execution input is not valid JSON (line 3, column 10)'
		);
		await expect(page.getByTestId('tab-input')).toHaveAttribute('aria-selected', 'true');
	});

	test('a handler stuck in an endless loop fails the run, and the page explains why', async ({
		page
	}) => {
		await openPlayground(page);
		await page.getByTestId('tab-handlers').click();
		await page.locator('[data-testid=handler-tab][data-name="resize-image"]').click();
		await replaceEditorText(
			page,
			'handler-editor',
			'export const handler = async () => {\n  while (true) {}\n};\n'
		);
		await runInstantly(page);
		await expect(page.getByTestId('run-outcome')).toHaveAttribute('data-status', 'FAILED', {
			timeout: 20_000
		});
		await expect(page.getByTestId('failed-state')).toHaveText('ResizeImage');
		await expect(page.getByTestId('run-error')).toContainText('States.Timeout');
		await expect(page.getByTestId('failure-explanation')).toContainText(/loop|CPU/i);
		await expect(graphNode(page, 'ResizeImage')).toHaveAttribute('data-status', 'failed');
	});

	test('while slow handlers run, the graph shows the run under way, not only once it ends', async ({
		page
	}) => {
		await openPlayground(page);
		await replaceEditorText(
			page,
			'definition-editor',
			JSON.stringify({
				StartAt: 'Each',
				States: {
					Each: {
						Type: 'Map',
						MaxConcurrency: 1,
						ItemProcessor: {
							StartAt: 'Work',
							States: {
								Work: {
									Type: 'Task',
									Resource: 'arn:aws:lambda:us-east-1:123456789012:function:busy',
									End: true
								}
							}
						},
						End: true
					}
				}
			})
		);
		await page.getByTestId('tab-input').click();
		await replaceEditorText(
			page,
			'input-editor',
			JSON.stringify(Array.from({ length: 20 }, (_, i) => i))
		);
		await page.getByTestId('tab-handlers').click();
		await page.getByTestId('add-stub').click();
		// About 150 ms of real work per call: some 3 s for the run.
		await replaceEditorText(
			page,
			'handler-editor',
			'export const handler = async (n) => {\n  let x = 0;\n  for (let i = 0; i < 3e6; i++) x += i;\n  return n;\n};\n'
		);
		await runInstantly(page);
		await expect(page.getByTestId('no-run')).toBeHidden();
		await expect(graphNode(page, 'Each')).toHaveAttribute('data-status', 'running');
		await expect(page.getByTestId('stop')).toBeVisible();
		await expect(page.getByTestId('run-status')).toHaveText(/succeeded/i, { timeout: 30_000 });
	});

	test('after an edit, the outcome says the run on show is of the workflow as it was', async ({
		page
	}) => {
		await openPlayground(page);
		await runInstantly(page);
		await expect(page.getByTestId('run-status')).toHaveText(/succeeded/i);
		await expect(page.getByTestId('run-stale')).toBeHidden();
		const text = await editorText(page, 'definition-editor');
		await replaceEditorText(
			page,
			'definition-editor',
			text.replaceAll('CompleteWorkflow', 'FinishUp')
		);
		await expect(page.getByTestId('run-stale')).toBeVisible();
		await page.getByTestId('run').click();
		await expect(page.getByTestId('run-status')).toHaveText(/succeeded/i);
		await expect(page.getByTestId('run-stale')).toBeHidden();
		await expect(graphNode(page, 'FinishUp')).toHaveAttribute('data-status', 'succeeded');
	});

	test('a reload keeps the visitor’s edits', async ({ page }) => {
		await openPlayground(page);
		await page.getByTestId('tab-input').click();
		await replaceEditorText(
			page,
			'input-editor',
			'{ "bucket": "b", "key": "photos/dog.png", "width": 2048, "height": 1024 }'
		);
		await page.waitForTimeout(600); // saving is debounced
		await page.reload();
		await expect(page.getByTestId('playground')).toHaveAttribute('data-ready', 'true');
		await page.getByTestId('tab-input').click();
		expect(await editorText(page, 'input-editor')).toContain('photos/dog.png');
		// Reset restores the example.
		await page.getByTestId('reset').click();
		expect(await editorText(page, 'input-editor')).toContain('photos/cat.png');
	});

	test('a share link round-trips the whole workspace, and a damaged link is refused with a message', async ({
		page,
		context,
		browser
	}) => {
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await openPlayground(page);
		await page.getByTestId('example-picker').selectOption('financial-transaction');
		await page.getByTestId('tab-input').click();
		await replaceEditorText(page, 'input-editor', '{ "amount": 42, "marker": "shared-✓" }');
		await page.getByTestId('share').click();
		await expect(page.getByTestId('notice')).toContainText('Link copied');
		const url = await page.evaluate(() => navigator.clipboard.readText());
		expect(url).toMatch(/#v1\./);
		const definition = await editorText(page, 'definition-editor');

		// A fresh browser (no saved workspace) opening the link gets exactly that workspace.
		const other = await browser.newPage();
		await other.goto(url);
		await expect(other.getByTestId('playground')).toHaveAttribute('data-ready', 'true');
		await expect(other.getByTestId('example-picker')).toHaveValue('financial-transaction');
		expect(await editorText(other, 'definition-editor')).toBe(definition);
		await other.getByTestId('tab-input').click();
		expect(await editorText(other, 'input-editor')).toContain('shared-✓');

		// A damaged or hostile link shows a message and loads nothing from it.
		await other.goto('/#v1.<img src=x onerror=alert(1)>');
		await expect(other.getByTestId('notice')).toHaveAttribute('data-kind', 'error');
		await expect(other.locator('img[src=x]')).toHaveCount(0);
		await other.close();
	});

	test('opening a shared link over your own saved work can be undone from the notice', async ({
		page,
		context
	}) => {
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await openPlayground(page);
		await page.getByTestId('example-picker').selectOption('media-pipeline');
		await page.getByTestId('share').click();
		await expect(page.getByTestId('notice')).toContainText('Link copied');
		const url = await page.evaluate(() => navigator.clipboard.readText());

		// My own work, saved in this browser.
		await page.getByTestId('example-picker').selectOption('financial-transaction');
		await page.getByTestId('tab-input').click();
		await replaceEditorText(page, 'input-editor', '{ "mine": "my-own-work" }');
		await expect
			.poll(() => page.evaluate(() => Object.values(localStorage).join()))
			.toContain('my-own-work');

		// Someone's link, opened in a new page of the same browser, replaces it…
		const other = await context.newPage();
		await other.goto(url);
		await expect(other.getByTestId('playground')).toHaveAttribute('data-ready', 'true');
		await expect(other.getByTestId('example-picker')).toHaveValue('media-pipeline');
		await expect(other.getByTestId('notice')).toContainText('shared link');
		// …and Undo brings it back.
		await other.getByTestId('notice-action').click();
		await expect(other.getByTestId('example-picker')).toHaveValue('financial-transaction');
		await other.getByTestId('tab-input').click();
		expect(await editorText(other, 'input-editor')).toContain('my-own-work');
		await other.close();
	});

	test('without clipboard access, the share link waits selected in a one-line field', async ({
		page,
		context
	}) => {
		await openPlayground(page);
		await page.evaluate(() => {
			navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));
		});
		await page.getByTestId('example-picker').selectOption('media-pipeline');
		await expect(page.getByTestId('notice')).toContainText('Loaded the example');
		const loaded = (await page.getByTestId('notice').boundingBox())!.height;
		await page.getByTestId('share').click();
		const link = page.getByTestId('notice-link');
		await expect(link).toHaveValue(/#v1\./);
		await expect(link).toBeFocused();
		expect(
			await link.evaluate((input: HTMLInputElement) => [input.selectionStart, input.selectionEnd])
		).toEqual([0, (await link.inputValue()).length]);
		// The notice stays one line high, however long the link.
		expect((await page.getByTestId('notice').boundingBox())!.height).toBeLessThan(loaded + 12);
		const other = await context.newPage();
		await other.goto(await link.inputValue());
		await expect(other.getByTestId('example-picker')).toHaveValue('media-pipeline');
		await other.close();
	});

	test('a long state name in the Inspector tab leaves every run tab in sight', async ({ page }) => {
		await page.setViewportSize({ width: 1280, height: 720 });
		await openPlayground(page);
		const name = 'ValidateIncomingCustomerOrderRequestPayload';
		await replaceEditorText(
			page,
			'definition-editor',
			JSON.stringify({ StartAt: name, States: { [name]: { Type: 'Succeed' } } })
		);
		await graphNode(page, name).click();
		const inspector = page.getByTestId('tab-inspector');
		await expect(inspector).toHaveAccessibleName(`Inspector · ${name}`);
		const tablist = (await page.getByRole('tablist', { name: 'Execution views' }).boundingBox())!;
		for (const id of ['outcome', 'compare']) {
			const tab = (await page.getByTestId(`tab-${id}`).boundingBox())!;
			expect(tab.x).toBeGreaterThanOrEqual(tablist.x);
			expect(tab.x + tab.width).toBeLessThanOrEqual(tablist.x + tablist.width + 1);
		}
	});
});
