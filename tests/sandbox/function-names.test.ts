import { describe, expect, it } from 'vitest';
import {
	functionArn,
	parseFunctionName,
	resolveFunction,
	serviceTask
} from '../../src/lib/sandbox/function-names.js';
import { taskHandlersOf } from '../../src/lib/editor/functions.js';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:orders';

describe('parseFunctionName', () => {
	it('splits full, partial and bare names', () => {
		expect(parseFunctionName(`${ARN}:prod`)).toEqual({
			name: 'orders',
			qualifier: 'prod',
			partition: 'aws',
			region: 'us-east-1',
			account: '123456789012'
		});
		expect(parseFunctionName('123456789012:function:orders')).toEqual({
			name: 'orders',
			account: '123456789012'
		});
		expect(parseFunctionName('function:orders:$LATEST')).toEqual({
			name: 'orders',
			qualifier: '$LATEST'
		});
		expect(parseFunctionName('orders:7')).toEqual({ name: 'orders', qualifier: '7' });
		expect(parseFunctionName('arn:aws:lambda:region:account-id:function:orders')).toEqual({
			name: 'orders',
			partition: 'aws'
		});
		expect(parseFunctionName('arn:aws:lambda:region:function:orders:$LATEST')).toEqual({
			name: 'orders',
			qualifier: '$LATEST',
			partition: 'aws'
		});
		expect(parseFunctionName('not a name')).toBeUndefined();
		expect(parseFunctionName('arn:aws:s3:::bucket')).toBeUndefined();
	});

	it("takes the AWS guide's placeholder ARNs, as the handler tabs do", () => {
		// The placeholders are no region or account: the ARN names just the function.
		expect(parseFunctionName('arn:aws:lambda:region:account-id:function:FunctionName')).toEqual({
			name: 'FunctionName',
			partition: 'aws'
		});
		expect(parseFunctionName('arn:aws:lambda:::function:f')).toEqual({
			name: 'f',
			partition: 'aws'
		});
	});
});

describe('resolveFunction', () => {
	it('prefers the exact key', () => {
		expect(resolveFunction(['orders', ARN], ARN)).toBe(ARN);
	});

	it('finds a bare key from an ARN, a qualified ARN or a partial ARN', () => {
		const keys = ['billing', 'orders'];
		expect(resolveFunction(keys, ARN)).toBe('orders');
		expect(resolveFunction(keys, `${ARN}:$LATEST`)).toBe('orders');
		expect(resolveFunction(keys, '123456789012:function:orders')).toBe('orders');
		expect(resolveFunction(keys, 'function:orders')).toBe('orders');
	});

	it('finds the stub of a placeholder ARN (the key its handler tab gives it)', () => {
		const arn = 'arn:aws:lambda:region:account-id:function:FunctionName';
		const [name] = taskHandlersOf({
			StartAt: 'A',
			States: { A: { Type: 'Task', Resource: arn, End: true } }
		});
		expect(name).toBe('FunctionName');
		expect(resolveFunction([name], arn)).toBe('FunctionName');
	});

	it('finds an ARN key from a bare name or a partial ARN', () => {
		const keys = ['arn:aws:lambda:us-east-1:123456789012:function:billing', ARN];
		expect(resolveFunction(keys, 'orders')).toBe(ARN);
		expect(resolveFunction(keys, '123456789012:function:orders')).toBe(ARN);
		expect(resolveFunction(keys, `${ARN}:prod`)).toBe(ARN);
	});

	it('does not match when both sides name different accounts, regions or qualifiers', () => {
		expect(resolveFunction([ARN], 'arn:aws:lambda:us-east-1:999999999999:function:orders')).toBe(
			undefined
		);
		expect(resolveFunction([ARN], 'arn:aws:lambda:eu-west-1:123456789012:function:orders')).toBe(
			undefined
		);
		expect(resolveFunction([`${ARN}:prod`], `${ARN}:dev`)).toBeUndefined();
		expect(resolveFunction(['orders'], 'billing')).toBeUndefined();
	});
});

describe('functionArn', () => {
	it('spells out a full ARN with $LATEST and the defaults', () => {
		expect(functionArn('orders')).toBe(
			'arn:aws:lambda:us-east-1:111111111111:function:orders:$LATEST'
		);
		expect(functionArn('123456789012:function:orders')).toBe(
			'arn:aws:lambda:us-east-1:123456789012:function:orders:$LATEST'
		);
		expect(functionArn(`${ARN}:prod`)).toBe(`${ARN}:prod`);
		expect(functionArn('orders', { region: 'eu-west-1', accountId: '222222222222' })).toBe(
			'arn:aws:lambda:eu-west-1:222222222222:function:orders:$LATEST'
		);
	});
});

describe('serviceTask', () => {
	it.each([
		['arn:aws:states:::sns:publish', 'arn:aws:states:::sns:publish', 'sns:publish'],
		['arn:aws:states:::ecs:runTask.sync', 'arn:aws:states:::ecs:runTask', 'ecs:runTask'],
		[
			'arn:aws:states:::states:startExecution.sync:2',
			'arn:aws:states:::states:startExecution',
			'states:startExecution'
		],
		[
			'arn:aws-cn:states:::aws-sdk:s3:getObject.waitForTaskToken',
			'arn:aws-cn:states:::aws-sdk:s3:getObject',
			'aws-sdk:s3:getObject'
		],
		[
			'arn:aws:states:eu-west-1:123456789012:activity:approve',
			'arn:aws:states:eu-west-1:123456789012:activity:approve',
			'activity:approve'
		]
	])('%s is answered by the handler keyed %s', (resource, key, label) => {
		expect(serviceTask(resource)).toEqual({ key, label });
	});

	it.each([
		'arn:aws:states:::lambda:invoke',
		'arn:aws:states:::lambda:invoke.waitForTaskToken',
		'arn:aws:lambda:us-east-1:123456789012:function:f',
		'resize'
	])('%s is not a service task', (resource) => {
		expect(serviceTask(resource)).toBeUndefined();
	});
});
