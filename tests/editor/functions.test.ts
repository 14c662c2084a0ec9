import { describe, expect, it } from 'vitest';
import {
	handlerStub,
	handlerTabs,
	hasRunTimeFunctionNames,
	taskHandlersOf
} from '../../src/lib/editor/functions.js';

const arn = (name: string, qualifier = '') =>
	`arn:aws:lambda:us-east-1:123456789012:function:${name}${qualifier}`;
const task = (Resource: string, extra: object = {}) => ({
	Type: 'Task',
	Resource,
	End: true,
	...extra
});
const invoke = 'arn:aws:states:::lambda:invoke';

describe('taskHandlersOf', () => {
	it('names the functions of Lambda ARN resources, without qualifiers, once each, in order', () => {
		const definition = {
			StartAt: 'A',
			States: {
				A: task(arn('resize'), { Next: 'B' }),
				B: task(arn('thumbnail', ':prod'), { Next: 'C' }),
				C: task(arn('resize', ':$LATEST'), { Next: 'D' }),
				D: task('arn:aws-cn:lambda:cn-north-1:123456789012:function:china')
			}
		};
		expect(taskHandlersOf(definition)).toEqual(['resize', 'thumbnail', 'china']);
	});

	it('reads a literal FunctionName of lambda:invoke tasks, in Parameters or Arguments', () => {
		const definition = {
			StartAt: 'A',
			States: {
				A: task(invoke, { Parameters: { FunctionName: 'bare', Payload: {} } }),
				B: task(invoke, { Parameters: { FunctionName: arn('from-arn', ':7') } }),
				C: task(`${invoke}.waitForTaskToken`, { Parameters: { FunctionName: 'callback' } }),
				D: task(invoke, { QueryLanguage: 'JSONata', Arguments: { FunctionName: 'jsonata-fn' } }),
				E: task(invoke, { Parameters: { FunctionName: '123456789012:function:partial' } })
			}
		};
		expect(taskHandlersOf(definition)).toEqual([
			'bare',
			'from-arn',
			'callback',
			'jsonata-fn',
			'partial'
		]);
	});

	it('skips names only known at run time and non-Task states', () => {
		const definition = {
			StartAt: 'A',
			States: {
				A: task(invoke, { Parameters: { 'FunctionName.$': '$.fn' } }),
				B: task(invoke, { Arguments: { FunctionName: '{% $states.input.fn %}' } }),
				D: { Type: 'Pass', Resource: arn('not-a-task'), End: true },
				E: task(invoke)
			}
		};
		expect(taskHandlersOf(definition)).toEqual([]);
	});

	it('keys other services and activities by resource, without the integration pattern', () => {
		const definition = {
			StartAt: 'A',
			States: {
				A: task('arn:aws:states:::sns:publish', { Parameters: { FunctionName: 'not-lambda' } }),
				B: task('arn:aws:states:::sqs:sendMessage.waitForTaskToken'),
				C: task('arn:aws:states:::states:startExecution.sync:2'),
				D: task('arn:aws:states:::aws-sdk:s3:getObject'),
				E: task('arn:aws:states:us-east-1:123456789012:activity:approve'),
				F: task('arn:aws:states:::sns:publish')
			}
		};
		expect(taskHandlersOf(definition)).toEqual([
			'arn:aws:states:::sns:publish',
			'arn:aws:states:::sqs:sendMessage',
			'arn:aws:states:::states:startExecution',
			'arn:aws:states:::aws-sdk:s3:getObject',
			'arn:aws:states:us-east-1:123456789012:activity:approve'
		]);
	});

	it('walks Parallel branches and Map processors, including the old Iterator', () => {
		const definition = {
			StartAt: 'P',
			States: {
				P: {
					Type: 'Parallel',
					Branches: [
						{ StartAt: 'X', States: { X: task(arn('left')) } },
						{
							StartAt: 'M',
							States: {
								M: {
									Type: 'Map',
									ItemProcessor: { StartAt: 'Y', States: { Y: task(arn('inner')) } },
									End: true
								}
							}
						}
					],
					Next: 'Old'
				},
				Old: {
					Type: 'Map',
					Iterator: { StartAt: 'Z', States: { Z: task(arn('legacy')) } },
					Next: 'Last'
				},
				Last: task(arn('left'))
			}
		};
		expect(taskHandlersOf(definition)).toEqual(['left', 'inner', 'legacy']);
	});

	it('returns nothing, without throwing, for anything that is not a definition', () => {
		for (const value of [
			undefined,
			null,
			42,
			'text',
			[],
			{},
			{ States: [] },
			{ States: { A: null } }
		]) {
			expect(taskHandlersOf(value)).toEqual([]);
		}
		expect(taskHandlersOf({ States: { P: { Type: 'Parallel', Branches: 'x' } } })).toEqual([]);
	});
});

