import { describe, expect, it } from 'vitest';
import { startExecution } from '../../engine/index.js';
import { handlerStub, taskHandlersOf } from '../../src/lib/editor/functions.js';
import { createLambdaInvoker } from '../../src/lib/sandbox/lambda-invoker.js';

/**
 * The stubs offered for a Distributed Map's ItemReader resource: each is a dataset the engine
 * reads as the reader's `ReaderConfig` says, so adding it and running gives items at once.
 */

const GET = 'arn:aws:states:::s3:getObject';
const LIST = 'arn:aws:states:::s3:listObjectsV2';

const readerMap = (Resource: string, ReaderConfig: object) => ({
	StartAt: 'Map',
	States: {
		Map: {
			Type: 'Map',
			ItemReader: { Resource, ReaderConfig, Parameters: { Bucket: 'b', Key: 'k', Prefix: 'p/' } },
			ItemProcessor: {
				ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
				StartAt: 'Pass',
				States: { Pass: { Type: 'Pass', End: true } }
			},
			End: true
		}
	}
});

async function runWithStub(resource: string, config: object) {
	const definition = readerMap(resource, config);
	const invoker = createLambdaInvoker({ [resource]: handlerStub(resource, definition) });
	const execution = startExecution(
		definition as never,
		{},
		{
			invokeTask: invoker,
			handles: invoker.handles
		}
	);
	const outcome = await execution.runToEnd();
	invoker.dispose();
	return outcome;
}

describe('ItemReader stubs', () => {
	it("offer a tab for the reader's resource", () => {
		expect(taskHandlersOf(readerMap(GET, { InputType: 'CSV' }))).toEqual([GET]);
		expect(taskHandlersOf(readerMap(LIST, {}))).toEqual([LIST]);
	});

	it.each([
		['CSV with a header row', GET, { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }],
		[
			'CSV with given headers and a delimiter',
			GET,
			{
				InputType: 'CSV',
				CSVHeaderLocation: 'GIVEN',
				CSVHeaders: ['a', 'b'],
				CSVDelimiter: 'SEMICOLON'
			}
		],
		['JSON', GET, { InputType: 'JSON' }],
		['JSONL', GET, { InputType: 'JSONL' }],
		['an S3 listing', LIST, {}]
	])('give three items for %s', async (_name, resource, config) => {
		const outcome = await runWithStub(resource, config);
		expect(outcome.status).toBe('SUCCEEDED');
		expect(outcome.output).toHaveLength(3);
	});

	it('reads CSV fields as strings, keyed by the header', async () => {
		const outcome = await runWithStub(GET, { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' });
		expect((outcome.output as unknown[])[0]).toEqual({ id: '1', name: 'Alpha', rating: '5' });
	});
});
