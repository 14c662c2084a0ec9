import { parseFunctionName, resolveFunction } from '../sandbox/function-names.js';

/**
 * Which Lambda functions a definition uses, and how they line up with the handlers a visitor
 * wrote: the data behind the handler editor's tabs.
 */

type Obj = { readonly [key: string]: unknown };
const isObject = (value: unknown): value is Obj =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A Task `Resource` naming a Lambda function directly (what the engine runs as one). */
const LAMBDA_ARN = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/;
/** The Lambda service integration, any pattern (`lambda:invoke`, `.waitForTaskToken`). */
const LAMBDA_INVOKE = /^arn:[^:]+:states:::lambda:invoke(?:\.|$)/;

/**
 * The Lambda function names `definition` uses, unique, in order of first appearance: Task
 * resources that are Lambda ARNs (`arn:aws:lambda:<region>:<account>:function:<name>[:q]`), and
 * `arn:aws:states:::lambda:invoke` tasks whose `Parameters.FunctionName` (JSONPath) or
 * `Arguments.FunctionName` (JSONata) is a literal string, a name or an ARN. Walks Parallel
 * branches and Map processors (`ItemProcessor` or the older `Iterator`). A `FunctionName.$`
 * path or a `{% JSONata %}` name is only known at run time, so it is skipped. Never throws, on
 * any input.
 */
export function lambdaFunctionsOf(definition: unknown): string[] {
	const names = new Set<string>();
	const visitBlock = (block: unknown, depth: number): void => {
		if (!isObject(block) || !isObject(block.States) || depth > 50) return;
		for (const state of Object.values(block.States)) {
			if (!isObject(state)) continue;
			if (state.Type === 'Task') {
				const name = taskFunction(state);
				if (name !== undefined) names.add(name);
			} else if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
				for (const branch of state.Branches) visitBlock(branch, depth + 1);
			} else if (state.Type === 'Map') {
				visitBlock(state.ItemProcessor ?? state.Iterator, depth + 1);
			}
		}
	};
	visitBlock(definition, 0);
	return [...names];
}

function taskFunction(task: Obj): string | undefined {
	const resource = task.Resource;
	if (typeof resource !== 'string') return undefined;
	const direct = LAMBDA_ARN.exec(resource);
	if (direct) return direct[1];
	if (!LAMBDA_INVOKE.test(resource)) return undefined;
	for (const field of ['Parameters', 'Arguments']) {
		const payload = task[field];
		const name = isObject(payload) ? payload.FunctionName : undefined;
		if (typeof name === 'string' && !/^\{%[\s\S]*%\}$/.test(name)) {
			return parseFunctionName(name)?.name ?? name;
		}
	}
	return undefined;
}

/** One tab of the handler editor. */
export interface HandlerTab {
	/** The function name (used functions) or the handler key (unused handlers). */
	readonly name: string;
	/** The key in `handlers` holding its source; absent when there is no handler yet. */
	readonly key?: string;
	/** False for a handler that no Task of the definition uses. */
	readonly used: boolean;
}

/**
 * The handler editor's tabs: one per function the definition uses (in that order), matched with
 * its handler the way the sandbox resolves it (`resolveFunction`: a handler keyed by name or by
 * ARN serves the function), then one per handler nothing uses, in key order.
 */
export function handlerTabs(
	functions: readonly string[],
	handlers: Readonly<Record<string, string>>
): HandlerTab[] {
	const keys = Object.keys(handlers);
	const used = functions.map((name) => {
		const key = resolveFunction(keys, name);
		return key === undefined ? { name, used: true } : { name, key, used: true };
	});
	const taken = new Set(used.map((tab) => tab.key));
	const unused = keys
		.filter((key) => !taken.has(key))
		.map((key) => ({ name: key, key, used: false }));
	return [...used, ...unused];
}

/** The source "Add a stub" inserts for function `name`: logs its event and returns it. */
export function handlerStub(name: string): string {
	const literal = `'${name.replace(/[\\']/g, '\\$&')}'`;
	return `export const handler = async (event, context) => {\n  console.log(${literal}, event);\n  return event;\n};\n`;
}
