import { CSV_DELIMITERS, readerAction } from '../../../engine/core.js';
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
	visitStates(definition, (state) => {
		if (state.Type === 'Map') {
			const reader = readerOf(state);
			if (reader) names.add(reader.resource);
			return;
		}
		if (state.Type !== 'Task') return;
		const name = taskFunction(state);
		if (name !== undefined) names.add(name);
		else if (typeof state.Resource === 'string') {
			const service = serviceTask(state.Resource);
			if (service) names.add(service.key);
		}
	});
	return [...names];
}

/** A Map state's `ItemReader`, when it reads from S3: its resource and `ReaderConfig`. */
function readerOf(state: Obj): { resource: string; config: Obj } | undefined {
	const reader = state.ItemReader;
	if (!isObject(reader) || typeof reader.Resource !== 'string') return undefined;
	if (!readerAction(reader.Resource)) return undefined;
	return {
		resource: reader.Resource,
		config: isObject(reader.ReaderConfig) ? reader.ReaderConfig : {}
	};
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
	visitStates(definition, (state) => {
		if (state.Type === 'Task') visit(state);
	});
}

/** Calls `visit` with every state, through Parallel branches and Map processors. */
function visitStates(definition: unknown, visit: (state: Obj) => void): void {
	const visitBlock = (block: unknown, depth: number): void => {
		if (!isObject(block) || !isObject(block.States) || depth > 50) return;
		for (const state of Object.values(block.States)) {
			if (!isObject(state)) continue;
			visit(state);
			if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
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
 * integration it says what the handler stands in for. For the S3 resource of a Distributed Map's
 * `ItemReader` in `definition`, it returns a small dataset in the shape the reader expects
 * (`readerStub`).
 */
export function handlerStub(name: string, definition?: unknown): string {
	const reader = readerStub(name, definition);
	if (reader !== undefined) return reader;
	const label = handlerLabel(name);
	const literal = `'${label.replace(/[\\']/g, '\\$&')}'`;
	const note =
		label === name
			? ''
			: `// Stands in for ${label}: return the response the service would give.\n`;
	return `${note}export const handler = async (event, context) => {\n  console.log(${literal}, event);\n  return event;\n};\n`;
}

/**
 * The stub for `name` when it is the S3 resource an `ItemReader` of `definition` reads through:
 * a CSV text for `s3:getObject` with `InputType` CSV (a header row unless `CSVHeaderLocation` is
 * GIVEN, then one field per given header; joined with its `CSVDelimiter`), a JSON array for
 * JSON, JSON lines for JSONL, and a `Contents` list for `s3:listObjectsV2`. Otherwise
 * `undefined`.
 */
export function readerStub(name: string, definition?: unknown): string | undefined {
	let config: Obj | undefined;
	visitStates(definition, (state) => {
		const reader = state.Type === 'Map' ? readerOf(state) : undefined;
		if (config === undefined && reader?.resource === name) config = reader.config;
	});
	if (config === undefined) return undefined;
	const label = handlerLabel(name);
	const head =
		`// Stands in for ${label} (Amazon S3): the Distributed Map reads its items from what this\n` +
		"// returns. `event` is the ItemReader's Parameters (Bucket, Key, Prefix...).\n" +
		'export const handler = async (event, context) => {\n' +
		`  console.log('${label}', event);\n`;
	if (name.endsWith(':listObjectsV2')) {
		const objects = [1, 2, 3]
			.map(
				(n) =>
					`      { Key: prefix + 'item-${n}.json', LastModified: '2024-01-0${n}T00:00:00Z', ` +
					`ETag: '"etag${n}"', Size: ${n * 100}, StorageClass: 'STANDARD' }`
			)
			.join(',\n');
		return (
			head +
			"  const prefix = event.Prefix ?? '';\n" +
			`  return {\n    Contents: [\n${objects}\n    ]\n  };\n};\n`
		);
	}
	const rows = [
		['1', 'Alpha', '5'],
		['2', 'Beta', '3'],
		['3', 'Gamma', '4']
	];
	if (config.InputType === 'CSV') {
		const delimiter = CSV_DELIMITERS[String(config.CSVDelimiter ?? 'COMMA')] ?? ',';
		const given = config.CSVHeaders;
		// Given headers name columns the stub cannot guess: numbers, which any field reads.
		const lines =
			config.CSVHeaderLocation === 'GIVEN' && Array.isArray(given)
				? rows.map((_, r) => given.map((_h, i) => String(r * given.length + i + 1)))
				: [['id', 'name', 'rating'], ...rows];
		const text = lines.map((line) => line.join(delimiter)).join('\n') + '\n';
		return head + `  return ${JSON.stringify(text)};\n};\n`;
	}
	const items = rows.map((row) => ({ id: Number(row[0]), name: row[1], rating: Number(row[2]) }));
	if (config.InputType === 'JSONL') {
		const text = items.map((item) => JSON.stringify(item)).join('\n') + '\n';
		return head + `  return ${JSON.stringify(text)};\n};\n`;
	}
	const array = items.map((item) => `    ${JSON.stringify(item)}`).join(',\n');
	return head + `  return [\n${array}\n  ];\n};\n`;
}
