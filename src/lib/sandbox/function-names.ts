/** A Lambda function reference, split into the parts it names; absent parts were not given. */
export interface FunctionRef {
	readonly name: string;
	readonly qualifier?: string;
	readonly partition?: string;
	readonly region?: string;
	readonly account?: string;
}

/** Defaults used to spell out a full ARN for a bare name or a partial ARN. */
export interface ArnDefaults {
	readonly partition?: string;
	readonly region?: string;
	readonly accountId?: string;
}

const NAME = '([A-Za-z0-9_-]+)';
const QUALIFIER = '(?::(\\$LATEST|[A-Za-z0-9_-]+))?';
// Region and account are taken as written, so the placeholders of the AWS guide's examples
// (`arn:aws:lambda:region:account-id:function:FunctionName`) name the function as the editor's
// handler tabs do (`taskHandlersOf`), and its handler runs.
const FULL = new RegExp(`^arn:([^:]+):lambda:([^:]*):([^:]*):function:${NAME}${QUALIFIER}$`);
const PARTIAL = new RegExp(`^(?:(\\d{12}):)?function:${NAME}${QUALIFIER}$`);
const BARE = new RegExp(`^${NAME}${QUALIFIER}$`);

/**
 * Parses the forms Lambda accepts as a function name: a full ARN
 * `arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]` (any region and
 * account text, placeholders included; an empty one counts as not given), a partial ARN
 * `<account>:function:<name>[:q]` or `function:<name>[:q]`, or a bare `<name>[:q]`.
 * Returns `undefined` for anything else.
 */
export function parseFunctionName(text: string): FunctionRef | undefined {
	let match = FULL.exec(text);
	if (match) {
		const [, partition, region, account, name, qualifier] = match;
		const ref: FunctionRef = { name, partition };
		return withQualifier(
			{ ...ref, ...(region ? { region } : {}), ...(account ? { account } : {}) },
			qualifier
		);
	}
	match = PARTIAL.exec(text);
	if (match) {
		const [, account, name, qualifier] = match;
		return withQualifier(account === undefined ? { name } : { name, account }, qualifier);
	}
	match = BARE.exec(text);
	if (match) return withQualifier({ name: match[1] }, match[2]);
	return undefined;
}

/**
 * Finds the key of `keys` that `functionName` refers to: the exact key if there is one; else a
 * bare key equal to its function name; else the first key naming the same function whose other
 * parts (partition, region, account, qualifier) agree wherever both sides give them. So
 * `arn:aws:lambda:us-east-1:123456789012:function:f:prod`, `123456789012:function:f` and `f`
 * all find a key `f` or `arn:aws:lambda:us-east-1:123456789012:function:f`.
 */
export function resolveFunction(keys: readonly string[], functionName: string): string | undefined {
	if (keys.includes(functionName)) return functionName;
	const wanted = parseFunctionName(functionName);
	if (!wanted) return undefined;
	if (keys.includes(wanted.name)) return wanted.name;
	return keys.find((key) => {
		const candidate = parseFunctionName(key);
		return candidate !== undefined && sameFunction(wanted, candidate);
	});
}

/**
 * The full ARN AWS prints for `functionName`, qualified with `$LATEST` when it names no
 * qualifier. Missing parts come from `defaults` (partition `aws`, region `us-east-1`, account
 * `111111111111`); an unparseable name is used as the function part verbatim.
 */
export function functionArn(functionName: string, defaults: ArnDefaults = {}): string {
	const ref = parseFunctionName(functionName) ?? { name: functionName };
	const partition = ref.partition ?? defaults.partition ?? 'aws';
	const region = ref.region ?? defaults.region ?? 'us-east-1';
	const account = ref.account ?? defaults.accountId ?? '111111111111';
	const qualifier = ref.qualifier ?? '$LATEST';
	return `arn:${partition}:lambda:${region}:${account}:function:${ref.name}:${qualifier}`;
}

function withQualifier(ref: FunctionRef, qualifier: string | undefined): FunctionRef {
	return qualifier === undefined ? ref : { ...ref, qualifier };
}

function sameFunction(a: FunctionRef, b: FunctionRef): boolean {
	const parts = ['partition', 'region', 'account', 'qualifier'] as const;
	return (
		a.name === b.name &&
		parts.every((part) => a[part] === undefined || b[part] === undefined || a[part] === b[part])
	);
}

/** A Task resource that is not Lambda, which a handler can stand in for. */
export interface ServiceTask {
	/** The handler key: the resource without its integration pattern (`.sync`, `.waitForTaskToken`). */
	readonly key: string;
	/** How the editor names it: `sns:publish`, `aws-sdk:s3:getObject`, `activity:approve`. */
	readonly label: string;
}

const SERVICE = /^arn:([^:]+):states:::(.+?)(?:\.sync(?::2)?|\.waitForTaskToken)?$/;
const ACTIVITY = /^arn:[^:]+:states:[^:]*:[^:]*:activity:(.+)$/;

/**
 * The service integration or activity `resource` names, when it is not Lambda: the playground
 * cannot call AWS, so a handler keyed by `key` answers in the service's place (its return value
 * is the task's result, as a mock in Step Functions Local would be). Lambda resources give
 * `undefined`: their handlers are keyed by function name.
 */
export function serviceTask(resource: string): ServiceTask | undefined {
	const service = SERVICE.exec(resource);
	if (service) {
		const [, partition, action] = service;
		if (/^lambda:invoke(?:$|\.)/.test(action)) return undefined;
		return { key: `arn:${partition}:states:::${action}`, label: action };
	}
	const activity = ACTIVITY.exec(resource);
	if (activity) return { key: resource, label: `activity:${activity[1]}` };
	return undefined;
}
