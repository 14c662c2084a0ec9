import { describe, expect, it } from 'vitest';
import { handlerStub, handlerTabs, lambdaFunctionsOf } from '../../src/lib/editor/functions.js';

const arn = (name: string, qualifier = '') =>
	`arn:aws:lambda:us-east-1:123456789012:function:${name}${qualifier}`;
const task = (Resource: string, extra: object = {}) => ({
	Type: 'Task',
	Resource,
	End: true,
	...extra
});
const invoke = 'arn:aws:states:::lambda:invoke';

describe('lambdaFunctionsOf', () => {
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
		expect(lambdaFunctionsOf(definition)).toEqual(['resize', 'thumbnail', 'china']);
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
		expect(lambdaFunctionsOf(definition)).toEqual([
			'bare',
			'from-arn',
			'callback',
			'jsonata-fn',
			'partial'
		]);
	});

	it('skips names only known at run time, other services and non-Task states', () => {
		const definition = {
			StartAt: 'A',
			States: {
				A: task(invoke, { Parameters: { 'FunctionName.$': '$.fn' } }),
				B: task(invoke, { Arguments: { FunctionName: '{% $states.input.fn %}' } }),
				C: task('arn:aws:states:::sns:publish', { Parameters: { FunctionName: 'not-lambda' } }),
				D: { Type: 'Pass', Resource: arn('not-a-task'), End: true },
				E: task(invoke)
			}
		};
		expect(lambdaFunctionsOf(definition)).toEqual([]);
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
		expect(lambdaFunctionsOf(definition)).toEqual(['left', 'inner', 'legacy']);
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
			expect(lambdaFunctionsOf(value)).toEqual([]);
		}
		expect(lambdaFunctionsOf({ States: { P: { Type: 'Parallel', Branches: 'x' } } })).toEqual([]);
	});
});

describe('handlerTabs', () => {
	it('lists used functions first, matched to handlers by name or ARN, then unused handlers', () => {
		const handlers = { [arn('resize')]: 'a', orphan: 'b', thumbnail: 'c' };
		expect(handlerTabs(['thumbnail', 'resize', 'missing'], handlers)).toEqual([
			{ name: 'thumbnail', key: 'thumbnail', used: true },
			{ name: 'resize', key: arn('resize'), used: true },
			{ name: 'missing', used: true },
			{ name: 'orphan', key: 'orphan', used: false }
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
});