describe('hasRunTimeFunctionNames', () => {
	const invoke = (fields: object) => ({
		StartAt: 'T',
		States: {
			M: {
				Type: 'Map',
				ItemProcessor: {
					StartAt: 'T',
					States: {
						T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ...fields, End: true }
					}
				},
				End: true
			}
		}
	});

	it('is true for a FunctionName.$ path or a JSONata FunctionName, nested too', () => {
		expect(hasRunTimeFunctionNames(invoke({ Parameters: { 'FunctionName.$': '$.fn' } }))).toBe(
			true
		);
		expect(
			hasRunTimeFunctionNames(invoke({ Arguments: { FunctionName: '{% $states.input.fn %}' } }))
		).toBe(true);
		expect(hasRunTimeFunctionNames(invoke({ Arguments: '{% $states.input %}' }))).toBe(true);
	});

	it('is false for literal names, direct Lambda ARNs and anything malformed', () => {
		expect(hasRunTimeFunctionNames(invoke({ Parameters: { FunctionName: 'f' } }))).toBe(false);
		expect(
			hasRunTimeFunctionNames({
				StartAt: 'T',
				States: { T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:f' } }
			})
		).toBe(false);
		for (const junk of [undefined, null, 3, 'x', { States: [] }]) {
			expect(hasRunTimeFunctionNames(junk)).toBe(false);
		}
	});
});

describe('handlerTabs', () => {
	it('lists used functions first, matched to handlers by name or ARN, then unused handlers', () => {
		const handlers = { [arn('resize')]: 'a', orphan: 'b', thumbnail: 'c' };
		expect(handlerTabs(['thumbnail', 'resize', 'missing'], handlers)).toEqual([
			{ name: 'thumbnail', key: 'thumbnail', used: true, label: 'thumbnail' },
			{ name: 'resize', key: arn('resize'), used: true, label: 'resize' },
			{ name: 'missing', used: true, label: 'missing' },
			{ name: 'orphan', key: 'orphan', used: false, label: 'orphan' }
		]);
	});

	it('labels service integrations by service and action', () => {
		const sns = 'arn:aws:states:::sns:publish';
		expect(handlerTabs([sns], { [sns]: 'x' })).toEqual([
			{ name: sns, key: sns, used: true, label: 'sns:publish' }
		]);
	});
});

describe('handlerStub', () => {
	it('logs the function name and returns the event', () => {
		expect(handlerStub('resize-image')).toBe(
			"export const handler = async (event, context) => {\n  console.log('resize-image', event);\n  return event;\n};\n"
		);
		expect(handlerStub("it's")).toContain("console.log('it\\'s', event);");
	});

	it('says what a service integration stub stands in for', () => {
		const stub = handlerStub('arn:aws:states:::dynamodb:putItem');
		expect(stub).toMatch(/^\/\/ Stands in for dynamodb:putItem/);
		expect(stub).toContain("console.log('dynamodb:putItem', event);");
	});
});
