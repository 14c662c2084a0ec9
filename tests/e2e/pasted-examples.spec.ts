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
		const notice = page.getByTestId('snippet-notice');
		await expect(notice).toContainText('This is one state cut out of a larger example');
		await page.getByTestId('snippet-wrap').click();

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
});
