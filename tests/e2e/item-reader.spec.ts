import { expect, test } from '@playwright/test';
import { editorText, openPlayground, replaceEditorText, runInstantly } from './helpers.js';

/**
 * The guide's CSV Distributed Map example ("Parsing input CSV files": headers GIVEN, ItemSelector
 * converting fields with States.StringToJson), read through the stub the Handlers tab offers for
 * its s3:getObject ItemReader.
 */
const GUIDE_CSV_EXAMPLE = {
	StartAt: 'Map',
	States: {
		Map: {
			Type: 'Map',
			ItemProcessor: {
				ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
				StartAt: 'Pass',
				States: { Pass: { Type: 'Pass', End: true } }
			},
			End: true,
			Label: 'Map',
			MaxConcurrency: 1000,
			ItemReader: {
				Resource: 'arn:aws:states:::s3:getObject',
				ReaderConfig: {
					InputType: 'CSV',
					CSVHeaderLocation: 'GIVEN',
					CSVHeaders: ['MyLetters', 'MyNumbers', 'MyString', 'MyObject', 'MyArray']
				},
				Parameters: { Bucket: 'amzn-s3-demo-bucket', Key: 'myCSVInput.csv' }
			},
			ItemSelector: {
				'MyLetters.$': '$$.Map.Item.Value.MyLetters',
				'MyNumbers.$': 'States.StringToJson($$.Map.Item.Value.MyNumbers)',
				'MyString.$': '$$.Map.Item.Value.MyString',
				'MyObject.$': 'States.StringToJson($$.Map.Item.Value.MyObject)',
				'MyArray.$': 'States.StringToJson($$.Map.Item.Value.MyArray)'
			}
		}
	}
};

test('a Distributed Map reads its CSV items through the offered s3:getObject handler', async ({
	page
}) => {
	await openPlayground(page);
	await replaceEditorText(page, 'definition-editor', JSON.stringify(GUIDE_CSV_EXAMPLE, null, 2));
	const warning = page.locator('[data-testid=problem][data-code=not_emulated]').first();
	await expect(warning).toContainText('iterates over its input');

	await page.getByTestId('tab-handlers').click();
	const tab = page.locator('[data-testid=handler-tab][data-name="arn:aws:states:::s3:getObject"]');
	await expect(tab).toContainText('s3:getObject');
	await tab.click();
	await page.getByTestId('add-stub').click();
	expect(await editorText(page, 'handler-editor')).toContain('Stands in for s3:getObject');
	await expect(warning).toContainText('stands for Amazon S3');

	await runInstantly(page);
	await expect(page.getByTestId('run-outcome')).toHaveAttribute('data-status', 'SUCCEEDED', {
		timeout: 20_000
	});
	const output = JSON.parse(
		(await page.getByTestId('run-output').locator('pre').textContent()) ?? 'null'
	);
	// The stub's three rows, one item each, converted by the ItemSelector.
	expect(output).toEqual([
		{ MyLetters: '1', MyNumbers: 2, MyString: '3', MyObject: 4, MyArray: 5 },
		{ MyLetters: '6', MyNumbers: 7, MyString: '8', MyObject: 9, MyArray: 10 },
		{ MyLetters: '11', MyNumbers: 12, MyString: '13', MyObject: 14, MyArray: 15 }
	]);
});
