import { parseFunctionName, resolveFunction, serviceTask } from '../sandbox/function-names.js';

/**
 * Which Lambda functions and other task resources a definition uses, and how they line up with
 * the handlers a visitor wrote: the data behind the handler editor's tabs.
 */

type Obj = { readonly [key: string]: unknown };
const isObject = (value: unknown): value is Obj =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether `value` is a `{% JSONata %}` expression string. */
const isJsonata = (value: unknown): boolean =>
	typeof value === 'string' && /^\{%[\s\S]*%\}$/.test(value);

/** A Task `Resource` naming a Lambda function directly (what the engine runs as one). */
const LAMBDA_ARN = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/;
/** The Lambda service integration, any pattern (`lambda:invoke`, `.waitForTaskToken`). */
const LAMBDA_INVOKE = /^arn:[^:]+:states:::lambda:invoke(?:\.|$)/;

/**
 * What the handlers of `definition` answer, unique, in order of first appearance:
 * - Lambda function names: Task resources that are Lambda ARNs
 *   (`arn:aws:lambda:<region>:<account>:function:<name>[:q]`), and
 *   `arn:aws:states:::lambda:invoke` tasks whose `Parameters.FunctionName` (JSONPath) or
 *   `Arguments.FunctionName` (JSONata) is a literal string, a name or an ARN. A
 *   `FunctionName.$` path or a `{% JSONata %}` name is only known at run time, so it is skipped.
 * - the keys of other Task resources, service integrations and activities (`serviceTask`),
 *   which a handler can stand in for.
 * Walks Parallel branches and Map processors (`ItemProcessor` or the older `Iterator`). Never
 * throws, on any input.
 */
export function taskHandlersOf(definition: unknown): string[] {
	const names = new Set<string>();
	visitTasks(definition, (task) => {
		const name = taskFunction(task);
		if (name !== undefined) names.add(name);
		else if (typeof task.Resource === 'string') {
			const service = serviceTask(task.Resource);
			if (service) names.add(service.key);
		}
	});
	return [...names];
}

/**
 * Whether a `lambda:invoke` Task of `definition` names its function only at run time (a
 * `FunctionName.$` path, a `{% JSONata %}` FunctionName or Arguments): the handler it calls then
 * has no tab of its own, and any handler may be the one. Never throws, on any input.
 */
export function hasRunTimeFunctionNames(definition: unknown): boolean {
	let found = false;
	visitTasks(definition, (task) => {
		if (typeof task.Resource !== 'string' || !LAMBDA_INVOKE.test(task.Resource)) return;
		const { Parameters: parameters, Arguments: args } = task;
		if (isObject(parameters) && 'FunctionName.$' in parameters) found = true;
		if (typeof args === 'string' || (isObject(args) && isJsonata(args.FunctionName))) found = true;
	});
	return found;
}

/** Calls `visit` with every Task state, through Parallel branches and Map processors. */
function visitTasks(definition: unknown, visit: (task: Obj) => void): void {
	const visitBlock = (block: unknown, depth: number): void => {
		if (!isObject(block) || !isObject(block.States) || depth > 50) return;
		for (const state of Object.values(block.States)) {
			if (!isObject(state)) continue;
			if (state.Type === 'Task') visit(state);
			else if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
				for (const branch of state.Branches) visitBlock(branch, depth + 1);
			} else if (state.Type === 'Map') {
				visitBlock(state.ItemProcessor ?? state.Iterator, depth + 1);
			}
		}
	};
	visitBlock(definition, 0);
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
		if (typeof name === 'string' && !isJsonata(name)) {
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
	/** What the tab shows: the function name, or `sns:publish` for a service integration. */
	readonly label: string;
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
	const used = functions.map((name): HandlerTab => {
		const key = resolveFunction(keys, name);
		const label = handlerLabel(name);
		return key === undefined ? { name, used: true, label } : { name, key, used: true, label };
	});
	const taken = new Set(used.map((tab) => tab.key));
	const unused = keys
		.filter((key) => !taken.has(key))
		.map((key) => ({ name: key, key, used: false, label: handlerLabel(key) }));
	return [...used, ...unused];
}

/** How a handler key reads in the editor: service integrations by service and action. */
export function handlerLabel(key: string): string {
	return serviceTask(key)?.label ?? key;
}

/**
 * The source "Add a stub" inserts for `name`: logs its event and returns it. For a service
 * integration it says what the handler stands in for.
 */
export function handlerStub(name: string): string {
	const label = handlerLabel(name);
	const literal = `'${label.replace(/[\\']/g, '\\$&')}'`;
	const note =
		label === name
			? ''
			: `// Stands in for ${label}: return the response the service would give.\n`;
	return `${note}export const handler = async (event, context) => {\n  console.log(${literal}, event);\n  return event;\n};\n`;
}
