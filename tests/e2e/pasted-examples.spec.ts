import { expect, test } from '@playwright/test';
import {
	editorText,
	graphNode,
	openPlayground,
	replaceEditorText,
	runInstantly
} from './helpers.js';

// What a learner pastes from the AWS Step Functions Developer Guide.
test.describe('examples pasted from the AWS guide', () => {
	test('a state cut out of a larger example is wrapped into a state machine that runs', async ({
		page
	}) => {
		await openPlayground(page);
		await replaceEditorText(
			page,
			'definition-editor',
			'"wait_ten_seconds": {\n  "Type": "Wait",\n  "Seconds": 10,\n  "Next": "NextState"\n},'
		);
		const notice = page.getByTestId('definition-fix');
		await expect(notice).toContainText('This is one state cut out of a larger example');
		await page.getByTestId('definition-fix-apply').click();

		await expect(notice).toHaveCount(0);
		await expect(page.getByTestId('problems')).toHaveText('No problems');
		expect(JSON.parse(await editorText(page, 'definition-editor'))).toMatchObject({
			StartAt: 'wait_ten_seconds',
			States: { NextState: { Type: 'Pass', End: true } }
		});
		await expect(graphNode(page, 'NextState')).toBeVisible();
		await runInstantly(page);
		await expect(page.getByTestId('run-outcome')).toHaveAttribute('data-status', 'SUCCEEDED');
		await expect(page.getByTestId('run-duration')).toContainText('10 s');
	});

	test('a Task on a placeholder Lambda ARN runs the stub its handler tab adds', async ({
		page
	}) => {
		await openPlayground(page);
		const arn = 'arn:aws:lambda:region:account-id:function:FunctionName';
		await replaceEditorText(
			page,
			'definition-editor',
			JSON.stringify({
				StartAt: 'CreateAccount',
				States: { CreateAccount: { Type: 'Task', Resource: arn, End: true } }
			})
		);
		await page.getByTestId('tab-handlers').click();
		await page.getByTestId('add-stub').click();
		await runInstantly(page);
		await expect(page.getByTestId('run-outcome')).toHaveAttribute('data-status', 'SUCCEEDED');
	});

	test('JSONata states in a machine that does not declare JSONata get a one-click "Use JSONata"', async ({
		page
	}) => {
		await openPlayground(page);
		await replaceEditorText(
			page,
			'definition-editor',
			JSON.stringify(
				{
					StartAt: 'Check',
					States: {
						Check: {
							Type: 'Choice',
							Choices: [{ Condition: '{% $states.input.value > 20 %}', Next: 'Big' }],
							Default: 'Small'
						},
						Big: { Type: 'Pass', Output: { size: 'big' }, End: true },
						Small: { Type: 'Pass', Output: { size: 'small' }, End: true }
					}
				},
				null,
				2
			)
		);
		await expect(
			page.locator('[data-testid=problem][data-code=field_not_allowed_in_query_language]')
		).toHaveCount(3);
		await page.getByTestId('definition-fix-apply').click();
		await expect(page.getByTestId('problems')).toHaveText('No problems');
		await expect(page.getByTestId('definition-fix')).toHaveCount(0);
		expect((await editorText(page, 'definition-editor')).split('\n')[1]).toBe(
			'  "QueryLanguage": "JSONata",'
		);
		await page.getByTestId('tab-input').click();
		await replaceEditorText(page, 'input-editor', '{ "value": 22 }');
		await runInstantly(page);
		await expect(graphNode(page, 'Big')).toHaveAttribute('data-status', 'succeeded');
	});
});
